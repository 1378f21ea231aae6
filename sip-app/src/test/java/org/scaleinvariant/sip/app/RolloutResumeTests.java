package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.app.store.CheckpointStore;

/**
 * Checkpoints and resume of a rollout (control) run through the command line, in-process: a run
 * resumed from its step-10 checkpoint ends with the same network, bit for bit, and the same goal
 * distance as the run that was never interrupted.
 */
class RolloutResumeTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String[] run(String... args) {
    InProcess.Outcome outcome = InProcess.run(args);
    return new String[] {Integer.toString(outcome.code()), outcome.lastLine(), outcome.err()};
  }

  @Test
  void aControlRunResumedFromItsCheckpointEndsAsTheUninterruptedOne() throws IOException {
    Path whole = dir.resolve("whole");
    String[] trained = run("train", "--problem", "control", "--steps-per-rollout", "4", "--method", "sip", "--steps",
        "20", "--batch", "8", "--checkpoint-every", "10", "--out", whole.toString(), "--json", "-q");
    assertEquals("0", trained[0], trained[2]);
    // the previous checkpoint is the unfinished state at step 10: resume from it in a folder of its own
    Path resumed = dir.resolve("resumed");
    Files.createDirectories(resumed);
    Files.copy(whole.resolve(CheckpointStore.PREVIOUS), resumed.resolve(CheckpointStore.CURRENT));
    String[] again = run("resume", resumed.toString(), "--json");
    assertEquals("0", again[0], again[2]);
    assertTrue(again[2].contains("at step 10 of 20"), again[2]);
    JsonNode first = JSON.readTree(trained[1]);
    JsonNode second = JSON.readTree(again[1]);
    assertFalse(first.get("testGoalDistance").isNull());
    assertEquals(first.get("testGoalDistance"), second.get("testGoalDistance"));
    assertEquals(first.get("steps"), second.get("steps"));
    JsonNode network = JSON.readTree(whole.resolve("model.json").toFile()).get("network");
    assertEquals(network, JSON.readTree(resumed.resolve("model.json").toFile()).get("network"), "the network bit for bit");
  }
}
