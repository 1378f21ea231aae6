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
import org.scaleinvariant.sip.problems.RotatedSine;
import org.scaleinvariant.sip.problems.RotatedSine.Form;

/**
 * The exact rotated-sine inverse: a hand-computed step, and {@value #CASES} seeded configurations
 * (both forms, ξ log-uniform in [0.25, 64], γ log-uniform in [0.5, 20], φ uniform in [−360°,
 * 360°], x uniform in [−10, 10)², {@value #BATCH} samples) for reachable and unreachable targets.
 */
class AnalyticRotatedSineSolverTests {
  private static final int CASES = 300;
  private static final int BATCH = 8;
  private static final double X_HALF_WIDTH = 10;

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  private static RotatedSine randomProblem(SplittableRandom random) {
    Form form = random.nextBoolean() ? Form.PAPER : Form.BOOK;
    double xi = Math.exp(random.nextDouble(Math.log(0.25), Math.log(64)));
    double gamma = Math.exp(random.nextDouble(Math.log(0.5), Math.log(20)));
    return new RotatedSine(xi, random.nextDouble(-360, 360), form, gamma);
  }

  private static InverseSolver solver(RotatedSine problem) {
    return new AnalyticRotatedSineSolverProvider().create(problem, Options.empty());
  }

  @Test
  void handComputedStepOntoTheNearerArcsineFamily() {
    // book, φ = 0, ξ = 2: P = (sin(x1)/2, 2·x2). x = (2.5, 0), t = (0.25, 3): s = 0.5, candidates
    // x1 ∈ {π/6, 5π/6, 13π/6, …}; the nearest to 2.5 is 5π/6. x2' = 3/2. Δx = (5π/6 − 2.5, 1.5).
    RotatedSine problem = new RotatedSine(2, 0, Form.BOOK, 10);
    double[] x = {2.5, 0};
    double[] y = new double[2];
    problem.forward(x, y, 1);
    double[] dx = new double[2];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver(problem).step(x, y, new double[] {0.25, 3}, dx, 1, diagnostics);
    assertAllClose(new double[] {5 * Math.PI / 6 - 2.5, 1.5}, dx, 1e-15, 1e-14, "step");
    assertEquals(1, diagnostics.samples());
    assertEquals(0, diagnostics.clipped());
  }

  /**
   * Targets {@code t = P(x')} for x' uniform in [−10, 10)² (so |t1| ≤ A): {@code P(x + Δx) = t} to
   * round-off, and no other solution's x̂1 is nearer to x's than the chosen one (brute force over
   * five periods of both arcsine families around it). Tolerance: Δx is exact up to a few ulps of
   * |x| + |x'| ≤ 30, which P amplifies by at most A·a (first output) and B (second).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void reachableTargetsAreHitExactlyOnTheNearestBranch(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = randomProblem(random);
    double[] x = uniform(random, 2 * BATCH, X_HALF_WIDTH);
    double[] t = new double[2 * BATCH];
    problem.forward(uniform(random, 2 * BATCH, X_HALF_WIDTH), t, BATCH);
    double[] y = new double[2 * BATCH];
    problem.forward(x, y, BATCH);
    double[] dx = new double[2 * BATCH];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver(problem).step(x, y, t, dx, BATCH, diagnostics);
    assertEquals(0, diagnostics.clipped() + diagnostics.failed(), diagnostics.toString());

    double[] reached = new double[2 * BATCH];
    problem.forward(plus(x, dx), reached, BATCH);
    double a = problem.frequency();
    double ulps = 8 * Math.ulp(3 * X_HALF_WIDTH);
    for (int b = 0; b < BATCH; b++) {
      String context = problem + " sample " + b;
      assertEquals(t[2 * b], reached[2 * b], problem.amplitude() * a * ulps + 1e-15, context);
      assertEquals(t[2 * b + 1], reached[2 * b + 1], problem.gain() * ulps, context);
      assertNoBranchIsNearer(problem, x[2 * b], x[2 * b + 1], dx[2 * b], dx[2 * b + 1], t[2 * b], context);
    }
  }

  /**
   * Targets with |t1/A| uniform in (1, 3] and either sign are clipped: the step is finite, counted,
   * and reaches (±A, t2).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void unreachableTargetsMoveToTheClippedTarget(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RotatedSine problem = randomProblem(random);
    double[] x = uniform(random, 2 * BATCH, X_HALF_WIDTH);
    double[] t = new double[2 * BATCH];
    double[] clippedTarget = new double[2 * BATCH];
    for (int b = 0; b < BATCH; b++) {
      double sign = random.nextBoolean() ? 1 : -1;
      t[2 * b] = sign * problem.amplitude() * (1 + random.nextDouble(1e-9, 2));
      t[2 * b + 1] = problem.gain() * random.nextDouble(-X_HALF_WIDTH, X_HALF_WIDTH);
      clippedTarget[2 * b] = sign * problem.amplitude();
      clippedTarget[2 * b + 1] = t[2 * b + 1];
    }
    double[] y = new double[2 * BATCH];
    problem.forward(x, y, BATCH);
    double[] dx = new double[2 * BATCH];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver(problem).step(x, y, t, dx, BATCH, diagnostics);
    assertEquals(BATCH, diagnostics.clipped());
    assertEquals(0, diagnostics.failed());
    for (double value : dx) {
      assertTrue(Double.isFinite(value));
    }
    double[] reached = new double[2 * BATCH];
    problem.forward(plus(x, dx), reached, BATCH);
    // sin at its maximum is flat: an error e in x̂1 changes it by only ½a²e², so 1e-15·A suffices.
    for (int b = 0; b < BATCH; b++) {
      assertEquals(clippedTarget[2 * b], reached[2 * b], 1e-15 + 1e-14 * problem.amplitude(), problem.toString());
      assertEquals(
          clippedTarget[2 * b + 1], reached[2 * b + 1], problem.gain() * 8 * Math.ulp(3 * X_HALF_WIDTH), problem.toString());
    }
  }

  /** Enumerates x̂1 candidates of both families over k* − 2 … k* + 2 and compares distances. */
  private static void assertNoBranchIsNearer(
      RotatedSine problem, double x1, double x2, double dx1, double dx2, double t1, String context) {
    double phi = Math.toRadians(problem.phiDegrees());
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double rotated = c * x1 - s * x2;
    double moved = c * (x1 + dx1) - s * (x2 + dx2);
    double chosen = Math.abs(moved - rotated);
    double a = problem.frequency();
    double period = 2 * Math.PI / a;
    double arcsin = Math.asin(Math.max(-1, Math.min(1, t1 / problem.amplitude())));
    for (double base : new double[] {arcsin / a, (Math.PI - arcsin) / a}) {
      long center = Math.round((rotated - base) / period);
      for (long k = center - 2; k <= center + 2; k++) {
        double candidate = base + k * period;
        assertTrue(
            chosen <= Math.abs(candidate - rotated) + 1e-12 * (1 + Math.abs(rotated)),
            context + ": candidate " + candidate + " is nearer to " + rotated + " than " + moved);
      }
    }
  }
}
