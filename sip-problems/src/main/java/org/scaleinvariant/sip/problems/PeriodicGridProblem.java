package org.scaleinvariant.sip.problems;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * What the linear problems on periodic grids share: {@code y = P(x)} is a {@link FourierMultiplier}
 * (n = m = grid points), the Jacobian is that operator's constant, symmetric matrix, the output
 * Hessians vanish, and ground-truth fields x* are drawn by the subclass with y* = P(x*).
 *
 * <p>Batch methods check shapes ({@link ErrorCode#SHAPE_MISMATCH}), do not check for NaN and
 * allocate nothing (the operator keeps per-thread FFT workspaces). Immutable and thread-safe.
 */
abstract class PeriodicGridProblem implements Problem {
  private static final List<Integer> HIDDEN_LAYERS = List.of(256, 256);

  private final String id;
  private final Options parameters;
  private final FourierMultiplier operator;
  private final int points;

  PeriodicGridProblem(String id, Options parameters, FourierMultiplier operator) {
    this.id = id;
    this.parameters = parameters;
    this.operator = operator;
    this.points = operator.points();
  }

  /**
   * Draws one ground-truth field x* into {@code out[offset .. offset + n)}, overwriting it; the
   * subclass documents the distribution and the order of its draws.
   */
  abstract void drawSolution(SplittableRandom random, double[] out, int offset);

  /** {@inheritDoc} */
  @Override
  public final String id() {
    return id;
  }

  /** {@inheritDoc} */
  @Override
  public final Options parameters() {
    return parameters;
  }

  /** {@inheritDoc} n = number of grid points. */
  @Override
  public final int inputSize() {
    return points;
  }

  /** {@inheritDoc} m = n = number of grid points. */
  @Override
  public final int outputSize() {
    return points;
  }

  /**
   * Applies the physics, a Fourier multiplier (see the class comment), to each field.
   *
   * @param x the fields, shape [B, n]
   * @param y receives P(x), shape [B, n]; may be the same array as x
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public final void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(y, "y", batch, points);
    operator.apply(x, y, batch);
  }

  /**
   * Writes the constant Jacobian, the dense, exactly symmetric circulant matrix of P, for every
   * sample. Large: n² = 1,048,576 entries (8 MiB) per sample at 32×32; meant for small grids and
   * tests (DP training and the analytic solvers never call it).
   *
   * @param x the inputs, shape [B, n] (not read: P is linear)
   * @param jacobian receives J, shape [B, n, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public final void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(jacobian, "jacobian", batch, points * points);
    for (int b = 0; b < batch; b++) {
      operator.matrix(jacobian, b * points * points);
    }
  }

  /**
   * Evaluates {@code Jᵀ·v = J·v = P(v)}: J is symmetric, so this applies the same Fourier
   * multiplier as {@link #forward} (O(n·log n), no matrix).
   *
   * @param x the inputs, shape [B, n] (not read)
   * @param cotangent the vectors v, shape [B, n]
   * @param out receives Jᵀ·v, shape [B, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public final void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(cotangent, "cotangent", batch, points);
    Checks.requireShape(out, "out", batch, points);
    operator.apply(cotangent, out, batch);
  }

  /**
   * Writes zeros: P is linear, so every output Hessian vanishes.
   *
   * @param x the inputs, shape [B, n] (not read)
   * @param weights the weights, shape [B, n] (not read)
   * @param out receives zeros, shape [B, n, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public final void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, points);
    Checks.requireShape(weights, "weights", batch, points);
    Checks.requireShape(out, "out", batch, points * points);
    Arrays.fill(out, 0, batch * points * points, 0);
  }

  /**
   * Draws targets y* = P(x*) with x* from the problem's ground-truth distribution (see the class
   * comment). Uses the generator exactly as {@link #sampleTrainingPairs} does, so the same seed
   * gives the same targets.
   *
   * @param random the generator (the caller owns its seed), not null
   * @param yStar receives the targets, shape [B, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code yStar} is shorter than [B, n]
   */
  @Override
  public final void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, points);
    for (int b = 0; b < batch; b++) {
      drawSolution(random, yStar, b * points);
      operator.apply(yStar, b * points, yStar, b * points);
    }
  }

  /**
   * Always true: x* is drawn and y* = P(x*).
   *
   * @return true
   */
  @Override
  public final boolean hasGroundTruth() {
    return true;
  }

  /**
   * Draws ground-truth fields x* (see the class comment) and their images y* = P(x*).
   *
   * @param random the generator, not null
   * @param yStar receives the targets, shape [B, n]
   * @param xStar receives the ground truths, shape [B, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than [B, n]
   */
  @Override
  public final void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, points);
    Checks.requireShape(xStar, "xStar", batch, points);
    for (int b = 0; b < batch; b++) {
      drawSolution(random, xStar, b * points);
      operator.apply(xStar, b * points, yStar, b * points);
    }
  }

  /**
   * {@code [256, 256]}: a dense network of two hidden layers, about 0.6 million weights at 32×32
   * (1024 → 256 → 256 → 1024) and 2.2 million at 64×64, a few milliseconds per batch of 128 on two
   * cores. (The published experiments used U-Nets; a dense network is what this project trains.)
   *
   * @return the widths, input to output
   */
  @Override
  public final List<Integer> defaultHiddenLayers() {
    return HIDDEN_LAYERS;
  }

  /**
   * Describes this problem: the id followed by the resolved parameters, e.g. {@code poisson{size=32}}.
   *
   * @return the description
   */
  @Override
  public final String toString() {
    return id + parameters;
  }
}
