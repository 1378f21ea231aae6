package org.scaleinvariant.sip.nn;

import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * The complete state of a training run after a step: everything a {@link Trainer} needs, together
 * with the run's {@link TrainingConfig}, problem and solver, to continue the run so that it ends bit
 * for bit as if it had never stopped (same parameters, optimizer state, curve values).
 *
 * <p>The random generators are not stored as such ({@link java.util.SplittableRandom} exposes no
 * state): the network initialisation is replaced by {@link #parameters()}, and the training-data
 * generator is re-created from the configuration's seed and advanced by replaying {@link
 * #batchesDrawn()} draws of the same size. Times are not part of the bit-exact guarantee; they are
 * kept so that the resumed run's totals (ms per iteration, wall time, the time axis of the curve)
 * continue from where it stopped.
 *
 * <p>The arrays are copied in and out; an instance does not change. Created by the trainer (see
 * {@link Checkpointing}) or from saved data, which the constructor checks.
 *
 * @param step the training iterations completed (dropped batches included), at least 0
 * @param batchesDrawn the training batches drawn from the data generator so far (one per iteration)
 * @param finished whether the run ended (all steps done, or the time limit reached): continuing it
 *     trains nothing and returns its result
 * @param parameters the network parameters θ, in {@link DenseNetwork}'s layout, all finite
 * @param inputMean the input standardisation's means, length m, or null if the network has none
 * @param inputStd the input standardisation's standard deviations, length m, each finite and &gt;
 *     0, or null (exactly when {@code inputMean} is null)
 * @param optimizer the network optimizer's state (moments, step counter)
 * @param curve the evaluations so far, step 0 first, steps increasing, none after {@code step}
 * @param solverStatistics the inverse solver's counters so far ({@link SolverStatistics#NONE} for DP
 *     and supervised training)
 * @param lossSinceEvaluation the sum of the training losses since the last evaluation (the next
 *     curve point's {@link CurvePoint#trainLoss()} is its mean), finite
 * @param stepsSinceEvaluation how many iterations that sum covers, in [0, step]
 * @param betweenBranchesFraction the between-branches fraction of the last evaluation (NaN if the
 *     problem defines no tolerance)
 * @param skippedBatches the batches dropped by {@link OnDivergence#SKIP_BATCH}, in [0, step]
 * @param trainingNanos the time spent in training iterations so far, in nanoseconds, at least 0
 * @param wallNanos the wall time of the run so far, in nanoseconds, at least 0
 * @param phaseNanos the time per {@link Phase} so far, in nanoseconds, indexed by {@link
 *     Phase#ordinal()}, each at least 0
 */
public record TrainingState(
    int step,
    long batchesDrawn,
    boolean finished,
    double[] parameters,
    double[] inputMean,
    double[] inputStd,
    OptimizerState optimizer,
    List<CurvePoint> curve,
    SolverStatistics solverStatistics,
    double lossSinceEvaluation,
    int stepsSinceEvaluation,
    double betweenBranchesFraction,
    int skippedBatches,
    long trainingNanos,
    long wallNanos,
    long[] phaseNanos) {

  /**
   * Checks and copies the components.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming the first value that is out of
   *     range or inconsistent, {@link ErrorCode#NON_FINITE} for a NaN or infinite parameter or
   *     standardisation value
   */
  public TrainingState {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(solverStatistics, "solverStatistics");
    Objects.requireNonNull(phaseNanos, "phaseNanos");
    Checks.requireAtLeast(step, 0, "state step");
    atLeastZero(batchesDrawn, "state batchesDrawn");
    if (parameters.length == 0) {
      throw invalid("state parameters are empty; allowed: the network's parameters");
    }
    Checks.requireFinite(parameters, parameters.length, "state parameters");
    if ((inputMean == null) != (inputStd == null)) {
      throw invalid("state has only one of the standardisation means and deviations; allowed: both or neither");
    }
    if (inputMean != null) {
      if (inputMean.length != inputStd.length || inputMean.length == 0) {
        throw invalid("state standardisation has " + inputMean.length + " means and " + inputStd.length
            + " deviations; allowed: the same number, at least 1");
      }
      Checks.requireFinite(inputMean, inputMean.length, "state standardisation mean");
      for (int i = 0; i < inputStd.length; i++) {
        Checks.requirePositive(inputStd[i], "state standardisation std[" + i + "]");
      }
      inputMean = inputMean.clone();
      inputStd = inputStd.clone();
    }
    parameters = parameters.clone();
    curve = List.copyOf(curve);
    if (curve.isEmpty() || curve.get(0).step() != 0) {
      throw invalid("state curve does not start at step 0; allowed: the evaluations from step 0 on");
    }
    for (int i = 1; i < curve.size(); i++) {
      if (curve.get(i).step() <= curve.get(i - 1).step()) {
        throw invalid("state curve steps " + curve.get(i - 1).step() + ", " + curve.get(i).step()
            + " do not increase; allowed: increasing steps");
      }
    }
    if (curve.get(curve.size() - 1).step() > step) {
      throw invalid("state curve has step " + curve.get(curve.size() - 1).step() + " after the state's step "
          + step + "; allowed: evaluations up to the state's step");
    }
    atLeastZero(solverStatistics.samples(), "state solver samples");
    atLeastZero(solverStatistics.regularized(), "state solver regularized count");
    atLeastZero(solverStatistics.clipped(), "state solver clipped count");
    atLeastZero(solverStatistics.indefinite(), "state solver indefinite count");
    atLeastZero(solverStatistics.failed(), "state solver failed count");
    if (!Double.isFinite(lossSinceEvaluation)) {
      throw invalid("state lossSinceEvaluation = " + lossSinceEvaluation + " is not allowed; allowed: a finite number");
    }
    if (stepsSinceEvaluation < 0 || stepsSinceEvaluation > step) {
      throw invalid("state stepsSinceEvaluation = " + stepsSinceEvaluation + " is not allowed; allowed: 0 to " + step);
    }
    if (skippedBatches < 0 || skippedBatches > step) {
      throw invalid("state skippedBatches = " + skippedBatches + " is not allowed; allowed: 0 to " + step);
    }
    atLeastZero(trainingNanos, "state trainingNanos");
    atLeastZero(wallNanos, "state wallNanos");
    if (phaseNanos.length != Phase.values().length) {
      throw invalid("state has " + phaseNanos.length + " phase times; allowed: " + Phase.values().length
          + " (one per phase)");
    }
    for (int i = 0; i < phaseNanos.length; i++) {
      atLeastZero(phaseNanos[i], "state phase time of " + Phase.values()[i].tag());
    }
    phaseNanos = phaseNanos.clone();
  }

  private static SipException invalid(String message) {
    return new SipException(ErrorCode.INVALID_ARGUMENT, message);
  }

  private static void atLeastZero(long value, String name) {
    if (value < 0) {
      throw invalid(name + " = " + value + " is not allowed; allowed: an integer >= 0");
    }
  }

  /**
   * The network parameters θ (a copy).
   *
   * @return θ
   */
  @Override
  public double[] parameters() {
    return parameters.clone();
  }

  /**
   * The standardisation means (a copy), or null.
   *
   * @return the means
   */
  @Override
  public double[] inputMean() {
    return inputMean == null ? null : inputMean.clone();
  }

  /**
   * The standardisation deviations (a copy), or null.
   *
   * @return the deviations
   */
  @Override
  public double[] inputStd() {
    return inputStd == null ? null : inputStd.clone();
  }

  /**
   * The time per phase in nanoseconds (a copy), by {@link Phase#ordinal()}.
   *
   * @return the times
   */
  @Override
  public long[] phaseNanos() {
    return phaseNanos.clone();
  }
}
