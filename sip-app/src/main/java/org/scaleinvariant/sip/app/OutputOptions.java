package org.scaleinvariant.sip.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine.Option;

/** Output options of the run commands: {@code --json}, {@code --out DIR}, {@code --quiet}. */
final class OutputOptions {
  /** File-name patterns of per-run results that {@link #prepare()} removes from an earlier run. */
  private static final java.util.List<String> STALE = java.util.List.of("curve-*.csv", "model.json", "model-*.json");

  @Option(
      names = "--json",
      description = "Print the results as one JSON object on the last line of standard output.")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write the results to DIR (created if missing): summary JSON, CSV tables, PNG and SVG"
              + " plots (see the command's description). Result files of an earlier run in DIR are"
              + " replaced.")
  Path out;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines on standard error.")
  boolean quiet;

  /**
   * Creates the output folder, if one was given. Called before training, so a bad path fails fast
   * and no computed result is lost.
   *
   * @return the folder, or null
   * @throws SipException {@link ErrorCode#IO} if it cannot be created or is not a writable folder
   */
  Path prepare() {
    if (out == null) {
      return null;
    }
    if (out.toString().isBlank()) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--out '' is not allowed; allowed: a folder path");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--out '" + out + "' is not allowed: it is a file; allowed: a folder path");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException | RuntimeException e) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "--out '" + out + "' is not allowed: cannot create the folder (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ")");
    }
    if (!Files.isWritable(out)) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--out '" + out + "' is not allowed: the folder is not writable");
    }
    // curves and models of an earlier run in this folder would be mistaken for this run's
    for (String pattern : STALE) {
      try (DirectoryStream<Path> stale = Files.newDirectoryStream(out, pattern)) {
        for (Path file : stale) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new SipException(ErrorCode.IO, "cannot remove earlier results in " + out + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
