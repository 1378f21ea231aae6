package org.scaleinvariant.sip.app.sweep;

import java.io.PrintWriter;

/**
 * Starts a {@link RunEngine} in this JVM. {@code sip-spark} implements it for Spark; the command
 * line on the module path has none and starts a JVM on {@code sip-spark}'s class path instead.
 */
@FunctionalInterface
public interface EngineFactory {
  /**
   * Starts the engine.
   *
   * @param master the checked master URL ({@link SparkMaster#check}), or null to take it from the
   *     environment (under {@code spark-submit}: its {@code --master})
   * @param progress where progress lines go, or null for none
   * @return the engine; the caller closes it
   */
  RunEngine start(String master, PrintWriter progress);
}
