package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sip landscape} in a fresh JVM on the module path, as {@code ./sip} runs it (see {@link CommandLineIT}). */
class LandscapeIT {

  @Test
  void chaptersExampleWritesPlotsCsvAndJson(@TempDir Path dir) throws Exception {
    CommandLineIT.Outcome run =
        CommandLineIT.sip("landscape", "--target", "0.3,-0.5", "--xi", "1", "--phi", "15", "--out", dir.toString(), "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.lastLineJson();
    for (String key : List.of("problem", "parameters", "target", "start", "box", "results")) {
      assertTrue(json.has(key), key + " in " + json);
    }
    assertEquals("rotated-sine", json.get("problem").asText());
    assertEquals(1.0, json.get("parameters").get("xi").asDouble());
    assertEquals(15.0, json.get("parameters").get("phi").asDouble());
    assertEquals("[0.3,-0.5]", json.get("target").toString());
    assertEquals(4, json.get("box").size());
    JsonNode results = json.get("results");
    assertEquals(3, results.size());
    List<String> methods = List.of("gd", "adam", "solver");
    for (int i = 0; i < 3; i++) {
      JsonNode r = results.get(i);
      assertEquals(methods.get(i), r.get("method").asText());
      assertEquals(50, r.get("iterations").asInt());
      assertEquals(2, r.get("final").size());
      assertTrue(r.get("finalLoss").isNumber(), r.toString());
      assertTrue(r.get("xDistance").isNumber(), r.toString());
      assertFalse(r.get("diverged").asBoolean());
    }
    assertEquals("newton", results.get(2).get("solver").asText());
    assertTrue(results.get(2).get("finalLoss").asDouble() < 1e-12, "the inverse solver reaches a solution");

    byte[] png = Files.readAllBytes(dir.resolve("landscape.png"));
    assertTrue(png.length > 20_000, "png of " + png.length + " bytes");
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    String svg = Files.readString(dir.resolve("landscape.svg"), StandardCharsets.UTF_8);
    assertTrue(svg.length() > 20_000 && svg.contains("<svg") && svg.contains("data:image/png;base64"),
        "svg of " + svg.length() + " characters with the heat map embedded");
    List<String> grid = Files.readAllLines(dir.resolve("landscape.csv"));
    assertEquals("x1,x2,loss", grid.get(0));
    assertEquals(1 + 200 * 200, grid.size());
    List<String> paths = Files.readAllLines(dir.resolve("trajectories.csv"));
    assertEquals("trajectory,iteration,x1,x2,loss", paths.get(0));
    assertEquals(1 + 3 * 51, paths.size());
    assertTrue(paths.get(1).startsWith("gd,0,1.0,1.0,"), paths.get(1));
    assertEquals(json.get("results"), new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("summary.json").toFile()).get("results"));
  }

  @Test
  void problemsThatAreNotTwoDimensionalOrATargetOfTheWrongSizeAreOneLineErrors() throws Exception {
    CommandLineIT.Outcome run = CommandLineIT.sip("landscape", "--target", "0.3,-0.5,1");
    assertEquals(2, run.exitCode(), run.stderr());
    assertEquals(
        "sip landscape: --target = '0.3,-0.5,1' has 3 values; allowed: 2 values (the size m of problem 'rotated-sine')",
        run.stderr().strip());
  }
}
