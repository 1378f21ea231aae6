package org.scaleinvariant.sip.app.sweep;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where the runs of a sweep execute: in this process ({@link LocalEngine}) or on a cluster (the
 * Spark engine of {@code sip-spark}). Every run is single-threaded and depends on its {@link RunSpec}
 * alone, so an engine changes when and where runs execute, never their results.
 */
public interface RunEngine extends AutoCloseable {
  /**
   * Runs every spec and returns the results in the order of the specs.
   *
   * <p>A run that throws: an engine that does not retry (the local one) rethrows and the batch
   * stops; an engine that retries (Spark) reports a run that failed on every attempt as {@link
   * RunResult#failed} and completes the others.
   *
   * @param specs the runs
   * @param what a label for progress lines, e.g. {@code "sweep"}
   * @param onFinished called with the spec's index and its result as each run ends (possibly from
   *     several threads at once), e.g. to save it at once so an interrupted sweep can resume; or null
   * @return the results, in the order of the specs
   * @throws InterruptedException if interrupted while waiting
   */
  List<RunResult> runAll(List<RunSpec> specs, String what, BiConsumer<Integer, RunResult> onFinished)
      throws InterruptedException;

  /**
   * The timers of the runs executed so far (phases and iterations, tagged by run) in the Prometheus
   * text exposition format, as written to {@code metrics.prom}.
   *
   * @return the text
   */
  String metricsText();

  /** Releases the engine's resources (a Spark context it started); does nothing by default. */
  @Override
  default void close() {}
}
