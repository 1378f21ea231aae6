package org.scaleinvariant.sip.app.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scaleinvariant.sip.app.report.Csv;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.report.MetricsFile;
import org.scaleinvariant.sip.app.report.SweepPlot;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingConfig;

/**
 * The driver of {@code sip sweep}, the same for every {@link RunEngine}: plans the runs of a {@link
 * SweepDefinition}, chooses the learning rates ({@code auto}: a seeded grid search per value and
 * method on the engine; {@code default}; or given), skips what an earlier start finished
 * ({@link SweepFiles}), runs the rest on the engine, saves each run as it finishes, and aggregates
 * and writes the results: {@code runs.csv}, {@code aggregate.csv}, {@code sweep.json} (also the
 * {@code --json} object), plots of the metric against the swept value, and {@code metrics.prom}.
 *
 * <p>The metric of a run is the mean test x-distance over the last {@link #METRIC_TAIL} of its curve
 * points; for {@code xi} also divided by xi (the chapter's Fig. 23). Points are mean and sample
 * standard deviation over the seeds whose runs neither diverged nor failed; diverged and failed runs
 * are counted. A failed run (an engine that retries reports one that failed on every attempt) gets
 * no per-run file, so starting the sweep again retries it; in the JSON it has {@code "failed": true}
 * and its {@code error}, and the summary and its point count them under {@code failed} (keys that
 * appear only when a run failed).
 */
public final class Sweep {
  /** Whether the runs report a goal distance (rollout problems): the plots' axis label says so. */
  private boolean goalMetric;

  /** Fraction of the recorded curve points, at the end, whose x-distance is averaged, {@value}. */
  public static final double METRIC_TAIL = 0.1;
  /** The training parameters that can be swept. */
  public static final List<String> TRAINING_PARAMETERS = List.of("eta", "lr", "batch");

  private final SweepDefinition definition;

  /**
   * One point of the sweep: a value and a method, aggregated over seeds.
   *
   * @param value the swept value, canonical text
   * @param numeric the value as a number
   * @param method the method id
   * @param mean the mean metric over the runs that neither diverged nor failed (NaN if none)
   * @param std its sample standard deviation (0 for one run)
   * @param n the number of runs averaged
   * @param diverged the number of diverged runs
   * @param failed the number of failed runs
   * @param relativeMean the mean of metric/xi (NaN unless xi is swept)
   * @param relativeStd its standard deviation
   */
  public record Point(String value, double numeric, String method, double mean, double std, int n, int diverged,
      int failed, double relativeMean, double relativeStd) {}

  /**
   * What a sweep produced.
   *
   * @param summary the {@code sweep.json} object (also the {@code --json} line)
   * @param points the points, values outermost, methods in order
   * @param rows every run, in plan order (values, methods, seeds)
   * @param executed the runs executed by this start
   * @param reused the runs reloaded from an earlier start
   * @param failed the runs that failed on every attempt
   */
  public record Outcome(ObjectNode summary, List<Point> points, List<SweepRow> rows, int executed, int reused,
      int failed) {}

  /**
   * Creates the driver of a sweep.
   *
   * @param definition the sweep
   */
  public Sweep(SweepDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
  }

