package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.sweep.EngineFactory;
import org.scaleinvariant.sip.app.sweep.LearningRateSearch;
import org.scaleinvariant.sip.app.sweep.LocalEngine;
import org.scaleinvariant.sip.app.sweep.RunEngine;
import org.scaleinvariant.sip.app.sweep.SparkMaster;
import org.scaleinvariant.sip.app.sweep.Sweep;
import org.scaleinvariant.sip.app.sweep.SweepDefinition;
import org.scaleinvariant.sip.app.sweep.SweepFiles;
import org.scaleinvariant.sip.app.sweep.TrainingSettings;
import org.scaleinvariant.sip.nn.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
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
      "Runs execute in parallel across the cores (--engine local), or as tasks of an Apache Spark"
          + " job (--engine spark --master URL), with bit-identical results. With --out DIR the sweep is"
          + " resumable: started again with the same DIR (on either engine) it reuses every run (and"
          + " learning-rate search) that finished.",
      ""
    },
    footer = {
      "",
      "Examples (the chapter's Fig. 23):",
      "  sip sweep --param xi --values 1,3,5,10,20,32,48,64 --phi 0 --seeds 3 --out runs/xi",
      "  sip sweep --param phi --values 0,1,3,5,10,23,35,40,45 --xi 32 --methods sip,adam --out runs/phi",
      "  sip sweep --param xi --values 1,32 --engine spark --master local[2] --out runs/xi-spark"
    })
final class SweepCommand implements Callable<Integer> {
  /** Default methods, {@value}: the methods of the published sweeps. */
  static final String DEFAULT_METHODS = "sip,adam,sgd";
  /** Default seeds per point, {@value}. */
  static final int DEFAULT_SEEDS = 3;
  /** The engine that runs in this process, {@value} (the default). */
  static final String ENGINE_LOCAL = "local";
  /** The engine that runs the sweep as an Apache Spark job, {@value}. */
  static final String ENGINE_SPARK = "spark";
  /** The system property Spark reads its master from ({@code spark-submit --master} sets it). */
  static final String SPARK_MASTER_PROPERTY = "spark.master";

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

  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      defaultValue = ENGINE_LOCAL,
      description =
          "Where the runs execute: local (in this process, across the cores) or spark (one Spark task"
              + " per run, in a JVM on the class path of the sip-spark module; needs --master)."
              + " Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "--engine spark: the Spark master: local[N] (N worker threads in one JVM; failed tasks are"
              + " retried up to " + SparkMaster.DEFAULT_ATTEMPTS + " times, local[N,F]: F attempts),"
              + " local[*], spark://HOST:PORT, yarn, k8s://URL. Under spark-submit: its --master.")
  String master;

  private final Runs runs;
  private final Plugins plugins;
  private final EngineFactory inProcessSpark;

  /**
   * The command of the app on the module path: {@code --engine spark} starts a JVM on the class path
   * of {@code sip-spark}.
   */
  @Inject
  SweepCommand(Runs runs, Plugins plugins) {
    this(runs, plugins, null);
  }

