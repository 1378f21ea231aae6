package org.scaleinvariant.sip.nn;

import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.L2Loss;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.YLoss;

/**
 * The settings of one training run. Immutable: {@code withXxx} methods return modified copies and
 * validate their argument.
 *
 * @param method SIP, DP or supervised training
 * @param optimizer the network optimizer's id (see {@link Optimizers})
 * @param learningRate η_NN, or NaN for the default (the problem's recommendation, else the
 *     optimizer's)
 * @param eta η, the Newton step size of the y-loss (SIP only); the chapter recommends 1
 * @param proxyLoss the x-space proxy loss (SIP only)
 * @param nnUpdates network updates per inverse-solver evaluation towards the same x̃ (SIP only)
 * @param yLoss the y-space loss
 * @param steps the number of training iterations
 * @param batch the mini-batch size B
 * @param seed the seed of the network initialisation and the training data
 * @param hidden the hidden-layer widths, or null for the problem's default
 * @param activation the hidden-layer activation
 * @param initialization the initialisation scheme, or null for the default of the activation
 * @param standardizeInput whether to standardise the network input y*, or null for the problem's
 *     recommendation
 * @param evalEvery the interval in steps between evaluations on the test set, or 0 for {@code
 *     max(1, steps/50)}
 * @param testSetSize the size of the fixed held-out test set
 * @param timeLimitSeconds the wall-time budget in seconds (infinite for none)
 * @param evaluationSet which fixed held-out set the run is measured on: the test set (reports) or
 *     the validation set (learning-rate search, so the test set never chooses a setting)
 * @param onDivergence what a step with NaN or infinite values does: stop the run, or drop the batch
 */
