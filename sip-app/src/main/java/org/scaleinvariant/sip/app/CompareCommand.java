package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.app.report.Csv;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.sweep.LearningRateSearch;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip compare}: every method on the same problem settings, data and network, each with a
 * fairly chosen learning rate ({@link LearningRateSearch}), independent runs in parallel across the
 * cores (each single-threaded), in the style of the chapter's Fig. 22.
 */
@Command(
    name = "compare",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Compare training methods on one or more problem settings: SIP and DP training with every"
          + " network optimizer (and supervised training if asked), the same network, data and"
          + " seed, each with its best learning rate.",
      "With --lr auto (the default) each method first trains on a short budget for every point of a"
          + " log-spaced learning-rate grid and is measured on a validation set (never the test"
          + " set); every grid point's result is reported.",
      "--xi and --phi take comma-separated lists; every combination is a setting.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  sip compare --xi 1,32 --phi 45 --out runs/compare",
      "  sip compare --methods sip,adam,sgd --lr auto --lr-grid 1e-5,1e-2,7 --steps 5000",
      "  sip compare --methods sip,supervised -P branches=2 --lr 1e-3"
    })
final class CompareCommand implements Callable<Integer> {
  /** Default settings of {@code --xi}: {@value}, the chapter's well- and ill-conditioned cases. */
  static final String DEFAULT_XI = "1,32";
  /** Default {@code --phi}: {@value} degrees. */
  static final String DEFAULT_PHI = "45";

  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;
  @Mixin OutputOptions output;

  @Option(
      names = "--methods",
      paramLabel = "M1,M2,...",
      description =
          "Methods: sip, supervised, and DP optimizers (adam, sgd, momentum, nesterov, adagrad,"
              + " rmsprop, adadelta, adamw). Default: sip and every DP optimizer.")
  String methods;

  @Mixin LearningRateOptions lrOptions;

  private final Runs runs;

  @Inject
  CompareCommand(Runs runs) {
    this.runs = runs;
  }

  /** One setting's runs: the problem, and per method the configuration and (auto) the search. */
  private record Setting(String label, String file, Problem problem) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (problemOptions.xi == null && isRotatedSine()) {
      problemOptions.xi = DEFAULT_XI;
    }
    if (problemOptions.phi == null && isRotatedSine()) {
      problemOptions.phi = DEFAULT_PHI;
    }
    LearningRateSearch.Mode mode = LearningRateOptions.mode(trainingOptions);
    boolean auto = mode == LearningRateSearch.Mode.AUTO;
    TrainingConfig base = trainingOptions.toConfig();
    List<String> methodIds =
        methods == null ? Methods.sipAndDp() : Methods.parseList("--methods", methods);
    LearningRateSearch.Grid grid = lrOptions.parsedGrid();
    int searchSteps = lrOptions.parsedSteps();

    List<Setting> settings = new ArrayList<>();
    for (Options parameters : problemOptions.settings()) {
      Problem problem = runs.problem(problemOptions.problem, parameters);
      settings.add(new Setting(label(parameters), fileLabel(parameters), problem));
    }
    Path dir = output.prepare();

    // 1. learning-rate search (validation set, short budget), all settings and methods in parallel
    Map<String, LearningRateSearch.Choice> choices = new LinkedHashMap<>();
    if (auto) {
      List<Runs.Planned> plans = new ArrayList<>();
      double[] rates = grid.values();
      for (Setting setting : settings) {
        for (String method : methodIds) {
          TrainingConfig config = Methods.configure(base, method);
          for (int i = 0; i < rates.length; i++) {
            plans.add(
                runs.plan(
                    "lr-" + setting.file() + "-" + method + "-" + i,
                    setting.problem(),
                    LearningRateSearch.gridConfig(config, rates[i], searchSteps),
                    trainingOptions.solver,
                    trainingOptions.solverOptions));
          }
        }
      }
      List<TrainingResult> searched =
          Pool.runAll(runs, plans, TrainingListener.NONE, output.quiet ? null : err, "lr search");
      int k = 0;
      for (Setting setting : settings) {
        for (String method : methodIds) {
          List<LearningRateSearch.Point> points = new ArrayList<>();
          for (double rate : rates) {
            points.add(LearningRateSearch.Point.of(rate, searched.get(k++)));
          }
          choices.put(setting.file() + "/" + method, LearningRateSearch.choose(points));
        }
      }
    }

