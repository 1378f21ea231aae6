package org.scaleinvariant.sip.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;

/** The pinned settings of a resumable sweep folder, and the migration of the file's first form. */
class SweepFilesTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static ObjectNode definition(String training) {
    ObjectNode node = JSON.createObjectNode();
    node.put("param", "xi");
    node.put("training", training);
    return node;
  }

  private void startedBefore(ObjectNode pinned) throws IOException {
    Json.write(pinned, dir.resolve(SweepFiles.DEFINITION_FILE));
    Files.createDirectories(dir.resolve(SweepFiles.RUNS_FOLDER));
    Files.writeString(dir.resolve(SweepFiles.RUNS_FOLDER).resolve("1-sip-seed0.json"), "{}");
  }

  @Test
  void aFolderWithTheFirstFormOfTheSameSettingsResumesAndIsRewritten() throws IOException {
    ObjectNode legacy = definition("TrainingConfig[method=SIP]");
    ObjectNode current = definition("{method: SIP}");
    startedBefore(legacy);
    SweepFiles.pin(dir, current, legacy);
    assertEquals(current, JSON.readTree(dir.resolve(SweepFiles.DEFINITION_FILE).toFile()));
    SweepFiles.pin(dir, current, legacy); // and again, now in the current form
  }

  @Test
  void aFolderWithOtherSettingsIsRefused() throws IOException {
    startedBefore(definition("TrainingConfig[method=DP]"));
    SipException e = assertThrows(SipException.class,
        () -> SweepFiles.pin(dir, definition("{method: SIP}"), definition("TrainingConfig[method=SIP]")));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("--out '" + dir + "' holds a sweep with other settings (sweep-definition.json differs); allowed: the"
        + " same settings to resume it, or another folder", e.getMessage());
  }

  @Test
  void aTreeOfSettingsEqualsTheOneReadBackFromItsFile() throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.set("training", Json.tree(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.5}));
    Json.write(node, dir.resolve("t.json"));
    assertEquals(node, JSON.readTree(dir.resolve("t.json").toFile()));
    assertEquals("[\"NaN\",\"Infinity\",0.5]", node.get("training").toString());
  }
}
