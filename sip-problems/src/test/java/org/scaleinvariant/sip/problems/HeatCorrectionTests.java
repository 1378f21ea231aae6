package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Registries;

/**
 * The heat-correction task: the fine step damps each Fourier mode exactly, the coarse step by its
 * known multiplier (the worked numbers of the Javadoc), the derivatives are exact, the targets are
 * the fine trajectory, and the problem is discovered.
 */
class HeatCorrectionTests {
  private final HeatCorrection problem = HeatCorrection.create(Options.empty());

  private static double[] mode(int k, int size) {
    double[] s = new double[size];
    for (int i = 0; i < size; i++) {
      s[i] = Math.cos(2 * Math.PI * k * i / size);
    }
    return s;
  }

  private static double[] scaled(double[] v, double factor) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  @Test
  void fineAndCoarseStepsDampAFourierModeByTheirMultipliers() {
    for (int k : new int[] {1, 4, 8}) {
      double[] s = mode(k, 16);
      double[] fine = new double[16];
      problem.fineStep(s, fine, 1);
      double exact = Math.exp(-4 * Math.PI * Math.PI * k * k * 0.4 / 256);
      assertAllClose(scaled(s, exact), fine, 1e-14, 0, "fine, mode " + k);
      double[] coarse = new double[16];
      problem.step(s, new double[16], coarse, 1);
      double sine = Math.sin(Math.PI * k / 16);
      assertAllClose(scaled(s, 1 - 4 * 0.4 * sine * sine), coarse, 1e-14, 0, "coarse, mode " + k);
    }
    // the worked numbers: mode 4 by 0.373 (fine) and 0.2 (coarse), mode 8 by 0.019 and −0.6
    assertEquals(0.373, Math.exp(-4 * Math.PI * Math.PI * 16 * 0.4 / 256), 5e-4);
    assertEquals(0.019, Math.exp(-4 * Math.PI * Math.PI * 64 * 0.4 / 256), 5e-4);
  }

  @Test
  void theShapesTheLinearityAndTheHiddenTargets() {
    assertEquals("heat-correction", problem.id());
    assertEquals(16, problem.stateSize());
    assertEquals(16, problem.controlSize());
    assertEquals(64, problem.inputSize());
    assertEquals(64, problem.outputSize());
    assertArrayEquals(new int[] {1, 2, 3, 4}, problem.checkpoints());
    assertTrue(problem.isLinear());
    assertTrue(problem.hasExactSecondDerivatives());
    assertFalse(problem.targetsAreNetworkInput());
  }

  @Test
  void derivativesMatchCentralDifferencesAndTheVjpIsTheTransposedJacobian() {
    HeatCorrection small = HeatCorrection.create(Options.empty().with("size", "6").with("stepsPerRollout", "3"));
    SplittableRandom random = new SplittableRandom(5);
    double[] start = new double[6];
    double[] targets = new double[18];
    small.sampleTasks(random, start, targets, 1);
    ControlSequenceProblem view = new ControlSequenceProblem(small, 1);
    view.setStartStates(start, 1);
    double[] x = new double[18];
    double[] v = new double[18];
    for (int i = 0; i < 18; i++) {
      x[i] = random.nextDouble() - 0.5;
      v[i] = random.nextDouble() - 0.5;
    }
    DerivativeChecks.assertJacobianMatchesCentralDifferences(view, x, 1);
    DerivativeChecks.assertVectorJacobianProductIsTheTransposedJacobianTimesV(view, x, v, 1);
  }

  @Test
  void theTargetsAreTheFineTrajectoryAndTheFineCorrectionReproducesIt() {
    SplittableRandom random = new SplittableRandom(9);
    double[] start = new double[16];
    double[] targets = new double[64];
    problem.sampleTasks(random, start, targets, 1);
    double[] s = start.clone();
    double[] next = new double[16];
    double[] fine = new double[16];
    double[] coarse = new double[16];
    double[] correction = new double[16];
    double[] trajectory = new double[64];
    for (int t = 0; t < 4; t++) {
      // the ideal correction: u = E·s − C·s, so that C·s + u = E·s
      problem.fineStep(s, fine, 1);
      problem.step(s, new double[16], coarse, 1);
      for (int i = 0; i < 16; i++) {
        correction[i] = fine[i] - coarse[i];
      }
      problem.step(s, correction, next, 1);
      System.arraycopy(next, 0, trajectory, 16 * t, 16);
      System.arraycopy(next, 0, s, 0, 16);
    }
    assertAllClose(targets, trajectory, 1e-13, 0, "fine trajectory");
    double uncorrected = 0;
    s = start.clone();
    for (int t = 0; t < 4; t++) {
      problem.step(s, new double[16], next, 1);
      System.arraycopy(next, 0, s, 0, 16);
    }
    for (int i = 0; i < 16; i++) {
      uncorrected += Math.abs(s[i] - targets[48 + i]);
    }
    assertTrue(uncorrected > 0.01, "the coarse solver alone misses the fine solution: " + uncorrected);
  }

  @Test
  void serviceLoaderFindsTheCorrectionTask() {
    assertEquals(HeatCorrectionProvider.class, Registries.discoverProblems().get("heat-correction").getClass());
  }
}
