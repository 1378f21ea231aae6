package org.scaleinvariant.sip.app.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs independent training runs in parallel in this process, one single-threaded run per core at a
 * time (so the per-iteration times of parallel runs stay comparable), and reports how many have
 * finished ({@link RunProgress}).
 */
public final class Parallel {
  private Parallel() {}

  /**
   * The number of runs executed at the same time: the available processors.
   *
   * @return the thread count
   */
  public static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Applies {@code work} to every item on a pool of {@link #threads()} threads, calling {@code
   * onFinished} (on the worker thread) as each one ends. The first exception thrown by {@code work}
   * is rethrown once all submitted items were waited for in order up to it; the pool is then shut
   * down, interrupting the others.
   *
   * @param items the inputs
   * @param work what to do with one input
   * @param err where progress lines go, or null
   * @param what a label for those lines
   * @param onFinished called with the item's index and its result, or null
   * @param <T> the input type
   * @param <R> the result type
   * @return the results, in the order of the items
   * @throws InterruptedException if interrupted while waiting
   */
  public static <T, R> List<R> map(
      List<T> items, Function<T, R> work, PrintWriter err, String what, BiConsumer<Integer, R> onFinished)
      throws InterruptedException {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), threads()));
    RunProgress progress = new RunProgress(err, what, items.size());
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        T item = items.get(i);
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  R result = work.apply(item);
                  if (onFinished != null) {
                    onFinished.accept(index, result);
                  }
                  progress.finished();
                  return result;
                }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
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
}
