package org.scaleinvariant.sip.app.report;

import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A loss landscape sampled on a regular grid over a box of a two-dimensional x-space: {@code
 * resolution} points per axis, the first and last on the box's edges.
 *
 * <p>Grid point (i, j), {@code 0 ≤ i, j < resolution}, is at
 *
 * <pre>
 *   x1 = x1Min + i·(x1Max − x1Min)/(resolution − 1),
 *   x2 = x2Min + j·(x2Max − x2Min)/(resolution − 1),
 * </pre>
 *
 * and its loss is {@code loss[j·resolution + i]}: the array is row-major with x1 varying fastest,
 * shape [resolution (x2), resolution (x1)]. Values may be NaN or infinite where the physics
 * overflows; writers show them as missing.
 *
 * <p>The array is not copied (grids can be large): callers must not modify it after construction.
 *
 * @param x1Min lower bound of x1
 * @param x1Max upper bound of x1, &gt; x1Min
 * @param x2Min lower bound of x2
 * @param x2Max upper bound of x2, &gt; x2Min
 * @param resolution points per axis, at least 2
 * @param loss the loss values, length {@code resolution²}, layout above
 */
public record LossGrid(double x1Min, double x1Max, double x2Min, double x2Max, int resolution, double[] loss) {

  /**
   * Checks the shape.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code loss.length != resolution²} or
   *     {@code resolution < 2}, {@link ErrorCode#INVALID_ARGUMENT} if a bound is not finite or a
   *     range is empty
   */
  public LossGrid {
    Objects.requireNonNull(loss, "loss");
    if (resolution < 2 || loss.length != resolution * resolution) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "loss grid of " + loss.length + " values for resolution " + resolution + "; expected resolution² with resolution >= 2");
    }
    if (!(Double.isFinite(x1Min) && Double.isFinite(x1Max) && Double.isFinite(x2Min) && Double.isFinite(x2Max)
        && x1Min < x1Max && x2Min < x2Max)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "box [" + x1Min + ", " + x1Max + "] x [" + x2Min + ", " + x2Max + "] is not allowed; allowed: finite bounds, min < max");
    }
  }

  /**
   * The x1 coordinate of grid column i.
   *
   * @param i the column, in [0, resolution)
   * @return {@code x1Min + i·(x1Max − x1Min)/(resolution − 1)}
   */
  public double x1(int i) {
    return x1Min + i * (x1Max - x1Min) / (resolution - 1);
  }

  /**
   * The x2 coordinate of grid row j.
   *
   * @param j the row, in [0, resolution)
   * @return {@code x2Min + j·(x2Max − x2Min)/(resolution − 1)}
   */
  public double x2(int j) {
    return x2Min + j * (x2Max - x2Min) / (resolution - 1);
  }

  /**
   * The loss at grid point (i, j).
   *
   * @param i the column (x1), in [0, resolution)
   * @param j the row (x2), in [0, resolution)
   * @return {@code loss[j·resolution + i]}
   */
  public double loss(int i, int j) {
    return loss[j * resolution + i];
  }

  /**
   * The smallest finite loss on the grid, e.g. to choose a colour scale.
   *
   * @return the minimum, or NaN if no value is finite
   */
  public double minLoss() {
    double min = Double.POSITIVE_INFINITY;
    for (double v : loss) {
      if (v < min) {
        min = v;
      }
    }
    return Double.isFinite(min) ? min : Double.NaN;
  }

  /**
   * The largest finite loss on the grid.
   *
   * @return the maximum, or NaN if no value is finite
   */
  public double maxLoss() {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : loss) {
      if (Double.isFinite(v) && v > max) {
        max = v;
      }
    }
    return Double.isFinite(max) ? max : Double.NaN;
  }

  /**
   * The smallest strictly positive finite loss, the lower end of a logarithmic colour scale.
   *
   * @return the minimum over values in (0, ∞), or NaN if there is none
   */
  public double minPositiveLoss() {
    double min = Double.POSITIVE_INFINITY;
    for (double v : loss) {
      if (v > 0 && v < min) {
        min = v;
      }
    }
    return Double.isFinite(min) ? min : Double.NaN;
  }
}
