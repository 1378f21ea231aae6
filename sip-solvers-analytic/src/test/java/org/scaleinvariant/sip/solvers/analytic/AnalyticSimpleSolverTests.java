package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.testkit.Close.assertAllClose;
import static org.scaleinvariant.sip.testkit.Vectors.plus;
import static org.scaleinvariant.sip.testkit.Vectors.uniform;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.SimpleExample;

/**
 * The exact inverse of the book's simple example: hand-computed steps and {@value #CASES} seeded
 * cases (x uniform in [−10, 10)², t0 uniform in [−5, 5), t1 uniform in [0, 25) when reachable and
 * in [−5, 0) when not, {@value #BATCH} samples).
 */
class AnalyticSimpleSolverTests {
  private static final int CASES = 300;
  private static final int BATCH = 8;
  private final SimpleExample problem = new SimpleExample();
  private final InverseSolver solver = new AnalyticSimpleSolverProvider().create(problem, Options.empty());

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  private double[] step(double[] x, double[] t, SolverDiagnostics diagnostics) {
    int batch = x.length / 2;
    double[] y = new double[x.length];
    problem.forward(x, y, batch);
    double[] dx = new double[x.length];
    solver.step(x, y, t, dx, batch, diagnostics);
    return dx;
  }

  @Test
  void handComputedStepsKeepTheBranchOfX1() {
    // t = (1, 4): x = (3, 3) → (1, 2), Δx = (−2, −1); x = (0, −0.5) → (1, −2), Δx = (1, −1.5);
    // x1 = 0 → + branch: (1, 2), Δx = (1, 2).
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double[] dx = step(new double[] {3, 3, 0, -0.5, 0, 0}, new double[] {1, 4, 1, 4, 1, 4}, diagnostics);
    assertAllClose(new double[] {-2, -1, 1, -1.5, 1, 2}, dx, 0, 0, "steps");
    assertEquals(3, diagnostics.samples());
    assertEquals(0, diagnostics.clipped());
  }

  @Test
  void negativeT1IsClippedAndCounted() {
    // t1 = −1 → x1' = 0: Δx1 = −x1
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double[] dx = step(new double[] {0, 2, 0, -3}, new double[] {0.5, -1, 0, 4}, diagnostics);
    assertAllClose(new double[] {0.5, -2, 0, -2 + 3}, dx, 0, 0, "steps");
    assertEquals(1, diagnostics.clipped());
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void reachableTargetsAreHitOnTheCurrentBranch(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = uniform(random, 2 * BATCH, 10);
    double[] t = new double[2 * BATCH];
    for (int b = 0; b < BATCH; b++) {
      t[2 * b] = random.nextDouble(-5, 5);
      t[2 * b + 1] = random.nextDouble(0, 25);
    }
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double[] moved = plus(x, step(x, t, diagnostics));
    double[] reached = new double[2 * BATCH];
    problem.forward(moved, reached, BATCH);
    for (int b = 0; b < BATCH; b++) {
      // x0 + (t0 − x0) is t0 up to an ulp of |x0| ≤ 10; x1' = ±√t1 up to ulps of 10, squared.
      assertEquals(t[2 * b], reached[2 * b], Math.ulp(10.0), "sample " + b);
      assertEquals(t[2 * b + 1], reached[2 * b + 1], 2 * 5 * 2 * Math.ulp(10.0), "sample " + b);
      assertTrue(moved[2 * b + 1] * x[2 * b + 1] >= 0, "same branch, sample " + b);
    }
    assertEquals(0, diagnostics.clipped() + diagnostics.failed());
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void unreachableTargetsMoveToTheFold(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = uniform(random, 2 * BATCH, 10);
    double[] t = new double[2 * BATCH];
    for (int b = 0; b < BATCH; b++) {
      t[2 * b] = random.nextDouble(-5, 5);
      t[2 * b + 1] = random.nextDouble(-5, 0);
    }
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double[] moved = plus(x, step(x, t, diagnostics));
    assertEquals(BATCH, diagnostics.clipped());
    for (int b = 0; b < BATCH; b++) {
      assertEquals(t[2 * b], moved[2 * b], Math.ulp(10.0));
      assertEquals(0, moved[2 * b + 1], 0, "x1 moves onto the fold");
    }
  }
}
