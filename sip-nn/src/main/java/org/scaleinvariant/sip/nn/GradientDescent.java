package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.Checks;

/**
 * Plain gradient descent, {@code θ ← θ − η·∂L/∂θ} (PyTorch's {@code torch.optim.SGD} without
 * momentum, dampening or weight decay).
 */
public final class GradientDescent implements Optimizer {
  /** The id, {@value}. */
  public static final String ID = "sgd";
  /** Default learning rate η = {@value} (PyTorch requires one; this is a common starting value). */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;

  private final double learningRate;
  private final int parameterCount;
  private long steps;

  /**
   * Creates gradient descent.
   *
   * @param parameterCount the size of θ
   * @param learningRate η &gt; 0
   */
  public GradientDescent(int parameterCount, double learningRate) {
    this.parameterCount = parameterCount;
    this.learningRate = Checks.requirePositive(learningRate, "learning rate");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    steps++;
    for (int i = 0; i < parameterCount; i++) {
      parameters[i] -= learningRate * gradient[i];
    }
  }
}
