package org.scaleinvariant.sip.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.scaleinvariant.sip.app.ClassPathSweep;

/**
 * The one local Spark context of this module's tests ({@value #MASTER}: two worker threads, two
 * attempts per task), bound to loopback ({@link SparkEngine#configuration}), started on first use and
 * stopped when the test JVM exits; and {@code sip sweep} on it, in this JVM.
 */
final class SharedSpark {
  /** The master of the tests: 2 threads, 2 attempts per task. */
  static final String MASTER = "local[2,2]";

  private static JavaSparkContext context;

  private SharedSpark() {}

  /** The context, started on first use. */
  static synchronized JavaSparkContext context() {
    if (context == null) {
      context = new JavaSparkContext(SparkEngine.configuration(MASTER));
      JavaSparkContext started = context;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop test spark"));
    }
    return context;
  }

  /** What a run of {@code sip sweep} printed, and its exit code. */
  record Outcome(int code, List<String> stdout, String stderr) {
    /** The last line of standard output (the --json object). */
    String lastLine() {
      return stdout.get(stdout.size() - 1);
    }
  }

  /**
   * Runs {@code sip sweep} in this JVM; {@code --engine spark} runs on the shared context, whatever
   * {@code --master} says.
   *
   * @param args the options
   * @return the outcome
   */
  static Outcome sweep(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClassPathSweep.run(args.toArray(new String[0]), (master, progress) -> new SparkEngine(context(), progress),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    return new Outcome(code, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Common options plus more.
   *
   * @param common the first options
   * @param more the others
   * @return all of them
   */
  static List<String> join(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all;
  }
}
