package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sip sweep} in a fresh JVM: outputs, the JSON contract, and resuming an interrupted sweep. */
class SweepIT {
  private static final String[] SWEEP = {
    "sweep", "--param", "xi", "--values", "1,32", "--phi", "0", "--methods", "sip,adam", "--seeds", "2",
    "--steps", "50", "--lr-steps", "10", "--lr-grid", "1e-3,1e-2,2", "--json", "--quiet", "--out"
  };

  private static String[] sweep(Path dir) {
    List<String> args = new ArrayList<>(List.of(SWEEP));
    args.add(dir.toString());
    return args.toArray(new String[0]);
  }

  @Test
  void anInterruptedSweepResumesWithoutRedoingFinishedRuns(@TempDir Path dir) throws Exception {
    CommandLineIT.Outcome first = CommandLineIT.sip(sweep(dir));
    assertEquals(0, first.exitCode(), first.stderr());
    JsonNode json = first.lastLineJson();
    assertEquals(8, json.get("executed").asInt(), "2 values x 2 methods x 2 seeds");
    assertEquals(0, json.get("reused").asInt());
    assertEquals(4, json.get("results").size());
    assertEquals(8, json.get("runs").size());
    for (JsonNode r : json.get("results")) {
      for (String key : List.of("param", "value", "method", "mean", "std", "n")) {
        assertTrue(r.has(key), key + " in " + r);
      }
      assertEquals(2, r.get("n").asInt());
    }
    for (JsonNode r : json.get("runs")) {
      for (String key : List.of("param", "value", "method", "seed", "testXDistance", "metric")) {
        assertTrue(r.has(key), key + " in " + r);
      }
    }
    for (String file : List.of("runs.csv", "aggregate.csv", "sweep.json", "sweep-xi.png", "sweep-xi.svg",
        "sweep-xi-relative.png", "sweep-definition.json")) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }

    // Simulate an interruption: two runs never finished (their result files are missing).
    Path runs = dir.resolve("runs");
    Files.delete(runs.resolve("32-adam-seed1.json"));
    Files.delete(runs.resolve("1-sip-seed0.json"));
    Map<Path, FileTime> before = new HashMap<>();
    try (Stream<Path> files = Files.list(runs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        before.put(f, Files.getLastModifiedTime(f));
      }
    }
    assertEquals(6, before.size());
    CommandLineIT.Outcome second = CommandLineIT.sip(sweep(dir));
    assertEquals(0, second.exitCode(), second.stderr());
    JsonNode resumed = second.lastLineJson();
    assertEquals(2, resumed.get("executed").asInt(), "only the two missing runs");
    assertEquals(6, resumed.get("reused").asInt());
    for (Map.Entry<Path, FileTime> e : before.entrySet()) {
      assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey()), "untouched: " + e.getKey());
    }
    assertTrue(Files.exists(runs.resolve("32-adam-seed1.json")));
    // same seeds, same data: the redone runs give the very same numbers
    assertEquals(json.get("runs").toString(), resumed.get("runs").toString());
    assertEquals(json.get("results").toString(), resumed.get("results").toString());
  }

  @Test
  void resumingWithOtherSettingsIsRefused(@TempDir Path dir) throws Exception {
    assertEquals(0, CommandLineIT.sip(sweep(dir)).exitCode());
    List<String> args = new ArrayList<>(List.of(sweep(dir)));
    args.set(args.indexOf("--steps") + 1, "60");
    CommandLineIT.Outcome other = CommandLineIT.sip(args.toArray(new String[0]));
    assertEquals(2, other.exitCode());
    assertTrue(other.stderr().contains("holds a sweep with other settings"), other.stderr());
  }

  @Test
  void unknownParameterListsTheSweepableOnes() throws Exception {
    CommandLineIT.Outcome run = CommandLineIT.sip("sweep", "--param", "zeta", "--values", "1,2");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("allowed: xi, phi, gamma, branches, eta, lr, batch"), run.stderr());
  }
}
