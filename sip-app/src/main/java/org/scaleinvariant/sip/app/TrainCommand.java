package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sip train}: one training run. */
@Command(
    name = "train",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Train a network to invert a problem, by SIP (an inverse solver's update through a proxy loss)"
          + " or DP (backpropagation of the y-loss through the physics).",
      "Prints the test x-distance (mean distance of the predicted x to the closest exact solution"
          + " over a fixed test set of 1024 targets), the test y-loss, the time per iteration and"
          + " the per-phase times.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  sip train --xi 32 --phi 45 --method sip --steps 3000",
      "  sip train --method adam --lr 1e-3 --json",
      "  sip train --form book --xi 8 --out runs/book"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;
  @Mixin OutputOptions output;

  private final Runs runs;

  @Inject
  TrainCommand(Runs runs) {
    this.runs = runs;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingConfig config = trainingOptions.toConfig();
    if (!trainingOptions.isSip() && !trainingOptions.sipOnlyOptionsGiven().isEmpty()) {
      err.println(
          spec.qualifiedName()
              + ": note: ignoring options that only SIP training uses (method "
              + config.label()
              + "): "
              + String.join(", ", trainingOptions.sipOnlyOptionsGiven()));
    }
    Problem problem = runs.problem(problemOptions);
    String name = config.label();
    Runs.Planned plan =
        runs.plan(name, problem, config, trainingOptions.solver, trainingOptions.solverOptions);
    Path dir = output.prepare();
    TrainingResult result = runs.execute(plan, new Progress(err, output.quiet));

    out.println(
        String.format(
            Locale.ROOT,
            "%s training on %s%s, %s lr %.1e, %d steps x batch %d, seed %d",
            result.method().equals(Methods.SIP)
                ? "SIP"
                : result.method().equals(Methods.SUPERVISED) ? "Supervised" : "DP",
            Reports.setting(result),
            result.solver() == null ? "" : ", solver " + result.solver() + ", eta " + result.eta(),
            result.optimizer(),
            result.learningRate(),
            config.steps(),
            config.batch(),
            config.seed()));
    Reports.table(out, List.of(result));
    Reports.phases(out, result);
    ObjectNode summary = Reports.summary(List.of(result));
    if (dir != null) {
      Reports.write(dir, List.of(result), summary, Reports.setting(result), runs.metricsText());
      out.println("results written to " + dir);
    }
    if (output.json) {
      out.println(Json.line(summary));
    }
    out.flush();
    if (result.diverged()) {
      err.println(spec.qualifiedName() + ": " + result.divergence());
      return ErrorHandler.FAILED;
    }
    return 0;
  }
}
