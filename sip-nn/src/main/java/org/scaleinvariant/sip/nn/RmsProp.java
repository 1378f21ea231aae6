package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * RMSProp (Tieleman &amp; Hinton, "Lecture 6.5 — RmsProp: Divide the gradient by a running average
 * of its recent magnitude", COURSERA: Neural Networks for Machine Learning, 2012), with the
 * semantics of PyTorch's {@code torch.optim.RMSprop(centered=False, momentum=0, weight_decay=0)}:
 *
 * <pre>
 * v ← α·v + (1 − α)·g²        (v starts at 0)
 * θ ← θ − η·g / (√v + ε)
 * </pre>
 *
 * <p>Where frameworks differ: ε is added <em>after</em> the square root, as in PyTorch (Keras and
 * TensorFlow add it inside, √(v + ε)). v starts at zero and is not bias-corrected, so the first
 * step is η·g/(√(1 − α)·|g| + ε) ≈ 10·η·sign(g) for α = 0.99: with η = 1e-2 and any g ≠ 0 it moves
 * θ by about 0.1. The decay α = {@value #DEFAULT_ALPHA} is PyTorch's; the lecture used 0.9 (and
 * Keras uses 0.9). Neither the centered variant (Graves 2013) nor momentum is implemented.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds v (one
 * value a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class RmsProp extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "rmsprop";
  /** Default learning rate η = {@value} (PyTorch). */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;
  /** Default decay α = {@value} (PyTorch's {@code alpha}). */
  public static final double DEFAULT_ALPHA = 0.99;
  /** Default ε = {@value} (PyTorch). */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double alpha;
  private final double epsilon;
  private final double[] v;

  /**
   * Creates RMSProp with the default α and ε.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public RmsProp(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_ALPHA, DEFAULT_EPSILON);
  }

  /**
   * Creates RMSProp.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param alpha the decay α in [0, 1)
   * @param epsilon ε, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public RmsProp(int parameterCount, double learningRate, double alpha, double epsilon) {
    super(ID, parameterCount, learningRate);
    this.alpha = requireUnitInterval(alpha, "alpha");
    this.epsilon = Checks.requirePositive(epsilon, "epsilon");
    this.v = newState("v");
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    double learningRate = learningRate();
    double oneMinusAlpha = 1 - alpha;
    for (int i = 0; i < v.length; i++) {
      double g = gradient[i];
      double vi = alpha * v[i] + oneMinusAlpha * g * g;
      v[i] = vi;
      parameters[i] -= learningRate * g / (Math.sqrt(vi) + epsilon);
    }
  }
}
