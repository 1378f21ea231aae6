package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad usage that a new user tried: each gives exit code 2 and exactly the one line asserted here,
 * before any training or prediction is done.
 */
class UsageErrorTests {
  @TempDir Path dir;

  /** Runs the command line in-process; returns the exit code and standard error. */
  private static String[] run(String... args) {
    InProcess.Outcome outcome = InProcess.run(args);
    return new String[] {Integer.toString(outcome.code()), outcome.err()};
  }

  @Test
  void anUnknownCommandIsNamedAndTheCommandsAreListed() {
    String[] result = run("frobnicate");
    assertEquals("2", result[0]);
    assertEquals("sip: unknown command 'frobnicate'; allowed: bench, compare, demo, help, landscape, predict,"
        + " problems, resume, solvers, sweep, train (see 'sip --help')", result[1]);
  }

  @Test
  void aBadLearningRateOfCompareListsAutoAndDefault() {
    String[] result = run("compare", "--lr", "foo", "--steps", "1");
    assertEquals("2", result[0]);
    assertEquals("sip compare: --lr = 'foo' is not allowed; allowed: auto, default or a finite number > 0", result[1]);
  }

  @Test
  void aModelFolderIsNamedAsAFolder() {
    String[] result = run("predict", "--model", dir.toString(), "--y", "0.1,0.2");
    assertEquals("2", result[0]);
    assertEquals("sip predict: --model '" + dir + "' is not allowed: it is a folder; allowed: a model file such as "
        + dir.resolve("model.json"), result[1]);
  }

  @Test
  void anOutputInAMissingFolderIsRefusedBeforePredicting() {
    Path runDir = dir.resolve("run");
    assertEquals("0", run("train", "--steps", "2", "--out", runDir.toString(), "-q")[0]);
    Path output = dir.resolve("missing").resolve("p.csv");
    String[] result = run("predict", "--model", runDir.resolve("model.json").toString(), "--y", "0.1,0.2",
        "--output", output.toString());
    assertEquals("2", result[0]);
    assertEquals("sip predict: --output '" + output + "' is not allowed: the folder " + output.getParent()
        + " does not exist; allowed: a file in an existing, writable folder", result[1]);
    assertFalse(Files.exists(output.getParent()));
  }

  @Test
  void aRolloutModelIsRefusedByPredictWithTheReason() {
    Path runDir = dir.resolve("control");
    assertEquals("0", run("train", "--problem", "control", "--method", "adam", "--steps", "2", "--out",
        runDir.toString(), "-q")[0]);
    Path model = runDir.resolve("model.json");
    String[] result = run("predict", "--model", model.toString(), "--y", "1,2");
    assertEquals("2", result[0]);
    assertEquals("sip predict: " + model + ": the network of the rollout problem 'control' is a controller applied"
        + " at every step of a simulation, which predict does not run; allowed: a model of a problem that maps a"
        + " target y* to x (e.g. rotated-sine, linear, heat)", result[1]);
  }

  @Test
  void aTruncatedModelIsReportedWithoutJacksonInternals() throws Exception {
    Path runDir = dir.resolve("run");
    assertEquals("0", run("train", "--steps", "2", "--out", runDir.toString(), "-q")[0]);
    Path truncated = dir.resolve("truncated.json");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(runDir.resolve("model.json")), 40));
    String[] result = run("predict", "--model", truncated.toString(), "--y", "0.1,0.2");
    assertEquals("2", result[0]);
    assertFalse(result[1].contains("Source:"), result[1]);
    assertTrue(result[1].startsWith("sip predict: " + truncated + " is not a sip model (not valid JSON: "),
        result[1]);
  }

  @Test
  void aNameGivenTwiceToAPairOptionIsRefused() {
    String[] result = run("train", "-P", "xi=4", "-P", "xi=8", "--steps", "1");
    assertEquals("2", result[0]);
    assertEquals("sip train: option '-P' gives xi twice (xi=4, xi=8); allowed: each NAME once (see 'sip train --help')",
        result[1]);
  }

  @Test
  void aCompareListWithARepeatedValueIsRefused() {
    String[] result = run("compare", "--xi", "1,1", "--steps", "1");
    assertEquals("2", result[0]);
    assertEquals("sip compare: --xi lists 1 twice; allowed: distinct values", result[1]);
  }

  @Test
  void aSweptTrainingParameterGivenAlsoAsAnOptionIsRefused() {
    String[] batch = run("sweep", "--param", "batch", "--values", "10,20", "--batch", "50", "--steps", "1");
    assertEquals("2", batch[0]);
    assertEquals("sip sweep: --batch and --param batch both given; allowed: one of them", batch[1]);
    String[] eta = run("sweep", "--param", "eta", "--values", "1,2", "--eta", "2", "--steps", "1");
    assertEquals("2", eta[0]);
    assertEquals("sip sweep: --eta and --param eta both given; allowed: one of them", eta[1]);
  }

  @Test
  void benchRefusesMoreRunsAtOnceThanItsLimit() {
    String[] result = run("bench", "--threads", "100000");
    assertEquals("2", result[0]);
    assertEquals("sip bench: --threads 100000 is not allowed; allowed: 1 to " + BenchCommand.MAX_THREADS
        + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores)", result[1]);
  }
}
