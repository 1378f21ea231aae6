package org.scaleinvariant.sip.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.scaleinvariant.sip.app.ClassPathSweep;

/**
 * The main class of the Spark job: {@code sip sweep} with the Spark engine in this JVM. {@code sip
 * sweep --engine spark} starts it on this module's class path; on a cluster {@code spark-submit
 * --class org.scaleinvariant.sip.spark.SparkSweep sip-spark-job.jar OPTIONS} does, with the options of
 * {@code sip sweep} ({@code --engine spark} is the default here, and {@code --master} may be left to
 * {@code spark-submit}). Exit codes are those of {@code sip}: 0 success, 1 a run failed on every
 * attempt (the others are written), 2 bad usage or input.
 */
public final class SparkSweep {
  /** The option that selects the engine. */
  static final String ENGINE_OPTION = "--engine";
  /** The engine this main class defaults to, {@value}. */
  static final String DEFAULT_ENGINE = "spark";

  private SparkSweep() {}

  /**
   * Runs the sweep and exits with its code.
   *
   * @param args the options of {@code sip sweep}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the sweep without exiting.
   *
   * @param args the options of {@code sip sweep}
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return ClassPathSweep.run(withEngine(args), SparkEngine::start, out, err);
  }

  /** The arguments, with {@code --engine spark} first unless an engine is given. */
  static String[] withEngine(String[] args) {
    for (String arg : args) {
      if (arg.equals(ENGINE_OPTION) || arg.startsWith(ENGINE_OPTION + "=")) {
        return args;
      }
    }
    List<String> all = new ArrayList<>(List.of(ENGINE_OPTION, DEFAULT_ENGINE));
    all.addAll(List.of(args));
    return all.toArray(new String[0]);
  }
}
