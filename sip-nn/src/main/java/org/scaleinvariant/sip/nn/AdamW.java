package org.scaleinvariant.sip.nn;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2), with the semantics of PyTorch's {@code
 * torch.optim.AdamW(amsgrad=False)}: first shrink θ, then apply the {@link Adam} update with the
 * same gradient,
 *
 * <pre>
 * θ ← θ·(1 − η·λ)
 * t ← t + 1
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * θ ← θ − η·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 *
 * <p>Where frameworks differ: the decay is multiplied by the learning rate η, as in PyTorch (and
 * Optax); the paper multiplies λ by the schedule multiplier only, not by α, so PyTorch's λ = 0.01
 * with η = 1e-3 shrinks θ by 1e-5 a step. The decay is applied before the Adam update, so the Adam
 * step is not shrunk. The gradient does not include λ·θ (that would be Adam with L2
 * regularization, PyTorch's {@code Adam(weight_decay=λ)}). β₁, β₂, ε, their placement and the bias
 * correction are {@link Adam}'s. Unlike PyTorch, η·λ ≥ 1 is rejected: it would flip or zero θ.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds m and v
 * (one value each a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class AdamW extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "adamw";
  /** Default learning rate η = {@value} (PyTorch), as {@link Adam#DEFAULT_LEARNING_RATE}. */
  public static final double DEFAULT_LEARNING_RATE = Adam.DEFAULT_LEARNING_RATE;
  /** Default weight decay λ = {@value} (PyTorch's {@code weight_decay} for AdamW). */
  public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

  private final Adam adam;
  private final double weightDecay;
  private final double shrink;

  /**
   * Creates AdamW with λ = {@value #DEFAULT_WEIGHT_DECAY} and Adam's default β₁, β₂ and ε.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public AdamW(int parameterCount, double learningRate) {
    this(
        parameterCount,
        learningRate,
        Adam.DEFAULT_BETA1,
        Adam.DEFAULT_BETA2,
        Adam.DEFAULT_EPSILON,
        DEFAULT_WEIGHT_DECAY);
  }

  /**
   * Creates AdamW.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param epsilon ε, finite and &gt; 0
   * @param weightDecay λ, finite and ≥ 0 (0 is Adam), with η·λ &lt; 1
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public AdamW(
      int parameterCount, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    super(ID, parameterCount, learningRate);
    this.adam = new Adam(parameterCount, learningRate, beta1, beta2, epsilon);
    this.weightDecay = requireNonNegative(weightDecay, "weight decay");
    if (!(learningRate * weightDecay < 1)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "learning rate * weight decay = "
              + learningRate
              + " * "
              + weightDecay
              + " = "
              + learningRate * weightDecay
              + " is not allowed; allowed: a product < 1");
    }
    this.shrink = 1 - learningRate * weightDecay;
  }

  /**
   * The decoupled weight decay λ.
   *
   * @return λ
   */
  public double weightDecay() {
    return weightDecay;
  }

  @Override
  List<String> stateNames() {
    return adam.stateNames();
  }

  @Override
  double[][] stateArrays() {
    return adam.stateArrays();
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    int parameterCount = parameterCount();
    for (int i = 0; i < parameterCount; i++) {
      parameters[i] *= shrink;
    }
    adam.update(parameters, gradient, t);
  }
}
