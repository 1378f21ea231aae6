package org.scaleinvariant.sip.app;

import java.io.PrintWriter;
import java.util.Locale;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingListener;

/**
 * Prints training progress to standard error, at most once per {@value #INTERVAL_SECONDS} seconds
 * per run (and the final point), so long runs show they are alive without flooding the terminal.
 */
final class Progress implements TrainingListener {
  /** Minimum time between two progress lines of a run, in seconds. */
  static final double INTERVAL_SECONDS = 2.0;

  private final PrintWriter err;
  private final boolean quiet;
  private final java.util.Map<String, Double> lastPrinted = new java.util.concurrent.ConcurrentHashMap<>();

  Progress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public void onEvaluation(String run, CurvePoint point, int totalSteps) {
    if (quiet) {
      return;
    }
    double last = lastPrinted.getOrDefault(run, 0.0);
    boolean end = point.step() == totalSteps;
    if (!end && point.wallSeconds() - last < INTERVAL_SECONDS) {
      return;
    }
    lastPrinted.put(run, point.wallSeconds());
    synchronized (err) {
      err.println(
          String.format(
              Locale.ROOT,
              "[%s] step %d/%d  test %s %s  test y-loss %s  (%.1f s)",
              run,
              point.step(),
              totalSteps,
              Double.isNaN(point.testGoalDistance()) ? "x-distance" : "goal distance",
              Format.number(point.metric()),
              Format.number(point.testYLoss()),
              point.wallSeconds()));
      err.flush();
    }
  }
}
