package org.scaleinvariant.sip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on Spark ({@value SharedSpark#MASTER}) gives the local engine's results bit for bit: the
 * same rows, aggregates, learning-rate choices (the search runs on Spark too), per-run files and
 * JSON, whatever order its tasks finish in.
 */
class SparkSweepTests {
  /** 2 values x 2 methods x 2 seeds, 50 steps, --lr auto on a two-point grid of 10 steps. */
  static final List<String> SWEEP = List.of("--param", "xi", "--values", "1,32", "--phi", "0", "--methods",
      "sip,adam", "--seeds", "2", "--steps", "50", "--lr-steps", "10", "--lr-grid", "1e-3,1e-2,2", "--json",
      "--quiet");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sparkResultsEqualTheLocalEnginesBitForBit(@TempDir Path dir) throws Exception {
    SharedSpark.Outcome local =
        SharedSpark.sweep(SharedSpark.join(SWEEP, "--engine", "local", "--out", dir.resolve("local").toString()));
    assertEquals(0, local.code(), local.stderr());
    SharedSpark.Outcome spark = SharedSpark.sweep(SharedSpark.join(SWEEP, "--engine", "spark", "--master", "local[2]",
        "--out", dir.resolve("spark").toString()));
    assertEquals(0, spark.code(), spark.stderr());

    JsonNode localJson = JSON.readTree(local.lastLine());
    JsonNode sparkJson = JSON.readTree(spark.lastLine());
    assertEquals(8, sparkJson.get("executed").asInt(), "2 values x 2 methods x 2 seeds");
    assertEquals(localJson, sparkJson, "the --json object: rows, aggregates, learning-rate choice");
    for (JsonNode run : sparkJson.get("runs")) {
      assertTrue(run.get("testXDistance").isNumber() && run.get("metric").isNumber(), run.toString());
    }
    int files = SweepFolders.assertSameResults(dir.resolve("local"), dir.resolve("spark"));
    assertEquals(29, files, "runs.csv, aggregate.csv, sweep.json, definition, metrics, 4 plots, 4 lr-search, 16 per run");
    // the table on standard output too, but for the folder's name
    assertEquals(local.stdout().subList(0, 6), spark.stdout().subList(0, 6));
  }
}
