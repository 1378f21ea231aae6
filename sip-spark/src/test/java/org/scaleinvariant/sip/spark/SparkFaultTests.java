package org.scaleinvariant.sip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.app.sweep.RunResult;

/**
 * Faults on the Spark engine ({@value SharedSpark#MASTER}: two attempts per task), injected with the
 * test-only solver {@value FaultySolverProvider#ID}: a run that fails on every attempt is reported
 * with its error and the rest of the sweep completes; a task that fails once is retried and gives the
 * local engine's result.
 */
class SparkFaultTests {
  private static final List<String> SWEEP = List.of("--param", "xi", "--values", "1,32", "--phi", "0", "--methods",
      "sip", "--solver", FaultySolverProvider.ID, "--seeds", "2", "--steps", "20", "--lr", "default", "--json",
      "--engine", "spark", "--master", "local[2]");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunThatFailsOnEveryAttemptIsReportedAndTheRestOfTheSweepCompletes(@TempDir Path dir) throws Exception {
    List<String> args = SharedSpark.join(SWEEP, "-S", "failAt=32", "--out", dir.toString());
    SharedSpark.Outcome run = SharedSpark.sweep(args);
    assertEquals(1, run.code(), "a run failed: " + run.stderr());
    // the trainer names step, phase and solver; the provider's own message follows
    assertTrue(run.stderr().contains("[sweep] run xi-32-sip-seed0 failed on all 2 attempt(s): "), run.stderr());
    assertTrue(run.stderr().contains("solver '" + FaultySolverProvider.ID + "' failed: IllegalStateException: "
        + FaultySolverProvider.FAILURE + " at xi = 32"), run.stderr());
    assertTrue(run.stderr().contains("sip sweep: 2 of 4 run(s) failed on every attempt"), run.stderr());

    JsonNode json = JSON.readTree(run.lastLine());
    assertEquals(2, json.get("failed").asInt());
    assertEquals(4, json.get("executed").asInt());
    for (JsonNode r : json.get("runs")) {
      boolean failing = r.get("value").asDouble() == 32;
      assertEquals(failing, r.path("failed").asBoolean(), r.toString());
      if (failing) {
        assertTrue(r.get("error").asText().contains(FaultySolverProvider.FAILURE), r.toString());
        assertEquals(2, r.get("attempts").asInt(), "Spark retried it: " + r);
        assertTrue(r.get("metric").isNull(), r.toString());
      } else {
        assertTrue(r.get("metric").isNumber(), r.toString());
      }
    }
    JsonNode xi1 = json.get("results").get(0);
    JsonNode xi32 = json.get("results").get(1);
    assertEquals(2, xi1.get("n").asInt());
    assertFalse(xi1.has("failed"));
    assertEquals(0, xi32.get("n").asInt());
    assertEquals(2, xi32.get("failed").asInt());
    assertTrue(Files.exists(dir.resolve("runs/1-sip-seed1.json")));
    assertFalse(Files.exists(dir.resolve("runs/32-sip-seed0.json")), "a failed run has no per-run file");
    assertEquals(5, Files.readAllLines(dir.resolve("runs.csv")).size(), "header and all four runs");

    // started again, the sweep retries only the failed runs
    SharedSpark.Outcome again = SharedSpark.sweep(args);
    assertEquals(1, again.code(), again.stderr());
    JsonNode resumed = JSON.readTree(again.lastLine());
    assertEquals(2, resumed.get("executed").asInt());
    assertEquals(2, resumed.get("reused").asInt());
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndGivesTheLocalEnginesResult(@TempDir Path dir) throws Exception {
    List<String> flaky = SharedSpark.join(SWEEP, "-S", "flaky=true", "--out");
    SharedSpark.Outcome spark = SharedSpark.sweep(SharedSpark.join(flaky, dir.resolve("spark").toString()));
    assertEquals(0, spark.code(), spark.stderr());
    List<String> local = SharedSpark.join(flaky, dir.resolve("local").toString());
    local.set(local.indexOf("spark"), "local");
    local.remove("--master");
    local.remove("local[2]");
    SharedSpark.Outcome reference = SharedSpark.sweep(local);
    assertEquals(0, reference.code(), reference.stderr());
    assertEquals(JSON.readTree(reference.lastLine()), JSON.readTree(spark.lastLine()));
    SweepFolders.assertSameResults(dir.resolve("local"), dir.resolve("spark"));
  }

  @Test
  void sparksReasonForAnAbortedJobBecomesOneLine() {
    RunResult failed = SparkEngine.failure("r", new IllegalStateException("Job aborted due to stage failure: Task 0"
        + " in stage 3.0 failed 4 times, most recent failure: Lost task 0.3 in stage 3.0 (TID 9) (127.0.0.1 executor"
        + " driver): java.lang.ArithmeticException: boom\n\tat Some.frame(Some.java:1)\n\nDriver stacktrace:"));
    assertEquals("java.lang.ArithmeticException: boom", failed.error());
    assertEquals(4, failed.attempts());
    RunResult other = SparkEngine.failure("r", new RuntimeException("outer", new IllegalArgumentException("inner\nmore")));
    assertEquals("java.lang.IllegalArgumentException: inner", other.error());
    assertEquals(1, other.attempts());
  }
}
