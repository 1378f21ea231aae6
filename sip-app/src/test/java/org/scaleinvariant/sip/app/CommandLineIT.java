package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starts the packaged app in a fresh JVM on the module path, exactly as {@code ./sip} does, so
 * missing {@code requires}, {@code opens} or {@code provides} clauses fail here (surefire's own
 * module patching hides them; deps.md P5–P7).
 */
class CommandLineIT {
  private static final String MAIN = "org.scaleinvariant.sip.app/org.scaleinvariant.sip.app.Main";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Outcome(int exitCode, List<String> stdout, String stderr) {
    JsonNode lastLineJson() throws IOException {
      assertFalse(stdout.isEmpty(), "no standard output; stderr: " + stderr);
      return JSON.readTree(stdout.get(stdout.size() - 1));
    }
  }

  /** The command line that starts the packaged app with these arguments, as {@code ./sip} does. */
  static List<String> command(String... args) {
    String modules = System.getProperty("sip.modules", "target/modules");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-p", modules, "-m", MAIN));
    command.addAll(List.of(args));
    return command;
  }

  static Outcome sip(String... args) throws IOException, InterruptedException {
    return sip(java.util.Map.of(), args);
  }

  /** Runs the packaged app with extra environment variables (e.g. SIP_PLUGIN_PATH). */
  static Outcome sip(java.util.Map<String, String> environment, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.environment().remove("SIP_PLUGIN_PATH");
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sip did not finish");
    String stdout = new String(out, StandardCharsets.UTF_8);
    return new Outcome(
        process.exitValue(),
        stdout.isEmpty() ? List.of() : List.of(stdout.split("\n")),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void sipTrainingPrintsTheJsonSummaryOnTheLastLine() throws Exception {
    Outcome run = sip("train", "--problem", "rotated-sine", "--form", "paper", "--xi", "32", "--phi", "45",
        "--method", "sip", "--steps", "200", "--json", "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.lastLineJson();
    assertEquals("rotated-sine", json.get("problem").asText());
    assertEquals("sip", json.get("method").asText());
    assertEquals("newton", json.get("solver").asText(), "the rotated sine's preferred solver");
    assertEquals(200, json.get("steps").asInt());
    assertEquals(32.0, json.get("parameters").get("xi").asDouble());
    assertEquals("paper", json.get("parameters").get("form").asText());
    for (String key : List.of("testXDistance", "testYLoss", "msPerIteration", "wallSeconds")) {
      assertTrue(json.get(key).isNumber() && json.get(key).asDouble() > 0, key + " in " + json);
    }
    JsonNode phases = json.get("phases");
    for (String phase : List.of("nn.forward", "physics.forward", "inverse.solve", "loss.backward", "optimizer.step")) {
      assertTrue(phases.get(phase).isNumber(), phase + " in " + phases);
    }
    assertFalse(json.get("diverged").asBoolean());
    assertEquals(1, json.get("results").size());
    assertEquals(json.get("testXDistance"), json.get("results").get(0).get("testXDistance"));
  }

  @Test
  void dpTrainingWithAdamHasNoSolverPhase() throws Exception {
    Outcome run = sip("train", "--method", "adam", "--steps", "100", "--json", "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.lastLineJson();
    assertEquals("adam", json.get("method").asText());
    assertTrue(json.get("solver").isNull());
    assertEquals(0.001, json.get("learningRate").asDouble(), 0, "Adam's documented default");
    assertFalse(json.get("phases").has("inverse.solve"));
  }

  @Test
  void providersAreDiscoveredOnTheModulePath() throws Exception {
    Outcome solvers = sip("solvers", "--json");
    assertEquals(0, solvers.exitCode(), solvers.stderr());
    JsonNode solver = byId(solvers.lastLineJson().get("results"), "newton");
    assertTrue(solver.get("description").asText().length() > 10);
    assertTrue(solver.get("supports").toString().contains("rotated-sine"));
    Outcome problems = sip("problems", "--json");
    assertEquals(0, problems.exitCode(), problems.stderr());
    for (String id : List.of("rotated-sine", "linear", "simple")) {
      assertEquals(id, byId(problems.lastLineJson().get("results"), id).get("id").asText());
    }
    for (String id : List.of("analytic-rotated-sine", "analytic-linear", "analytic-simple")) {
      JsonNode analytic = byId(solvers.lastLineJson().get("results"), id);
      assertEquals(1, analytic.get("supports").size(), id + " supports only its problem: " + analytic);
    }
  }

  static JsonNode byId(JsonNode results, String id) {
    for (JsonNode r : results) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no '" + id + "' in " + results);
  }

  @Test
  void outputFolderReceivesSummaryCurvesAndPlots(@TempDir Path dir) throws Exception {
    Outcome run = sip("train", "--steps", "50", "--out", dir.toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
    assertEquals(50, summary.get("steps").asInt());
    List<String> csv = Files.readAllLines(dir.resolve("curve-sip.csv"));
    assertEquals("step,trainingSeconds,wallSeconds,trainLoss,testXDistance,testYLoss", csv.get(0));
    assertEquals(1 + 51, csv.size(), "step 0 and every step (interval max(1, 50/50) = 1)");
    String metrics = Files.readString(dir.resolve("metrics.prom"));
    assertTrue(metrics.contains("sip_iteration_seconds_count{run=\"sip\"} 50"), metrics);
    assertTrue(metrics.contains("sip_phase_seconds_count{phase=\"inverse.solve\",run=\"sip\"} 50"), metrics);
    for (String file : List.of("curves-iterations.png", "curves-iterations.svg", "curves-time.png", "curves-time.svg")) {
      assertTrue(Files.size(dir.resolve(file)) > 1000, file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "train --problem nope",
        "train --solver nope",
        "train --xi NaN",
        "train --xi -3",
        "train --phi Infinity",
        "train --form fancy",
        "train --steps 0",
        "train --batch -3",
        "train --lr 0",
        "train --eta NaN",
        "train --hidden 32,0,32",
        "train --method lbfgs",
        "train -P zeta=1",
        "train --steps many"
      })
  void badInputIsOneLineAndExitCodeTwo(String args) throws Exception {
    Outcome run = sip(args.split(" "));
    assertEquals(2, run.exitCode(), run.stderr());
    String[] lines = run.stderr().strip().split("\n");
    assertEquals(1, lines.length, "one line: " + run.stderr());
    assertTrue(lines[0].startsWith("sip train: "), lines[0]);
    assertFalse(run.stderr().contains("Exception"), run.stderr());
  }
}