  /**
   * Runs the sweep and writes its results.
   *
   * @param engine where the runs execute
   * @param dir the output folder (exists), or null for none (then nothing is reused or saved)
   * @param err where progress lines and failed runs are reported
   * @param quiet no progress lines (failed runs are still reported)
   * @return the outcome
   * @throws InterruptedException if interrupted while waiting for runs
   * @throws org.scaleinvariant.sip.api.SipException if the folder holds another sweep, a file cannot
   *     be written, or (local engine) a run throws
   */
  public Outcome run(RunEngine engine, Path dir, PrintWriter err, boolean quiet) throws InterruptedException {
    PrintWriter progress = quiet ? null : err;
    String name = definition.param();
    if (dir != null) {
      SweepFiles.pin(dir, definition.pin(), definition.legacyPin());
    }
    Map<String, Double> chosen = definition.lrMode() == LearningRateSearch.Mode.AUTO
        ? searchLearningRates(engine, dir, err, progress)
        : Map.of();

    // the runs: reuse finished ones, run the rest, save each as it finishes
    Map<String, SweepRow> rows = new LinkedHashMap<>();
    List<RunSpec> specs = new ArrayList<>();
    List<String[]> planKeys = new ArrayList<>();
    int reused = 0;
    for (String value : definition.values()) {
      for (String method : definition.methods().keySet()) {
        for (int s = 0; s < definition.seeds(); s++) {
          long seed = definition.base().seed() + s;
          String key = SweepFiles.runKey(value, method, seed);
          SweepRow row = dir == null ? null : SweepFiles.readRow(dir, key);
          if (row != null) {
            rows.put(key, row);
            reused++;
            goalMetric |= SweepFiles.hasGoalDistance(dir, key);
            continue;
          }
          TrainingConfig.Builder b = config(value, method).toBuilder().seed(seed);
          Double lr = chosen.get(value + "/" + method);
          if (lr != null) {
            b.learningRate(lr);
          }
          specs.add(spec(name + "-" + key, value, b.build()));
          planKeys.add(new String[] {value, method, Long.toString(seed), key});
          rows.put(key, null);
        }
      }
    }
    if (reused > 0 && progress != null) {
      progress.println("[sweep] reusing " + reused + " finished run(s) from " + dir.resolve(SweepFiles.RUNS_FOLDER));
    }
    engine.runAll(specs, "sweep", (index, result) -> {
      String[] k = planKeys.get(index);
      SweepRow row = toRow(k[0], k[1], Long.parseLong(k[2]), result);
      synchronized (rows) {
        rows.put(k[3], row);
        List<CurvePoint> curve = result.curve();
        goalMetric |= !curve.isEmpty() && !Double.isNaN(curve.get(curve.size() - 1).testGoalDistance());
      }
      if (result.failed()) {
        reportFailure(err, "sweep", result);
      } else if (dir != null) {
        SweepFiles.saveRun(dir, k[3], name, row, result);
      }
    });
    return report(new ArrayList<>(rows.values()), specs.size(), reused, engine, dir);
  }

  /** The learning rate per {@code value/method}: reused from finished searches, else searched on the engine. */
  private Map<String, Double> searchLearningRates(RunEngine engine, Path dir, PrintWriter err, PrintWriter progress)
      throws InterruptedException {
    Map<String, Double> chosen = new LinkedHashMap<>();
    List<RunSpec> specs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    double[] rates = definition.grid().values();
    for (String value : definition.values()) {
      for (String method : definition.methods().keySet()) {
        String key = SweepFiles.fileLabel(value) + "-" + method;
        Double cached = dir == null ? null : SweepFiles.readChosenRate(dir, key);
        if (cached != null) {
          chosen.put(value + "/" + method, cached);
          continue;
        }
        TrainingConfig config = config(value, method);
        for (int i = 0; i < rates.length; i++) {
          keys.add(value + "/" + method);
          specs.add(spec("lr-" + definition.param() + "-" + key + "-" + i, value,
              LearningRateSearch.gridConfig(config, rates[i], definition.searchSteps())));
        }
      }
    }
    List<RunResult> searched = engine.runAll(specs, "lr search", null);
    for (int start = 0; start < searched.size(); start += rates.length) {
      List<LearningRateSearch.Point> points = new ArrayList<>();
      boolean complete = true;
      for (int i = 0; i < rates.length; i++) {
        RunResult result = searched.get(start + i);
        points.add(LearningRateSearch.Point.of(rates[i], result));
        if (result.failed()) {
          complete = false;
          reportFailure(err, "lr search", result);
        }
      }
      LearningRateSearch.Choice choice = LearningRateSearch.choose(points);
      chosen.put(keys.get(start), choice.learningRate());
      if (dir != null && complete) { // a search with a failed grid run is done again on the next start
        String[] parts = keys.get(start).split("/", 2);
        SweepFiles.saveChoice(dir, SweepFiles.fileLabel(parts[0]) + "-" + parts[1], choice);
      }
    }
    return chosen;
  }

