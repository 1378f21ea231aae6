package org.scaleinvariant.sip.spark;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.sweep.RunEngine;
import org.scaleinvariant.sip.app.sweep.RunExecutor;
import org.scaleinvariant.sip.app.sweep.RunProgress;
import org.scaleinvariant.sip.app.sweep.RunResult;
import org.scaleinvariant.sip.app.sweep.RunSpec;
import org.scaleinvariant.sip.app.sweep.SparkMaster;

/**
 * Runs a sweep's runs as Apache Spark tasks: one Spark job of one task per run, all submitted at
 * once (Spark's FIFO scheduler starts them in order as executor cores free up), each run
 * single-threaded in its task. A task builds the run from its {@link RunSpec} with the providers
 * that {@code META-INF/services} names on the executor's class path (the job jar and the jars
 * shipped with it), so its result depends on the spec alone: bit-identical to the local engine's,
 * whatever the number of executors or the order in which tasks finish.
 *
 * <p>Results come back to the driver as each job ends, so the sweep saves every finished run at
 * once, as the local engine does (an interrupted sweep resumes).
 *
 * <h2>Faults</h2>
 *
 * A task that throws, or whose executor is lost, is retried by Spark, up to {@code
 * spark.task.maxFailures} attempts ({@value SparkMaster#DEFAULT_ATTEMPTS} by default; local masters
 * get the same through {@link SparkMaster#withAttempts}). Because every run is a job of its own, a
 * run that fails on every attempt fails only its job: the driver reports it as {@link
 * RunResult#failed} with Spark's reason (the task's exception on one line) and the number of
 * attempts, and every other run completes. Nothing is caught inside a task, so Spark sees and
 * retries every failure, including lost executors.
 *
 * <h2>Metrics</h2>
 *
 * Every task records its run's timers in a Prometheus registry of its own and sends its text along
 * with the result; {@link #metricsText()} merges them ({@link PrometheusText}).
 */
public final class SparkEngine implements RunEngine {
  /** The application name Spark shows, {@value}. */
  public static final String APP_NAME = "sip sweep";
  /** How long the driver waits between looks at the running jobs, in milliseconds, {@value}. */
  static final long POLL_MILLIS = 20;
  /** The Spark setting of the attempts per task. */
  static final String MAX_FAILURES = "spark.task.maxFailures";
  /** The loopback address local masters bind to. */
  static final String LOOPBACK = "127.0.0.1";

  /** Spark's reason for an aborted job: the attempts, and the last task's exception. */
  private static final Pattern TASK_FAILURE =
      Pattern.compile("failed (\\d+) times?, most recent failure: Lost task [^:]*?\\): ([^\\n]*)");

  private final JavaSparkContext context;
  private final boolean owned;
  private final PrintWriter progress;
  private final List<String> metrics = new ArrayList<>();

  /**
   * An engine on a running context, which the caller keeps and stops.
   *
   * @param context the Spark context
   * @param progress where progress lines go, or null for none
   */
  public SparkEngine(JavaSparkContext context, PrintWriter progress) {
    this(context, false, progress);
  }

  private SparkEngine(JavaSparkContext context, boolean owned, PrintWriter progress) {
    this.context = Objects.requireNonNull(context, "context");
    this.owned = owned;
    this.progress = progress;
  }

  /**
   * Starts a Spark context for a sweep and an engine that stops it when closed.
   *
   * @param master the checked master URL, or null to take Spark's own setting ({@code spark.master},
   *     which {@code spark-submit --master} sets)
   * @param progress where progress lines go, or null for none
   * @return the engine
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if there is no master at all
   */
  public static SparkEngine start(String master, PrintWriter progress) {
    return new SparkEngine(new JavaSparkContext(configuration(master)), true, progress);
  }

