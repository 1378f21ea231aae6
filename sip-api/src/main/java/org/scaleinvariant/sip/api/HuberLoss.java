package org.scaleinvariant.sip.api;

import java.util.List;

/**
 * The Huber loss with threshold δ, applied per output component and summed: with the residual
 * {@code r = y − y*},
 *
 * <pre>
 *   ℓ(y, y*) = Σ_k h(r_k),   h(r) = ½r²            for |r| ≤ δ,
 *                             h(r) = δ·(|r| − ½δ)   for |r| &gt; δ,
 * </pre>
 *
 * quadratic near the target and linear far from it, so that outlying residuals weigh in with a
 * bounded gradient (P. J. Huber, "Robust Estimation of a Location Parameter", <i>Annals of
 * Mathematical Statistics</i> 35(1), 1964, 73–101). The gradient is {@code h'(r) = clip(r, −δ,
 * δ)}; the second derivative is 1 for {@code |r| < δ} and 0 for {@code |r| > δ}.
 *
 * <h2>Newton step</h2>
 *
 * This class uses, per component,
 *
 * <pre>
 *   Δy = −η·clip(r, −δ, δ),   t = y + Δy,
 * </pre>
 *
 * <ul>
 *   <li>{@code |r| ≤ δ}: h is quadratic with h'' = 1, so this is the exact Newton step of equation
 *       (21) of the chapter, {@code Δy = −η·r = η(y* − y)}, the same as {@link L2Loss}'s (η = 1
 *       lands on y*).
 *   <li>{@code |r| > δ}: h'' = 0, so Newton's step {@code −h'/h''} does not exist (it would be
 *       infinitely long). We take the Newton step of the quadratic model with the largest curvature
 *       that h has, 1: {@code q(Δ) = h(r) + h'(r)Δ + ½Δ²}. Because h' is 1-Lipschitz, q is an upper
 *       bound of {@code h(r + Δ)} (the descent lemma; Nesterov, <i>Introductory Lectures on Convex
 *       Optimization</i>, 2004, Lemma 1.2.3), touching it at Δ = 0; its minimiser is {@code Δ =
 *       −h'(r) = −δ·sign(r)}. With η = 1 the component moves by δ towards y*.
 *   <li>{@code |r| = δ}: both formulas give {@code −η·r}; the step is continuous in r.
 * </ul>
 *
 * Why this step: it is Newton's step wherever Newton's step exists; elsewhere it minimises an upper
 * bound of the loss (a majorise–minimise step), so every η in (0, 2) strictly lowers ℓ unless r =
 * 0 (by the descent lemma, {@code h(r + Δ) ≤ h(r) − η(1 − η/2)·h'(r)²}); and it limits every
 * component of Δy to η·δ, so a far target pulls the inverse solver no harder than δ, which is the
 * robustness Huber's loss is chosen for. (Iteratively reweighted least squares would instead use
 * the curvature {@code h'(r)/r = δ/|r|}, whose Newton step is again {@code −η·r}: the full L2 step,
 * which discards that robustness.)
 *
 * <p>A worked number, δ = 1, η = 1: r = 0.5 gives Δy = −0.5 (onto y*); r = 1 gives Δy = −1 (onto
 * y*); r = 4 gives Δy = −1 (three units short of y*, loss from 3.5 to 2.5).
 *
 * <p>Unlike {@link L2Loss} and {@link WeightedL2Loss}, this step is <b>not</b> invariant to
 * rescaling y: δ is measured in the units of y, and rescaling y changes which components are
 * clipped.
 *
 * <h2>Shapes and contract</h2>
 *
 * y and y* are [B, m], batch-first and row-major. Immutable, thread-safe and allocation-free.
 */
public final class HuberLoss implements YLoss {
  /** The id, {@value}. */
  public static final String ID = "huber";

  /** Name of the threshold parameter δ, {@value}. */
  public static final String PARAMETER_DELTA = "delta";

  /** Default threshold δ = {@value} (in the units of y). */
  public static final double DEFAULT_DELTA = 1;

  /**
   * The declared parameters: {@code delta}, the threshold δ, a finite number &gt; 0, default {@value
   * #DEFAULT_DELTA}. Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.number(
              PARAMETER_DELTA,
              DEFAULT_DELTA,
              0,
              true,
              Double.POSITIVE_INFINITY,
              "threshold δ (units of y): quadratic for |y − y*| ≤ δ, linear beyond;"
                  + " the Newton step moves each component by at most η·δ"));

  private final double delta;

  /**
   * Creates the loss.
   *
   * @param delta the threshold δ, finite and {@code > 0}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  public HuberLoss(double delta) {
    this.delta = Checks.requirePositive(delta, PARAMETER_DELTA);
  }

  /**
   * The threshold δ.
   *
   * @return δ, &gt; 0
   */
  public double delta() {
    return delta;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} Here {@code (1/B) Σ_i Σ_k h(y_ik − y*_ik)}.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public double value(double[] y, double[] yStar, int batch, int size) {
    Checks.requireShape(y, "y", batch, size);
    Checks.requireShape(yStar, "yStar", batch, size);
    int count = batch * size;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double magnitude = Math.abs(y[i] - yStar[i]);
      sum += magnitude <= delta ? 0.5 * magnitude * magnitude : delta * (magnitude - 0.5 * delta);
    }
    return sum / batch;
  }

  /**
   * {@inheritDoc} Here {@code clip(y − y*, −δ, δ)}.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public void gradient(double[] y, double[] yStar, double[] gradient, int batch, int size) {
    Checks.requireShape(y, "y", batch, size);
    Checks.requireShape(yStar, "yStar", batch, size);
    Checks.requireShape(gradient, "gradient", batch, size);
    int count = batch * size;
    for (int i = 0; i < count; i++) {
      gradient[i] = clip(y[i] - yStar[i]);
    }
  }

  /**
   * {@inheritDoc} Here {@code t = y − η·clip(y − y*, −δ, δ)}; see the class description for why.
   *
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public void newtonTarget(double[] y, double[] yStar, double eta, double[] target, int batch, int size) {
    Checks.requireShape(y, "y", batch, size);
    Checks.requireShape(yStar, "yStar", batch, size);
    Checks.requireShape(target, "target", batch, size);
    int count = batch * size;
    for (int i = 0; i < count; i++) {
      target[i] = y[i] - eta * clip(y[i] - yStar[i]);
    }
  }

  /**
   * Describes this loss, e.g. {@code huber{delta=1.0}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return ID + "{delta=" + delta + "}";
  }

  private double clip(double r) {
    return Math.max(-delta, Math.min(delta, r));
  }
}
