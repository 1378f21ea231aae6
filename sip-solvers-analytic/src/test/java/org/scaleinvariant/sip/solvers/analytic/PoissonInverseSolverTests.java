package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scaleinvariant.sip.solvers.analytic.Fields.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.PoissonEquation;

/** The Laplacian as the exact inverse of the Poisson problem on zero-mean targets. */
class PoissonInverseSolverTests {
  private static final PoissonInverseSolverProvider PROVIDER = new PoissonInverseSolverProvider();

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void zeroMeanTargetsAreReachedToRoundingByTheClosestExactSolution(long seed) {
    // N ∈ {8, 16, 32, 64}; x = white noise of deviation s_x plus a mean, both log-uniform / uniform
    // (s_x in [1e-2, 1e2], mean in [−5, 5)); t = zero-mean white noise of deviation s_t
    // log-uniform in [1e-4, 1e1]. P(x + Δx) = t to 1e-12·max|t| (the Laplacian amplifies rounding by
    // at most 4π²·N²/2 ≈ 8e4 at N = 64, which P undoes) plus the rounding of P applied to x + Δx,
    // 1e-15·max|x + Δx| (ε·log₂n·‖P‖ ≈ 2e-16·12·0.025 ≈ 7e-17 per unit); Δx has zero mean, and
    // x + Δx is the problem's closest exact solution of t.
    SplittableRandom random = new SplittableRandom(seed);
    PoissonEquation poisson = new PoissonEquation(8 << random.nextInt(4));
    int n = poisson.inputSize();
    int batch = 2;
    double[] x = Fields.whiteNoise(random, batch * n, Math.exp(random.nextDouble(Math.log(1e-2), Math.log(1e2))));
    double[] t = Fields.whiteNoise(random, batch * n, Math.exp(random.nextDouble(Math.log(1e-4), Math.log(1e1))));
    for (int b = 0; b < batch; b++) {
      double shift = random.nextDouble(-5, 5);
      double mean = Fields.mean(t, b * n, n);
      for (int i = b * n; i < (b + 1) * n; i++) {
        x[i] += shift;
        t[i] -= mean;
      }
    }
    double[] y = new double[batch * n];
    poisson.forward(x, y, batch);
    double[] dx = new double[batch * n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    PROVIDER.create(poisson, Options.empty()).step(x, y, t, dx, batch, diagnostics);
    double[] corrected = x.clone();
    for (int i = 0; i < corrected.length; i++) {
      corrected[i] += dx[i];
    }
    double[] reached = new double[batch * n];
    poisson.forward(corrected, reached, batch);
    String context = poisson.toString();
    double tolerance = 1e-12 * Fields.maxAbs(t) + 1e-15 * Fields.maxAbs(corrected);
    assertClose(t, reached, tolerance, "P(x + Δx) = t; " + context);
    double[] closest = new double[batch * n];
    poisson.closestSolution(x, t, closest, batch);
    assertClose(closest, corrected, 1e-9 * (Fields.maxAbs(closest) + 1), "closest exact solution; " + context);
    for (int b = 0; b < batch; b++) {
      assertClose(new double[1], new double[] {Fields.mean(dx, b * n, n)}, 1e-10 * Fields.maxAbs(dx), "mean of Δx");
    }
    assertEquals(batch, diagnostics.samples());
    assertEquals(0, diagnostics.regularized() + diagnostics.failed());
  }

  @Test
  void aTargetWithANonZeroMeanIsReachedUpToItsMean() {
    PoissonEquation poisson = new PoissonEquation(32);
    int n = poisson.inputSize();
    SplittableRandom random = new SplittableRandom(4);
    double[] yStar = new double[n];
    double[] xStar = new double[n];
    poisson.sampleTrainingPairs(random, yStar, xStar, 1);
    double[] x = Fields.whiteNoise(random, n, 1);
    double[] y = new double[n];
    poisson.forward(x, y, 1);
    double[] t = yStar.clone();
    for (int i = 0; i < n; i++) {
      t[i] += 0.25;
    }
    double[] dx = new double[n];
    PROVIDER.create(poisson, Options.empty()).step(x, y, t, dx, 1, new SolverDiagnostics());
    for (int i = 0; i < n; i++) {
      x[i] += dx[i];
    }
    double[] reached = new double[n];
    poisson.forward(x, reached, 1);
    assertClose(yStar, reached, 1e-12 * Fields.maxAbs(yStar), "P(x + Δx) = t − mean(t)");
  }

  @Test
  void oneSipStepWithEtaOneRecoversTheGroundTruthUpToTheMeanOfX() {
    // SIP at 64×64 (the published grid): t = y + η·(y* − y) with η = 1 is y*, and the analytic step
    // lands on x* + mean(x), the exact solution closest to the prediction.
    PoissonEquation poisson = PoissonEquation.create(Options.empty().with("size", "64"));
    int n = poisson.inputSize();
    SplittableRandom random = new SplittableRandom(6);
    double[] yStar = new double[4 * n];
    double[] xStar = new double[4 * n];
    poisson.sampleTrainingPairs(random, yStar, xStar, 4);
    double[] x = Fields.whiteNoise(random, 4 * n, 0.3);
    double[] y = new double[4 * n];
    poisson.forward(x, y, 4);
    double[] dx = new double[4 * n];
    InverseSolver solver = PROVIDER.create(poisson, Options.empty());
    solver.step(x, y, yStar, dx, 4, new SolverDiagnostics());
    double[] expected = xStar.clone();
    for (int b = 0; b < 4; b++) {
      double mean = Fields.mean(x, b * n, n);
      for (int i = b * n; i < (b + 1) * n; i++) {
        expected[i] += mean;
        x[i] += dx[i];
      }
    }
    assertClose(expected, x, 1e-9, "x + Δx = x* + mean(x)");
  }
}
