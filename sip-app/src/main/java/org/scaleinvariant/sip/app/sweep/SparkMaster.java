package org.scaleinvariant.sip.app.sweep;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Spark master URLs as {@code sip sweep --engine spark --master URL} accepts them, checked before
 * anything starts, and the retries of local masters.
 *
 * <p>Spark retries a failed task up to {@code spark.task.maxFailures} times ({@value
 * #DEFAULT_ATTEMPTS} by default) on a cluster, but a local master runs each task once unless its URL
 * says otherwise ({@code local[N,F]}: F attempts). {@link #withAttempts} gives local masters the
 * same retries as a cluster.
 */
public final class SparkMaster {
  /** Spark's default of {@code spark.task.maxFailures}: attempts per task, {@value}. */
  public static final int DEFAULT_ATTEMPTS = 4;
  /** The accepted forms, for messages. */
  public static final String ALLOWED =
      "local, local[N], local[*], local[N,F] (N threads, F attempts per task), spark://HOST:PORT, yarn, k8s://URL";

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)(?:,([1-9][0-9]*))?\\])?");
  private static final Pattern STANDALONE =
      Pattern.compile("spark://[A-Za-z0-9.\\-]+:[0-9]{1,5}(,[A-Za-z0-9.\\-]+:[0-9]{1,5})*");

  private SparkMaster() {}

  /**
   * Checks a master URL.
   *
   * @param text the URL as given, or null
   * @return the URL, trimmed
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming {@code --master} if it is missing
   *     or not one of {@link #ALLOWED}
   */
  public static String check(String text) {
    if (text == null || text.isBlank()) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--master missing for --engine spark; allowed: " + ALLOWED);
    }
    String master = text.trim();
    if (LOCAL.matcher(master).matches()
        || STANDALONE.matcher(master).matches()
        || master.equals("yarn")
        || (master.startsWith("k8s://") && master.length() > "k8s://".length())) {
      return master;
    }
    throw new SipException(ErrorCode.INVALID_ARGUMENT, "--master '" + text + "' is not allowed; allowed: " + ALLOWED);
  }

  /**
   * Whether a checked master runs everything in this JVM.
   *
   * @param master the master URL
   * @return true for {@code local...}
   */
  public static boolean isLocal(String master) {
    return LOCAL.matcher(master).matches();
  }

  /**
   * A local master with retries: {@code local[N]} becomes {@code local[N,attempts]} ({@code local}
   * is {@code local[1]}); a local master that names its attempts, and any other master, is returned
   * as is (a cluster reads {@code spark.task.maxFailures}).
   *
   * @param master the checked master URL
   * @param attempts the attempts per task, ≥ 1
   * @return the master URL
   */
  public static String withAttempts(String master, int attempts) {
    Matcher local = LOCAL.matcher(master);
    if (!local.matches() || local.group(2) != null) {
      return master;
    }
    String threads = local.group(1) == null ? "1" : local.group(1);
    return "local[" + threads + "," + attempts + "]";
  }
}
