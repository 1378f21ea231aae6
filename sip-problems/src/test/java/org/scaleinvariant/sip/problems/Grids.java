package org.scaleinvariant.sip.problems;

import java.lang.reflect.Method;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Test-only reference computations on periodic grids, independent of the FFT: fields of single
 * Fourier modes and a slow O(n²) circulant product whose kernel is summed directly from the
 * multiplier (the definition of the inverse DFT, with cosines).
 */
final class Grids {
  private Grids() {}

  /**
   * The slow reference for {@code M·x}: {@code h[t] = (1/n)·Σ_k M(‖k‖²)·cos(2π·k·t/N)} summed
   * directly over all frequencies, then {@code y_r = Σ_s h[r − s]·x_s}.
   */
  static double[] slowMultiply(int dimensions, int size, DoubleUnaryOperator symbol, double[] x) {
    int n = dimensions == 1 ? size : size * size;
    double[] kernel = new double[n];
    for (int t = 0; t < n; t++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        double phase =
            dimensions == 1
                ? frequency(k, size) * t
                : frequency(k / size, size) * (t / size) + frequency(k % size, size) * (t % size);
        sum += symbol.applyAsDouble(squared(dimensions, size, k)) * Math.cos(2 * Math.PI * phase / size);
      }
      kernel[t] = sum / n;
    }
    double[] y = new double[n];
    int mask = size - 1;
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int s = 0; s < n; s++) {
        int shift =
            dimensions == 1
                ? (r - s) & mask
                : ((r / size - s / size) & mask) * size + ((r % size - s % size) & mask);
        sum += kernel[shift] * x[s];
      }
      y[r] = sum;
    }
    return y;
  }

  /** ‖k‖² of a frequency index, computed independently of the code under test. */
  static double squared(int dimensions, int size, int index) {
    if (dimensions == 1) {
      int k = frequency(index, size);
      return (double) k * k;
    }
    int k0 = frequency(index / size, size);
    int k1 = frequency(index % size, size);
    return (double) k0 * k0 + (double) k1 * k1;
  }

  private static int frequency(int j, int size) {
    return j < size / 2 ? j : j - size;
  }

  /**
   * The mode {@code amplitude·sin(2π·(k0·u0 + k1·u1) + phase)} at the cell centres u = (i + ½)/N
   * (1-D: k1 is ignored).
   */
  static double[] mode(int dimensions, int size, int k0, int k1, double phase) {
    int n = dimensions == 1 ? size : size * size;
    double[] field = new double[n];
    for (int i = 0; i < n; i++) {
      double u0 = ((dimensions == 1 ? i : i / size) + 0.5) / size;
      double u1 = dimensions == 1 ? 0 : (i % size + 0.5) / size;
      field[i] = Math.sin(2 * Math.PI * (k0 * u0 + k1 * u1) + phase);
    }
    return field;
  }

  /** A batch of fields with independent standard-normal values ("white noise at every frequency"). */
  static double[] whiteNoise(SplittableRandom random, int count, double scale) {
    double[] field = new double[count];
    for (int i = 0; i < count; i++) {
      field[i] = scale * random.nextGaussian();
    }
    return field;
  }

  static double norm(double[] values, int offset, int count) {
    double sum = 0;
    for (int i = offset; i < offset + count; i++) {
      sum += values[i] * values[i];
    }
    return Math.sqrt(sum);
  }

  static double mean(double[] values, int offset, int count) {
    double sum = 0;
    for (int i = offset; i < offset + count; i++) {
      sum += values[i];
    }
    return sum / count;
  }

  static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /**
   * Bytes allocated by the current thread while running {@code action}, from HotSpot's per-thread
   * counter (com.sun.management.ThreadMXBean), reached through reflection so that the module needs
   * no {@code requires java.management}.
   */
  static long allocatedBytes(Runnable action) throws ReflectiveOperationException {
    Object bean =
        Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated =
        Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    long before = (long) allocated.invoke(bean, id);
    action.run();
    return (long) allocated.invoke(bean, id) - before;
  }
}
