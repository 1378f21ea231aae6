package org.scaleinvariant.sip.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Small vector helpers for tests: Euclidean norms, sums, scaling, slices of batch-first arrays and
 * seeded uniform draws. Every method returns a new array and leaves its arguments unchanged.
 */
public final class Vectors {
  private Vectors() {}

  /**
   * The Euclidean norm {@code ‖v‖₂}.
   *
   * @param v the vector
   * @return the norm (NaN if an entry is NaN)
   */
  public static double norm(double[] v) {
    double s = 0;
    for (double value : v) {
      s += value * value;
    }
    return Math.sqrt(s);
  }

  /**
   * The dot product {@code a·b}.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the sum of {@code a[i]·b[i]}
   */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The sum {@code a + b}.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return a new array
   */
  public static double[] plus(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] + b[i];
    }
    return r;
  }

  /**
   * The difference {@code a − b}.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return a new array
   */
  public static double[] minus(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] - b[i];
    }
    return r;
  }

  /**
   * The multiple {@code c·v}.
   *
   * @param c the factor
   * @param v the vector
   * @return a new array
   */
  public static double[] times(double c, double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = c * v[i];
    }
    return r;
  }

  /**
   * The row of sample b in a batch-first array: entries {@code [b·size, (b+1)·size)}.
   *
   * @param batch the batch-first array
   * @param b the sample index
   * @param size the values per sample (n or m)
   * @return a new array of length {@code size}
   */
  public static double[] sample(double[] batch, int b, int size) {
    return Arrays.copyOfRange(batch, b * size, (b + 1) * size);
  }

  /**
   * Seeded values, each uniform in {@code [lo, hi)}.
   *
   * @param random the generator (the caller owns its seed)
   * @param count how many values
   * @param lo the lower bound, inclusive
   * @param hi the upper bound, exclusive, {@code > lo}
   * @return a new array of length {@code count}
   */
  public static double[] uniform(SplittableRandom random, int count, double lo, double hi) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = random.nextDouble(lo, hi);
    }
    return v;
  }

  /**
   * Seeded values, each uniform in {@code [−halfWidth, halfWidth)}.
   *
   * @param random the generator (the caller owns its seed)
   * @param count how many values
   * @param halfWidth the half-width of the interval, {@code > 0}
   * @return a new array of length {@code count}
   */
  public static double[] uniform(SplittableRandom random, int count, double halfWidth) {
    return uniform(random, count, -halfWidth, halfWidth);
  }

  /**
   * Whether every entry is finite (neither NaN nor infinite).
   *
   * @param v the vector
   * @return true if all entries are finite
   */
  public static boolean allFinite(double[] v) {
    for (double value : v) {
      if (!Double.isFinite(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Formats a vector with four significant digits per entry, the first eight entries only (with
   * the total length after them) for long vectors.
   *
   * @param v the vector
   * @return e.g. {@code "[1.000e-03, -2.500e+00]"}
   */
  public static String format(double[] v) {
    StringBuilder text = new StringBuilder("[");
    int shown = Math.min(v.length, 8);
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3e", v[i]));
    }
    if (shown < v.length) {
      text.append(", … (").append(v.length).append(" entries)");
    }
    return text.append(']').toString();
  }
}
