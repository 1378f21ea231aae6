package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Plain gradient descent, {@code θ ← θ − η·∂L/∂θ} (PyTorch's {@code torch.optim.SGD} without
 * momentum, dampening or weight decay).
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. There is no state besides the
 * step counter; {@link #step} allocates nothing. Not thread-safe.
 */
public final class GradientDescent extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "sgd";
  /**
   * Default learning rate η = {@value}, a common starting value and Keras' {@code SGD} default
   * (PyTorch releases before 2.2 require one; 2.2 and later default to 1e-3).
   */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;

  /**
   * Creates gradient descent.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public GradientDescent(int parameterCount, double learningRate) {
    super(ID, parameterCount, learningRate);
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    double learningRate = learningRate();
    int parameterCount = parameterCount();
    for (int i = 0; i < parameterCount; i++) {
      parameters[i] -= learningRate * gradient[i];
    }
  }
}
