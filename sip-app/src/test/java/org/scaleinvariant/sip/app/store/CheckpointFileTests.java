package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingState;

class CheckpointFileTests {
  private static SipException rejected(byte[] bytes) {
    SipException e = assertThrows(SipException.class, () -> CheckpointFile.decode(bytes, "f.bin"));
    assertEquals(ErrorCode.INVALID_FILE, e.code());
    return e;
  }

  @Test
  void aRoundTripKeepsEveryValueBitForBit() {
    TrainingState state = Fixtures.state(42, false);
    RunDefinition definition = Fixtures.definition();
    CheckpointFile.Content back = CheckpointFile.decode(CheckpointFile.encode(definition, state), "f.bin");
    TrainingState s = back.state();
    assertEquals(definition.toJson(), back.definition().toJson());
    assertEquals(60.0, back.definition().config().timeLimitSeconds());
    assertEquals("huber", back.definition().config().yLoss().id());
    assertEquals(42, s.step());
    assertEquals(42, s.batchesDrawn());
    assertArrayEquals(bits(state.parameters()), bits(s.parameters()), "−0 and the subnormal survive");
    assertArrayEquals(state.inputMean(), s.inputMean(), 0);
    assertArrayEquals(state.inputStd(), s.inputStd(), 0);
    assertEquals(state.optimizer().steps(), s.optimizer().steps());
    assertEquals(state.optimizer().names(), s.optimizer().names());
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(state.optimizer().arrays().get(i), s.optimizer().arrays().get(i), 0);
    }
    assertEquals(state.curve().size(), s.curve().size());
    CurvePoint p = s.curve().get(0);
    assertTrue(Double.isNaN(p.trainLoss()), "NaN train loss at step 0 is kept");
    assertEquals(state.curve().get(1), s.curve().get(1));
    assertEquals(state.solverStatistics(), s.solverStatistics());
    assertEquals(0.125, s.lossSinceEvaluation());
    assertEquals(1, s.stepsSinceEvaluation());
    assertEquals(1, s.skippedBatches());
    assertEquals(987_654_321L, s.wallNanos());
    assertArrayEquals(state.phaseNanos(), s.phaseNanos());
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void aFlippedBitAnywhereInThePayloadIsACheckSumMismatch() {
    byte[] bytes = CheckpointFile.encode(Fixtures.definition(), Fixtures.state(42, false));
    for (int at = CheckpointFile.HEADER_BYTES; at < bytes.length; at += 97) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x10;
      assertTrue(rejected(damaged).getMessage().startsWith("f.bin is corrupted: checksum mismatch (CRC32 "),
          "byte " + at);
    }
  }

  @Test
  void aTruncatedOrExtendedFileIsDetected() {
    byte[] bytes = CheckpointFile.encode(Fixtures.definition(), Fixtures.state(42, false));
    assertEquals("f.bin is truncated: 1000 bytes, the header announces " + bytes.length,
        rejected(Arrays.copyOf(bytes, 1000)).getMessage());
    assertEquals("f.bin is truncated: 20 bytes, shorter than the 28-byte header",
        rejected(Arrays.copyOf(bytes, 20)).getMessage());
    assertEquals("f.bin has 3 bytes after the announced end", rejected(Arrays.copyOf(bytes, bytes.length + 3)).getMessage());
    assertEquals("f.bin is not a sip checkpoint (it does not start with \"SIP-CKPT\")",
        rejected(new byte[0]).getMessage());
  }

  @Test
  void anotherFormatVersionIsNamed() {
    byte[] bytes = CheckpointFile.encode(Fixtures.definition(), Fixtures.state(42, false));
    ByteBuffer.wrap(bytes).putInt(8, 3);
    assertEquals("f.bin has checkpoint format version 3; this sip reads versions 1 to 2 (written by a newer sip?)",
        rejected(bytes).getMessage());
    ByteBuffer.wrap(bytes).putInt(8, 0);
    assertEquals("f.bin has checkpoint format version 0; this sip reads versions 1 to 2", rejected(bytes).getMessage());
  }

  @Test
  void theGoalDistanceOfACurvePointRoundTrips() {
    TrainingState base = Fixtures.state(42, false);
    java.util.List<CurvePoint> curve =
        java.util.List.of(new CurvePoint(0, 0, 0.01, Double.NaN, Double.NaN, 2.5, 0.75),
            new CurvePoint(42, 0.2, 0.3, 0.7, Double.NaN, 0.9, 1e-3));
    TrainingState state = withCurve(base, curve);
    TrainingState back = CheckpointFile.decode(CheckpointFile.encode(Fixtures.definition(), state), "f.bin").state();
    assertEquals(curve, back.curve());
  }

  @Test
  void aVersionOneFileIsReadWithoutGoalDistances() {
    TrainingState state = Fixtures.state(42, false);
    byte[] v2 = CheckpointFile.encode(Fixtures.definition(), state);
    // version 1 is version 2 without the last double (testGoalDistance) of each curve point, which
    // sit at the end of the payload: 4 + 6·8 bytes each
    int points = state.curve().size();
    int pointsStart = v2.length - points * (4 + 6 * 8);
    java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
    payload.write(v2, CheckpointFile.HEADER_BYTES, pointsStart - CheckpointFile.HEADER_BYTES);
    for (int i = 0; i < points; i++) {
      payload.write(v2, pointsStart + i * (4 + 6 * 8), 4 + 5 * 8);
    }
    byte[] body = payload.toByteArray();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body);
    ByteBuffer v1 = ByteBuffer.allocate(CheckpointFile.HEADER_BYTES + body.length);
    v1.put(CheckpointFile.MAGIC).putInt(1).putLong(body.length).putLong(crc.getValue()).put(body);
    TrainingState back = CheckpointFile.decode(v1.array(), "f.bin").state();
    assertEquals(state.curve(), back.curve(), "the fixture's points have no goal distance (NaN)");
    assertArrayEquals(bits(state.parameters()), bits(back.parameters()));
  }

  private static TrainingState withCurve(TrainingState s, java.util.List<CurvePoint> curve) {
    return new TrainingState(s.step(), s.batchesDrawn(), s.finished(), s.parameters(), s.inputMean(), s.inputStd(),
        s.optimizer(), curve, s.solverStatistics(), s.lossSinceEvaluation(), s.stepsSinceEvaluation(),
        s.betweenBranchesFraction(), s.skippedBatches(), s.trainingNanos(), s.wallNanos(), s.phaseNanos());
  }

  @Test
  void valuesWithAValidChecksumAreStillChecked() {
    // a state whose parameter is NaN cannot be built, so write one by hand: replace θ[0]'s bits
    TrainingState state = Fixtures.state(42, false);
    byte[] bytes = CheckpointFile.encode(Fixtures.definition(), state);
    byte[] pattern = ByteBuffer.allocate(8).putDouble(Fixtures.THETA[0]).array();
    int at = indexOf(bytes, pattern);
    ByteBuffer.wrap(bytes).putDouble(at, Double.NaN);
    fixChecksum(bytes);
    assertEquals("f.bin: state parameters[0] = NaN is not allowed; allowed: a finite number",
        rejected(bytes).getMessage());
  }

  static int indexOf(byte[] bytes, byte[] pattern) {
    for (int i = CheckpointFile.HEADER_BYTES; i <= bytes.length - pattern.length; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
  }

  static void fixChecksum(byte[] bytes) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, CheckpointFile.HEADER_BYTES, bytes.length - CheckpointFile.HEADER_BYTES);
    ByteBuffer.wrap(bytes).putLong(20, crc.getValue());
  }
}
