package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * What every optimizer here shares: the id, the learning rate and the parameter count fixed at
 * construction, the step counter, the size checks of {@link #step}, and the range checks of the
 * hyper-parameters. A subclass holds its state arrays and implements only its update rule, {@link
 * #update}.
 */
abstract class AbstractOptimizer implements Optimizer {
  private final String id;
  private final double learningRate;
  private final int parameterCount;
  private long steps;

  /**
   * Checks and stores the common settings.
   *
   * @param id the optimizer id
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  AbstractOptimizer(String id, int parameterCount, double learningRate) {
    this.id = id;
    this.parameterCount = Checks.requireAtLeast(parameterCount, 1, "parameter count");
    this.learningRate = Checks.requirePositive(learningRate, "learning rate");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final double learningRate() {
    return learningRate;
  }

  @Override
  public final long steps() {
    return steps;
  }

  /**
   * The size of θ given at construction.
   *
   * @return n
   */
  final int parameterCount() {
    return parameterCount;
  }

  @Override
  public final void step(double[] parameters, double[] gradient) {
    Checks.requireShape(parameters, "parameters", 1, parameterCount);
    Checks.requireShape(gradient, "gradient", 1, parameterCount);
    steps++;
    update(parameters, gradient, steps);
  }

  /**
   * Applies update number {@code t} to the first {@link #parameterCount()} values of θ. The arrays
   * are checked already; allocates nothing.
   *
   * @param parameters θ, updated in place
   * @param gradient ∂L/∂θ
   * @param t the 1-based number of this update
   */
  abstract void update(double[] parameters, double[] gradient, long t);

  /**
   * Checks a decay rate or momentum factor: {@code 0 ≤ value < 1} (NaN is rejected).
   *
   * @param value the value
   * @param name its name in the message, e.g. {@code "beta1"}
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static double requireUnitInterval(double value, String name) {
    if (!(value >= 0 && value < 1)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, name + " = " + value + " is not allowed; allowed: a number in [0, 1)");
    }
    return value;
  }

  /**
   * Checks a finite value {@code ≥ 0} (NaN is rejected).
   *
   * @param value the value
   * @param name its name in the message
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static double requireNonNegative(double value, String name) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, name + " = " + value + " is not allowed; allowed: a finite number >= 0");
    }
    return value;
  }
}
