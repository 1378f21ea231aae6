package org.scaleinvariant.sip.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.DenseNetwork;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * The saved-model format, {@value #FORMAT} version {@value #VERSION}: a trained network with
 * everything needed to use it, as one JSON object (readable by any JSON library):
 *
 * <pre>
 * {
 *   "format": "sip-model", "version": 1,
 *   "problem": {"id": "rotated-sine", "parameters": {"form": "paper", "xi": "32", ...}},
 *   "network": {
 *     "sizes": [2, 32, 64, 32, 2],            // [m, hidden..., n]: input y*, output x
 *     "activation": "relu",                   // hidden layers; the output layer is linear
 *     "inputMean": [..] | null, "inputStd": [..] | null,   // input standardisation (y* − mean)/std
 *     "parameters": [..]                      // θ: per layer, weights (inputs × outputs, row-major), then biases
 *   },
 *   "crc32": "1a2b3c4d",                      // see below
 *   "training": {...}                         // how it was trained and its test metrics (information only)
 * }
 * </pre>
 *
 * The checksum is the CRC32 (as {@code zlib.crc32}) of the numbers of {@code network}, in this
 * order, as big-endian bytes: each size as a 4-byte integer, then each parameter, mean and std
 * value as an 8-byte IEEE-754 double; written as 8 lower-case hexadecimal digits. Doubles are
 * written in the shortest decimal form that reads back to the same bits, so a saved network
 * predicts bit for bit as the trained one. A model file is written only for a run that did not
 * diverge, so all numbers are finite.
 */
public final class ModelFile {
  /** The value of {@code format}, {@value}. */
  public static final String FORMAT = "sip-model";
  /** The format version this code writes and reads, {@value}. */
  public static final int VERSION = 1;
  /** The file name of a run's model in its output folder, {@value}. */
  public static final String FILE_NAME = "model.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * A loaded model.
   *
   * @param problem the problem id
   * @param problemParameters the problem's parameters
   * @param network the network, ready to use
   * @param training the {@code training} object (information only), possibly empty
   */
  public record SavedModel(String problem, Options problemParameters, DenseNetwork network, JsonNode training) {}

  private ModelFile() {}

  /**
   * The JSON form of a finished run's network.
   *
   * @param result the run (not diverged)
   * @return the object
   */
  public static ObjectNode toJson(TrainingResult result) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ObjectNode problem = root.putObject("problem");
    problem.put("id", result.problem());
    result.problemParameters().asMap().forEach(problem.putObject("parameters")::put);
    DenseNetwork network = result.network();
    ObjectNode net = root.putObject("network");
    ArrayNode sizes = net.putArray("sizes");
    for (int s : network.sizes()) {
      sizes.add(s);
    }
    net.put("activation", network.activation().id());
    putArray(net, "inputMean", network.inputMean());
    putArray(net, "inputStd", network.inputStd());
    putArray(net, "parameters", network.parameters());
    root.put("crc32", crc(network.sizes(), network.parameters(), network.inputMean(), network.inputStd()));
    ObjectNode training = root.putObject("training");
    training.put("run", result.run());
    training.put("method", result.method());
    training.put("solver", result.solver());
    training.put("optimizer", result.optimizer());
    training.put("learningRate", result.learningRate());
    training.put("steps", result.steps());
    training.put("batch", result.config().batch());
    training.put("seed", result.config().seed());
    Json.putNumber(training, "testXDistance", result.testXDistance());
    Json.putNumber(training, "testYLoss", result.testYLoss());
    return root;
  }

  private static void putArray(ObjectNode node, String key, double[] values) {
    if (values == null) {
      node.putNull(key);
      return;
    }
    ArrayNode array = node.putArray(key);
    for (double v : values) {
      array.add(v);
    }
  }

  /**
   * Writes a finished run's model atomically.
   *
   * @param file the file, usually {@code DIR/model.json}
   * @param result the run (not diverged)
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(Path file, TrainingResult result) {
    try {
      AtomicFiles.write(file, MAPPER.writeValueAsBytes(toJson(result)));
    } catch (JsonProcessingException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads and checks a model file.
   *
   * @param file the file
   * @return the model
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the file does not exist, {@link
   *     ErrorCode#INVALID_FILE} naming the problem (not JSON, not a model, another version, a bad
   *     field, sizes and parameters that disagree, a checksum mismatch), {@link ErrorCode#IO} if it
   *     cannot be read
   */
  public static SavedModel read(Path file) {
    if (Files.isDirectory(file)) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--model '" + file + "' is not allowed: it is a folder;"
          + " allowed: a model file such as " + file.resolve(FILE_NAME));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // Jackson's message may quote where it was reading ("[Source: ...; line: 1, column: 1]"); the line is given
      String message = e.getOriginalMessage().replace('\n', ' ').replaceAll("Source: [^;\\]]*; ", "");
      throw new SipException(ErrorCode.INVALID_FILE, file + " is not a sip model (not valid JSON: "
          + message + " at line " + e.getLocation().getLineNr() + ")", e);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--model '" + file + "' is not allowed: no such file", e);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    return fromJson(root, file.toString());
  }

  /**
   * Checks a model's JSON form.
   *
   * @param root the object
   * @param source the file, for messages
   * @return the model
   * @throws SipException {@link ErrorCode#INVALID_FILE} as {@link #read}
   */
  public static SavedModel fromJson(JsonNode root, String source) {
    JsonFields in = new JsonFields(source);
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new SipException(ErrorCode.INVALID_FILE, source + " is not a sip model (its \"format\" is not \""
          + FORMAT + "\")");
    }
    long version = in.integer(root, "", "version", 1, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw new SipException(ErrorCode.INVALID_FILE, source + " has model format version " + version
          + "; this sip reads version " + VERSION + (version > VERSION ? " (written by a newer sip?)" : ""));
    }
    JsonNode problem = in.object(root, "", "problem");
    String problemId = in.text(problem, "problem", "id");
    Options parameters = Options.of(in.strings(problem, "problem", "parameters"));
    JsonNode net = in.object(root, "", "network");
    int[] sizes = in.integers(net, "network", "sizes", 1);
    if (sizes.length < 2) {
      throw in.invalid("network.sizes", net.get("sizes"), "at least [inputs, outputs]");
    }
    String activationId = in.text(net, "network", "activation");
    Activation activation = null;
    for (Activation a : Activation.values()) {
      if (a.id().equals(activationId)) {
        activation = a;
      }
    }
    if (activation == null) {
      throw in.invalid("network.activation", net.get("activation"), "relu, tanh, sigmoid or identity");
    }
    DenseNetwork network;
    try {
      network = new DenseNetwork(sizes, activation);
    } catch (SipException e) {
      throw in.wrap("network.sizes", e);
    }
    double[] theta = in.numbers(net, "network", "parameters", network.parameterCount());
    double[] mean = null;
    double[] std = null;
    if (net.hasNonNull("inputMean") || net.hasNonNull("inputStd")) {
      mean = in.numbers(net, "network", "inputMean", sizes[0]);
      std = in.numbers(net, "network", "inputStd", sizes[0]);
    }
    String expected = in.text(root, "", "crc32");
    String actual = crc(sizes, theta, mean, std);
    if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
      throw new SipException(ErrorCode.INVALID_FILE, source + " is corrupted: checksum mismatch (CRC32 " + actual
          + " of the network's numbers, the file says " + expected + ")");
    }
    try {
      network.setParameters(theta);
      if (mean != null) {
        network.setInputStandardization(mean, std);
      }
    } catch (SipException e) {
      throw in.wrap("network", e);
    }
    JsonNode training = root.path("training");
    return new SavedModel(problemId, parameters, network, training.isObject() ? training : MAPPER.createObjectNode());
  }

  /** The checksum of the network's numbers as 8 hexadecimal digits (see the class comment). */
  static String crc(int[] sizes, double[] parameters, double[] mean, double[] std) {
    CRC32 crc = new CRC32();
    ByteBuffer buffer = ByteBuffer.allocate(8);
    for (int s : sizes) {
      buffer.clear();
      buffer.putInt(s);
      crc.update(buffer.array(), 0, 4);
    }
    for (double[] values : new double[][] {parameters, mean, std}) {
      if (values == null) {
        continue;
      }
      for (double v : values) {
        buffer.clear();
        buffer.putDouble(v);
        crc.update(buffer.array(), 0, 8);
      }
    }
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }
}
