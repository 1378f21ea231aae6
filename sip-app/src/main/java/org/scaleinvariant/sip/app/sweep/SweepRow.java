package org.scaleinvariant.sip.app.sweep;

/**
 * One run of a sweep, as reported (a row of {@code runs.csv}) and as reloaded from its per-run file
 * when a sweep resumes.
 *
 * @param value the swept value, canonical text
 * @param numeric the swept value as a number
 * @param method the method id
 * @param seed the run's seed
 * @param lr η_NN in effect (NaN if the run failed)
 * @param steps the iterations completed
 * @param testXDistance the final test x-distance
 * @param testYLoss the final test y-loss
 * @param metric the mean test x-distance over the last {@link Sweep#METRIC_TAIL} of the curve
 * @param relative the metric divided by the value when the swept parameter is xi, else NaN
 * @param msPerIteration the mean time of one iteration in milliseconds
 * @param diverged whether the run diverged
 * @param error why the run failed on every attempt, or null if it finished
 * @param attempts how often the run was started
 */
public record SweepRow(
    String value,
    double numeric,
    String method,
    long seed,
    double lr,
    int steps,
    double testXDistance,
    double testYLoss,
    double metric,
    double relative,
    double msPerIteration,
    boolean diverged,
    String error,
    int attempts) {

  /**
   * Whether the run failed on every attempt (it has no metrics and no per-run file).
   *
   * @return true if it failed
   */
  public boolean failed() {
    return error != null;
  }
}
