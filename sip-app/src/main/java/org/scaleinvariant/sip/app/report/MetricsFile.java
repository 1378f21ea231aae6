package org.scaleinvariant.sip.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Writes {@value #NAME}: the runs' Micrometer timers in the Prometheus text exposition format. */
public final class MetricsFile {
  /** The file's name in an output folder, {@value}. */
  public static final String NAME = "metrics.prom";

  private MetricsFile() {}

  /**
   * Writes {@value #NAME} into a folder.
   *
   * @param dir the folder (exists)
   * @param text the Prometheus text
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(Path dir, String text) {
    Path file = dir.resolve(NAME);
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