public record TrainingConfig(
    Method method,
    String optimizer,
    double learningRate,
    double eta,
    ProxyLoss proxyLoss,
    int nnUpdates,
    YLoss yLoss,
    int steps,
    int batch,
    long seed,
    List<Integer> hidden,
    Activation activation,
    Initialization initialization,
    Boolean standardizeInput,
    int evalEvery,
    int testSetSize,
    double timeLimitSeconds,
    EvaluationSet evaluationSet,
    OnDivergence onDivergence) {

  /** Default η = {@value}: a full Newton step of the y-loss, the chapter's recommendation. */
  public static final double DEFAULT_ETA = 1.0;
  /** Default number of training iterations, {@value}. */
  public static final int DEFAULT_STEPS = 3000;
  /** Default mini-batch size, {@value} (the published experiment). */
  public static final int DEFAULT_BATCH = 100;
  /** Default seed, {@value}. */
  public static final long DEFAULT_SEED = 0;
  /** Default size of the held-out test set, {@value} targets. */
  public static final int DEFAULT_TEST_SET_SIZE = 1024;
  /** Number of evaluation points a run records by default (interval max(1, steps/{@value})). */
  public static final int DEFAULT_EVALUATIONS = 50;

  /** The fixed held-out target sets a run can be measured on. */
  public enum EvaluationSet {
    /** The test set, drawn with {@link Trainer#TEST_SET_SEED}: the numbers that are reported. */
    TEST,
    /** The validation set, drawn with {@link Trainer#VALIDATION_SET_SEED}: for choosing settings. */
    VALIDATION
  }

  /**
   * Validates the components.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming the first invalid value
   */
  public TrainingConfig {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(proxyLoss, "proxyLoss");
    Objects.requireNonNull(yLoss, "yLoss");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(evaluationSet, "evaluationSet");
    Objects.requireNonNull(onDivergence, "onDivergence");
    if (!Double.isNaN(learningRate)) {
      Checks.requirePositive(learningRate, "learning rate");
    }
    Checks.requirePositive(eta, "eta");
    Checks.requireAtLeast(nnUpdates, 1, "nn-updates");
    Checks.requireAtLeast(steps, 1, "steps");
    Checks.requireAtLeast(batch, 1, "batch");
    Checks.requireAtLeast(evalEvery, 0, "eval-every");
    Checks.requireAtLeast(testSetSize, 1, "test set size");
    if (!(timeLimitSeconds > 0)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "time limit = " + timeLimitSeconds + " s is not allowed; allowed: a number > 0 (seconds)");
    }
    if (hidden != null) {
      hidden = List.copyOf(hidden);
      for (Integer width : hidden) {
        Checks.requireAtLeast(width, 1, "hidden layer width");
      }
    }
  }

  /**
   * The defaults: SIP with Adam (η_NN: the problem's recommendation, else 10⁻³), η = 1, L2 proxy loss, one network update per solver
   * evaluation, L2 y-loss, {@value #DEFAULT_STEPS} steps of batch {@value #DEFAULT_BATCH}, seed
   * {@value #DEFAULT_SEED}, ReLU with He initialisation, the problem's hidden layers and
   * standardisation recommendation, no time limit, stop on divergence.
   *
   * @return the default configuration
   */
  public static TrainingConfig defaults() {
    return builder().build();
  }

  /**
   * A builder holding the {@link #defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = method;
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.eta = eta;
    b.proxyLoss = proxyLoss;
    b.nnUpdates = nnUpdates;
    b.yLoss = yLoss;
    b.steps = steps;
    b.batch = batch;
    b.seed = seed;
    b.hidden = hidden;
    b.activation = activation;
    b.initialization = initialization;
    b.standardizeInput = standardizeInput;
    b.evalEvery = evalEvery;
    b.testSetSize = testSetSize;
    b.timeLimitSeconds = timeLimitSeconds;
    b.evaluationSet = evaluationSet;
    b.onDivergence = onDivergence;
    return b;
  }

  /**
   * The name of this method in reports: {@code "sip"} for SIP training, the optimizer's id (e.g.
   * {@code "adam"}) for DP training.
   *
   * @return the label
   */
  public String label() {
    switch (method) {
      case SIP:
        return "sip";
      case SUPERVISED:
        return "supervised";
      case DP:
      default:
        return optimizer;
    }
  }

  /**
   * The learning rate in effect on a problem: the given one, else the problem's recommendation for
   * the optimizer ({@link Problem#recommendedLearningRate}), else the optimizer's default.
   *
   * @param problem the problem trained
   * @return η_NN
   */
  public double effectiveLearningRate(Problem problem) {
    if (!Double.isNaN(learningRate)) {
      return learningRate;
    }
    return problem.recommendedLearningRate(optimizer).orElse(Optimizers.defaultLearningRate(optimizer));
  }

  /**
   * The evaluation interval in effect.
   *
   * @return {@code evalEvery}, or {@code max(1, steps/50)} if it is 0
   */
  public int effectiveEvalEvery() {
    return evalEvery > 0 ? evalEvery : Math.max(1, steps / DEFAULT_EVALUATIONS);
  }

  /**
   * Collects the settings of a {@link TrainingConfig}; {@link #build()} validates them. The fields
   * mean what the record components of the same name mean.
   */
  public static final class Builder {
    private Method method = Method.SIP;
    private String optimizer = Adam.ID;
    private double learningRate = Double.NaN;
    private double eta = DEFAULT_ETA;
    private ProxyLoss proxyLoss = ProxyLoss.L2;
    private int nnUpdates = 1;
    private YLoss yLoss = L2Loss.INSTANCE;
    private int steps = DEFAULT_STEPS;
    private int batch = DEFAULT_BATCH;
    private long seed = DEFAULT_SEED;
    private List<Integer> hidden;
    private Activation activation = Activation.RELU;
    private Initialization initialization;
    private Boolean standardizeInput;
    private int evalEvery;
    private int testSetSize = DEFAULT_TEST_SET_SIZE;
    private double timeLimitSeconds = Double.POSITIVE_INFINITY;
    private EvaluationSet evaluationSet = EvaluationSet.TEST;
    private OnDivergence onDivergence = OnDivergence.STOP;

    private Builder() {}

    /**
     * Sets what a step with NaN or infinite values does.
     *
     * @param value stop the run or drop the batch
     * @return this builder
     */
    public Builder onDivergence(OnDivergence value) {
      onDivergence = value;
      return this;
    }

    /**
     * Sets the held-out set the run is measured on.
     *
     * @param value test or validation
     * @return this builder
     */
    public Builder evaluationSet(EvaluationSet value) {
      evaluationSet = value;
      return this;
    }

    /**
     * Sets the method.
     *
     * @param value SIP or DP
     * @return this builder
     */
    public Builder method(Method value) {
      method = value;
      return this;
    }

    /**
     * Sets the optimizer.
     *
     * @param value the optimizer id
     * @return this builder
     */
    public Builder optimizer(String value) {
      optimizer = value;
      return this;
    }

    /**
     * Sets η_NN.
     *
     * @param value the learning rate, or NaN for the optimizer's default
     * @return this builder
     */
    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    /**
     * Sets η.
     *
     * @param value the Newton step size of the y-loss
     * @return this builder
     */
    public Builder eta(double value) {
      eta = value;
      return this;
    }

    /**
     * Sets the proxy loss.
     *
     * @param value L2 or L1
     * @return this builder
     */
    public Builder proxyLoss(ProxyLoss value) {
      proxyLoss = value;
      return this;
    }

    /**
     * Sets the network updates per solver evaluation.
     *
     * @param value K ≥ 1
     * @return this builder
     */
    public Builder nnUpdates(int value) {
      nnUpdates = value;
      return this;
    }

    /**
     * Sets the y-loss.
     *
     * @param value the loss
     * @return this builder
     */
    public Builder yLoss(YLoss value) {
      yLoss = value;
      return this;
    }

    /**
     * Sets the number of iterations.
     *
     * @param value steps ≥ 1
     * @return this builder
     */
    public Builder steps(int value) {
      steps = value;
      return this;
    }

    /**
     * Sets the batch size.
     *
     * @param value B ≥ 1
     * @return this builder
     */
    public Builder batch(int value) {
      batch = value;
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * Sets the hidden-layer widths.
     *
     * @param value the widths, or null for the problem's default
     * @return this builder
     */
    public Builder hidden(List<Integer> value) {
      hidden = value;
      return this;
    }

    /**
     * Sets the hidden activation.
     *
     * @param value the activation
     * @return this builder
     */
    public Builder activation(Activation value) {
      activation = value;
      return this;
    }

    /**
     * Sets the initialisation.
     *
     * @param value the scheme, or null for the activation's default
     * @return this builder
     */
    public Builder initialization(Initialization value) {
      initialization = value;
      return this;
    }

    /**
     * Sets the input standardisation switch.
     *
     * @param value true/false, or null for the problem's recommendation
     * @return this builder
     */
    public Builder standardizeInput(Boolean value) {
      standardizeInput = value;
      return this;
    }

    /**
     * Sets the evaluation interval.
     *
     * @param value steps between evaluations, 0 for {@code max(1, steps/50)}
     * @return this builder
     */
    public Builder evalEvery(int value) {
      evalEvery = value;
      return this;
    }

    /**
     * Sets the test-set size.
     *
     * @param value the number of held-out targets
     * @return this builder
     */
    public Builder testSetSize(int value) {
      testSetSize = value;
      return this;
    }

    /**
     * Sets the wall-time budget.
     *
     * @param value seconds, {@code Double.POSITIVE_INFINITY} for none
     * @return this builder
     */
    public Builder timeLimitSeconds(double value) {
      timeLimitSeconds = value;
      return this;
    }

    /**
     * Builds and validates the configuration.
     *
     * @return the configuration
     * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming the first invalid value
     */
    public TrainingConfig build() {
      return new TrainingConfig(method, optimizer, learningRate, eta, proxyLoss, nnUpdates, yLoss, steps,
          batch, seed, hidden, activation, initialization, standardizeInput, evalEvery, testSetSize,
          timeLimitSeconds, evaluationSet, onDivergence);
    }
  }
}
