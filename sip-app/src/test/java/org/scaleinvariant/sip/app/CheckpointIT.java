package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.app.store.CheckpointStore;
import org.scaleinvariant.sip.app.store.ModelFile;
import org.scaleinvariant.sip.nn.TrainingState;

/**
 * Checkpoints, {@code resume}, saved models and {@code predict} in fresh JVMs, as {@code ./sip}
 * runs them. One uninterrupted reference run is shared by the tests; a second run of the same
 * settings is killed with SIGKILL (the launcher process, {@link Process#destroyForcibly()}) once
 * its first checkpoint exists, resumed, and must end with the very same parameters and curve.
 */
class CheckpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The run: SIP on the paper's rotated sine, long enough to be killed in the middle. */
  private static final String[] RUN = {"train", "--steps", "3000", "--checkpoint-every", "100", "--quiet"};
  /** The curve columns that must be equal bit for bit (the time columns are not). */
  private static final List<Integer> EXACT_COLUMNS = List.of(0, 3, 4, 5);

  @TempDir static Path root;
  private static Path reference;
  private static JsonNode referenceJson;

  private static String[] with(String[] base, String... more) {
    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @BeforeAll
  static void uninterruptedReferenceRun() throws Exception {
    reference = root.resolve("reference");
    CommandLineIT.Outcome run = CommandLineIT.sip(with(RUN, "--json", "--out", reference.toString()));
    assertEquals(0, run.exitCode(), run.stderr());
    referenceJson = run.lastLineJson();
  }

  private static double[] parameters(Path dir) throws IOException {
    return ModelFile.read(dir.resolve(ModelFile.FILE_NAME)).network().parameters();
  }

  /** The curve file's exact columns, one string per row. */
  private static List<String> exactCurve(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("curve-sip.csv"))) {
      String[] cells = line.split(",", -1);
      StringBuilder row = new StringBuilder();
      for (int c : EXACT_COLUMNS) {
        row.append(cells[c]).append(',');
      }
      rows.add(row.toString());
    }
    return rows;
  }

  private static void assertSameAsReference(Path dir) throws IOException {
    assertArrayEquals(parameters(reference), parameters(dir), 0, "parameters bit for bit");
    assertEquals(exactCurve(reference), exactCurve(dir), "steps, losses and x-distances of the curve");
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return to;
  }

  private static TreeSet<String> keys(JsonNode node) {
    TreeSet<String> keys = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Test
  void aRunKilledWithSigkillResumesToBitIdenticalParametersAndCurve() throws Exception {
    Path dir = root.resolve("killed");
    List<String> command = CommandLineIT.command(with(RUN, "--out", dir.toString()));
    Process process = new ProcessBuilder(command)
        .redirectOutput(root.resolve("killed.out").toFile())
        .redirectError(root.resolve("killed.err").toFile())
        .start();
    Path checkpoint = dir.resolve(CheckpointStore.CURRENT);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(process.isAlive(), "the run ended before its first checkpoint: " + Files.readString(root.resolve("killed.err")));
    process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, process.exitValue(), "killed by signal 9");

    TrainingState at = new CheckpointStore(dir).load(line -> { }).state();
    assertFalse(at.finished());
    assertTrue(at.step() >= 100 && at.step() < 3000, "killed mid-run, at step " + at.step());
    assertFalse(Files.exists(dir.resolve(ModelFile.FILE_NAME)), "no model of an unfinished run");

    CommandLineIT.Outcome resumed = CommandLineIT.sip("resume", dir.toString(), "--json", "--quiet");
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    assertSameAsReference(dir);
    JsonNode json = resumed.lastLineJson();
    assertEquals(keys(referenceJson), keys(json), "the same JSON keys as train");
    for (String key : List.of("steps", "testXDistance", "testYLoss", "trainLoss", "solverStatistics", "skippedBatches")) {
      assertEquals(referenceJson.get(key), json.get(key), key);
    }
    assertEquals("SIP training on rotated-sine (branches=1, form=paper, gamma=10, phi=45, xi=32), solver newton, eta"
        + " 1.0, adam lr 1.0e-03, 3000 steps x batch 100, seed 0", resumed.stdout().get(0));
    for (String file : List.of("summary.json", "metrics.prom", "curves-iterations.png", "curves-time.svg")) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }

    // resuming the finished run prints its results again and trains nothing
    CommandLineIT.Outcome again = CommandLineIT.sip("resume", dir.toString(), "--json");
    assertEquals(0, again.exitCode(), again.stderr());
    assertTrue(again.stderr().contains("finished at step 3000; its results:"), again.stderr());
    assertEquals(json.get("testXDistance"), again.lastLineJson().get("testXDistance"));
    assertEquals(json.get("wallSeconds"), again.lastLineJson().get("wallSeconds"));
  }

  @Test
  void aDamagedCheckpointIsDetectedAndThePreviousOneUsed() throws Exception {
    // the reference folder holds the final state (checkpoint.bin) and step 2900 (checkpoint.prev.bin)
    Path flipped = copy(reference, root.resolve("flipped"));
    Path current = flipped.resolve(CheckpointStore.CURRENT);
    byte[] bytes = Files.readAllBytes(current);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(current, bytes);
    CommandLineIT.Outcome run = CommandLineIT.sip("resume", flipped.toString(), "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
    assertTrue(run.stderr().startsWith("sip resume: " + current + " is corrupted: checksum mismatch"), run.stderr());
    assertTrue(run.stderr().strip().endsWith("; using the previous checkpoint "
        + flipped.resolve(CheckpointStore.PREVIOUS) + " (step 2900)"), run.stderr());
    assertSameAsReference(flipped);

    Path truncated = copy(reference, root.resolve("truncated"));
    Path cut = truncated.resolve(CheckpointStore.CURRENT);
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 5000));
    CommandLineIT.Outcome fromTruncated = CommandLineIT.sip("resume", truncated.toString(), "--quiet");
    assertEquals(0, fromTruncated.exitCode(), fromTruncated.stderr());
    assertTrue(fromTruncated.stderr().contains(cut + " is truncated: 5000 bytes"), fromTruncated.stderr());
    assertSameAsReference(truncated);

    Path both = copy(reference, root.resolve("both"));
    Files.write(both.resolve(CheckpointStore.CURRENT), new byte[0]);
    Files.write(both.resolve(CheckpointStore.PREVIOUS), "SIP-CKPT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    CommandLineIT.Outcome none = CommandLineIT.sip("resume", both.toString());
    assertEquals(2, none.exitCode(), none.stderr());
    assertEquals(1, none.stderr().strip().lines().count(), none.stderr());
    assertTrue(none.stderr().startsWith("sip resume: no usable checkpoint in " + both), none.stderr());
  }

  @Test
  void aDivergedRunKeepsItsLastGoodCheckpointAndNamesIt() throws Exception {
    Path dir = root.resolve("diverged");
    CommandLineIT.Outcome run = CommandLineIT.sip("train", "--method", "sgd", "--lr", "1e30", "--steps", "50",
        "--checkpoint-every", "1", "--out", dir.toString(), "--quiet", "--json");
    assertEquals(1, run.exitCode(), run.stderr());
    assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
    assertTrue(run.stderr().startsWith("sip train: training diverged by step 2 in phase nn.forward"), run.stderr());
    assertTrue(run.stderr().strip().endsWith("; the last good checkpoint is kept: "
        + dir.resolve(CheckpointStore.CURRENT) + " (step 1)"), run.stderr());
    assertTrue(run.lastLineJson().get("diverged").asBoolean());
    TrainingState kept = new CheckpointStore(dir).load(line -> { }).state();
    assertEquals(1, kept.step(), "never overwritten by the diverged state");
    assertFalse(Files.exists(dir.resolve(ModelFile.FILE_NAME)), "no model of a diverged run");
  }

  @Test
  void predictAppliesTheSavedModelToOneTargetOrACsvFile() throws Exception {
    Path model = reference.resolve(ModelFile.FILE_NAME);
    CommandLineIT.Outcome one = CommandLineIT.sip("predict", "--model", model.toString(), "--y", "0.3,-0.5", "--json");
    assertEquals(0, one.exitCode(), one.stderr());
    JsonNode result = one.lastLineJson().get("results").get(0);
    double[] x = new double[2];
    ModelFile.read(model).network().forward(new double[] {0.3, -0.5}, x, 1);
    assertEquals(x[0], result.get("x").get(0).doubleValue(), 0, "the saved network's prediction");
    assertEquals(x[1], result.get("x").get(1).doubleValue(), 0);
    assertEquals(2, result.get("px").size());
    assertTrue(result.get("distance").doubleValue() >= 0);

    Path input = root.resolve("targets.csv");
    StringBuilder csv = new StringBuilder("y0,y1\n");
    for (int i = 0; i < 600; i++) {
      csv.append(i / 600.0).append(',').append(-i / 900.0).append('\n');
    }
    Files.writeString(input, csv);
    Path output = root.resolve("predictions.csv");
    CommandLineIT.Outcome many = CommandLineIT.sip("predict", "--model", model.toString(), "--input", input.toString(),
        "--output", output.toString(), "--json");
    assertEquals(0, many.exitCode(), many.stderr());
    assertEquals(600, many.lastLineJson().get("count").asInt());
    assertEquals(600, many.lastLineJson().get("results").size());
    List<String> lines = Files.readAllLines(output);
    assertEquals("ystar0,ystar1,x0,x1,px0,px1,distance", lines.get(0));
    assertEquals(601, lines.size());

    Files.writeString(input, "0.1,0.2\n0.3\n");
    CommandLineIT.Outcome bad = CommandLineIT.sip("predict", "--model", model.toString(), "--input", input.toString());
    assertEquals(2, bad.exitCode());
    assertEquals("sip predict: " + input + " line 2 has 1 column; allowed: 2 (one per component of y*)",
        bad.stderr().strip());
  }
}
