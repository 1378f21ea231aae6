package org.scaleinvariant.sip.app.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * What a finished run reports back to the process that planned it, as plain serializable values:
 * the run's JSON object ({@link Json#result}, the body of a sweep's per-run file), its curve, and
 * the numbers a sweep's rows and the learning-rate search use; or, for a run that failed, its
 * error.
 *
 * @param name the run's name
 * @param json the run's JSON object on one line ({@link Json#result}), or null if it failed
 * @param curve the evaluations, step 0 first (empty if it failed)
 * @param learningRate η_NN in effect (NaN if it failed)
 * @param steps the iterations completed (0 if it failed)
 * @param testXDistance the final x-distance on the held-out set (NaN if unknown or it failed)
 * @param testYLoss the final y-loss on the held-out set (NaN if it failed)
 * @param msPerIteration mean time of one iteration in milliseconds (NaN if it failed)
 * @param diverged whether training diverged (a finished run with a result, not a failure)
 * @param error a one-line description of why the run failed on every attempt, or null
 * @param attempts how often the run was started (1 unless an engine retried it)
 */
public record RunResult(
    String name,
    String json,
    List<CurvePoint> curve,
    double learningRate,
    int steps,
    double testXDistance,
    double testYLoss,
    double msPerIteration,
    boolean diverged,
    String error,
    int attempts)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Checks the name and copies the curve into a serializable, unmodifiable list. */
  public RunResult {
    Objects.requireNonNull(name, "name");
    curve = List.copyOf(curve);
  }

  /**
   * The result of a finished run (diverged or not), started once.
   *
   * @param result the trainer's result
   * @return the result
   */
  public static RunResult of(TrainingResult result) {
    return new RunResult(
        result.run(),
        Json.line(Json.result(result)),
        result.curve(),
        result.learningRate(),
        result.steps(),
        result.testXDistance(),
        result.testYLoss(),
        result.msPerIteration(),
        result.diverged(),
        null,
        1);
  }

  /**
   * A run that failed on every attempt.
   *
   * @param name the run's name
   * @param error why, on one line
   * @param attempts how often it was started
   * @return the result
   */
  public static RunResult failed(String name, String error, int attempts) {
    return new RunResult(
        name, null, List.of(), Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, false, error, attempts);
  }

  /**
   * Whether the run failed (threw) on every attempt, rather than finishing.
   *
   * @return true if it failed
   */
  public boolean failed() {
    return error != null;
  }

  /**
   * A copy with another attempt count.
   *
   * @param count how often the run was started
   * @return the copy
   */
  public RunResult withAttempts(int count) {
    return new RunResult(
        name, json, curve, learningRate, steps, testXDistance, testYLoss, msPerIteration, diverged, error, count);
  }

  /**
   * The run's JSON object, a new mutable copy.
   *
   * @return the object
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the run failed (it has none)
   */
  public ObjectNode toJson() {
    if (failed()) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "run '" + name + "' failed and has no result: " + error);
    }
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SipException(ErrorCode.IO, "run '" + name + "': unreadable result JSON: " + e.getOriginalMessage(), e);
    }
  }
}
