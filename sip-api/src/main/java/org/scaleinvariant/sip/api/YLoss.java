package org.scaleinvariant.sip.api;

/**
 * A loss in y-space, {@code L = Σ_i ℓ(y_i, y*_i)}, together with its Newton step, which SIP uses to
 * turn the loss into a y-space target (step 2 of SIP training; the chapter, section "Loss
 * functions": "for many typical L the analytical form of the Newton updates is known").
 *
 * <p>All arrays are batch-first, row-major: y and y* have shape [B, m]. Implementations are
 * immutable, thread-safe and allocation-free.
 */
public interface YLoss {

  /**
   * The id used on the command line, e.g. {@code "l2"}.
   *
   * @return the id
   */
  String id();

  /**
   * The mean per-sample loss {@code (1/B) Σ_i ℓ(y_i, y*_i)}.
   *
   * @param y the outputs, shape [B, m]
   * @param yStar the targets, shape [B, m]
   * @param batch B
   * @param size m
   * @return the mean loss
   */
  double value(double[] y, double[] yStar, int batch, int size);

  /**
   * The per-sample gradient {@code ∂ℓ(y_i, y*_i)/∂y_i} (not divided by B).
   *
   * @param y the outputs, shape [B, m]
   * @param yStar the targets, shape [B, m]
   * @param gradient receives the gradient, shape [B, m]
   * @param batch B
   * @param size m
   */
  void gradient(double[] y, double[] yStar, double[] gradient, int batch, int size);

  /**
   * The Newton-stepped target {@code t = y + Δy} with {@code Δy = −η·(∂²ℓ/∂y²)⁻¹·∂ℓ/∂y}.
   *
   * @param y the outputs, shape [B, m]
   * @param yStar the targets, shape [B, m]
   * @param eta the step size η (1 is a full Newton step, the chapter's recommendation)
   * @param target receives t, shape [B, m]
   * @param batch B
   * @param size m
   */
  void newtonTarget(double[] y, double[] yStar, double eta, double[] target, int batch, int size);
}
