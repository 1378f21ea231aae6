package org.scaleinvariant.sip.problems;

import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diffusion against independent computations: single Fourier modes (eigenvectors with the
 * closed-form decay), a periodic Gaussian (whose diffused form is known in closed form), heat
 * conservation and linearity.
 */
class HeatEquationForwardTests {
  private static final double A = HeatEquation.DEFAULT_AMOUNT;

  @ParameterizedTest(name = "d={0} N={1} k=({2}, {3})")
  @CsvSource({
    "1, 32, 1, 0",
    "1, 32, 5, 0",
    "1, 32, 16, 0",
    "1, 64, 3, 0",
    "2, 32, 1, 0",
    "2, 32, 0, 1",
    "2, 32, 3, -2",
    "2, 32, 7, 11",
    "2, 32, 16, 16",
    "2, 64, 5, 4",
  })
  void aSingleModeDecaysByExactlyTheKernel(int dimensions, int size, int k0, int k1) {
    // sin(2π·k·u + 0.3) at the cell centres is an eigenvector of the periodic diffusion with
    // eigenvalue exp(−4π²‖k‖²·a) (at the Nyquist frequency 16 only its cosine part survives
    // sampling, still an eigenvector). Values are O(1): tolerance 1e-13 absolute.
    HeatEquation heat = new HeatEquation(dimensions, size, A);
    double[] x = Grids.mode(dimensions, size, k0, k1, 0.3);
    double[] y = new double[x.length];
    heat.forward(x, y, 1);
    double decay = Math.exp(-4 * Math.PI * Math.PI * (k0 * k0 + k1 * k1) * A);
    double[] expected = x.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= decay;
    }
    assertAllClose(expected, y, 1e-13, 0, "decay " + decay);
  }

  @ParameterizedTest(name = "d={0} N={1}")
  @CsvSource({"1, 32", "1, 64", "2, 32", "2, 64"})
  void aPeriodicGaussianSpreadsAsTheContinuousHeatEquationSays(int dimensions, int size) {
    // Independent reference: ∂u/∂t = ν∇²u turns the Gaussian exp(−|u − c|²/(2σ²)) into
    // (σ²/(σ² + 2a))^(d/2)·exp(−|u − c|²/(2(σ² + 2a))) (heat kernel of variance 2a), periodised by
    // summing the images c + l, l ∈ {−3..3}^d. With σ = 0.1 the initial Fourier coefficients at the
    // Nyquist frequency are below exp(−2π²σ²(N/2)²) = 1e-22 (N = 32), so sampling loses nothing and
    // the spectral result must match to rounding: tolerance 1e-13 on values of at most 1.
    double sigma = 0.1;
    double center0 = 0.37;
    double center1 = 0.81;
    HeatEquation heat = new HeatEquation(dimensions, size, 0.003);
    double widened = sigma * sigma + 2 * heat.amount();
    double[] x = new double[heat.inputSize()];
    double[] expected = new double[heat.inputSize()];
    for (int i = 0; i < x.length; i++) {
      double u0 = ((dimensions == 1 ? i : i / size) + 0.5) / size;
      double u1 = (i % size + 0.5) / size;
      x[i] = periodicGaussian(u0, center0, sigma * sigma);
      expected[i] = Math.sqrt(sigma * sigma / widened) * periodicGaussian(u0, center0, widened);
      if (dimensions == 2) {
        x[i] *= periodicGaussian(u1, center1, sigma * sigma);
        expected[i] *= Math.sqrt(sigma * sigma / widened) * periodicGaussian(u1, center1, widened);
      }
    }
    double[] y = new double[x.length];
    heat.forward(x, y, 1);
    assertAllClose(expected, y, 1e-13, 0, "d=" + dimensions + " N=" + size);
  }

  private static double periodicGaussian(double u, double center, double variance) {
    double sum = 0;
    for (int image = -3; image <= 3; image++) {
      double d = u - center - image;
      sum += Math.exp(-d * d / (2 * variance));
    }
    return sum;
  }

  static LongStream seeds() {
    return LongStream.range(0, 50);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void heatIsConservedAndTheDiffusionIsLinear(long seed) {
    // Random configuration: d ∈ {1, 2}, N ∈ {8, 16, 32, 64}, a log-uniform in [1e-4, 1e-1]; x from
    // the problem's own rectangles, z white noise, α, β uniform in [−3, 3). The mean is preserved
    // (K(0) = 1) to 1e-13 relative to the values, and P(αx + βz) = αP(x) + βP(z) to 1e-12.
    SplittableRandom random = new SplittableRandom(seed);
    int dimensions = 1 + random.nextInt(2);
    int size = 8 << random.nextInt(4);
    double amount = Math.exp(random.nextDouble(Math.log(1e-4), Math.log(1e-1)));
    HeatEquation heat = new HeatEquation(dimensions, size, amount);
    int n = heat.inputSize();
    double[] x = new double[n];
    heat.drawInitialState(random, x, 0);
    double[] z = Grids.whiteNoise(random, n, 1);
    double alpha = random.nextDouble(-3, 3);
    double beta = random.nextDouble(-3, 3);
    double[] batch = new double[3 * n];
    for (int i = 0; i < n; i++) {
      batch[i] = x[i];
      batch[n + i] = z[i];
      batch[2 * n + i] = alpha * x[i] + beta * z[i];
    }
    double[] y = new double[3 * n];
    heat.forward(batch, y, 3);
    String context = heat.toString();
    assertClose(Grids.mean(x, 0, n), Grids.mean(y, 0, n), 1e-13 * (1 + Grids.maxAbs(x)), 0, context);
    double[] combined = new double[n];
    for (int i = 0; i < n; i++) {
      combined[i] = alpha * y[i] + beta * y[n + i];
    }
    assertAllClose(combined, java.util.Arrays.copyOfRange(y, 2 * n, 3 * n), 1e-12 * (1 + Grids.maxAbs(x)), 0, context);
  }

  @Test
  void thePublishedSixtyFourGridRunsInPlace() {
    // 64×64, ν·T = 8 cells² (the default amount): forward may write over its input.
    HeatEquation heat = HeatEquation.create(org.scaleinvariant.sip.api.Options.empty().with("size", "64"));
    double[] x = new double[2 * heat.inputSize()];
    double[] y = new double[x.length];
    heat.sampleTrainingPairs(new SplittableRandom(4), y, x, 2);
    heat.forward(x, x, 2);
    assertAllClose(y, x, 0, 0, "in place equals out of place");
  }
}