    // 2. the compared runs on the test set
    List<Runs.Planned> plans = new ArrayList<>();
    for (Setting setting : settings) {
      for (String method : methodIds) {
        TrainingConfig config = Methods.configure(base, method);
        LearningRateSearch.Choice choice = choices.get(setting.file() + "/" + method);
        if (choice != null) {
          config = config.toBuilder().learningRate(choice.learningRate()).build();
        }
        plans.add(
            runs.plan(
                setting.file() + "-" + method,
                setting.problem(),
                config,
                trainingOptions.solver,
                trainingOptions.solverOptions));
      }
    }
    List<TrainingResult> results =
        Pool.runAll(runs, plans, TrainingListener.NONE, output.quiet ? null : err, "compare");

    // 3. report
    ObjectNode summary = Json.object();
    summary.put("problem", settings.get(0).problem().id());
    summary.put("lrChoice", mode.id());
    summary.put("threads", Pool.threads());
    Json.putSolverOptions(summary, trainingOptions.solverOptions);
    ArrayNode array = Json.results(summary);
    List<Object[]> summaryRows = new ArrayList<>();
    List<Object[]> searchRows = new ArrayList<>();
    boolean diverged = false;
    int k = 0;
    for (Setting setting : settings) {
      List<TrainingResult> group = results.subList(k, k + methodIds.size());
      k += methodIds.size();
      out.println();
      out.println(
          String.format(
              Locale.ROOT,
              "%s: %d steps x batch %d, seed %d, learning rates: %s",
              setting.label(),
              base.steps(),
              base.batch(),
              base.seed(),
              auto ? "auto (validation set, " + Math.min(searchSteps, base.steps()) + " steps per grid point)"
                  : mode.id()));
      Reports.table(out, group);
      for (TrainingResult r : group) {
        diverged |= r.diverged();
        ObjectNode node = Json.result(r);
        node.put("setting", setting.label());
        Json.putNumber(node, "lr", r.learningRate());
        LearningRateSearch.Choice choice = choices.get(setting.file() + "/" + r.method());
        node.put("lrChoice", mode.id());
        if (choice != null) {
          ArrayNode search = node.putArray("lrSearch");
          for (LearningRateSearch.Point p : choice.points()) {
            search.add(p.toJson());
            searchRows.add(
                new Object[] {
                  setting.label(),
                  r.method(),
                  p.learningRate(),
                  p.steps(),
                  p.xDistance(),
                  p.yLoss(),
                  p.diverged(),
                  p.learningRate() == choice.learningRate()
                });
          }
        }
        array.add(node);
        summaryRows.add(
            new Object[] {
              setting.label(),
              r.method(),
              r.solver() == null ? "" : r.solver(),
              r.learningRate(),
              node.get("lrChoice").asText(),
              r.steps(),
              r.testXDistance(),
              r.testYLoss(),
              r.msPerIteration(),
              r.wallSeconds(),
              r.diverged(),
              r.betweenBranchesFraction(),
              r.testGoalDistance()
            });
      }
      if (dir != null) {
        Reports.curvesAndPlots(dir, "curves-" + setting.file(), group, setting.label());
        Reports.models(dir, group, false);
      }
    }
    summary.put("diverged", diverged);
    if (dir != null) {
      Json.write(summary, dir.resolve("summary.json"));
      Csv.write(
          dir.resolve("summary.csv"),
          List.of("setting", "method", "solver", "lr", "lrChoice", "steps", "testXDistance", "testYLoss",
              "msPerIteration", "wallSeconds", "diverged", "betweenBranchesFraction", "testGoalDistance"),
          summaryRows);
      if (auto) {
        Csv.write(
            dir.resolve("lr-search.csv"),
            List.of("setting", "method", "lr", "steps", "validationXDistance", "validationYLoss", "diverged", "chosen"),
            searchRows);
      }
      Reports.writeMetrics(dir, runs.metricsText());
      out.println("results written to " + dir);
    }
    if (output.json) {
      out.println(Json.line(summary));
    }
    out.flush();
    return diverged ? ErrorHandler.FAILED : 0;
  }

  private boolean isRotatedSine() {
    return problemOptions.problem.trim().equalsIgnoreCase(ProblemOptions.DEFAULT_PROBLEM);
  }

  /** "xi=32, phi=45" from the resolved-or-given parameters that were set on the command line. */
  private String label(Options parameters) {
    StringBuilder text = new StringBuilder(problemOptions.problem.trim());
    String sep = " ";
    for (Map.Entry<String, String> e : parameters.asMap().entrySet()) {
      text.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return text.toString();
  }

  /** A file-name-safe label, e.g. {@code xi32-phi45}, or {@code default}. */
  private static String fileLabel(Options parameters) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : parameters.asMap().entrySet()) {
      if (text.length() > 0) {
        text.append('-');
      }
      text.append(e.getKey()).append(e.getValue().replaceAll("[^A-Za-z0-9.+-]", "_"));
    }
    return text.length() == 0 ? "default" : text.toString();
  }
}
