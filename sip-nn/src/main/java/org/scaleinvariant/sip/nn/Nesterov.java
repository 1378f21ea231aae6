package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Gradient descent with Nesterov momentum (Nesterov, "A method for solving the convex programming
 * problem with convergence rate O(1/k²)", Soviet Mathematics Doklady 27:372–376, 1983; for deep
 * learning Sutskever, Martens, Dahl &amp; Hinton, "On the importance of initialization and momentum
 * in deep learning", ICML 2013, eq. 3–4), with the semantics of PyTorch's {@code
 * torch.optim.SGD(momentum=μ, dampening=0, nesterov=True, weight_decay=0)}:
 *
 * <pre>
 * b ← μ·b + g        (b starts at 0, so the first step gives b = g exactly)
 * θ ← θ − η·(g + μ·b)
 * </pre>
 *
 * <p>Where frameworks differ: Sutskever et al. evaluate the gradient at the look-ahead point,
 * {@code v ← μ·v − η·∇f(θ + μ·v); θ ← θ + v}. PyTorch (followed here) uses the equivalent form
 * in the shifted variable θ + μ·v, so the gradient is the one at the current θ and no second
 * evaluation is needed; as for {@link Momentum}, b accumulates raw gradients and η is applied
 * afterwards, which matches the look-ahead form for a constant η. There is no dampening, and μ = 0
 * is rejected as PyTorch rejects {@code nesterov=True} without momentum.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds b (one
 * value a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class Nesterov extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "nesterov";
  /** Default learning rate η = {@value}, as {@link Momentum#DEFAULT_LEARNING_RATE}. */
  public static final double DEFAULT_LEARNING_RATE = Momentum.DEFAULT_LEARNING_RATE;
  /** Default momentum μ = {@value}, as {@link Momentum#DEFAULT_MOMENTUM}. */
  public static final double DEFAULT_MOMENTUM = Momentum.DEFAULT_MOMENTUM;

  private final double momentum;
  private final double[] b;

  /**
   * Creates Nesterov momentum with μ = {@value #DEFAULT_MOMENTUM}.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Nesterov(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_MOMENTUM);
  }

  /**
   * Creates Nesterov momentum.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param momentum μ in (0, 1)
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Nesterov(int parameterCount, double learningRate, double momentum) {
    super(ID, parameterCount, learningRate);
    if (!(momentum > 0 && momentum < 1)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "momentum = " + momentum + " is not allowed for Nesterov momentum; allowed: a number in (0, 1)");
    }
    this.momentum = momentum;
    this.b = newState("b");
  }

  /**
   * The momentum factor μ.
   *
   * @return μ
   */
  public double momentum() {
    return momentum;
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    double learningRate = learningRate();
    for (int i = 0; i < b.length; i++) {
      double g = gradient[i];
      double bi = momentum * b[i] + g;
      b[i] = bi;
      parameters[i] -= learningRate * (g + momentum * bi);
    }
  }
}
