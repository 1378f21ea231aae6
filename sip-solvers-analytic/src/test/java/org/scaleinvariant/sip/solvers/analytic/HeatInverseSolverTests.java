package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.solvers.analytic.Fields.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.FourierMultiplier;
import org.scaleinvariant.sip.problems.HeatEquation;

/**
 * The truncated inverse of the heat equation: exact on the resolvable band, inert and bounded
 * outside it, finite for noise at every frequency.
 */
class HeatInverseSolverTests {
  private static final HeatInverseSolverProvider PROVIDER = new HeatInverseSolverProvider();

  private static InverseSolver solver(HeatEquation heat, double threshold) {
    return PROVIDER.create(heat, Options.empty().with("threshold", Double.toString(threshold)));
  }

  /** Projects fields onto the frequencies with K ≥ τ (inside = true) or K &lt; τ (inside = false). */
  private static double[] band(HeatEquation heat, double threshold, double[] fields, int batch, boolean inside) {
    FourierMultiplier indicator = heat.kernel().map(k -> (k >= threshold) == inside ? 1 : 0);
    double[] projected = new double[fields.length];
    indicator.apply(fields, projected, batch);
    return projected;
  }

  /** A random configuration: d ∈ {1, 2}, N ∈ {8, 16, 32, 64}, a log-uniform in [1e-4, 1e-2]. */
  private static HeatEquation randomHeat(SplittableRandom random) {
    int dimensions = 1 + random.nextInt(2);
    int size = 8 << random.nextInt(4);
    double amount = Math.exp(random.nextDouble(Math.log(1e-4), Math.log(1e-2)));
    return new HeatEquation(dimensions, size, amount);
  }

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void targetsWithinTheResolvableBandAreReachedToRounding(long seed) {
    // τ log-uniform in [1e-9, 1e-3]; x and x' white noise of deviation s (log-uniform in [1e-2, 1e2])
    // projected onto the band K ≥ τ; t = P(x'). Then P(x + Δx) = t to 1e-13·max|x, x'| (rounding of
    // O(max|x|) values), and x + Δx = x' up to the rounding of t − y amplified by at most 1/τ:
    // 1e-14/τ·max|x, x'|.
    SplittableRandom random = new SplittableRandom(seed);
    HeatEquation heat = randomHeat(random);
    double threshold = Math.exp(random.nextDouble(Math.log(1e-9), Math.log(1e-3)));
    int n = heat.inputSize();
    int batch = 3;
    double scale = Math.exp(random.nextDouble(Math.log(1e-2), Math.log(1e2)));
    double[] x = band(heat, threshold, Fields.whiteNoise(random, batch * n, scale), batch, true);
    double[] solution = band(heat, threshold, Fields.whiteNoise(random, batch * n, scale), batch, true);
    double[] y = new double[batch * n];
    double[] t = new double[batch * n];
    heat.forward(x, y, batch);
    heat.forward(solution, t, batch);
    double[] dx = new double[batch * n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver(heat, threshold).step(x, y, t, dx, batch, diagnostics);
    double size = Math.max(Fields.maxAbs(x), Fields.maxAbs(solution));
    double[] corrected = x.clone();
    for (int i = 0; i < corrected.length; i++) {
      corrected[i] += dx[i];
    }
    double[] reached = new double[batch * n];
    heat.forward(corrected, reached, batch);
    String context = heat + " τ=" + threshold;
    assertClose(t, reached, 1e-13 * size, "P(x + Δx) = t; " + context);
    assertClose(solution, corrected, 1e-14 / threshold * size, "x + Δx = x'; " + context);
    assertEquals(0, diagnostics.failed());
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void theResidualOfAnyTargetIsBoundedByTheThreshold(long seed) {
    // x from the problem's rectangles, x' = x + white noise (no band limit), t = P(x'): only the
    // frequencies below the floor are missed, each damped by K < τ, so ‖P(x + Δx) − t‖₂ ≤
    // τ·‖x' − x‖₂ (Parseval), plus rounding 1e-13·‖t‖₂.
    SplittableRandom random = new SplittableRandom(seed);
    HeatEquation heat = randomHeat(random);
    double threshold = Math.exp(random.nextDouble(Math.log(1e-9), Math.log(1e-2)));
    int n = heat.inputSize();
    double[] y = new double[n];
    double[] x = new double[n];
    heat.sampleTrainingPairs(random, y, x, 1);
    double[] difference = Fields.whiteNoise(random, n, 1);
    double[] solution = x.clone();
    for (int i = 0; i < n; i++) {
      solution[i] += difference[i];
    }
    double[] t = new double[n];
    heat.forward(solution, t, 1);
    double[] dx = new double[n];
    solver(heat, threshold).step(x, y, t, dx, 1, new SolverDiagnostics());
    for (int i = 0; i < n; i++) {
      x[i] += dx[i];
    }
    double[] reached = new double[n];
    heat.forward(x, reached, 1);
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = reached[i] - t[i];
    }
    double bound = threshold * Fields.norm(difference, 0, n) + 1e-13 * Fields.norm(t, 0, n);
    double actual = Fields.norm(residual, 0, n);
    assertTrue(actual <= bound, heat + " τ=" + threshold + ": ‖P(x + Δx) − t‖ = " + actual + " > " + bound);
  }

  @ParameterizedTest(name = "d={0} N={1}")
  @CsvSource({"1, 32", "1, 64", "2, 32", "2, 64"})
  void noiseAtEveryFrequencyGivesAFiniteBoundedStepThatLeavesTheUnresolvableBandAlone(
      int dimensions, int size) {
    // The default amount and threshold; t = y + white noise of deviation s ∈ {1e-12, 1, 1e6} (noise
    // at every frequency, most of it far below the resolvable kernel values). Δx is finite, ‖Δx‖ ≤
    // ‖t − y‖/τ, and its part at frequencies with K < τ is zero up to rounding (1e-12·‖Δx‖).
    HeatEquation heat = new HeatEquation(dimensions, size, HeatEquation.DEFAULT_AMOUNT);
    double threshold = HeatInverseSolverProvider.DEFAULT_THRESHOLD;
    InverseSolver solver = PROVIDER.create(heat, Options.empty());
    int n = heat.inputSize();
    int batch = 4;
    SplittableRandom random = new SplittableRandom(dimensions * 1000L + size);
    for (double scale : new double[] {1e-12, 1, 1e6}) {
      double[] y = new double[batch * n];
      double[] x = new double[batch * n];
      heat.sampleTrainingPairs(random, y, x, batch);
      double[] noise = Fields.whiteNoise(random, batch * n, scale);
      double[] t = y.clone();
      for (int i = 0; i < t.length; i++) {
        t[i] += noise[i];
      }
      double[] dx = new double[batch * n];
      SolverDiagnostics diagnostics = new SolverDiagnostics();
      solver.step(x, y, t, dx, batch, diagnostics);
      assertTrue(Fields.allFinite(dx), "finite at s=" + scale);
      assertEquals(0, diagnostics.failed());
      double[] outside = band(heat, threshold, dx, batch, false);
      for (int b = 0; b < batch; b++) {
        double step = Fields.norm(dx, b * n, n);
        double change = Fields.norm(noise, b * n, n);
        String context = heat + " s=" + scale + " sample " + b;
        assertTrue(step <= change / threshold * (1 + 1e-12), context + ": ‖Δx‖ = " + step + " > ‖t − y‖/τ");
        assertTrue(step > 0, context);
        double leaked = Fields.norm(outside, b * n, n);
        assertTrue(leaked <= 1e-12 * step, context + ": ‖Δx‖ beyond the band = " + leaked);
      }
    }
  }

  @Test
  void anExtremeThresholdThatOverflowsGivesZeroStepsCountedAsFailed() {
    // τ = 1e-300 inverts kernel values down to 1e-300 (‖k‖² ≈ 350 at a = 0.05 on 64×64), so
    // noise of deviation 1e10 there overflows to ∞. Those samples get Δx = 0 and are counted as
    // failed; nothing non-finite escapes.
    HeatEquation heat = new HeatEquation(2, 64, 0.05);
    InverseSolver solver = solver(heat, 1e-300);
    int n = heat.inputSize();
    SplittableRandom random = new SplittableRandom(17);
    double[] y = new double[2 * n];
    double[] x = new double[2 * n];
    heat.sampleTrainingPairs(random, y, x, 2);
    double[] t = y.clone();
    double[] noise = Fields.whiteNoise(random, n, 1e10);
    System.arraycopy(noise, 0, t, n, n);
    double[] dx = new double[2 * n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver.step(x, y, t, dx, 2, diagnostics);
    assertTrue(Fields.allFinite(dx));
    assertEquals(1, diagnostics.failed(), diagnostics.toString());
    assertEquals(0, Fields.norm(dx, n, n), "the overflowing sample's step is zero");
    assertEquals(0, Fields.maxAbs(java.util.Arrays.copyOfRange(dx, 0, n)), "t = y: no step");
  }

  @Test
  void diagnosticsCountTheUninvertedFrequenciesPerSample() {
    // Default amount and τ = 1e-6: K ≥ 1e-6 ⟺ ‖k‖² ≤ 179, which holds for 561 of the 1024
    // frequencies of a 32×32 grid (and 561 of 4096 at 64×64; 27 of 32 in 1-D): 463 per sample are
    // not inverted. This pins the worked number of HeatInverseSolverProvider's Javadoc.
    int[][] cases = {{2, 32, 463}, {2, 64, 4096 - 561}, {1, 32, 5}};
    for (int[] c : cases) {
      HeatEquation heat = new HeatEquation(c[0], c[1], HeatEquation.DEFAULT_AMOUNT);
      int n = heat.inputSize();
      double[] zero = new double[3 * n];
      SolverDiagnostics diagnostics = new SolverDiagnostics();
      PROVIDER.create(heat, Options.empty()).step(zero, zero, zero, new double[3 * n], 3, diagnostics);
      assertEquals(3, diagnostics.samples());
      assertEquals(3L * c[2], diagnostics.regularized(), heat.toString());
      assertEquals(0, diagnostics.failed());
      assertEquals(0, diagnostics.clipped());
      assertEquals(0, diagnostics.indefinite());
    }
  }
}
