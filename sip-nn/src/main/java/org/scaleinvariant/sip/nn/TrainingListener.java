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
}
