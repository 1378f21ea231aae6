package org.scaleinvariant.sip.app;

import java.nio.file.Path;
import java.util.Optional;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine;

/**
 * Reports an exception thrown by plugin code (a solver's {@code step}, a provider's {@code create},
 * a problem's {@code forward}) during a run as bad input: one line naming the plugin jar and the
 * reason, exit code {@value ErrorHandler#USAGE}, the stack trace only with {@code --debug}. A {@link
 * SipException} (a plugin rejecting options, say) and everything else go to the {@link
 * ErrorHandler} as before.
 */
final class PluginErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private final Plugins plugins;
  private final CommandLine.IExecutionExceptionHandler next;

  /**
   * Creates the handler.
   *
   * @param plugins the loaded plugins, which know their jars
   * @param next the handler of everything else
   */
  PluginErrorHandler(Plugins plugins, CommandLine.IExecutionExceptionHandler next) {
    this.plugins = plugins;
    this.next = next;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult)
      throws Exception {
    // the trainer wraps a provider's exception into a contract error naming step, phase and
    // provider; the plugin's jar is found from the original exception
    boolean contract = ex instanceof SipException && ((SipException) ex).code() == ErrorCode.PROVIDER_CONTRACT;
    Throwable culprit = contract && ex.getCause() != null ? ex.getCause() : ex;
    Optional<Path> jar = ex instanceof SipException && !contract ? Optional.empty() : plugins.blame(culprit);
    if (jar.isEmpty()) {
      return next.handleExecutionException(ex, cmd, parseResult);
    }
    if (parseResult != null && SipCommand.debugEnabled(parseResult)) {
      ex.printStackTrace(cmd.getErr());
    }
    String what = contract ? ex.getMessage() + " (plugin " + jar.get() + ")" : "plugin " + jar.get() + " failed: " + Registries.reason(ex);
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + what);
    return ErrorHandler.USAGE;
  }
}
