package org.scaleinvariant.sip.app;

import java.io.PrintWriter;
import java.util.List;
import org.scaleinvariant.sip.app.sweep.Parallel;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Runs planned training runs in parallel ({@link Parallel}: one single-threaded run per core at a
 * time) and reports how many have finished.
 */
final class Pool {
  private Pool() {}

  /**
   * The number of runs executed at the same time: the available processors.
   *
   * @return the thread count
   */
  static int threads() {
    return Parallel.threads();
  }

  /**
   * Runs every planned run and returns the results in the order of the plans.
   *
   * @param runs executes one run
   * @param plans the runs
   * @param listener per-run progress events (may be {@link TrainingListener#NONE})
   * @param err where "k/N runs finished" lines go, or null for none
   * @param what a label for those lines, e.g. {@code "lr search"}
   * @return the results
   * @throws InterruptedException if interrupted while waiting
   */
  static List<TrainingResult> runAll(
      Runs runs, List<Runs.Planned> plans, TrainingListener listener, PrintWriter err, String what)
      throws InterruptedException {
    return Parallel.map(plans, plan -> runs.execute(plan, listener), err, what, null);
  }
}
