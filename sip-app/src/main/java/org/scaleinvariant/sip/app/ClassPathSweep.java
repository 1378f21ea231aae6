package org.scaleinvariant.sip.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.sweep.EngineFactory;
import org.scaleinvariant.sip.nn.RolloutTrainer;
import org.scaleinvariant.sip.nn.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sip sweep} on a plain class path, without the app's start-up (no Guice, no plugin layers):
 * the entry of {@code sip-spark}'s job ({@code org.scaleinvariant.sip.spark.SparkSweep}), which the
 * app starts for {@code --engine spark} and {@code spark-submit} starts on a cluster. Problem and
 * solver providers come from {@code META-INF/services} on the class path (plugin jars included); the
 * options, checks, messages, outputs and exit codes are those of {@code sip sweep}.
 */
public final class ClassPathSweep {
  /** The command's name in messages, {@value}. */
  public static final String NAME = "sip sweep";
  /** The option that prints stack traces (the app's root command declares it for all commands). */
  static final String DEBUG_OPTION = "--debug";

  private ClassPathSweep() {}

  /**
   * Runs {@code sip sweep} with the given arguments (without the word {@code sweep}).
   *
   * @param args the options of {@code sip sweep}, plus {@value #DEBUG_OPTION}
   * @param spark starts the Spark engine in this JVM for {@code --engine spark}
   * @param out standard output (the table, the JSON line)
   * @param err standard error (progress, messages)
   * @return the exit code: 0 success, 1 a run failed, 2 bad usage or input
   */
  public static int run(String[] args, EngineFactory spark, PrintStream out, PrintStream err) {
    Runs runs;
    try {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      runs = new Runs(Registries.discoverProblems(), Registries.discoverSolvers(), new Trainer(metrics),
          new RolloutTrainer(metrics), metrics);
    } catch (SipException e) {
      err.println(NAME + ": " + e.getMessage().replace('\n', ' ').replace('\r', ' ').trim());
      return e.code() == ErrorCode.IO ? ErrorHandler.FAILED : ErrorHandler.USAGE;
    }
    CommandLine cmd = new CommandLine(new SweepCommand(runs, Plugins.none(), spark));
    cmd.setCommandName(NAME);
    cmd.getCommandSpec()
        .addOption(OptionSpec.builder(DEBUG_OPTION).hidden(true).description("Print stack traces of errors.").build());
    return Main.configure(cmd, out, err).execute(args);
  }
}
