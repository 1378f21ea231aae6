package org.scaleinvariant.sip.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * The plugin folders of one run: the folders of the environment variable {@value #ENVIRONMENT}
 * (separated by the platform's path separator, ':' on Linux and macOS, ';' on Windows), then every
 * {@value #OPTION} on the command line, in order, each folder once.
 *
 * <p>The Guice injector, and with it every provider registry, is built before picocli parses the
 * command line, so {@link Main} reads {@value #OPTION} here first; the root command declares the
 * same option (for {@code --help} and so that picocli accepts it anywhere).
 */
final class PluginPath {
  /** The command-line option, {@value}. */
  static final String OPTION = "--plugin-path";

  /** The environment variable, {@value}. */
  static final String ENVIRONMENT = "SIP_PLUGIN_PATH";

  private PluginPath() {}

  /**
   * Collects the plugin folders from the environment and the arguments. Accepts {@code
   * --plugin-path DIR} and {@code --plugin-path=DIR} anywhere before a {@code --} that ends the
   * options; a trailing {@code --plugin-path} without a value is left to picocli to report.
   *
   * @param args the command-line arguments
   * @param environment the environment variables
   * @return the folders, absolute and normalised, each once, environment first
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming a folder that does not exist or
   *     is not a directory
   */
  static List<Path> folders(String[] args, Map<String, String> environment) {
    Set<Path> folders = new LinkedHashSet<>();
    String fromEnvironment = environment.get(ENVIRONMENT);
    if (fromEnvironment != null) {
      for (String entry : fromEnvironment.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          folders.add(folder(entry.trim(), ENVIRONMENT));
        }
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals(OPTION) && i + 1 < args.length) {
        folders.add(folder(args[++i], OPTION));
      } else if (arg.startsWith(OPTION + "=")) {
        folders.add(folder(arg.substring(OPTION.length() + 1), OPTION));
      }
    }
    return new ArrayList<>(folders);
  }

  private static Path folder(String text, String source) {
    Path path;
    try {
      path = Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, source + " '" + text + "' is not allowed; allowed: a folder holding plugin jars");
    }
    if (!Files.isDirectory(path)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          source
              + " '"
              + text
              + "' is not allowed: "
              + (Files.exists(path) ? "not a folder" : "no such folder")
              + "; allowed: a folder holding plugin jars");
    }
    return path;
  }
}
