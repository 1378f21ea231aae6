package org.scaleinvariant.sip.app;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.store.CheckpointStore;
import org.scaleinvariant.sip.app.store.RunDefinition;
import org.scaleinvariant.sip.nn.Checkpointing;
import org.scaleinvariant.sip.nn.TrainingResult;
import org.scaleinvariant.sip.nn.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sip resume DIR}: continues a {@code train} run from the newest usable checkpoint in its
 * output folder and ends exactly as {@code train} would (same table, JSON keys and files). The run
 * is rebuilt from the checkpoint alone (problem, solver, training configuration, checkpoint
 * intervals); a run resumed from step k ends with bit-identical parameters and curve values to one
 * that was never interrupted. A finished run is not trained again: its results are printed.
 */
@Command(
    name = "resume",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Continue a 'sip train' run from the checkpoint in its --out folder (checkpoint.bin, or"
          + " checkpoint.prev.bin if that one is damaged) and finish it as 'train' would: same"
          + " summary, same --json object, same files. The parameters and curve values equal those of"
          + " a run that was never interrupted, bit for bit. A finished run prints its results again.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  sip train --steps 100000 --checkpoint-every 1000 --out runs/long   (killed at some point)",
      "  sip resume runs/long"
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The --out folder of the 'sip train' run.")
  Path dir;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line of standard output.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
  boolean quiet;

  private final Runs runs;

  @Inject
  ResumeCommand(Runs runs) {
    this.runs = runs;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "DIR '" + dir + "' is not allowed: " + (Files.exists(dir) ? "it is a file" : "no such folder")
              + "; allowed: the --out folder of a 'sip train' run");
    }
    CheckpointStore store = new CheckpointStore(dir);
    CheckpointStore.Loaded loaded = store.load(line -> err.println(spec.qualifiedName() + ": " + line));
    RunDefinition definition = loaded.definition();
    TrainingState state = loaded.state();
    Runs.Planned plan;
    try {
      Problem problem = runs.problem(definition.problem(), definition.problemParameters());
      plan = runs.plan(definition.run(), problem, definition.config(), definition.solver(), definition.solverOptions());
    } catch (SipException e) {
      String hint = e.code() == ErrorCode.UNKNOWN_ID
          ? " (a solver or problem from a plugin jar needs the same --plugin-path or SIP_PLUGIN_PATH as the run had)"
          : "";
      throw new SipException(e.code(), loaded.file() + ": " + e.getMessage() + hint, e);
    }
    if (!quiet) {
      err.println(spec.qualifiedName() + ": "
          + (state.finished()
              ? "the run in " + dir + " finished at step " + state.step() + "; its results:"
              : "resuming from " + loaded.file() + " at step " + state.step() + " of " + definition.config().steps()));
    }
    TrainingResult result =
        runs.execute(
            plan,
            new Progress(err, quiet),
            state,
            state.finished() ? Checkpointing.NONE : TrainCommand.checkpointing(store, definition));
    return TrainCommand.report(spec, runs, result, definition.solverOptions(), dir, json, store, state.finished());
  }
}