  /** Aggregates the rows and writes every result file. */
  private Outcome report(List<SweepRow> rows, int executed, int reused, RunEngine engine, Path dir) {
    String name = definition.param();
    boolean relative = name.equals("xi");
    int seeds = definition.seeds();
    ObjectNode summary = Json.object();
    summary.put("param", name);
    summary.put("problem", definition.problemLabel());
    summary.put("lrChoice", definition.lrMode().id());
    if (definition.solver() != null) {
      summary.put("solver", definition.solver());
    }
    Json.putSolverOptions(summary, definition.solverOptions());
    summary.put("seeds", seeds);
    summary.put("executed", executed);
    summary.put("reused", reused);
    int failed = (int) rows.stream().filter(SweepRow::failed).count();
    if (failed > 0) {
      summary.put("failed", failed);
    }
    ArrayNode results = Json.results(summary);
    ArrayNode runNodes = summary.putArray("runs");
    List<Object[]> aggregateRows = new ArrayList<>();
    List<Object[]> runRows = new ArrayList<>();
    List<SweepPlot.Point> metricPoints = new ArrayList<>();
    List<SweepPlot.Point> relativePoints = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += seeds) {
      List<SweepRow> group = rows.subList(start, start + seeds);
      for (SweepRow row : group) {
        ObjectNode node = runNodes.addObject();
        node.put("param", name);
        Json.putNumber(node, "value", row.numeric());
        node.put("method", row.method());
        node.put("seed", row.seed());
        Json.putNumber(node, "lr", row.lr());
        Json.putNumber(node, "testXDistance", row.testXDistance());
        Json.putNumber(node, "metric", row.metric());
        if (relative) {
          Json.putNumber(node, "relativeMetric", row.relative());
        }
        node.put("diverged", row.diverged());
        if (row.failed()) {
          node.put("failed", true);
          node.put("error", row.error());
          node.put("attempts", row.attempts());
        }
        runRows.add(new Object[] {name, row.numeric(), row.method(), row.seed(), row.lr(), row.steps(),
            row.testXDistance(), row.testYLoss(), row.metric(), row.relative(), row.msPerIteration(),
            row.diverged()});
      }
      SweepRow first = group.get(0);
      double[] metric = meanStd(group, false);
      double[] rel = meanStd(group, true);
      int diverged = (int) group.stream().filter(SweepRow::diverged).count();
      int groupFailed = (int) group.stream().filter(SweepRow::failed).count();
      Point point = new Point(first.value(), first.numeric(), first.method(), metric[0], metric[1], (int) metric[2],
          diverged, groupFailed, rel[0], rel[1]);
      points.add(point);
      ObjectNode node = results.addObject();
      node.put("param", name);
      Json.putNumber(node, "value", point.numeric());
      node.put("method", point.method());
      Json.putNumber(node, "mean", point.mean());
      Json.putNumber(node, "std", point.std());
      node.put("n", point.n());
      node.put("diverged", diverged);
      if (groupFailed > 0) {
        node.put("failed", groupFailed);
      }
      if (relative) {
        Json.putNumber(node, "relativeMean", rel[0]);
        Json.putNumber(node, "relativeStd", rel[1]);
      }
      aggregateRows.add(new Object[] {name, point.numeric(), point.method(), metric[0], metric[1], point.n(),
          diverged, rel[0], rel[1]});
      metricPoints.add(new SweepPlot.Point(point.method(), point.numeric(), metric[0], metric[1]));
      relativePoints.add(new SweepPlot.Point(point.method(), point.numeric(), rel[0], rel[1]));
    }
    if (dir != null) {
      Csv.write(dir.resolve("runs.csv"), List.of("param", "value", "method", "seed", "lr", "steps", "testXDistance",
          "testYLoss", "metric", "relativeMetric", "msPerIteration", "diverged"), runRows);
      Csv.write(dir.resolve("aggregate.csv"), List.of("param", "value", "method", "mean", "std", "n", "diverged",
          "relativeMean", "relativeStd"), aggregateRows);
      Json.write(summary, dir.resolve("sweep.json"));
      String title = definition.problemLabel() + ": sweep of " + name + " (" + seeds + " seed(s), "
          + definition.base().steps() + " steps)";
      SweepPlot.write(metricPoints, title, name,
          (goalMetric ? "test goal distance" : "test x-distance") + " (last 10% of the curve)",
          dir.resolve("sweep-" + name));
      if (relative) {
        SweepPlot.write(relativePoints, title, name, "relative x-distance (/ xi)", dir.resolve("sweep-" + name + "-relative"));
      }
      MetricsFile.write(dir, engine.metricsText());
    }
    return new Outcome(summary, points, rows, executed, reused, failed);
  }

  /** The configuration of a method at a value: the swept training parameter applied. */
  private TrainingConfig config(String value, String method) {
    TrainingConfig config = definition.methods().get(method);
    switch (definition.param()) {
      case "eta":
        return config.toBuilder().eta(Double.parseDouble(value)).build();
      case "lr":
        return config.toBuilder().learningRate(Double.parseDouble(value)).build();
      case "batch":
        return config.toBuilder().batch(Integer.parseInt(value)).build();
      default:
        return config;
    }
  }

  /** The spec of a run at a value: the swept problem parameter applied. */
  private RunSpec spec(String runName, String value, TrainingConfig config) {
    Map<String, String> parameters = new LinkedHashMap<>(definition.problemParameters());
    if (!definition.sweepsTraining()) {
      parameters.put(definition.param(), value);
    }
    return new RunSpec(runName, definition.problem(), parameters, definition.solver(), definition.solverOptions(),
        TrainingSettings.of(config, definition.yLossOptions()));
  }

  private SweepRow toRow(String value, String method, long seed, RunResult result) {
    double numeric = Double.parseDouble(value);
    if (result.failed()) {
      return new SweepRow(value, numeric, method, seed, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, false, result.error(), result.attempts());
    }
    double metric = tailMean(result.curve());
    return new SweepRow(value, numeric, method, seed, result.learningRate(), result.steps(), result.testXDistance(),
        result.testYLoss(), metric, definition.param().equals("xi") ? metric / numeric : Double.NaN,
        result.msPerIteration(), result.diverged(), null, result.attempts());
  }

  private static void reportFailure(PrintWriter err, String what, RunResult result) {
    synchronized (err) {
      err.println("[" + what + "] run " + result.name() + " failed on all " + result.attempts() + " attempt(s): "
          + result.error());
      err.flush();
    }
  }

  /**
   * The metric of a run: the mean test x-distance (the test goal distance for rollout problems,
   * {@link CurvePoint#metric()}) over the last {@link #METRIC_TAIL} of its curve points.
   *
   * @param curve the run's curve, at least one point
   * @return the metric
   */
  public static double tailMean(List<CurvePoint> curve) {
    int count = Math.max(1, (int) Math.ceil(METRIC_TAIL * curve.size()));
    double sum = 0;
    for (int i = curve.size() - count; i < curve.size(); i++) {
      sum += curve.get(i).metric();
    }
    return sum / count;
  }

  /**
   * {mean, sample standard deviation, n} over the runs of a group that neither diverged nor failed
   * (a diverged run's curve ends early, so its metric would describe another budget; diverged and
   * failed runs are counted separately).
   */
  private static double[] meanStd(List<SweepRow> group, boolean relative) {
    double sum = 0;
    int n = 0;
    for (SweepRow row : group) {
      double v = relative ? row.relative() : row.metric();
      if (Double.isFinite(v) && !row.diverged()) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    double mean = sum / n;
    double squares = 0;
    for (SweepRow row : group) {
      double v = relative ? row.relative() : row.metric();
      if (Double.isFinite(v) && !row.diverged()) {
        squares += (v - mean) * (v - mean);
      }
    }
    return new double[] {mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n};
  }
}
