package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip demo}, the main job: several methods side by side on one problem setting (by default
 * SIP and DP-Adam on the paper's rotated sine at ξ = 32, φ = 45°), each run single-threaded, runs in
 * parallel on the machine's cores, and a table at the end.
 */
@Command(
    name = DemoCommand.NAME,
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "The main job: train with SIP and with DP-Adam side by side on the same problem, data and"
          + " network, and compare the test x-distance and the time per iteration.",
      "Defaults: the paper's rotated sine (form paper, xi = 32, phi = 45 degrees), 3000 steps of"
          + " batch 100, network 2-32-64-32-2 (ReLU).",
      ""
    })
final class DemoCommand implements Callable<Integer> {
  /** The command's name, {@value}. */
  static final String NAME = "demo";
  /** The default methods, {@value}. */
  static final String DEFAULT_METHODS = "sip,adam";

  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;
  @Mixin OutputOptions output;

  @Option(
      names = "--methods",
      paramLabel = "M1,M2,...",
      defaultValue = DEFAULT_METHODS,
      description =
          "Methods to run: sip, supervised, DP optimizers (adam, sgd, momentum, nesterov, adagrad,"
              + " rmsprop, adadelta, adamw). Default: ${DEFAULT-VALUE}.")
  String methods;

  private final Runs runs;

  @Inject
  DemoCommand(Runs runs) {
    this.runs = runs;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (spec.commandLine().getParseResult().hasMatchedOption("--method")) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "--method is not used by " + NAME + "; allowed: --methods M1,M2,... (e.g. --methods sip,adam)");
    }
    TrainingConfig base = trainingOptions.toConfig();
    Problem problem = runs.problem(problemOptions);
    List<Runs.Planned> plans = new ArrayList<>();
    for (String method : Methods.parseList("--methods", methods)) {
      TrainingConfig config = Methods.configure(base, method);
      plans.add(runs.plan(method, problem, config, trainingOptions.solver, trainingOptions.solverOptions));
    }
    Path dir = output.prepare();
    List<TrainingResult> results = Pool.runAll(runs, plans, new Progress(err, output.quiet), null, NAME);

    TrainingResult first = results.get(0);
    out.println(
        String.format(
            Locale.ROOT,
            "%s, %d steps x batch %d, seed %d, runs in parallel: %d",
            Reports.setting(first),
            base.steps(),
            base.batch(),
            base.seed(),
            Math.min(plans.size(), Pool.threads())));
    Reports.table(out, results);
    ObjectNode summary = Reports.summary(results);
    printRatio(out, results, summary);
    if (dir != null) {
      Reports.write(dir, results, summary, Reports.setting(first), runs.metricsText());
      out.println("results written to " + dir);
    }
    if (output.json) {
      out.println(Json.line(summary));
    }
    out.flush();
    boolean diverged = false;
    for (TrainingResult r : results) {
      if (r.diverged()) {
        err.println(spec.qualifiedName() + ": " + r.run() + ": " + r.divergence());
        diverged = true;
      }
    }
    return diverged ? ErrorHandler.FAILED : 0;
  }

  /**
   * With SIP and Adam both present, says how far apart their test x-distances and times are, and
   * adds {@code xDistanceAdamOverSip} and {@code timeSipOverAdam} to the summary.
   */
  private static void printRatio(PrintWriter out, List<TrainingResult> results, ObjectNode summary) {
    TrainingResult sip = null;
    TrainingResult adam = null;
    for (TrainingResult r : results) {
      if (r.method().equals(Methods.SIP)) {
        sip = r;
      } else if (r.method().equals(org.scaleinvariant.sip.nn.Adam.ID)) {
        adam = r;
      }
    }
    if (sip != null && adam != null && sip.testXDistance() > 0 && Double.isFinite(adam.testXDistance())) {
      double ratio = adam.testXDistance() / sip.testXDistance();
      double time = sip.msPerIteration() / adam.msPerIteration();
      Json.putNumber(summary, "xDistanceAdamOverSip", ratio);
      Json.putNumber(summary, "timeSipOverAdam", time);
      out.println(
          String.format(
              Locale.ROOT,
              "SIP's test x-distance is %.3g times %s Adam's; time per iteration SIP/Adam = %.2f",
              ratio >= 1 ? ratio : 1 / ratio,
              ratio >= 1 ? "lower than" : "higher than",
              time));
    }
  }

}
