package org.scaleinvariant.sip.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Runs independent training runs in parallel, one single-threaded run per core at a time (so the
 * per-iteration times of parallel runs stay comparable), and reports how many have finished.
 */
final class Pool {
  /** Minimum time between two progress lines, in seconds. */
  static final double PROGRESS_INTERVAL_SECONDS = 2.0;

  private Pool() {}

  /**
   * The number of runs executed at the same time: the available processors.
   *
   * @return the thread count
   */
  static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
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
    return runAll(runs, plans, listener, err, what, null);
  }

  /**
   * Runs every planned run, calling {@code onFinished} (on the worker thread) as each one ends, e.g.
   * to save it at once so an interrupted batch can resume.
   *
   * @param runs executes one run
   * @param plans the runs
   * @param listener per-run progress events
   * @param err where progress lines go, or null
   * @param what a label for those lines
   * @param onFinished called with the plan's index and its result, or null
   * @return the results, in the order of the plans
   * @throws InterruptedException if interrupted while waiting
   */
  static List<TrainingResult> runAll(
      Runs runs,
      List<Runs.Planned> plans,
      TrainingListener listener,
      PrintWriter err,
      String what,
      BiConsumer<Integer, TrainingResult> onFinished)
      throws InterruptedException {
    if (plans.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(plans.size(), threads()));
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    long[] lastPrint = {start};
    try {
      List<Future<TrainingResult>> futures = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        Runs.Planned plan = plans.get(i);
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  TrainingResult result = runs.execute(plan, listener);
                  if (onFinished != null) {
                    onFinished.accept(index, result);
                  }
                  int finished = done.incrementAndGet();
                  report(err, what, finished, plans.size(), start, lastPrint);
                  return result;
                }));
      }
      List<TrainingResult> results = new ArrayList<>();
      for (Future<TrainingResult> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          throw new IllegalStateException(cause);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(PrintWriter err, String what, int finished, int total, long start, long[] lastPrint) {
    if (err == null) {
      return;
    }
    synchronized (lastPrint) {
      long now = System.nanoTime();
      if (finished < total && (now - lastPrint[0]) / 1e9 < PROGRESS_INTERVAL_SECONDS) {
        return;
      }
      lastPrint[0] = now;
      err.println(
          String.format(
              Locale.ROOT, "[%s] %d/%d runs finished (%.0f s)", what, finished, total, (now - start) / 1e9));
      err.flush();
    }
  }
}
