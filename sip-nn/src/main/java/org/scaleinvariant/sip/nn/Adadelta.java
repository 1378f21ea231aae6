package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Adadelta (Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012,
 * Algorithm 1), with the semantics of PyTorch's {@code torch.optim.Adadelta(weight_decay=0)}:
 *
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²                    (v and u start at 0)
 * Δ ← √(u + ε) / √(v + ε) · g
 * u ← ρ·u + (1 − ρ)·Δ²
 * θ ← θ − η·Δ
 * </pre>
 *
 * <p>Where frameworks differ: ε is added <em>inside</em> both square roots (the paper's RMS[y] =
 * √(E[y²] + ε)), as in PyTorch. u is updated with the unscaled Δ, before η is applied, as in
 * PyTorch. The paper has no learning rate (η = 1, PyTorch's default {@value
 * #DEFAULT_LEARNING_RATE}); its experiments used ρ = 0.95, while PyTorch's default and this one is
 * ρ = {@value #DEFAULT_RHO}. No bias correction.
 *
 * <p>Adadelta starts slowly: with u = 0 the first step is √ε/√((1 − ρ)·g² + ε)·g, about
 * √ε/√(1 − ρ) = 0.0032 per parameter for any |g| ≫ 0.003 at the defaults, whatever the scale of g.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds v and u
 * (one value each a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class Adadelta extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "adadelta";
  /** Default learning rate η = {@value} (PyTorch; the paper's update has no η). */
  public static final double DEFAULT_LEARNING_RATE = 1.0;
  /** Default decay ρ = {@value} (PyTorch's {@code rho}). */
  public static final double DEFAULT_RHO = 0.9;
  /** Default ε = {@value} (PyTorch; the paper's MNIST experiments). */
  public static final double DEFAULT_EPSILON = 1e-6;

  private final double rho;
  private final double epsilon;
  private final double[] v;
  private final double[] u;

  /**
   * Creates Adadelta with the default ρ and ε.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Adadelta(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_RHO, DEFAULT_EPSILON);
  }

  /**
   * Creates Adadelta.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param rho the decay ρ in [0, 1)
   * @param epsilon ε, finite and &gt; 0 (with ε = 0 and u = 0, θ would never move)
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Adadelta(int parameterCount, double learningRate, double rho, double epsilon) {
    super(ID, parameterCount, learningRate);
    this.rho = requireUnitInterval(rho, "rho");
    this.epsilon = Checks.requirePositive(epsilon, "epsilon");
    this.v = newState("v");
    this.u = newState("u");
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    double learningRate = learningRate();
    double oneMinusRho = 1 - rho;
    for (int i = 0; i < v.length; i++) {
      double g = gradient[i];
      double vi = rho * v[i] + oneMinusRho * g * g;
      double delta = Math.sqrt(u[i] + epsilon) / Math.sqrt(vi + epsilon) * g;
      v[i] = vi;
      u[i] = rho * u[i] + oneMinusRho * delta * delta;
      parameters[i] -= learningRate * delta;
    }
  }
}
