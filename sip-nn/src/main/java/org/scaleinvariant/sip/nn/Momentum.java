package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Gradient descent with heavy-ball momentum (Polyak, "Some methods of speeding up the convergence
 * of iteration methods", USSR Computational Mathematics and Mathematical Physics 4(5):1–17, 1964),
 * with the semantics of PyTorch's {@code torch.optim.SGD(momentum=μ, dampening=0, nesterov=False,
 * weight_decay=0)}:
 *
 * <pre>
 * b ← μ·b + g        (b starts at 0, so the first step gives b = g exactly)
 * θ ← θ − η·b
 * </pre>
 *
 * <p>Where frameworks differ: PyTorch (followed here) accumulates the raw gradient in b and applies
 * η afterwards; Polyak, Sutskever et al. (2013) and Keras accumulate the step, {@code v ← μ·v +
 * η·g; θ ← θ − v}. Both give the same iterates for a constant η (v = η·b) and differ when η
 * changes during training. There is no dampening (PyTorch's default {@code dampening = 0}) and the
 * first step is not damped either: PyTorch initialises b with a copy of the first gradient, which
 * equals μ·0 + g.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds b (one
 * value a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class Momentum extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "momentum";
  /**
   * Default learning rate η = {@value}, as for plain {@code sgd} here and Keras' {@code SGD} (PyTorch
   * releases before 2.2 have no default; 2.2 and later use 1e-3).
   */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;
  /**
   * Default momentum μ = {@value}, the usual choice (Sutskever et al. 2013 use 0.9 to 0.999); PyTorch
   * has no default (its {@code momentum = 0} turns momentum off).
   */
  public static final double DEFAULT_MOMENTUM = 0.9;

  private final double momentum;
  private final double[] b;

  /**
   * Creates heavy-ball momentum with μ = {@value #DEFAULT_MOMENTUM}.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Momentum(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_MOMENTUM);
  }

  /**
   * Creates heavy-ball momentum.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param momentum μ in [0, 1); 0 is plain gradient descent
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Momentum(int parameterCount, double learningRate, double momentum) {
    super(ID, parameterCount, learningRate);
    this.momentum = requireUnitInterval(momentum, "momentum");
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
      double bi = momentum * b[i] + gradient[i];
      b[i] = bi;
      parameters[i] -= learningRate * bi;
    }
  }
}
