package org.scaleinvariant.sip.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.OptimizerState;
import org.scaleinvariant.sip.nn.Phase;
import org.scaleinvariant.sip.nn.SolverStatistics;
import org.scaleinvariant.sip.nn.TrainingState;

/**
 * The binary checkpoint format, version {@value #VERSION}: a run's {@link RunDefinition} and its
 * {@link TrainingState}, with a CRC32 checksum. All numbers are big-endian; doubles are IEEE-754
 * bit patterns (so values come back bit for bit); strings are a 4-byte length and UTF-8 bytes.
 *
 * <pre>
 * header (28 bytes)
 *   8  magic "SIP-CKPT" (ASCII)
 *   4  format version, int (= 2; version 1 is read too)
 *   8  payload length in bytes, long
 *   8  CRC32 of the payload (java.util.zip.CRC32, as zlib.crc32), long
 * payload
 *   string  definition: the RunDefinition as JSON
 *   int     step                         long  batchesDrawn        byte finished (0 or 1)
 *   int     skippedBatches               long  trainingNanos       long wallNanos
 *   int     phase count (5), then one long per phase: nn.forward, physics.forward,
 *           inverse.solve, loss.backward, optimizer.step (nanoseconds)
 *   double  lossSinceEvaluation          int   stepsSinceEvaluation
 *   double  betweenBranchesFraction
 *   5 long  solver counters: samples, regularized, clipped, indefinite, failed
 *   byte    standardisation present; if 1: int m, m doubles mean, m doubles std
 *   int     parameter count, then the parameters θ (doubles, DenseNetwork's layout)
 *   string  optimizer id, long optimizer step counter, int array count,
 *           per array: string name, int length, doubles
 *   int     curve point count, per point: int step, doubles trainingSeconds, wallSeconds,
 *           trainLoss, testXDistance, testYLoss, testGoalDistance (the last not in version 1,
 *           whose points read it as NaN)
 * </pre>
 *
 * Reading checks the magic, the version, the length (a truncated or over-long file), the checksum,
 * every length against the bytes left, and then every value ({@link TrainingState}'s checks and
 * {@link RunDefinition#fromJson}); any failure is one {@link SipException} with {@link
 * ErrorCode#INVALID_FILE} naming the file and what is wrong.
 */
public final class CheckpointFile {
  /** The format version this code writes, {@value}; it reads this and {@link #OLDEST_VERSION}. */
  public static final int VERSION = 2;
  /**
   * The oldest format version this code reads, {@value}: version 1 had no goal distance in its
   * curve points (rollout problems wrote no checkpoints then).
   */
  public static final int OLDEST_VERSION = 1;
  /** The first 8 bytes of every checkpoint file. */
  static final byte[] MAGIC = "SIP-CKPT".getBytes(StandardCharsets.US_ASCII);
  /** The header size in bytes: magic, version, payload length, checksum. */
  static final int HEADER_BYTES = 8 + 4 + 8 + 8;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a checkpoint file holds. */
  public record Content(RunDefinition definition, TrainingState state) {}

  private CheckpointFile() {}

