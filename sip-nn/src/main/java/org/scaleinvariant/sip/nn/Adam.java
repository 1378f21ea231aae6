package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1), with
 * the semantics of PyTorch's {@code torch.optim.Adam} (no weight decay, not AMSGrad), so results
 * compare with the published experiment:
 *
 * <pre>
 * t ← t + 1
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * θ ← θ − η·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 *
 * ε is added <em>after</em> the square root of the bias-corrected second moment, as in PyTorch and
 * the paper's Algorithm 1. Moments start at zero.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds m and v
 * (one value each a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class Adam extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "adam";
  /** Default learning rate η = {@value} (Kingma &amp; Ba; PyTorch; the published SIP experiment). */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /** Default β₁ = {@value}. */
  public static final double DEFAULT_BETA1 = 0.9;
  /** Default β₂ = {@value}. */
  public static final double DEFAULT_BETA2 = 0.999;
  /** Default ε = {@value}. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] m;
  private final double[] v;

  /**
   * Creates Adam with the default β₁, β₂ and ε.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Adam(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  /**
   * Creates Adam.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param epsilon ε, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public Adam(int parameterCount, double learningRate, double beta1, double beta2, double epsilon) {
    super(ID, parameterCount, learningRate);
    this.beta1 = requireUnitInterval(beta1, "beta1");
    this.beta2 = requireUnitInterval(beta2, "beta2");
    this.epsilon = Checks.requirePositive(epsilon, "epsilon");
    this.m = newState("m");
    this.v = newState("v");
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    // bias corrections as PyTorch computes them: 1 − β^t with t the step count
    double stepSize = learningRate() / (1 - Math.pow(beta1, t));
    double secondCorrection = 1 / Math.sqrt(1 - Math.pow(beta2, t));
    double oneMinusBeta1 = 1 - beta1;
    double oneMinusBeta2 = 1 - beta2;
    for (int i = 0; i < m.length; i++) {
      double g = gradient[i];
      double mi = beta1 * m[i] + oneMinusBeta1 * g;
      double vi = beta2 * v[i] + oneMinusBeta2 * g * g;
      m[i] = mi;
      v[i] = vi;
      parameters[i] -= stepSize * mi / (Math.sqrt(vi) * secondCorrection + epsilon);
    }
  }
}
