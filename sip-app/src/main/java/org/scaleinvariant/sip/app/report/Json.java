package org.scaleinvariant.sip.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.SolverStatistics;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Builds the JSON objects of the command line with Jackson. NaN and infinities are not JSON: they
 * are written as {@code null}.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * A new empty object.
   *
   * @return the object
   */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Puts a number, or null if it is NaN or infinite.
   *
   * @param node the object
   * @param key the key
   * @param value the value
   */
  public static void putNumber(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /**
   * The JSON object of one training run. Keys: {@code problem}, {@code parameters}, {@code method},
   * {@code solver}, {@code optimizer}, {@code learningRate}, {@code eta}, {@code steps}, {@code
   * testXDistance}, {@code testYLoss}, {@code testGoalDistance} (rollout problems: the mean
   * distance of the final state to the goal on the test tasks; null otherwise), {@code trainLoss}, {@code msPerIteration}, {@code
   * wallSeconds}, {@code phases} (phase → mean ms per iteration), {@code diverged}, {@code
   * divergence}, {@code skippedBatches} (batches dropped by {@code --on-divergence skip-batch}),
   * {@code solverStatistics}, {@code seed}, {@code batch}, and {@code betweenBranchesFraction} for
   * problems with separated solution branches.
   *
   * @param result the result
   * @return the object
   */
  public static ObjectNode result(TrainingResult result) {
    ObjectNode node = object();
    node.put("problem", result.problem());
    putParameters(node, result.problemParameters());
    node.put("method", result.method());
    node.put("solver", result.solver());
    node.put("optimizer", result.optimizer());
    putNumber(node, "learningRate", result.learningRate());
    if (result.solver() != null) {
      putNumber(node, "eta", result.eta());
    }
    node.put("steps", result.steps());
    node.put("batch", result.config().batch());
    node.put("seed", result.config().seed());
    putNumber(node, "testXDistance", result.testXDistance());
    putNumber(node, "testYLoss", result.testYLoss());
    putNumber(node, "testGoalDistance", result.testGoalDistance());
    putNumber(node, "trainLoss", result.trainLoss());
    putNumber(node, "msPerIteration", result.msPerIteration());
    putNumber(node, "wallSeconds", result.wallSeconds());
    ObjectNode phases = node.putObject("phases");
    for (Map.Entry<String, Double> e : result.phaseMillis().entrySet()) {
      putNumber(phases, e.getKey(), e.getValue());
    }
    node.put("diverged", result.diverged());
    if (result.divergence() != null) {
      node.put("divergence", result.divergence());
    }
    node.put("skippedBatches", result.skippedBatches());
    if (!Double.isNaN(result.betweenBranchesFraction())) {
      putNumber(node, "betweenBranchesFraction", result.betweenBranchesFraction());
    }
    if (result.solver() != null) {
      SolverStatistics s = result.solverStatistics();
      ObjectNode stats = node.putObject("solverStatistics");
      stats.put("samples", s.samples());
      stats.put("regularized", s.regularized());
      stats.put("clipped", s.clipped());
      stats.put("indefinite", s.indefinite());
      stats.put("failed", s.failed());
    }
    return node;
  }

  /**
   * A value (e.g. a record of settings) as a JSON tree, in the form it has after a round trip
   * through a file: NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"}, so a tree
   * built now equals one read back later.
   *
   * @param value the value, serialisable by Jackson
   * @return the tree
   * @throws SipException {@link ErrorCode#IO} if Jackson cannot serialise it
   */
  public static JsonNode tree(Object value) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new SipException(ErrorCode.IO, "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Puts the options given to the inverse solver ({@code -S NAME=VALUE}) as the object {@code
   * solverOptions}, sorted by name, typed as {@link #putParameters} types them; an empty object when
   * none were given (the solver's defaults, listed by {@code sip solvers}).
   *
   * @param node the object
   * @param solverOptions the options as given
   */
  public static void putSolverOptions(ObjectNode node, Map<String, String> solverOptions) {
    ObjectNode options = node.putObject("solverOptions");
    new java.util.TreeMap<>(solverOptions).forEach((key, value) -> putParameter(options, key, value));
  }

  /**
   * Puts a problem's parameters as the object {@code parameters}, sorted by name; values that are
   * numbers become JSON numbers (integers where they are whole), {@code true} and {@code false}
   * booleans, the others strings.
   *
   * @param node the object
   * @param options the parameters
   */
  public static void putParameters(ObjectNode node, Options options) {
    ObjectNode parameters = node.putObject("parameters");
    for (Map.Entry<String, String> e : options.asMap().entrySet()) {
      putParameter(parameters, e.getKey(), e.getValue());
    }
  }

  private static void putParameter(ObjectNode node, String key, String value) {
    if (value.equals("true") || value.equals("false")) {
      node.put(key, Boolean.parseBoolean(value));
      return;
    }
    try {
      double number = Double.parseDouble(value);
      if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        node.put(key, (long) number);
        return;
      }
      if (Double.isFinite(number)) {
        node.put(key, number);
        return;
      }
    } catch (NumberFormatException e) {
      // not a number: written as text
    }
    node.put(key, value);
  }

  /**
   * Adds an array of results under {@code results}.
   *
   * @param node the object
   * @return the array
   */
  public static ArrayNode results(ObjectNode node) {
    return node.putArray("results");
  }

  /**
   * Serialises an object on one line.
   *
   * @param node the object
   * @return the JSON text, no line breaks
   */
  public static String line(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new SipException(ErrorCode.IO, "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes an object, indented, to a file.
   *
   * @param node the object
   * @param file the file
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(ObjectNode node, Path file) {
    try {
      Files.writeString(file, MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n");
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