  /**
   * Encodes a checkpoint.
   *
   * @param definition the run's definition
   * @param state the state
   * @return the file's bytes
   */
  public static byte[] encode(RunDefinition definition, TrainingState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      string(out, MAPPER.writeValueAsString(definition.toJson()));
      out.writeInt(state.step());
      out.writeLong(state.batchesDrawn());
      out.writeByte(state.finished() ? 1 : 0);
      out.writeInt(state.skippedBatches());
      out.writeLong(state.trainingNanos());
      out.writeLong(state.wallNanos());
      long[] phases = state.phaseNanos();
      out.writeInt(phases.length);
      for (long nanos : phases) {
        out.writeLong(nanos);
      }
      out.writeDouble(state.lossSinceEvaluation());
      out.writeInt(state.stepsSinceEvaluation());
      out.writeDouble(state.betweenBranchesFraction());
      SolverStatistics s = state.solverStatistics();
      for (long count : new long[] {s.samples(), s.regularized(), s.clipped(), s.indefinite(), s.failed()}) {
        out.writeLong(count);
      }
      double[] mean = state.inputMean();
      out.writeByte(mean == null ? 0 : 1);
      if (mean != null) {
        out.writeInt(mean.length);
        doubles(out, mean);
        doubles(out, state.inputStd());
      }
      double[] parameters = state.parameters();
      out.writeInt(parameters.length);
      doubles(out, parameters);
      OptimizerState optimizer = state.optimizer();
      string(out, optimizer.optimizer());
      out.writeLong(optimizer.steps());
      out.writeInt(optimizer.names().size());
      List<double[]> arrays = optimizer.arrays();
      for (int i = 0; i < arrays.size(); i++) {
        string(out, optimizer.names().get(i));
        out.writeInt(arrays.get(i).length);
        doubles(out, arrays.get(i));
      }
      out.writeInt(state.curve().size());
      for (CurvePoint p : state.curve()) {
        out.writeInt(p.step());
        out.writeDouble(p.trainingSeconds());
        out.writeDouble(p.wallSeconds());
        out.writeDouble(p.trainLoss());
        out.writeDouble(p.testXDistance());
        out.writeDouble(p.testYLoss());
        out.writeDouble(p.testGoalDistance());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e); // ByteArrayOutputStream does not fail
    }
    byte[] payload = bytes.toByteArray();
    ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    file.put(MAGIC).putInt(VERSION).putLong(payload.length).putLong(crc(payload, 0, payload.length)).put(payload);
    return file.array();
  }

  private static void string(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static void doubles(DataOutputStream out, double[] values) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  /**
   * Decodes and checks a checkpoint.
   *
   * @param bytes the file's bytes
   * @param source the file, for messages
   * @return the definition and state
   * @throws SipException {@link ErrorCode#INVALID_FILE} naming the file and the problem: not a
   *     checkpoint, another format version, truncated, checksum mismatch, or an invalid value
   */
  public static Content decode(byte[] bytes, String source) {
    if (bytes.length < MAGIC.length || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw invalid(source, "is not a sip checkpoint (it does not start with \"SIP-CKPT\")");
    }
    if (bytes.length < HEADER_BYTES) {
      throw invalid(source, "is truncated: " + bytes.length + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_BYTES - MAGIC.length);
    int version = header.getInt();
    if (version < OLDEST_VERSION || version > VERSION) {
      throw invalid(source, "has checkpoint format version " + version + "; this sip reads versions " + OLDEST_VERSION
          + " to " + VERSION + (version > VERSION ? " (written by a newer sip?)" : ""));
    }
    long length = header.getLong();
    long expected = header.getLong();
    if (length < 0 || HEADER_BYTES + length > bytes.length) {
      throw invalid(source, "is truncated: " + bytes.length + " bytes, the header announces " + (HEADER_BYTES + length));
    }
    if (HEADER_BYTES + length < bytes.length) {
      throw invalid(source, "has " + (bytes.length - HEADER_BYTES - length) + " bytes after the announced end");
    }
    long actual = crc(bytes, HEADER_BYTES, (int) length);
    if (actual != expected) {
      throw invalid(source, String.format(java.util.Locale.ROOT,
          "is corrupted: checksum mismatch (CRC32 %08x, the header says %08x)", actual, expected));
    }
    Reader in = new Reader(ByteBuffer.wrap(bytes, HEADER_BYTES, (int) length), source, version);
    try {
      return in.content();
    } catch (BufferUnderflowException e) {
      throw invalid(source, "ends in the middle of a value (payload too short for its own lengths)");
    }
  }

  private static SipException invalid(String source, String what) {
    return new SipException(ErrorCode.INVALID_FILE, source + " " + what);
  }

  /** Reads the payload, checking lengths against the bytes left. */
  private static final class Reader {
    private final ByteBuffer in;
    private final String source;
    private final int version;

    Reader(ByteBuffer in, String source, int version) {
      this.in = in;
      this.source = source;
      this.version = version;
    }

    Content content() {
      JsonNode json;
      String text = string("definition");
      try {
        json = MAPPER.readTree(text);
      } catch (IOException e) {
        throw invalid(source, "has an unreadable definition (not JSON: " + oneLine(e.getMessage()) + ")");
      }
      RunDefinition definition = RunDefinition.fromJson(json, source);
      int step = in.getInt();
      long batchesDrawn = in.getLong();
      byte finished = in.get();
      if (finished != 0 && finished != 1) {
        throw invalid(source, "has finished flag " + finished + "; allowed: 0 or 1");
      }
      int skipped = in.getInt();
      long trainingNanos = in.getLong();
      long wallNanos = in.getLong();
      int phaseCount = count("phase times", 8);
      if (phaseCount != Phase.values().length) {
        throw invalid(source, "has " + phaseCount + " phase times; allowed: " + Phase.values().length);
      }
      long[] phases = new long[phaseCount];
      for (int i = 0; i < phaseCount; i++) {
        phases[i] = in.getLong();
      }
      double lossSinceEvaluation = in.getDouble();
      int stepsSinceEvaluation = in.getInt();
      double betweenBranches = in.getDouble();
      SolverStatistics statistics =
          new SolverStatistics(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
      double[] mean = null;
      double[] std = null;
      byte standardized = in.get();
      if (standardized != 0 && standardized != 1) {
        throw invalid(source, "has standardisation flag " + standardized + "; allowed: 0 or 1");
      }
      if (standardized == 1) {
        int m = count("standardisation size", 16);
        mean = doubles(m);
        std = doubles(m);
      }
      double[] parameters = doubles(count("parameter count", 8));
      String optimizerId = string("optimizer id");
      long optimizerSteps = in.getLong();
      int arrays = count("optimizer array count", 8);
      List<String> names = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (int i = 0; i < arrays; i++) {
        names.add(string("optimizer array name"));
        values.add(doubles(count("optimizer array length", 8)));
      }
      int doublesPerPoint = version == 1 ? 5 : 6;
      int points = count("curve point count", 4 + doublesPerPoint * 8);
      List<CurvePoint> curve = new ArrayList<>(points);
      for (int i = 0; i < points; i++) {
        curve.add(new CurvePoint(in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
            in.getDouble(), version == 1 ? Double.NaN : in.getDouble()));
      }
      if (in.hasRemaining()) {
        throw invalid(source, "has " + in.remaining() + " unread bytes at the end of its payload");
      }
      try {
        OptimizerState optimizer = new OptimizerState(optimizerId, optimizerSteps, names, values);
        TrainingState state = new TrainingState(step, batchesDrawn, finished == 1, parameters, mean, std, optimizer,
            curve, statistics, lossSinceEvaluation, stepsSinceEvaluation, betweenBranches, skipped, trainingNanos,
            wallNanos, phases);
        return new Content(definition, state);
      } catch (SipException e) {
        throw new SipException(ErrorCode.INVALID_FILE, source + ": " + e.getMessage(), e);
      }
    }

    /** A count of items of at least {@code bytesEach} bytes, checked against the bytes left. */
    private int count(String what, int bytesEach) {
      int n = in.getInt();
      if (n < 0 || (long) n * bytesEach > in.remaining()) {
        throw invalid(source, "has " + what + " " + n + ", more than the " + in.remaining() + " bytes left allow");
      }
      return n;
    }

    private double[] doubles(int n) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = in.getDouble();
      }
      return values;
    }

    private String string(String what) {
      int n = count(what + " length", 1);
      byte[] utf8 = new byte[n];
      in.get(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
  }
}
