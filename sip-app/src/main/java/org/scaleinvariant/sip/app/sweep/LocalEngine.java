package org.scaleinvariant.sip.app.sweep;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The default engine: the runs execute in this process, in parallel across the cores ({@link
 * Parallel}), each single-threaded. A run that throws stops the batch (there are no retries here):
 * the exception reaches the caller.
 */
public final class LocalEngine implements RunEngine {
  private final RunExecutor executor;
  private final Supplier<String> metrics;
  private final PrintWriter progress;

  /**
   * Creates the engine.
   *
   * @param executor trains one run
   * @param metrics the Prometheus text of the executor's meter registry
   * @param progress where progress lines go, or null for none
   */
  public LocalEngine(RunExecutor executor, Supplier<String> metrics, PrintWriter progress) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.progress = progress;
  }

  @Override
  public List<RunResult> runAll(List<RunSpec> specs, String what, BiConsumer<Integer, RunResult> onFinished)
      throws InterruptedException {
    return Parallel.map(specs, executor::run, progress, what, onFinished);
  }

  @Override
  public String metricsText() {
    return metrics.get();
  }
}
