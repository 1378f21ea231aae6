package org.scaleinvariant.sip.nn;

/** Receives progress events of a training run (progress displays, logs). Called on the training thread. */
public interface TrainingListener {
  /** A listener that ignores every event. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Called after each evaluation on the test set.
   *
   * @param run the run's name
   * @param point the evaluation
   * @param totalSteps the planned number of steps
   */
  default void onEvaluation(String run, CurvePoint point, int totalSteps) {}

  /**
   * Called at the end of every timed phase of every iteration (benchmarks: per-phase allocation).
   * Implementations must be cheap and allocation-free; the default does nothing.
   *
   * @param run the run's name
   * @param phase the phase that just ended
   * @param nanos its duration in nanoseconds
   */
  default void onPhase(String run, Phase phase, long nanos) {}

  /**
   * Called after every completed training iteration (benchmarks: the distribution of iteration
   * times). Implementations must be cheap and allocation-free; the default does nothing.
   *
   * @param run the run's name
   * @param step the iteration just completed (1-based)
   * @param nanos its duration in nanoseconds (target sampling included, evaluations excluded)
   */
  default void onIteration(String run, int step, long nanos) {}
}