  /**
   * The command with an engine factory for {@code --engine spark} in this JVM (a JVM on the class
   * path of {@code sip-spark}: {@link ClassPathSweep}).
   *
   * @param runs the runs
   * @param plugins the loaded plugins
   * @param inProcessSpark starts the Spark engine, or null to start a JVM for it
   */
  SweepCommand(Runs runs, Plugins plugins, EngineFactory inProcessSpark) {
    this.runs = runs;
    this.plugins = plugins;
    this.inProcessSpark = inProcessSpark;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String engineId = engine.trim().toLowerCase(Locale.ROOT);
    if (!engineId.equals(ENGINE_LOCAL) && !engineId.equals(ENGINE_SPARK)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "--engine '" + engine + "' is not allowed; allowed: " + ENGINE_LOCAL + ", " + ENGINE_SPARK);
    }
    boolean spark = engineId.equals(ENGINE_SPARK);
    if (!spark && master != null) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--master given with --engine local; allowed: --master with --engine spark");
    }
    String sparkMaster = null;
    if (spark && (master != null || System.getProperty(SPARK_MASTER_PROPERTY) == null)) {
      sparkMaster = SparkMaster.check(master);
    }
    SweepDefinition definition = definition();
    if (spark && inProcessSpark == null) {
      if ("1".equals(System.getenv(SparkProcess.CHECK_ONLY_VARIABLE))) {
        return 0; // the launcher checks the arguments before it builds the engine
      }
      return SparkProcess.run(forwardedArguments(spec.commandLine().getParseResult()), plugins.folders(),
          SparkMaster.isLocal(sparkMaster), out, err);
    }
    Path dir = output.prepare();
    PrintWriter progress = output.quiet ? null : err;
    Sweep.Outcome outcome;
    try (RunEngine runEngine = spark
        ? inProcessSpark.start(sparkMaster, progress)
        : new LocalEngine(runs.executor(), runs::metricsText, progress)) {
      outcome = new Sweep(definition).run(runEngine, dir, err, output.quiet);
    }
    print(out, definition, outcome);
    if (dir != null) {
      out.println("results written to " + dir + " (" + outcome.executed() + " run(s) executed, " + outcome.reused()
          + " reused)");
    }
    if (output.json) {
      out.println(Json.line(outcome.summary()));
    }
    out.flush();
    if (outcome.failed() > 0) {
      err.println(spec.qualifiedName() + ": " + outcome.failed() + " of " + outcome.rows().size()
          + " run(s) failed on every attempt (their 'error' is in the JSON); start the sweep again with the same"
          + " --out to retry them");
      return ErrorHandler.FAILED;
    }
    return 0;
  }

  /** Checks the options and builds the sweep they describe. */
  private SweepDefinition definition() {
    String name = param.trim();
    LearningRateSearch.Mode mode = LearningRateOptions.mode(trainingOptions);
    boolean training = Sweep.TRAINING_PARAMETERS.contains(name);
    if (name.equals("lr")) {
      if (mode == LearningRateSearch.Mode.GIVEN) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--lr and --param lr both given; allowed: one of them");
      }
      mode = LearningRateSearch.Mode.GIVEN;
    }
    if ((name.equals("eta") && trainingOptions.eta != null) || (name.equals("batch") && trainingOptions.batch != null)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--" + name + " and --param " + name + " both given; allowed: one of them");
    }
    List<String> valueList = checkedValues(name, training);
    List<String> methodIds = Methods.parseList("--methods", methods);
    if (name.equals("eta") && !methodIds.contains(Methods.SIP) && !output.quiet) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": note: η (eta) is the step of SIP's y-space"
          + " Newton step; none of the methods " + methodIds + " uses it, so every value gives the same runs");
    }
    int seedCount = TrainingOptions.integer("--seeds", seeds, 1);
    TrainingConfig base = trainingOptions.toConfig();
    Options problemBase = problemOptions.toOptions();
    if (!training && problemBase.has(name)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--" + name + " (or -P " + name + "=...) and --param " + name + " both given; allowed: one of them");
    }
    LearningRateSearch.Grid grid = lrOptions.parsedGrid();
    int searchSteps = lrOptions.parsedSteps();
    // every value's problem is created now, so an invalid one fails before any training
    String problemLabel = null;
    for (String value : valueList) {
      Problem problem = runs.problem(problemOptions.problem, training ? problemBase : problemBase.with(name, value));
      problemLabel = problemLabel == null ? problem.id() : problemLabel;
    }
    Map<String, TrainingConfig> methodConfigs = new LinkedHashMap<>();
    for (String method : methodIds) {
      methodConfigs.put(method, Methods.configure(base, method));
    }
    return new SweepDefinition(name, valueList, methodConfigs, seedCount,
        problemOptions.problem.trim().toLowerCase(Locale.ROOT), problemLabel, problemBase.asMap(),
        trainingOptions.solver, trainingOptions.solverOptions, trainingOptions.yLossOptions, mode, grid, searchSteps,
        pin(name, mode, base, false), pin(name, mode, base, true));
  }

  /** Prints the header line and one line per point. */
  private static void print(PrintWriter out, SweepDefinition definition, Sweep.Outcome outcome) {
    String name = definition.param();
    boolean relative = name.equals("xi");
    TrainingConfig base = definition.base();
    out.println(
        String.format(Locale.ROOT, "sweep of %s over %s, %d seed(s), %d steps x batch %d, learning rates: %s",
            name, definition.values(), definition.seeds(), base.steps(), base.batch(), definition.lrMode().id()));
    out.println(String.format(Locale.ROOT, "%-10s %-10s %14s %12s %4s %4s%s", name, "method", "metric mean", "std",
        "n", "div", relative ? "   relative (metric/xi)" : ""));
    for (Sweep.Point p : outcome.points()) {
      out.println(String.format(Locale.ROOT, "%-10s %-10s %14s %12s %4d %4d%s%s", p.value(), p.method(),
          Format.number(p.mean()), Format.number(p.std()), p.n(), p.diverged(),
          relative ? "   " + Format.number(p.relativeMean()) + " ± " + Format.number(p.relativeStd()) : "",
          p.failed() > 0 ? "   " + p.failed() + " failed" : ""));
    }
  }

  /**
   * This command's options as given, for the JVM of {@code --engine spark}: every matched option but
   * {@value PluginPath#OPTION} (the plugins' jars go on that JVM's class path instead), each under its
   * longest name.
   *
   * @param parsed the parse result of this command
   * @return the arguments
   */
  static List<String> forwardedArguments(ParseResult parsed) {
    List<String> args = new ArrayList<>();
    // matchedOptions() has a repeated option once per occurrence; its values come with the first
    for (OptionSpec option : new LinkedHashSet<>(parsed.matchedOptions())) {
      if (option.longestName().equals(PluginPath.OPTION)) {
        continue;
      }
      if (option.arity().max() == 0) {
        args.add(option.longestName());
        continue;
      }
      for (String value : option.originalStringValues()) {
        args.add(option.longestName());
        args.add(value);
      }
    }
    return args;
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
        numeric.addAll(Sweep.TRAINING_PARAMETERS);
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
   * The settings that every run of the sweep shares (everything but the values, methods and seeds),
   * pinned in {@value SweepFiles#DEFINITION_FILE} so a resumed sweep uses the same.
   */
  private ObjectNode pin(String name, LearningRateSearch.Mode mode, TrainingConfig base, boolean legacy) {
    ObjectNode definition = Json.object();
    definition.put("param", name);
    definition.put("problem", problemOptions.problem.trim().toLowerCase(Locale.ROOT));
    ObjectNode parameters = definition.putObject("problemParameters");
    new TreeMap<>(problemOptions.toOptions().asMap()).forEach(parameters::put);
    TrainingConfig shared = base.toBuilder().seed(0).build();
    if (legacy) { // the file's first form: the configuration's text, the solver "null" as text
      definition.put("training", shared.toString());
      definition.put("solver", String.valueOf(trainingOptions.solver));
    } else {
      definition.set("training", Json.tree(TrainingSettings.of(shared, trainingOptions.yLossOptions)));
      definition.put("solver", trainingOptions.solver);
    }
    ObjectNode solverOptions = definition.putObject("solverOptions");
    new TreeMap<>(trainingOptions.solverOptions).forEach(solverOptions::put);
    definition.put("lrChoice", mode.id());
    if (mode == LearningRateSearch.Mode.AUTO) {
      definition.put("lrGrid", lrOptions.grid);
      definition.put("lrSteps", lrOptions.steps);
    }
    return definition;
  }

}
