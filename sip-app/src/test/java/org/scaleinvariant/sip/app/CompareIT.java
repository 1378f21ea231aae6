package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sip compare} in a fresh JVM on the module path, with a small budget. */
class CompareIT {

  @Test
  void compareWithLearningRateSearchWritesEveryFile(@TempDir Path dir) throws Exception {
    CommandLineIT.Outcome run =
        CommandLineIT.sip("compare", "--xi", "1,32", "--phi", "45", "--methods", "sip,adam", "--steps", "60",
            "--lr-steps", "20", "--lr-grid", "1e-4,1e-2,3", "--out", dir.toString(), "--json", "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.lastLineJson();
    JsonNode results = json.get("results");
    assertEquals(4, results.size(), "2 settings x 2 methods");
    Set<String> seen = new HashSet<>();
    for (JsonNode r : results) {
      for (String key : List.of("method", "lr", "steps", "testXDistance", "testYLoss", "msPerIteration")) {
        assertTrue(r.has(key), key + " in " + r);
      }
      assertEquals(r.get("learningRate"), r.get("lr"));
      assertEquals("auto", r.get("lrChoice").asText());
      assertEquals(3, r.get("lrSearch").size(), "every grid point reported");
      seen.add(r.get("setting").asText() + "/" + r.get("method").asText());
    }
    assertEquals(4, seen.size());
    for (String file : List.of("summary.json", "summary.csv", "lr-search.csv", "metrics.prom",
        "curve-phi45-xi1-sip.csv", "curve-phi45-xi32-adam.csv", "curves-phi45-xi32-time.png",
        "curves-phi45-xi32-iterations.svg", "curves-phi45-xi1-time.svg")) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }
    List<String> search = Files.readAllLines(dir.resolve("lr-search.csv"));
    assertEquals(1 + 2 * 2 * 3, search.size(), "header + settings x methods x grid points");
  }
}