  /**
   * The Spark configuration of a sweep: Spark's own settings ({@code spark.*} system properties,
   * {@code spark-submit}'s options), the master, and for a local master retries ({@link
   * SparkMaster#withAttempts} with {@code spark.task.maxFailures}), the driver bound to loopback and
   * no web UI. Spark's console progress bar is off: the sweep prints its own progress lines.
   *
   * @param master the checked master URL, or null to take {@code spark.master}
   * @return the configuration
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if there is no master at all
   */
  public static SparkConf configuration(String master) {
    SparkConf conf = new SparkConf().setAppName(APP_NAME);
    if (master != null) {
      conf.setMaster(SparkMaster.withAttempts(master, conf.getInt(MAX_FAILURES, SparkMaster.DEFAULT_ATTEMPTS)));
    } else if (!conf.contains("spark.master")) {
      SparkMaster.check(null); // throws: --master missing
    }
    if (SparkMaster.isLocal(conf.get("spark.master"))) {
      conf.setIfMissing("spark.driver.host", LOOPBACK);
      conf.setIfMissing("spark.driver.bindAddress", LOOPBACK);
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    return conf;
  }

  @Override
  public List<RunResult> runAll(List<RunSpec> specs, String what, BiConsumer<Integer, RunResult> onFinished)
      throws InterruptedException {
    List<JavaFutureAction<List<Shipped>>> jobs = new ArrayList<>();
    for (RunSpec spec : specs) {
      context.setJobDescription(what + ": " + spec.name());
      jobs.add(context.parallelize(List.of(spec), 1).map(new Train()).collectAsync());
    }
    RunResult[] results = new RunResult[specs.size()];
    RunProgress counter = new RunProgress(progress, what, specs.size());
    int remaining = specs.size();
    try {
      while (remaining > 0) {
        boolean finished = false;
        for (int i = 0; i < jobs.size(); i++) {
          if (results[i] == null && jobs.get(i).isDone()) {
            results[i] = collect(specs.get(i), jobs.get(i));
            if (onFinished != null) {
              onFinished.accept(i, results[i]);
            }
            counter.finished();
            remaining--;
            finished = true;
          }
        }
        if (!finished) {
          Thread.sleep(POLL_MILLIS);
        }
      }
    } finally {
      if (remaining > 0) {
        jobs.forEach(job -> job.cancel(true));
      }
    }
    return Arrays.asList(results);
  }

  @Override
  public String metricsText() {
    return PrometheusText.merge(metrics);
  }

  /** Stops the Spark context if this engine started it. */
  @Override
  public void close() {
    if (owned) {
      context.stop();
    }
  }

  /** The result of a finished job, or the run's failure if the job failed. */
  private RunResult collect(RunSpec spec, JavaFutureAction<List<Shipped>> job) throws InterruptedException {
    try {
      Shipped shipped = job.get().get(0);
      metrics.add(shipped.metrics());
      return shipped.result();
    } catch (ExecutionException e) {
      return failure(spec.name(), e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * A run whose job failed: Spark's reason in one line (the last attempt's exception) and the number
   * of attempts.
   *
   * @param name the run's name
   * @param error the job's failure
   * @return the failed result
   */
  static RunResult failure(String name, Throwable error) {
    Matcher task = TASK_FAILURE.matcher(String.valueOf(error.getMessage()));
    if (task.find()) {
      return RunResult.failed(name, task.group(2).trim(), Integer.parseInt(task.group(1)));
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.toString();
    int newline = text.indexOf('\n');
    return RunResult.failed(name, newline < 0 ? text : text.substring(0, newline), 1);
  }

  /** What a task sends back: the run's result and the Prometheus text of its timers. */
  record Shipped(RunResult result, String metrics) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The task: trains one run on the executor, single-threaded. */
  static final class Train implements Function<RunSpec, Shipped> {
    private static final long serialVersionUID = 1L;

    @Override
    public Shipped call(RunSpec spec) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      RunResult result = RunExecutor.onClassPath(registry).run(spec);
      TaskContext task = TaskContext.get();
      int attempts = task == null ? 1 : task.attemptNumber() + 1;
      return new Shipped(result.withAttempts(attempts), registry.scrape());
    }
  }
}
