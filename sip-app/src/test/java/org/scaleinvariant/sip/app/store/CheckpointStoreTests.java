package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

class CheckpointStoreTests {
  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  private CheckpointStore savedAt(int... steps) {
    CheckpointStore store = new CheckpointStore(dir);
    for (int step : steps) {
      store.save(Fixtures.definition(), Fixtures.state(step, false));
    }
    return store;
  }

  private void flipByte(String name, int fromEnd) throws IOException {
    Path file = dir.resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - fromEnd] ^= 0x01;
    Files.write(file, bytes);
  }

  @Test
  void savingKeepsTheNewestAndThePreviousCheckpoint() {
    CheckpointStore store = savedAt(10, 20, 30);
    assertEquals(30, store.lastGood().orElseThrow().step());
    CheckpointStore.Loaded loaded = new CheckpointStore(dir).load(warnings::add);
    assertEquals(30, loaded.state().step());
    assertEquals(dir.resolve(CheckpointStore.CURRENT), loaded.file());
    assertTrue(warnings.isEmpty());
    assertEquals(List.of("checkpoint.bin", "checkpoint.prev.bin"), files());
  }

  private List<String> files() {
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCorruptedCurrentCheckpointFallsBackToThePreviousOneAndIsNeverRotatedOverIt() throws IOException {
    savedAt(10, 20);
    flipByte(CheckpointStore.CURRENT, 100);
    CheckpointStore store = new CheckpointStore(dir);
    CheckpointStore.Loaded loaded = store.load(warnings::add);
    assertEquals(10, loaded.state().step());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith(dir.resolve("checkpoint.bin") + " is corrupted: checksum mismatch"), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("; using the previous checkpoint " + dir.resolve("checkpoint.prev.bin")
        + " (step 10)"), warnings.get(0));

    // the resumed run saves step 11: the damaged file is replaced, the good step 10 stays as previous
    store.save(Fixtures.definition(), Fixtures.state(11, false));
    assertEquals(11, new CheckpointStore(dir).load(warnings::add).state().step());
    Files.delete(dir.resolve(CheckpointStore.CURRENT));
    assertEquals(10, new CheckpointStore(dir).load(warnings::add).state().step());
    assertTrue(warnings.get(warnings.size() - 1).endsWith("checkpoint.bin is missing; using the previous checkpoint "
        + dir.resolve("checkpoint.prev.bin")), warnings.get(warnings.size() - 1));
  }

  @Test
  void aTruncatedCurrentCheckpointFallsBackToo() throws IOException {
    savedAt(10, 20);
    Path current = dir.resolve(CheckpointStore.CURRENT);
    byte[] bytes = Files.readAllBytes(current);
    Files.write(current, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertEquals(10, new CheckpointStore(dir).load(warnings::add).state().step());
    assertTrue(warnings.get(0).contains("checkpoint.bin is truncated"), warnings.get(0));
  }

  @Test
  void withBothDamagedTheErrorGivesBothReasons() throws IOException {
    savedAt(10, 20);
    flipByte(CheckpointStore.CURRENT, 5);
    Files.write(dir.resolve(CheckpointStore.PREVIOUS), new byte[] {1, 2, 3});
    SipException e = assertThrows(SipException.class, () -> new CheckpointStore(dir).load(warnings::add));
    assertEquals(ErrorCode.INVALID_FILE, e.code());
    assertEquals("no usable checkpoint in " + dir + ": " + dir.resolve("checkpoint.bin") + " is corrupted: checksum"
        + e.getMessage().split("checksum", 2)[1].split(";", 2)[0] + "; " + dir.resolve("checkpoint.prev.bin")
        + " is not a sip checkpoint (it does not start with \"SIP-CKPT\")", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aFolderWithoutCheckpointsIsAUsageError() {
    SipException e = assertThrows(SipException.class, () -> new CheckpointStore(dir).load(warnings::add));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("'" + dir + "' holds no checkpoint (checkpoint.bin or checkpoint.prev.bin)"),
        e.getMessage());
  }

  @Test
  void clearRemovesAnEarlierRunsCheckpointsAndLeftovers() throws IOException {
    savedAt(10, 20);
    Files.writeString(dir.resolve("checkpoint.bin.tmp"), "half");
    new CheckpointStore(dir).clear();
    assertEquals(List.of(), files());
  }
}
