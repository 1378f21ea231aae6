package org.scaleinvariant.sip.nn;

/**
 * Element-wise activation functions of the hidden layers of a {@link DenseNetwork}. The derivative
 * is expressed through the activation's <em>output</em> a = σ(z), so the backward pass needs no
 * stored pre-activations.
 */
public enum Activation {
  /** Rectified linear unit, σ(z) = max(0, z); σ' = 1 where a &gt; 0, else 0 (the published network). */
  RELU {
    @Override
    public double apply(double z) {
      return z > 0 ? z : 0;
    }

    @Override
    public double derivativeFromOutput(double a) {
      return a > 0 ? 1 : 0;
    }
  },
  /** Hyperbolic tangent, σ(z) = tanh z; σ' = 1 − a². */
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    public double derivativeFromOutput(double a) {
      return 1 - a * a;
    }
  },
  /** Logistic sigmoid, σ(z) = 1/(1 + e^(−z)); σ' = a(1 − a). */
  SIGMOID {
    @Override
    public double apply(double z) {
      return 1 / (1 + Math.exp(-z));
    }

    @Override
    public double derivativeFromOutput(double a) {
      return a * (1 - a);
    }
  },
  /** No activation, σ(z) = z (a linear network). */
  IDENTITY {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double derivativeFromOutput(double a) {
      return 1;
    }
  };

  /**
   * Evaluates σ(z).
   *
   * @param z the pre-activation
   * @return σ(z)
   */
  public abstract double apply(double z);

  /**
   * Evaluates σ'(z) from a = σ(z).
   *
   * @param a the activation's output
   * @return the derivative at the corresponding z
   */
  public abstract double derivativeFromOutput(double a);

  /**
   * The lower-case name used on the command line.
   *
   * @return e.g. {@code "relu"}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
