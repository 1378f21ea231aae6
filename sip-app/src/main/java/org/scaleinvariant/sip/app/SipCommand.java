package org.scaleinvariant.sip.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command {@code sip}; without a sub-command it runs the main job ({@code sip demo}). */
@Command(
    name = "sip",
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Scale-Invariant Physics (SIP) training: neural networks that learn to invert physics,"
          + " trained with updates from pluggable inverse solvers",
      "(Holl, Koltun, Thuerey, \"Scale-invariant Learning by Physics Inversion\", NeurIPS 2022).",
      "",
      "Without a command, runs 'sip demo': SIP and Adam side by side on the paper's rotated sine"
          + " (xi = 32, phi = 45 degrees).",
      ""
    },
    subcommands = {
      DemoCommand.class,
      CompareCommand.class,
      SweepCommand.class,
      BenchCommand.class,
      TrainCommand.class,
      ResumeCommand.class,
      PredictCommand.class,
      SolversCommand.class,
      ProblemsCommand.class,
      LandscapeCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the run failed (diverged, I/O error), 2 bad usage or input.",
      "Tables go to standard output, progress and messages to standard error; with --json the"
          + " last line of standard output is one JSON object."
    })
final class SipCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  /** Read by {@link Main} before parsing ({@link PluginPath}); declared here for --help and parsing. */
  @Option(
      names = PluginPath.OPTION,
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = {
        "Load every jar in DIR as a plugin: solver and problem providers, modular jars or plain jars"
            + " with META-INF/services (repeatable).",
        "Also the environment variable " + PluginPath.ENVIRONMENT + ": folders separated by ':' (';' on Windows)."
      })
  List<Path> pluginPath;

  @Override
  public Integer call() {
    CommandLine demo = spec.commandLine().getSubcommands().get(DemoCommand.NAME);
    return demo.execute();
  }

  /**
   * Whether {@code --debug} was given anywhere on the command line.
   *
   * @param parseResult the top-level parse result
   * @return true if given
   */
  static boolean debugEnabled(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** Reports the version of the app module. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Module module = SipCommand.class.getModule();
      String version =
          module.getDescriptor() == null
              ? "dev"
              : module.getDescriptor().rawVersion().orElse("dev");
      return new String[] {
        "sip " + version,
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
