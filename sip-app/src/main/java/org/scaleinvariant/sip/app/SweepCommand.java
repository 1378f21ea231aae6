package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Csv;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.report.SweepPlot;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip sweep}: one parameter over a list of values, every method, several seeds, in parallel
 * and resumable; the metric of a run is the mean test x-distance over the last 10 % of its curve
 * points; points are aggregated as mean and standard deviation over seeds (the chapter's Fig. 23).
 */
@Command(
    name = "sweep",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Sweep one parameter over a list of values: any numeric problem parameter (xi, phi, gamma,"
          + " ...) or the training parameters eta, lr and batch. Every method in --methods runs"
          + " with --seeds independent seeds (network initialisation and data) per value.",
      "The metric of a run is the mean test x-distance (the test goal distance for control) over"
          + " the last 10% of its recorded curve points (curves record at least 50 points); for --param xi also divided by xi (the"
          + " relative x-distance of the chapter's Fig. 23). Points are mean and standard deviation"
          + " over the seeds whose runs did not diverge (diverged runs are counted).",
      "Runs execute in parallel across the cores. With --out DIR the sweep is resumable: started"
          + " again with the same DIR it reuses every run (and learning-rate search) that finished.",
      ""
    },
    footer = {
      "",
      "Examples (the chapter's Fig. 23):",
      "  sip sweep --param xi --values 1,3,5,10,20,32,48,64 --phi 0 --seeds 3 --out runs/xi",
      "  sip sweep --param phi --values 0,1,3,5,10,23,35,40,45 --xi 32 --methods sip,adam --out runs/phi"
    })
final class SweepCommand implements Callable<Integer> {
  /** Default methods, {@value}: the methods of the published sweeps. */
  static final String DEFAULT_METHODS = "sip,adam,sgd";
  /** Default seeds per point, {@value}. */
  static final int DEFAULT_SEEDS = 3;
  /** Fraction of the recorded curve points, at the end, whose x-distance is averaged, {@value}. */
  static final double METRIC_TAIL = 0.1;
  /** The training parameters that can be swept. */
  static final List<String> TRAINING_PARAMETERS = List.of("eta", "lr", "batch");
  /** Sub-folder of DIR with one file per finished run. */
  static final String RUNS_FOLDER = "runs";
  /** Sub-folder of DIR with one file per finished learning-rate search. */
  static final String LR_FOLDER = "lr-search";
  /** File in DIR that pins the sweep's settings for resuming. */
  static final String DEFINITION_FILE = "sweep-definition.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;
  @Mixin LearningRateOptions lrOptions;
  @Mixin OutputOptions output;

  @Option(
      names = "--param",
      required = true,
      paramLabel = "NAME",
      description = "The swept parameter: a numeric problem parameter (see 'sip problems') or eta, lr, batch.")
  String param;

  @Option(
      names = "--values",
      required = true,
      paramLabel = "V1,V2,...",
      description = "The values of the swept parameter.")
  String values;

  @Option(
      names = "--methods",
      paramLabel = "M1,M2,...",
      defaultValue = DEFAULT_METHODS,
      description = "Methods: sip, supervised, DP optimizers. Default: ${DEFAULT-VALUE}.")
  String methods;

  @Option(
      names = "--seeds",
      paramLabel = "K",
      defaultValue = "" + DEFAULT_SEEDS,
      description = "Independent seeds per point: --seed, --seed+1, ... Default: ${DEFAULT-VALUE}.")
  String seeds;

  private final Runs runs;

  @Inject
  SweepCommand(Runs runs) {
    this.runs = runs;
  }

  /** One finished run of the sweep, as saved and reloaded. */
  record Row(String value, double numeric, String method, long seed, double lr, int steps,
      double testXDistance, double testYLoss, double metric, double relative, double msPerIteration,
      boolean diverged) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = param.trim();
    LearningRateOptions.Mode mode = LearningRateOptions.mode(trainingOptions);
    boolean training = TRAINING_PARAMETERS.contains(name);
    if (name.equals("lr")) {
      if (mode == LearningRateOptions.Mode.GIVEN) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--lr and --param lr both given; allowed: one of them");
      }
      mode = LearningRateOptions.Mode.GIVEN;
    }
    List<String> valueList = checkedValues(name, training);
    List<String> methodIds = Methods.parseList("--methods", methods);
    int seedCount = TrainingOptions.integer("--seeds", seeds, 1);
    TrainingConfig base = trainingOptions.toConfig();
    Options problemBase = problemOptions.toOptions();
    if (!training && problemBase.has(name)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--" + name + " (or -P " + name + "=...) and --param " + name + " both given; allowed: one of them");
    }
    LearningRateSearch.Grid grid = lrOptions.parsedGrid();
    int searchSteps = lrOptions.parsedSteps();
    Path dir = output.prepare();
    if (dir != null) {
      pinDefinition(dir, name, mode, base);
    }

    // per value: the problem and the configuration
    Map<String, Problem> problems = new LinkedHashMap<>();
    Map<String, TrainingConfig> configs = new LinkedHashMap<>();
    for (String value : valueList) {
      Options parameters = training ? problemBase : problemBase.with(name, value);
      problems.put(value, runs.problem(problemOptions.problem, parameters));
      TrainingConfig.Builder b = base.toBuilder();
      if (name.equals("eta")) {
        b.eta(Double.parseDouble(value));
      } else if (name.equals("lr")) {
        b.learningRate(Double.parseDouble(value));
      } else if (name.equals("batch")) {
        b.batch(Integer.parseInt(value));
      }
      configs.put(value, b.build());
    }

    // 1. learning rates (auto: one search per value and method, reused when resuming)
    Map<String, Double> chosen = new LinkedHashMap<>();
    if (mode == LearningRateOptions.Mode.AUTO) {
      List<Runs.Planned> plans = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      double[] rates = grid.values();
      for (String value : valueList) {
        for (String method : methodIds) {
          String key = fileLabel(value) + "-" + method;
          Double cached = dir == null ? null : readChosenRate(dir.resolve(LR_FOLDER).resolve(key + ".json"));
          if (cached != null) {
            chosen.put(value + "/" + method, cached);
            continue;
          }
          TrainingConfig config = Methods.configure(configs.get(value), method);
          for (int i = 0; i < rates.length; i++) {
            keys.add(value + "/" + method);
            plans.add(
                runs.plan("lr-" + name + "-" + key + "-" + i, problems.get(value),
                    LearningRateSearch.gridConfig(config, rates[i], searchSteps),
                    trainingOptions.solver, trainingOptions.solverOptions));
          }
        }
      }
      List<TrainingResult> searched =
          Pool.runAll(runs, plans, TrainingListener.NONE, output.quiet ? null : err, "lr search");
      for (int start = 0; start < searched.size(); start += rates.length) {
        List<LearningRateSearch.Point> points = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
          points.add(new LearningRateSearch.Point(rates[i], searched.get(start + i)));
        }
        LearningRateSearch.Choice choice = LearningRateSearch.choose(points);
        String key = keys.get(start);
        chosen.put(key, choice.learningRate());
        if (dir != null) {
          String[] parts = key.split("/", 2);
          writeChoice(dir.resolve(LR_FOLDER).resolve(fileLabel(parts[0]) + "-" + parts[1] + ".json"), choice);
        }
      }
    }

    // 2. the runs: reuse finished ones, run the rest in parallel, save each as it finishes
    Map<String, Row> rows = new LinkedHashMap<>();
    List<Runs.Planned> plans = new ArrayList<>();
    List<String[]> planKeys = new ArrayList<>();
    int reused = 0;
    for (String value : valueList) {
      for (String method : methodIds) {
        for (int s = 0; s < seedCount; s++) {
          long seed = base.seed() + s;
          String key = runKey(value, method, seed);
          Row row = dir == null ? null : readRow(dir.resolve(RUNS_FOLDER).resolve(key + ".json"));
          if (row != null) {
            rows.put(key, row);
            reused++;
            continue;
          }
          TrainingConfig.Builder b = Methods.configure(configs.get(value), method).toBuilder().seed(seed);
          Double lr = chosen.get(value + "/" + method);
          if (lr != null) {
            b.learningRate(lr);
          }
          plans.add(runs.plan(name + "-" + key, problems.get(value), b.build(),
              trainingOptions.solver, trainingOptions.solverOptions));
          planKeys.add(new String[] {value, method, Long.toString(seed), key});
          rows.put(key, null);
        }
      }
    }
    if (reused > 0 && !output.quiet) {
      err.println("[sweep] reusing " + reused + " finished run(s) from " + dir.resolve(RUNS_FOLDER));
    }
    Pool.runAll(runs, plans, TrainingListener.NONE, output.quiet ? null : err, "sweep",
        (index, result) -> {
          String[] k = planKeys.get(index);
          Row row = toRow(name, k[0], k[1], Long.parseLong(k[2]), result);
          synchronized (rows) {
            rows.put(k[3], row);
          }
          if (dir != null) {
            saveRun(dir, k[3], name, row, result);
          }
        });

    // 3. aggregate and report
    ObjectNode summary = Json.object();
    summary.put("param", name);
    summary.put("problem", problems.values().iterator().next().id());
    summary.put("lrChoice", mode.id());
    summary.put("seeds", seedCount);
    summary.put("executed", plans.size());
    summary.put("reused", reused);
    ArrayNode results = Json.results(summary);
    ArrayNode runNodes = summary.putArray("runs");
    List<Object[]> aggregateRows = new ArrayList<>();
    List<Object[]> runRows = new ArrayList<>();
    List<SweepPlot.Point> metricPoints = new ArrayList<>();
    List<SweepPlot.Point> relativePoints = new ArrayList<>();
    boolean relative = name.equals("xi");
    out.println(
        String.format(Locale.ROOT, "sweep of %s over %s, %d seed(s), %d steps x batch %d, learning rates: %s",
            name, valueList, seedCount, base.steps(), base.batch(), mode.id()));
    out.println(String.format(Locale.ROOT, "%-10s %-10s %14s %12s %4s %4s%s", name, "method", "metric mean", "std",
        "n", "div", relative ? "   relative (metric/xi)" : ""));
    for (String value : valueList) {
      for (String method : methodIds) {
        List<Row> group = new ArrayList<>();
        for (int s = 0; s < seedCount; s++) {
          Row row = rows.get(runKey(value, method, base.seed() + s));
          group.add(row);
          ObjectNode node = runNodes.addObject();
          node.put("param", name);
          Json.putNumber(node, "value", row.numeric());
          node.put("method", method);
          node.put("seed", row.seed());
          Json.putNumber(node, "lr", row.lr());
          Json.putNumber(node, "testXDistance", row.testXDistance());
          Json.putNumber(node, "metric", row.metric());
          if (relative) {
            Json.putNumber(node, "relativeMetric", row.relative());
          }
          node.put("diverged", row.diverged());
          runRows.add(new Object[] {name, row.numeric(), method, row.seed(), row.lr(), row.steps(),
              row.testXDistance(), row.testYLoss(), row.metric(), row.relative(), row.msPerIteration(),
              row.diverged()});
        }
        double[] metric = meanStd(group, false);
        double[] rel = meanStd(group, true);
        ObjectNode node = results.addObject();
        node.put("param", name);
        Json.putNumber(node, "value", group.get(0).numeric());
        node.put("method", method);
        Json.putNumber(node, "mean", metric[0]);
        Json.putNumber(node, "std", metric[1]);
        node.put("n", (int) metric[2]);
        node.put("diverged", (int) group.stream().filter(Row::diverged).count());
        if (relative) {
          Json.putNumber(node, "relativeMean", rel[0]);
          Json.putNumber(node, "relativeStd", rel[1]);
        }
        aggregateRows.add(new Object[] {name, group.get(0).numeric(), method, metric[0], metric[1], (int) metric[2],
            (int) group.stream().filter(Row::diverged).count(), rel[0], rel[1]});
        metricPoints.add(new SweepPlot.Point(method, group.get(0).numeric(), metric[0], metric[1]));
        relativePoints.add(new SweepPlot.Point(method, group.get(0).numeric(), rel[0], rel[1]));
        out.println(String.format(Locale.ROOT, "%-10s %-10s %14s %12s %4d %4d%s", value, method,
            Format.number(metric[0]), Format.number(metric[1]), (int) metric[2],
            (int) group.stream().filter(Row::diverged).count(),
            relative ? "   " + Format.number(rel[0]) + " ± " + Format.number(rel[1]) : ""));
      }
    }
    if (dir != null) {
      Csv.write(dir.resolve("runs.csv"), List.of("param", "value", "method", "seed", "lr", "steps", "testXDistance",
          "testYLoss", "metric", "relativeMetric", "msPerIteration", "diverged"), runRows);
      Csv.write(dir.resolve("aggregate.csv"), List.of("param", "value", "method", "mean", "std", "n", "diverged",
          "relativeMean", "relativeStd"), aggregateRows);
      Json.write(summary, dir.resolve("sweep.json"));
      String title = problems.values().iterator().next().id() + ": sweep of " + name + " ("
          + seedCount + " seed(s), " + base.steps() + " steps)";
      boolean goal = problems.values().iterator().next() instanceof org.scaleinvariant.sip.api.RolloutProblem;
      SweepPlot.write(metricPoints, title, name,
          (goal ? "test goal distance" : "test x-distance") + " (last 10% of the curve)",
          dir.resolve("sweep-" + name));
      if (relative) {
        SweepPlot.write(relativePoints, title, name, "relative x-distance (/ xi)", dir.resolve("sweep-" + name + "-relative"));
      }
      Reports.writeMetrics(dir, runs.metricsText());
      out.println("results written to " + dir + " (" + plans.size() + " run(s) executed, " + reused + " reused)");
    }
    if (output.json) {
      out.println(Json.line(summary));
    }
    out.flush();
    return 0;
  }

  /** Checks and canonicalises the swept values. */
  private List<String> checkedValues(String name, boolean training) {
    ParameterSpec spec = null;
    if (!training) {
      for (ParameterSpec s : runs.problemParameters(problemOptions.problem)) {
        if (s.name().equals(name)) {
          spec = s;
        }
      }
      if (spec == null || !(spec.kind() == ParameterSpec.Kind.NUMBER || spec.kind() == ParameterSpec.Kind.INTEGER)) {
        List<String> numeric = new ArrayList<>();
        for (ParameterSpec s : runs.problemParameters(problemOptions.problem)) {
          if (s.kind() == ParameterSpec.Kind.NUMBER || s.kind() == ParameterSpec.Kind.INTEGER) {
            numeric.add(s.name());
          }
        }
        numeric.addAll(TRAINING_PARAMETERS);
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--param '" + name + "' is not allowed for problem '"
            + problemOptions.problem + "'; allowed: " + String.join(", ", numeric));
      }
    }
    List<String> result = new ArrayList<>();
    for (String part : values.split(",", -1)) {
      String value;
      if (spec != null) {
        value = spec.parse(part);
      } else if (name.equals("batch")) {
        value = Integer.toString(TrainingOptions.integer("--values entry (batch)", part, 1));
      } else {
        value = Double.toString(TrainingOptions.positive("--values entry (" + name + ")", part));
      }
      if (result.contains(value)) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--values lists " + value + " twice; allowed: distinct values");
      }
      result.add(value);
    }
    return result;
  }

  /**
   * The metric of a run: the mean test x-distance (test goal distance for rollout problems, {@link
   * CurvePoint#metric()}) over the last 10 % of its curve points.
   */
  static double tailMean(List<CurvePoint> curve) {
    int count = Math.max(1, (int) Math.ceil(METRIC_TAIL * curve.size()));
    double sum = 0;
    for (int i = curve.size() - count; i < curve.size(); i++) {
      sum += curve.get(i).metric();
    }
    return sum / count;
  }

  private static Row toRow(String name, String value, String method, long seed, TrainingResult result) {
    double metric = tailMean(result.curve());
    double numeric = Double.parseDouble(value);
    return new Row(value, numeric, method, seed, result.learningRate(), result.steps(), result.testXDistance(),
        result.testYLoss(), metric, name.equals("xi") ? metric / numeric : Double.NaN, result.msPerIteration(),
        result.diverged());
  }

  /**
   * {mean, sample standard deviation, n} over the runs of a group that did not diverge (a diverged
   * run's curve ends early, so its metric would describe another budget; diverged runs are counted
   * separately).
   */
  private static double[] meanStd(List<Row> group, boolean relative) {
    double sum = 0;
    int n = 0;
    for (Row row : group) {
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
    for (Row row : group) {
      double v = relative ? row.relative() : row.metric();
      if (Double.isFinite(v) && !row.diverged()) {
        squares += (v - mean) * (v - mean);
      }
    }
    return new double[] {mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n};
  }

  private static String runKey(String value, String method, long seed) {
    return fileLabel(value) + "-" + method + "-seed" + seed;
  }

  private static String fileLabel(String value) {
    return value.replaceAll("[^A-Za-z0-9.+-]", "_");
  }

  /**
   * Writes the settings that every run of the sweep shares (everything but the values, methods and
   * seeds), or checks them against the ones a previous start wrote.
   */
  private void pinDefinition(Path dir, String name, LearningRateOptions.Mode mode, TrainingConfig base) {
    ObjectNode definition = Json.object();
    definition.put("param", name);
    definition.put("problem", problemOptions.problem.trim().toLowerCase(Locale.ROOT));
    ObjectNode parameters = definition.putObject("problemParameters");
    new TreeMap<>(problemOptions.toOptions().asMap()).forEach(parameters::put);
    definition.put("training", base.toBuilder().seed(0).build().toString());
    definition.put("solver", String.valueOf(trainingOptions.solver));
    ObjectNode solverOptions = definition.putObject("solverOptions");
    new TreeMap<>(trainingOptions.solverOptions).forEach(solverOptions::put);
    definition.put("lrChoice", mode.id());
    if (mode == LearningRateOptions.Mode.AUTO) {
      definition.put("lrGrid", lrOptions.grid);
      definition.put("lrSteps", lrOptions.steps);
    }
    Path file = dir.resolve(DEFINITION_FILE);
    try {
      if (Files.exists(file)) {
        JsonNode previous = MAPPER.readTree(file.toFile());
        if (!previous.equals(definition)) {
          throw new SipException(ErrorCode.INVALID_ARGUMENT, "--out '" + dir + "' holds a sweep with other settings ("
              + DEFINITION_FILE + " differs); allowed: the same settings to resume it, or another folder");
        }
        return;
      }
      Files.createDirectories(dir.resolve(RUNS_FOLDER));
      Files.createDirectories(dir.resolve(LR_FOLDER));
      Json.write(definition, file);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void saveRun(Path dir, String key, String name, Row row, TrainingResult result) {
    ObjectNode node = Json.result(result);
    node.put("param", name);
    node.put("value", row.value());
    node.put("sweepMethod", row.method());
    Json.putNumber(node, "metric", row.metric());
    Path runs = dir.resolve(RUNS_FOLDER);
    Csv.curve(result, runs.resolve(key + ".csv"));
    writeAtomically(node, runs.resolve(key + ".json"));
  }

  private static Row readRow(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(file.toFile());
      String value = n.get("value").asText();
      double metric = number(n.get("metric"));
      double numeric = Double.parseDouble(value);
      return new Row(value, numeric, n.get("sweepMethod").asText(), n.get("seed").asLong(), number(n.get("learningRate")),
          n.get("steps").asInt(), number(n.get("testXDistance")), number(n.get("testYLoss")), metric,
          n.get("param").asText().equals("xi") ? metric / numeric : Double.NaN, number(n.get("msPerIteration")),
          n.get("diverged").asBoolean());
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the run is done again
    }
  }

  private static void writeChoice(Path file, LearningRateSearch.Choice choice) {
    ObjectNode node = Json.object();
    Json.putNumber(node, "chosen", choice.learningRate());
    ArrayNode points = node.putArray("points");
    for (LearningRateSearch.Point p : choice.points()) {
      ObjectNode point = points.addObject();
      Json.putNumber(point, "lr", p.learningRate());
      Json.putNumber(point, "validationXDistance", p.result().testXDistance());
      Json.putNumber(point, "validationYLoss", p.result().testYLoss());
      point.put("diverged", p.result().diverged());
    }
    writeAtomically(node, file);
  }

  private static Double readChosenRate(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode chosen = MAPPER.readTree(file.toFile()).get("chosen");
      return chosen != null && chosen.isNumber() ? chosen.asDouble() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes to a temporary file, then renames: a killed sweep never leaves a half-written result. */
  private static void writeAtomically(ObjectNode node, Path file) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Json.write(node, temp);
    try {
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static double number(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }
}
