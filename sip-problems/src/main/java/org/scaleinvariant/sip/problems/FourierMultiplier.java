package org.scaleinvariant.sip.problems;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.transform.DftNormalization;
import org.hipparchus.transform.FastFourierTransformer;
import org.hipparchus.transform.TransformType;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A linear operator on a periodic grid that multiplies every Fourier coefficient by a real number
 * depending only on the frequency's squared length: the common core of the {@link HeatEquation}
 * (multiplier {@code exp(−4π²‖k‖²·amount)}), the {@link PoissonEquation} ({@code −1/(4π²‖k‖²)}),
 * their inverses and the smooth random fields the Poisson problem draws.
 *
 * <h2>Formula</h2>
 *
 * The grid has {@code N = size} points per axis and {@code d ∈ {1, 2}} axes, {@code n = N^d}
 * points in all, flattened row-major (2-D index {@code i0·N + i1}). It samples the periodic domain
 * [0, 1)<sup>d</sup>: point i stands for the cell [i/N, (i+1)/N) per axis. With the discrete Fourier
 * transform {@code x̂(k) = Σ_r x_r·exp(−2πi·k·r/N)}, the operator is
 *
 * <pre>
 *   (M·x)_r = (1/n)·Σ_k M(‖k‖²)·x̂(k)·exp(+2πi·k·r/N),
 * </pre>
 *
 * where k runs over the integer frequencies in <b>cycles per domain length</b>, {@code k_a ∈ [−N/2,
 * N/2)} per axis (frequency index j stands for {@code k = j} if {@code j < N/2}, else {@code j −
 * N}). A multiplier that depends on ‖k‖² only is real and even, so M maps real fields to real
 * fields, is symmetric ({@code Mᵀ = M}: the convolution with a real, even kernel) and has the
 * eigenvalues M(‖k‖²). Its dense matrix is circulant, entry (r, c) = {@code h[(r − c) mod N]} per
 * axis, with h the impulse response {@code M·e₀}.
 *
 * <h2>Implementation and contract</h2>
 *
 * Each sample costs one forward and one inverse 2-D FFT (Hipparchus' {@code
 * FastFourierTransformer.transformInPlace}, rows then columns; the multiplier is applied between the
 * column transforms), i.e. O(n·log n). The multiplier values are evaluated once, at construction.
 * Instances are immutable and thread-safe; the FFT work arrays are kept per thread ({@link
 * ThreadLocal}), so {@link #apply} allocates nothing after a thread's first call. Methods check
 * shapes ({@link ErrorCode#SHAPE_MISMATCH}) but not for NaN.
 */
public final class FourierMultiplier {

  /** The smallest grid size per axis, {@value}. */
  public static final int MIN_SIZE = 2;

  /**
   * The largest number of grid points n = size<sup>d</sup>, {@value} (2<sup>14</sup>), so that the
   * dense n×n matrices of the {@link org.scaleinvariant.sip.api.Problem} SPI (Jacobians, Hessians)
   * stay addressable by an {@code int} (n² = 2<sup>28</sup>): up to 128×128 in 2-D.
   */
  public static final int MAX_POINTS = 1 << 14;

  private final int dimensions;
  private final int size;
  private final int points;
  private final double[] values;
  private final double maxAbs;
  private final double[] impulseResponse;
  private final ThreadLocal<Workspace> workspaces;

  private FourierMultiplier(int dimensions, int size, double[] values) {
    this.dimensions = dimensions;
    this.size = size;
    this.points = values.length;
    this.values = values;
    double largest = 0;
    for (int i = 0; i < points; i++) {
      if (!Double.isFinite(values[i])) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "multiplier at ‖k‖² = "
                + squaredWavenumber(i)
                + " is "
                + values[i]
                + "; allowed: a finite number");
      }
      largest = Math.max(largest, Math.abs(values[i]));
    }
    this.maxAbs = largest;
    this.workspaces = ThreadLocal.withInitial(() -> new Workspace(dimensions, size));
    double[] impulse = new double[points];
    impulse[0] = 1;
    apply(impulse, 0, impulse, 0);
    this.impulseResponse = symmetrized(impulse);
  }

  /**
   * {@code (h[t] + h[−t])/2}: the FFT's impulse response is even only up to rounding (about
   * 10<sup>−17</sup>), and a dense Jacobian must be exactly symmetric for symmetric eigensolvers.
   */
  private double[] symmetrized(double[] impulse) {
    int mask = size - 1;
    double[] even = new double[points];
    for (int t = 0; t < points; t++) {
      int mirror =
          dimensions == 1 ? (-t) & mask : ((-(t / size)) & mask) * size + ((-(t % size)) & mask);
      even[t] = 0.5 * (impulse[t] + impulse[mirror]);
    }
    return even;
  }

  /**
   * Creates the multiplier {@code M(k) = symbol(‖k‖²)}.
   *
   * @param dimensions the number of axes d, 1 or 2
   * @param size the grid points per axis N, a power of two, at least {@value #MIN_SIZE}, with
   *     N<sup>d</sup> at most {@value #MAX_POINTS}
   * @param symbol the multiplier as a function of the squared frequency ‖k‖² (an integer, in
   *     cycles² per domain length²), called once per frequency; must return finite values
   * @return the operator
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a bad dimension or size, or a
   *     non-finite multiplier value
   */
  public static FourierMultiplier radial(int dimensions, int size, DoubleUnaryOperator symbol) {
    int points = checkGrid(dimensions, size);
    double[] values = new double[points];
    for (int i = 0; i < points; i++) {
      values[i] = symbol.applyAsDouble(squaredWavenumber(dimensions, size, i));
    }
    return new FourierMultiplier(dimensions, size, values);
  }

  /**
   * Returns the multiplier {@code f(M(k))} on the same grid, e.g. a regularised inverse {@code
   * m -> m >= floor ? 1 / m : 0}. The result is again even, so real, symmetric and thread-safe.
   *
   * @param function applied to every multiplier value; must return finite values
   * @return the new operator
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a value is not finite
   */
  public FourierMultiplier map(DoubleUnaryOperator function) {
    double[] mapped = new double[points];
    for (int i = 0; i < points; i++) {
      mapped[i] = function.applyAsDouble(values[i]);
    }
    return new FourierMultiplier(dimensions, size, mapped);
  }

  /**
   * The number of axes d.
   *
   * @return 1 or 2
   */
  public int dimensions() {
    return dimensions;
  }

  /**
   * The grid points per axis N.
   *
   * @return N, a power of two
   */
  public int size() {
    return size;
  }

  /**
   * The number of grid points n = N<sup>d</sup> (the length of one sample).
   *
   * @return n
   */
  public int points() {
    return points;
  }

  /**
   * The multiplier at a frequency index (row-major over the d frequency indices j_a ∈ [0, N), DFT
   * order; see the class comment for the frequency of an index).
   *
   * @param index the frequency index in [0, n)
   * @return M(‖k‖²) at that frequency
   * @throws IndexOutOfBoundsException if the index is outside [0, n)
   */
  public double value(int index) {
    return values[index];
  }

  /**
   * The squared frequency ‖k‖² of a frequency index, in cycles² per domain length².
   *
   * @param index the frequency index in [0, n)
   * @return ‖k‖², an integer in [0, d·N²/4]
   */
  public double squaredWavenumber(int index) {
    return squaredWavenumber(dimensions, size, index);
  }

  /**
   * The largest |M(k)| over the grid: the operator's spectral norm, so {@code ‖M·x‖₂ ≤ maxAbs()·‖x‖₂}.
   *
   * @return max |M(k)|
   */
  public double maxAbs() {
    return maxAbs;
  }

  /**
   * Applies the operator to a batch of fields, {@code out_b = M·in_b}.
   *
   * @param in the fields, shape [B, n] (row-major grids)
   * @param out receives the results, shape [B, n]; may be the same array as {@code in}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than [B, n],
   *     {@link ErrorCode#INVALID_ARGUMENT} if {@code batch < 1}
   */
  public void apply(double[] in, double[] out, int batch) {
    Checks.requireShape(in, "in", batch, points);
    Checks.requireShape(out, "out", batch, points);
    Workspace workspace = workspaces.get();
    for (int b = 0; b < batch; b++) {
      transform(in, b * points, out, b * points, workspace);
    }
  }

  /**
   * Applies the operator to one field stored at an offset, {@code out[outOffset ..] = M·in[inOffset
   * ..]}.
   *
   * @param in holds the field at {@code [inOffset, inOffset + n)}
   * @param inOffset where the field starts
   * @param out receives the result at {@code [outOffset, outOffset + n)}; may be {@code in} (the
   *     input is read completely before anything is written)
   * @param outOffset where the result starts
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if a range lies outside its array
   */
  public void apply(double[] in, int inOffset, double[] out, int outOffset) {
    requireRange(in, "in", inOffset);
    requireRange(out, "out", outOffset);
    transform(in, inOffset, out, outOffset, workspaces.get());
  }

  /**
   * Writes the dense n×n matrix of the operator (circulant and exactly symmetric, entry (r, c) =
   * {@code h[(r − c) mod N]} per axis, h = {@link #impulseResponse()}). Meant for small grids and
   * tests: for 32×32 it has about a million entries. It agrees with {@link #apply} to rounding
   * (about 10<sup>−16</sup>·max|M|).
   *
   * @param out receives the matrix, row-major, at {@code [offset, offset + n²)}
   * @param offset where the matrix starts
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if the range lies outside {@code out}
   */
  public void matrix(double[] out, int offset) {
    long end = (long) offset + (long) points * points;
    if (out == null || offset < 0 || end > out.length) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "out has length "
              + (out == null ? "null" : Integer.toString(out.length))
              + "; expected at least offset + n² = "
              + end);
    }
    int mask = size - 1;
    for (int r = 0; r < points; r++) {
      int row = offset + r * points;
      if (dimensions == 1) {
        for (int c = 0; c < points; c++) {
          out[row + c] = impulseResponse[(r - c) & mask];
        }
      } else {
        int r0 = r / size;
        int r1 = r % size;
        for (int c0 = 0; c0 < size; c0++) {
          int base = ((r0 - c0) & mask) * size;
          int target = row + c0 * size;
          for (int c1 = 0; c1 < size; c1++) {
            out[target + c1] = impulseResponse[base + ((r1 - c1) & mask)];
          }
        }
      }
    }
  }

  /**
   * The impulse response {@code h = M·e₀} (the convolution kernel), made exactly even, {@code h[r] =
   * h[−r mod N]} per axis, by averaging it with its mirror image.
   *
   * @return a copy, length n, row-major
   */
  public double[] impulseResponse() {
    return impulseResponse.clone();
  }

  @Override
  public String toString() {
    return "FourierMultiplier[dimensions=" + dimensions + ", size=" + size + "]";
  }

  /**
   * Checks a grid and returns its number of points.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a bad dimension or size
   */
  static int checkGrid(int dimensions, int size) {
    return checkGrid(dimensions, size, MIN_SIZE);
  }

  /**
   * Checks a grid whose size must be at least {@code minSize} and returns its number of points.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a dimension other than 1 or 2, or a
   *     size that is not a power of two in [minSize, the largest size for the dimension]
   */
  static int checkGrid(int dimensions, int size, int minSize) {
    if (dimensions != 1 && dimensions != 2) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "dimensions = " + dimensions + " is not allowed; allowed: 1 or 2");
    }
    int maxSize = dimensions == 1 ? MAX_POINTS : (int) Math.sqrt(MAX_POINTS);
    if (size < minSize || size > maxSize || Integer.bitCount(size) != 1) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "size = "
              + size
              + " is not allowed in "
              + dimensions
              + "-D; allowed: a power of two in ["
              + minSize
              + ", "
              + maxSize
              + "] (size^dimensions <= "
              + MAX_POINTS
              + ")");
    }
    return dimensions == 1 ? size : size * size;
  }

  /** ‖k‖² of a row-major frequency index on a d-dimensional grid of N points per axis. */
  static double squaredWavenumber(int dimensions, int size, int index) {
    if (dimensions == 1) {
      double k = signedFrequency(index, size);
      return k * k;
    }
    double k0 = signedFrequency(index / size, size);
    double k1 = signedFrequency(index % size, size);
    return k0 * k0 + k1 * k1;
  }

  /** The frequency of index j along one axis: j for j &lt; N/2, else j − N. */
  static int signedFrequency(int j, int size) {
    return j < size / 2 ? j : j - size;
  }

  private void requireRange(double[] array, String name, int offset) {
    if (array == null || offset < 0 || (long) offset + points > array.length) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          name
              + " has length "
              + (array == null ? "null" : Integer.toString(array.length))
              + "; expected at least offset + n = "
              + offset
              + " + "
              + points);
    }
  }

  /** One sample: rows forward, columns forward/multiply/inverse, rows inverse. */
  private void transform(double[] in, int inOffset, double[] out, int outOffset, Workspace w) {
    int rows = dimensions == 1 ? 1 : size;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(in, inOffset + r * size, w.real[r], 0, size);
      Arrays.fill(w.imaginary[r], 0);
      FastFourierTransformer.transformInPlace(w.rows[r], DftNormalization.STANDARD, TransformType.FORWARD);
    }
    if (dimensions == 1) {
      multiply(w.real[0], w.imaginary[0], 0, 1);
    } else {
      double[] columnReal = w.column[0];
      double[] columnImaginary = w.column[1];
      for (int c = 0; c < size; c++) {
        for (int r = 0; r < size; r++) {
          columnReal[r] = w.real[r][c];
          columnImaginary[r] = w.imaginary[r][c];
        }
        FastFourierTransformer.transformInPlace(w.column, DftNormalization.STANDARD, TransformType.FORWARD);
        multiply(columnReal, columnImaginary, c, size);
        FastFourierTransformer.transformInPlace(w.column, DftNormalization.STANDARD, TransformType.INVERSE);
        for (int r = 0; r < size; r++) {
          w.real[r][c] = columnReal[r];
          w.imaginary[r][c] = columnImaginary[r];
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      FastFourierTransformer.transformInPlace(w.rows[r], DftNormalization.STANDARD, TransformType.INVERSE);
      System.arraycopy(w.real[r], 0, out, outOffset + r * size, size);
    }
  }

  /** Multiplies a line of coefficients by {@code values[first + j·stride]}, j = 0 .. N−1. */
  private void multiply(double[] real, double[] imaginary, int first, int stride) {
    for (int j = 0, i = first; j < size; j++, i += stride) {
      double m = values[i];
      real[j] *= m;
      imaginary[j] *= m;
    }
  }

  /** Per-thread FFT work arrays: one complex line per grid row, plus one column. */
  private static final class Workspace {
    final double[][] real;
    final double[][] imaginary;
    final double[][][] rows;
    final double[][] column;

    Workspace(int dimensions, int size) {
      int count = dimensions == 1 ? 1 : size;
      real = new double[count][size];
      imaginary = new double[count][size];
      rows = new double[count][][];
      for (int r = 0; r < count; r++) {
        rows[r] = new double[][] {real[r], imaginary[r]};
      }
      column = new double[2][size];
    }
  }
}
