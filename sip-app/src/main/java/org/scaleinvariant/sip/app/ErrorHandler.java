package org.scaleinvariant.sip.app;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code: {@value #USAGE} for bad usage or
 * input (unknown ids, invalid values), {@value #FAILED} for a run that failed. Stack traces only with
 * {@code --debug}.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  /** Exit code of a run that failed. */
  static final int FAILED = 1;
  /** Exit code of bad usage or input. */
  static final int USAGE = 2;

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = oneLine(ex.getMessage()).replace("option option", "option");
    if (ex instanceof CommandLine.UnmatchedArgumentException && !cmd.getSubcommands().isEmpty()) {
      // the first word that is no option and no command: say so, and list the commands
      java.util.List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
      if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        message = "unknown command '" + unmatched.get(0) + "'; allowed: "
            + String.join(", ", new java.util.TreeSet<>(cmd.getSubcommands().keySet()));
      }
    }
    cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
    return USAGE;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    String name = cmd.getCommandSpec().qualifiedName();
    boolean debug = parseResult != null && SipCommand.debugEnabled(parseResult);
    if (debug) {
      ex.printStackTrace(cmd.getErr());
    }
    if (ex.getCause() instanceof OutOfMemoryError) {
      throw (OutOfMemoryError) ex.getCause(); // reported by Main, like one thrown on this thread
    }
    if (ex instanceof SipException) {
      SipException e = (SipException) ex;
      cmd.getErr().println(name + ": " + oneLine(e.getMessage()));
      return e.code() == ErrorCode.DIVERGED || e.code() == ErrorCode.IO ? FAILED : USAGE;
    }
    cmd.getErr().println(
        name
            + ": internal error: "
            + ex.getClass().getSimpleName()
            + ": "
            + oneLine(String.valueOf(ex.getMessage()))
            + (debug ? "" : " (run with --debug for the stack trace)"));
    return FAILED;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
