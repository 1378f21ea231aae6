package org.scaleinvariant.sip.nn;

import java.util.Arrays;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * AdaGrad with a diagonal accumulator (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods
 * for Online Learning and Stochastic Optimization", JMLR 12:2121–2159, 2011, Figure 1 with
 * diagonal matrices), with the semantics of PyTorch's {@code torch.optim.Adagrad(lr_decay=0,
 * weight_decay=0)}:
 *
 * <pre>
 * s ← s + g²                  (s starts at the initial accumulator value, default 0)
 * θ ← θ − η·g / (√s + ε)
 * </pre>
 *
 * <p>Where frameworks differ: ε is added <em>after</em> the square root, as in PyTorch and as δ in
 * the paper's diagonal algorithm (H = δ·I + diag(√s) in this notation). The accumulator starts at {@value
 * #DEFAULT_INITIAL_ACCUMULATOR_VALUE} as in PyTorch, not at 0.1 as in Keras (whose defaults are
 * also η = 1e-3 and ε = 1e-7), so the first step is η·g/(|g| + ε) ≈ η·sign(g): with g = 1e-3 it
 * moves θ by η·(1 − 1e-7), not by η·1e-3/√(0.1 + 1e-6) ≈ 0.0032·η. There is no learning-rate decay
 * (PyTorch's {@code lr_decay = 0}) and no weight decay.
 *
 * <p>θ and ∂L/∂θ are flat arrays of the size given at construction. The instance holds s (one
 * value a parameter), allocated once; {@link #step} allocates nothing. Not thread-safe.
 */
public final class AdaGrad extends AbstractOptimizer {
  /** The id, {@value}. */
  public static final String ID = "adagrad";
  /** Default learning rate η = {@value} (PyTorch). */
  public static final double DEFAULT_LEARNING_RATE = 1e-2;
  /** Default ε = {@value} (PyTorch). */
  public static final double DEFAULT_EPSILON = 1e-10;
  /** Default initial accumulator value = {@value} (PyTorch's {@code initial_accumulator_value}). */
  public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.0;

  private final double epsilon;
  private final double[] sum;

  /**
   * Creates AdaGrad with the default ε and initial accumulator value.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public AdaGrad(int parameterCount, double learningRate) {
    this(parameterCount, learningRate, DEFAULT_EPSILON, DEFAULT_INITIAL_ACCUMULATOR_VALUE);
  }

  /**
   * Creates AdaGrad.
   *
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @param epsilon ε, finite and &gt; 0 (0 would turn a zero first gradient into 0/0)
   * @param initialAccumulatorValue the value every entry of s starts at, finite and ≥ 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public AdaGrad(int parameterCount, double learningRate, double epsilon, double initialAccumulatorValue) {
    super(ID, parameterCount, learningRate);
    this.epsilon = Checks.requirePositive(epsilon, "epsilon");
    this.sum = newState("sum");
    Arrays.fill(sum, requireNonNegative(initialAccumulatorValue, "initial accumulator value"));
  }

  @Override
  void update(double[] parameters, double[] gradient, long t) {
    double learningRate = learningRate();
    for (int i = 0; i < sum.length; i++) {
      double g = gradient[i];
      double si = sum[i] + g * g;
      sum[i] = si;
      parameters[i] -= learningRate * g / (Math.sqrt(si) + epsilon);
    }
  }
}
