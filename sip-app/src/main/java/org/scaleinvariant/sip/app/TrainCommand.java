package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.store.CheckpointStore;
import org.scaleinvariant.sip.app.store.RunDefinition;
import org.scaleinvariant.sip.nn.Checkpointing;
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
      "  sip train --form book --xi 8 --out runs/book",
      "  sip train --steps 100000 --checkpoint-every 1000 --out runs/long   (then: sip resume runs/long)"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;
  @Mixin OutputOptions output;
  @Mixin CheckpointOptions checkpoints;

  private final Runs runs;

  @Inject
  TrainCommand(Runs runs) {
    this.runs = runs;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TrainingConfig config = trainingOptions.toConfig();
    checkpoints.check(output.out != null);
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
    CheckpointStore store = null;
    RunDefinition definition = null;
    if (dir != null) {
      store = new CheckpointStore(dir);
      store.clear();
      definition =
          new RunDefinition(
              name,
              problem.id(),
              problem.parameters(),
              plan.solver() == null ? null : plan.solver().id(),
              plan.solver() == null ? Map.of() : trainingOptions.solverOptions,
              config,
              trainingOptions.yLossOptions,
              checkpoints.everySteps(),
              checkpoints.intervalSeconds());
    }
    TrainingResult result =
        runs.execute(plan, new Progress(err, output.quiet), null, checkpointing(store, definition));
    return report(spec, runs, result, plan.solver() == null ? Map.of() : trainingOptions.solverOptions, dir,
        output.json, store, false);
  }

  /**
   * The checkpoints of a run: every snapshot of the trainer goes to the store.
   *
   * @param store the run's checkpoints, or null (no {@code --out})
   * @param definition the run's definition
   * @return the checkpointing, {@link Checkpointing#NONE} without a store
   */
  static Checkpointing checkpointing(CheckpointStore store, RunDefinition definition) {
    if (store == null) {
      return Checkpointing.NONE;
    }
    return new Checkpointing(
        definition.checkpointEvery(), definition.checkpointIntervalSeconds(), state -> store.save(definition, state));
  }

  /**
   * Prints a finished run as {@code train} does (the setting line, the table, the phases, the JSON
   * line), writes its files to {@code dir}, and turns a divergence into a message naming the last
   * good checkpoint and exit code {@value ErrorHandler#FAILED}.
   *
   * @param spec the command, for its streams and name
   * @param runs the runs (for the metrics text)
   * @param result the run
   * @param solverOptions the options given to its inverse solver ({@code -S}), empty for none
   * @param dir the output folder, or null
   * @param json whether to print the JSON line
   * @param store the run's checkpoints, or null
   * @param reprint true if the run had finished before (its {@code metrics.prom} is kept: this
   *     process timed nothing)
   * @return the exit code
   */
  static int report(
      CommandSpec spec,
      Runs runs,
      TrainingResult result,
      Map<String, String> solverOptions,
      Path dir,
      boolean json,
      CheckpointStore store,
      boolean reprint) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingConfig config = result.config();
    out.println(
        String.format(
            Locale.ROOT,
            "%s training on %s%s, %s lr %.1e, %d steps x batch %d, seed %d",
            result.method().equals(Methods.SIP)
                ? "SIP"
                : result.method().equals(Methods.SUPERVISED) ? "Supervised" : "DP",
            Reports.setting(result),
            result.solver() == null
                ? ""
                : ", solver " + result.solver() + (solverOptions.isEmpty() ? "" : " " + new java.util.TreeMap<>(solverOptions))
                    + ", eta " + result.eta(),
            result.optimizer(),
            result.learningRate(),
            config.steps(),
            config.batch(),
            config.seed()));
    Reports.table(out, List.of(result));
    Reports.phases(out, result);
    ObjectNode summary = Reports.summary(List.of(result));
    if (result.solver() != null) {
      Json.putSolverOptions(summary, solverOptions);
    }
    if (dir != null) {
      Reports.write(dir, List.of(result), summary, Reports.setting(result), reprint ? null : runs.metricsText());
      out.println("results written to " + dir);
    }
    if (json) {
      out.println(Json.line(summary));
    }
    out.flush();
    if (result.diverged()) {
      String kept = "";
      if (store != null) {
        kept = store.lastGood()
            .map(c -> "; the last good checkpoint is kept: " + c.file() + " (step " + c.step() + ")")
            .orElse("; no checkpoint was written before it (--checkpoint-every N writes one every N steps)");
      }
      err.println(spec.qualifiedName() + ": " + result.divergence() + kept);
      return ErrorHandler.FAILED;
    }
    return 0;
  }
}
