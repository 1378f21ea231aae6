package org.scaleinvariant.sip.app.sweep;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines of a batch of runs on standard error, {@code [what] k/N runs finished (T s)}: at
 * most one per {@value #INTERVAL_SECONDS} s, and always the last one. Thread-safe.
 */
public final class RunProgress {
  /** Minimum time between two progress lines, in seconds. */
  public static final double INTERVAL_SECONDS = 2.0;

  private final PrintWriter err;
  private final String what;
  private final int total;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private int finished;

  /**
   * Starts counting.
   *
   * @param err where the lines go, or null for none
   * @param what the batch's label, e.g. {@code "lr search"}
   * @param total the number of runs
   */
  public RunProgress(PrintWriter err, String what, int total) {
    this.err = err;
    this.what = what;
    this.total = total;
  }

  /** Counts one finished run and prints a line if one is due. */
  public synchronized void finished() {
    finished++;
    if (err == null) {
      return;
    }
    long now = System.nanoTime();
    if (finished < total && (now - lastPrint) / 1e9 < INTERVAL_SECONDS) {
      return;
    }
    lastPrint = now;
    err.println(
        String.format(Locale.ROOT, "[%s] %d/%d runs finished (%.0f s)", what, finished, total, (now - start) / 1e9));
    err.flush();
  }
}
