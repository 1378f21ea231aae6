package org.scaleinvariant.sip.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.Options;

/**
 * The outcome of one training run. If the run diverged, the metrics are those of the last finite
 * evaluation and {@link #divergence()} says where it happened (the network then holds the values
 * of the failed step and is not meant to be used).
 *
 * @param run the run's name (also the {@code run} tag of its timers)
 * @param problem the problem id
 * @param problemParameters the problem's resolved parameters
 * @param method the method label: {@code "sip"}, or the optimizer id for DP training
 * @param solver the inverse solver's id (SIP), or null (DP)
 * @param optimizer the network optimizer's id
 * @param learningRate η_NN in effect
 * @param eta η (SIP)
 * @param steps the iterations completed
 * @param testXDistance mean distance of predicted x to the closest exact solution on the test set
 *     (NaN if unknown)
 * @param testYLoss mean ½‖P(f(y*)) − y*‖² on the test set
 * @param trainLoss mean training loss over the last evaluation interval (see {@link
 *     CurvePoint#trainLoss()})
 * @param msPerIteration mean time of one training iteration, in milliseconds
 * @param wallSeconds wall time of the whole run including evaluations, in seconds
 * @param phaseMillis per-phase mean time per iteration, in milliseconds, by timer tag (e.g. {@code
 *     "nn.forward"})
 * @param diverged whether training produced NaN or infinity and stopped early
 * @param divergence a one-line description of the divergence (step and phase), or null
 * @param curve the evaluations, step 0 first
 * @param solverStatistics the inverse solver's counters
 * @param betweenBranchesFraction the fraction of test predictions farther than the problem's {@link
 *     org.scaleinvariant.sip.api.ExactSolutions#nearTolerance()} from every exact solution, at the
 *     last evaluation (NaN if the problem defines no tolerance)
 * @param network the trained network
 * @param config the configuration the run used
 * @param skippedBatches the batches dropped because their step diverged ({@link
 *     OnDivergence#SKIP_BATCH}); 0 otherwise
 * @param testGoalDistance for rollout (control) problems, the mean distance of the final state to
 *     the goal on the test tasks ({@link CurvePoint#testGoalDistance()}); NaN for other problems
 */
public record TrainingResult(
    String run,
    String problem,
    Options problemParameters,
    String method,
    String solver,
    String optimizer,
    double learningRate,
    double eta,
    int steps,
    double testXDistance,
    double testYLoss,
    double trainLoss,
    double msPerIteration,
    double wallSeconds,
    Map<String, Double> phaseMillis,
    boolean diverged,
    String divergence,
    List<CurvePoint> curve,
    SolverStatistics solverStatistics,
    double betweenBranchesFraction,
    DenseNetwork network,
    TrainingConfig config,
    int skippedBatches,
    double testGoalDistance) {

  /** Copies the collections (phase order kept). */
  public TrainingResult {
    phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    curve = List.copyOf(curve);
  }

  /**
   * The result of a run on a problem without a goal distance (testGoalDistance NaN); the
   * parameters mean what the record components of the same name mean.
   *
   * @param run the run's name
   * @param problem the problem id
   * @param problemParameters the problem's resolved parameters
   * @param method the method label
   * @param solver the inverse solver's id, or null
   * @param optimizer the network optimizer's id
   * @param learningRate η_NN
   * @param eta η
   * @param steps the iterations completed
   * @param testXDistance the test x-distance
   * @param testYLoss the test y-loss
   * @param trainLoss the training loss
   * @param msPerIteration ms per iteration
   * @param wallSeconds wall seconds
   * @param phaseMillis per-phase ms per iteration
   * @param diverged whether the run diverged
   * @param divergence the divergence description, or null
   * @param curve the evaluations
   * @param solverStatistics the solver's counters
   * @param betweenBranchesFraction the between-branches fraction
   * @param network the trained network
   * @param config the configuration
   * @param skippedBatches the dropped batches
   */
  public TrainingResult(
      String run,
      String problem,
      Options problemParameters,
      String method,
      String solver,
      String optimizer,
      double learningRate,
      double eta,
      int steps,
      double testXDistance,
      double testYLoss,
      double trainLoss,
      double msPerIteration,
      double wallSeconds,
      Map<String, Double> phaseMillis,
      boolean diverged,
      String divergence,
      List<CurvePoint> curve,
      SolverStatistics solverStatistics,
      double betweenBranchesFraction,
      DenseNetwork network,
      TrainingConfig config,
      int skippedBatches) {
    this(run, problem, problemParameters, method, solver, optimizer, learningRate, eta, steps, testXDistance,
        testYLoss, trainLoss, msPerIteration, wallSeconds, phaseMillis, diverged, divergence, curve,
        solverStatistics, betweenBranchesFraction, network, config, skippedBatches, Double.NaN);
  }

  /**
   * The metric of the run: the test goal distance where defined (rollout problems), else the test
   * x-distance (NaN if neither is known).
   *
   * @return the metric, smaller is better
   */
  public double metric() {
    return Double.isNaN(testGoalDistance) ? testXDistance : testGoalDistance;
  }
}
