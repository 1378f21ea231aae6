package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.Options;

/** Ground-truth pairs (supervised training, multimodal data) and the published learning rates. */
class RotatedSineGroundTruthTests {

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  private static RotatedSine sine(String form, double xi, double phi, int branches) {
    return RotatedSine.create(
        Options.of(
            Map.of("form", form, "xi", Double.toString(xi), "phi", Double.toString(phi), "branches",
                Integer.toString(branches))));
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void everyGroundTruthSolvesItsTarget(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String form = random.nextBoolean() ? "paper" : "book";
    RotatedSine problem = sine(form, 1 + 63 * random.nextDouble(), 90 * random.nextDouble(), 1 + random.nextInt(8));
    int batch = 16;
    double[] yStar = new double[2 * batch];
    double[] xStar = new double[2 * batch];
    problem.sampleTrainingPairs(random, yStar, xStar, batch);
    double[] y = new double[2 * batch];
    problem.forward(xStar, y, batch);
    for (int i = 0; i < 2 * batch; i++) {
      assertEquals(yStar[i], y[i], 1e-9 * Math.max(1, Math.abs(yStar[i])), "component " + i);
    }
  }

  @Test
  void targetsAreThoseOfSampleTargets() {
    RotatedSine problem = sine("paper", 32, 45, 3);
    double[] viaPairs = new double[40];
    problem.sampleTrainingPairs(new SplittableRandom(9), viaPairs, new double[40], 20);
    double[] viaTargets = new double[40];
    problem.sampleTargets(new SplittableRandom(9), viaTargets, 20);
    assertArrayEquals(viaTargets, viaPairs, 0, "the first draws are the targets, in the same order");
  }

  @Test
  void branchesAreTheNearestOnesToTheOriginAndAllAreUsed() {
    // φ = 0 and paper ξ = 10, γ = 10: a = γ/ξ = 1 and B = γξ = 100, so x1 = u (the sine argument)
    // and x2 = y2/100. With s = asin(y1), branch j of the Javadoc is
    //   j = 0: s;  1: π − s;  2: −π − s;  3: 2π + s;  4: −2π + s.
    RotatedSine problem = sine("paper", 10, 0, 5);
    SplittableRandom random = new SplittableRandom(1);
    TreeSet<Integer> seen = new TreeSet<>();
    double[] yStar = new double[2];
    double[] xStar = new double[2];
    for (int draw = 0; draw < 400; draw++) {
      problem.sampleTrainingPairs(random, yStar, xStar, 1);
      double s = Math.asin(yStar[0]);
      double[] branch = {s, Math.PI - s, -Math.PI - s, 2 * Math.PI + s, -2 * Math.PI + s};
      int matched = -1;
      for (int j = 0; j < branch.length; j++) {
        if (Math.abs(xStar[0] - branch[j]) < 1e-12) {
          matched = j;
        }
      }
      assertTrue(matched >= 0, "x1 = " + xStar[0] + " is none of the five branches of y1 = " + yStar[0]);
      seen.add(matched);
      assertEquals(yStar[1] / 100, xStar[1], 1e-15, "x2 = y2/(γξ)");
    }
    assertEquals(5, seen.size(), "all five branches drawn: " + seen);
  }

  @Test
  void publishedLearningRatesForThePaperForm() {
    RotatedSine paper = sine("paper", 32, 45, 1);
    assertEquals(1e-3, paper.recommendedLearningRate("adam").getAsDouble());
    assertEquals(1e-2 / 1024, paper.recommendedLearningRate("sgd").getAsDouble(), 1e-18);
    assertEquals(3e-3, paper.recommendedLearningRate("adagrad").getAsDouble());
    assertEquals(3e-3, paper.recommendedLearningRate("adadelta").getAsDouble());
    assertEquals(3e-5, paper.recommendedLearningRate("rmsprop").getAsDouble());
    assertEquals(1e-3 / 1024, paper.recommendedLearningRate("nesterov").getAsDouble(), 1e-18);
    assertEquals(1e-3 / 1024, paper.recommendedLearningRate("momentum").getAsDouble(), 1e-18);
    assertEquals(1e-3, paper.recommendedLearningRate("adamw").getAsDouble());
    assertTrue(sine("book", 32, 45, 1).recommendedLearningRate("adam").isEmpty());
  }

  @Test
  void nearToleranceIsATenthOfThePeriod() {
    // paper ξ = 32, γ = 10: a = 0.3125, period 2π/a = 20.106; a tenth: 2.0106
    assertEquals(0.2 * Math.PI / 0.3125, sine("paper", 32, 45, 1).exactSolutions().get().nearTolerance().getAsDouble(), 1e-12);
  }
}
