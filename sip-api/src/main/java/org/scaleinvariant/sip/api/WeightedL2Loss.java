package org.scaleinvariant.sip.api;

import java.util.List;

/**
 * The weighted squared-error loss {@code ℓ(y, y*) = ½ Σ_k w_k (y_k − y*_k)²} with one fixed weight
 * {@code w_k > 0} per output component k.
 *
 * <h2>Newton step</h2>
 *
 * The gradient is {@code ∂ℓ/∂y_k = w_k (y_k − y*_k)} and the Hessian the diagonal matrix {@code
 * diag(w)}, so the Newton step of equation (21) of the chapter is
 *
 * <pre>
 *   Δy = −η·diag(w)⁻¹·diag(w)(y − y*) = η·(y* − y),
 * </pre>
 *
 * the same as {@link L2Loss}'s: <b>the weights cancel</b>. That is the point of the Newton step in
 * y (the chapter, section "Loss functions"; Holl, Koltun, Thuerey, <i>Scale-invariant Learning by
 * Physics Inversion</i>, NeurIPS 2022): it is invariant to rescaling the components of y,
 * so how the loss weighs them (or in which units they are measured) does not change the target t
 * that SIP hands to the inverse solver. The weights still change {@link #value} and {@link
 * #gradient}, i.e. what is reported and what DP training (which backpropagates the gradient)
 * optimises. A worked number: {@code w = (1, 10⁴)}, {@code y − y* = (1, 1)}: the gradient is {@code
 * (1, 10⁴)}, so a gradient step in y moves the second component 10⁴ times as far; the Newton step
 * with η = 1 is {@code (−1, −1)} and lands on y*.
 *
 * <h2>Shapes and contract</h2>
 *
 * y and y* are [B, m], batch-first and row-major, with m = {@code weights().length}; a call with
 * another m throws {@link ErrorCode#SHAPE_MISMATCH}. Immutable, thread-safe and allocation-free.
 */
public final class WeightedL2Loss implements YLoss {
  /** The id, {@value}. */
  public static final String ID = "weighted-l2";

  /** Name of the weights parameter, {@value}. */
  public static final String PARAMETER_WEIGHTS = "weights";

  /**
   * The declared parameters: {@code weights}, one number &gt; 0 per output component separated by
   * commas (e.g. {@code weights=1,100}); required, no default. Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.numberList(
              PARAMETER_WEIGHTS,
              null,
              0,
              true,
              Double.POSITIVE_INFINITY,
              "one weight w_k > 0 per output component (required), e.g. 1,100;"
                  + " ℓ = ½ Σ w_k (y_k − y*_k)²"));

  private final double[] weights;

  /**
   * Creates the loss.
   *
   * @param weights one weight per output component, each finite and {@code > 0}, at least one
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if there is no weight or one is not
   *     finite and positive
   */
  public WeightedL2Loss(double... weights) {
    if (weights == null || weights.length == 0) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "weights is empty; allowed: one weight > 0 per output component");
    }
    for (int k = 0; k < weights.length; k++) {
      Checks.requirePositive(weights[k], PARAMETER_WEIGHTS + "[" + k + "]");
    }
    this.weights = weights.clone();
  }

  /**
   * The weights.
   *
   * @return a copy, length m
   */
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} Here {@code (1/B) Σ_i ½ Σ_k w_k (y_ik − y*_ik)²}.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code size} differs from the number
   *     of weights or an array is too short
   */
  @Override
  public double value(double[] y, double[] yStar, int batch, int size) {
    check(y, yStar, batch, size);
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      int o = b * size;
      for (int k = 0; k < size; k++) {
        double r = y[o + k] - yStar[o + k];
        sum += weights[k] * r * r;
      }
    }
    return 0.5 * sum / batch;
  }

  /**
   * {@inheritDoc} Here {@code w_k (y_k − y*_k)}.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code size} differs from the number
   *     of weights or an array is too short
   */
  @Override
  public void gradient(double[] y, double[] yStar, double[] gradient, int batch, int size) {
    check(y, yStar, batch, size);
    Checks.requireShape(gradient, "gradient", batch, size);
    for (int b = 0; b < batch; b++) {
      int o = b * size;
      for (int k = 0; k < size; k++) {
        gradient[o + k] = weights[k] * (y[o + k] - yStar[o + k]);
      }
    }
  }

  /**
   * {@inheritDoc} Here {@code t = y + η(y* − y)}: the weights cancel (see the class description).
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code size} differs from the number
   *     of weights or an array is too short
   */
  @Override
  public void newtonTarget(double[] y, double[] yStar, double eta, double[] target, int batch, int size) {
    check(y, yStar, batch, size);
    Checks.requireShape(target, "target", batch, size);
    int count = batch * size;
    for (int i = 0; i < count; i++) {
      target[i] = y[i] + eta * (yStar[i] - y[i]);
    }
  }

  /**
   * Describes this loss, e.g. {@code weighted-l2{weights=1,100}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(ID).append("{weights=");
    for (int k = 0; k < weights.length; k++) {
      text.append(k == 0 ? "" : ",").append(weights[k]);
    }
    return text.append('}').toString();
  }

  private void check(double[] y, double[] yStar, int batch, int size) {
    if (size != weights.length) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "weighted-l2 has "
              + weights.length
              + " weights; expected one per output component, m = "
              + size);
    }
    Checks.requireShape(y, "y", batch, size);
    Checks.requireShape(yStar, "yStar", batch, size);
  }
}
