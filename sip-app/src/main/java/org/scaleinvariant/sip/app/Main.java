package org.scaleinvariant.sip.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine;

/**
 * Entry point of the {@code sip} command line. Exit codes: 0 success, 1 the run failed (diverged,
 * I/O error, internal error), 2 bad usage or input.
 *
 * <p>Before picocli parses anything, the plugin folders ({@code --plugin-path}, {@code
 * SIP_PLUGIN_PATH}; {@link PluginPath}) are loaded ({@link Plugins}) and the provider registries
 * built, because Guice creates the commands with the registries already in place. A plugin that
 * fails to load is a one-line warning on standard error; a missing plugin folder or two providers
 * with the same id end the run with one line and exit code 2, and so does an exception thrown by
 * plugin code during the run ({@link PluginErrorHandler}).
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line without exiting (for tests).
   *
   * @param args the arguments
   * @param out standard output (tables, the JSON line)
   * @param err standard error (progress, messages)
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /**
   * Runs the command line without exiting, with given environment variables (for tests).
   *
   * @param args the arguments
   * @param environment the environment variables (read: {@value PluginPath#ENVIRONMENT})
   * @param out standard output (tables, the JSON line)
   * @param err standard error (progress, messages, plugin warnings)
   * @return the exit code
   */
  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    SipModule module;
    try {
      List<Path> folders = PluginPath.folders(args, environment);
      Plugins plugins = Plugins.load(folders);
      for (Plugins.Failure failure : plugins.failures()) {
        err.println(failure.warning());
      }
      module = new SipModule(plugins);
    } catch (SipException e) {
      err.println("sip: " + e.getMessage().replace('\n', ' ').replace('\r', ' ').trim());
      return e.code() == ErrorCode.IO ? ErrorHandler.FAILED : ErrorHandler.USAGE;
    }
    Injector injector = Guice.createInjector(module);
    try {
      CommandLine cmd = commandLine(injector, out, err);
      cmd.setExecutionExceptionHandler(
          new PluginErrorHandler(injector.getInstance(Plugins.class), cmd.getExecutionExceptionHandler()));
      return cmd.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "sip: out of memory ("
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MiB heap): reduce --batch or --hidden, or give the JVM more with SIP_JAVA_OPTS=-Xmx8g");
      return ErrorHandler.USAGE;
    }
  }

  /**
   * Builds the configured picocli command line.
   *
   * @param injector the Guice injector that creates commands
   * @param out standard output
   * @param err standard error
   * @return the command line
   */
  static CommandLine commandLine(Injector injector, PrintStream out, PrintStream err) {
    return configure(new CommandLine(SipCommand.class, new GuiceFactory(injector)), out, err);
  }

  /**
   * Gives a command line the app's streams (UTF-8) and error handling ({@link ErrorHandler}).
   *
   * @param cmd the command line
   * @param out standard output
   * @param err standard error
   * @return the command line
   */
  static CommandLine configure(CommandLine cmd, PrintStream out, PrintStream err) {
    cmd.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler handler = new ErrorHandler();
    cmd.setExecutionExceptionHandler(handler);
    cmd.setParameterExceptionHandler(handler);
    cmd.setExecutionStrategy(
        parseResult -> {
          refuseRepeatedKeys(parseResult);
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cmd;
  }

  /**
   * Refuses a NAME=VALUE option (-P, -S, -Y) that gives one NAME twice: picocli keeps the last value
   * silently, which hides a typo in a long command line.
   *
   * @param parseResult the parsed command line, with its subcommands
   * @throws CommandLine.ParameterException naming the option and the two settings
   */
  static void refuseRepeatedKeys(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      for (CommandLine.Model.OptionSpec option : level.matchedOptions()) {
        if (!option.typeInfo().isMap()) {
          continue;
        }
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (String setting : option.originalStringValues()) {
          String key = setting.split("=", 2)[0].trim();
          String earlier = seen.put(key, setting);
          if (earlier != null) {
            throw new CommandLine.ParameterException(level.commandSpec().commandLine(), "option '"
                + option.shortestName() + "' gives " + key + " twice (" + earlier + ", " + setting
                + "); allowed: each NAME once");
          }
        }
      }
    }
  }

  /** Creates picocli's objects through Guice, so commands receive their collaborators. */
  private static final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) {
      this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type.getName().startsWith("picocli.") || type.isInterface() || java.util.Collection.class.isAssignableFrom(type)
          || java.util.Map.class.isAssignableFrom(type)) {
        return CommandLine.defaultFactory().create(type);
      }
      return injector.getInstance(type);
    }
  }
}
