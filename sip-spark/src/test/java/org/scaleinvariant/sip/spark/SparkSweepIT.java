package org.scaleinvariant.sip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sip sweep --engine spark --master local[2]} through the packaged app, as {@code ./sip} runs
 * it: the app on its module path starts the job jar on Spark's class path in a JVM of its own
 * ({@code target/launch}), whose results equal the local engine's bit for bit.
 */
class SparkSweepIT {
  private static final String MAIN = "org.scaleinvariant.sip.app/org.scaleinvariant.sip.app.Main";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Outcome(int code, String stdout, String stderr) {
    JsonNode json() throws Exception {
      String[] lines = stdout.split("\n");
      return JSON.readTree(lines[lines.length - 1]);
    }
  }

  private static Outcome sip(List<String> args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-p", System.getProperty("sip.modules"), "-m", MAIN, "sweep"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("SIP_PLUGIN_PATH");
    builder.environment().remove("SIP_JAVA_OPTS");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sip did not finish");
    return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void theSparkEngineThroughThePackagedAppGivesTheLocalEnginesResults(@TempDir Path dir) throws Exception {
    Outcome local = sip(SharedSpark.join(SparkSweepTests.SWEEP, "--out", dir.resolve("local").toString()));
    assertEquals(0, local.code(), local.stderr());
    Outcome spark = sip(SharedSpark.join(SparkSweepTests.SWEEP, "--engine", "spark", "--master", "local[2]", "--out",
        dir.resolve("spark").toString()));
    assertEquals(0, spark.code(), spark.stderr());
    assertFalse(spark.stderr().contains("[spark]"), "Spark logged warnings: " + spark.stderr());
    assertEquals(local.json(), spark.json());
    SweepFolders.assertSameResults(dir.resolve("local"), dir.resolve("spark"));
  }
}
