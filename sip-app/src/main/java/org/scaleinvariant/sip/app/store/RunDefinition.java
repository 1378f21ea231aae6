package org.scaleinvariant.sip.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.api.YLosses;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.Initialization;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.OnDivergence;
import org.scaleinvariant.sip.nn.ProxyLoss;
import org.scaleinvariant.sip.nn.TrainingConfig;

/**
 * Everything that defines a training run, as saved in its checkpoints so that {@code sip resume}
 * can rebuild the run without the original command line: the run's name, the problem (id and
 * resolved parameters), the solver (id and options; absent for DP and supervised training), the
 * training configuration with the y-loss (id and options), and the checkpoint intervals.
 *
 * <p>Saved as JSON ({@link #toJson()}); {@link #fromJson} checks every field and names the first bad
 * one. The problem and solver are created again through the registries, so their own checks apply
 * too.
 *
 * @param run the run's name (the timers' {@code run} tag and the curve file's name)
 * @param problem the problem id
 * @param problemParameters the problem's resolved parameters
 * @param solver the solver id (SIP), or null
 * @param solverOptions the solver options as given, empty for none
 * @param config the training configuration
 * @param yLossOptions the y-loss options as given ({@code config.yLoss()} was created from its id
 *     and these)
 * @param checkpointEvery the checkpoint interval in steps, 0 for none
 * @param checkpointIntervalSeconds the checkpoint interval in seconds of wall time, {@code
 *     Double.POSITIVE_INFINITY} for none
 */
public record RunDefinition(
    String run,
    String problem,
    Options problemParameters,
    String solver,
    Map<String, String> solverOptions,
    TrainingConfig config,
    Map<String, String> yLossOptions,
    int checkpointEvery,
    double checkpointIntervalSeconds) {

  /** Copies the maps. */
  public RunDefinition {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(problemParameters, "problemParameters");
    Objects.requireNonNull(config, "config");
    solverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(solverOptions));
    yLossOptions = Collections.unmodifiableMap(new LinkedHashMap<>(yLossOptions));
  }

  /**
   * The JSON form, the {@code definition} of a checkpoint file (see the README for the keys).
   *
   * @return a new object
   */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("run", run);
    ObjectNode p = root.putObject("problem");
    p.put("id", problem);
    problemParameters.asMap().forEach(p.putObject("parameters")::put);
    if (solver == null) {
      root.putNull("solver");
    } else {
      ObjectNode s = root.putObject("solver");
      s.put("id", solver);
      solverOptions.forEach(s.putObject("options")::put);
    }
    ObjectNode t = root.putObject("training");
    t.put("method", config.method().id());
    t.put("optimizer", config.optimizer());
    Json.putNumber(t, "learningRate", config.learningRate());
    t.put("eta", config.eta());
    t.put("proxyLoss", config.proxyLoss().id());
    t.put("nnUpdates", config.nnUpdates());
    ObjectNode loss = t.putObject("yLoss");
    loss.put("id", config.yLoss().id());
    yLossOptions.forEach(loss.putObject("options")::put);
    t.put("steps", config.steps());
    t.put("batch", config.batch());
    t.put("seed", config.seed());
    if (config.hidden() == null) {
      t.putNull("hidden");
    } else {
      ArrayNode hidden = t.putArray("hidden");
      config.hidden().forEach(hidden::add);
    }
    t.put("activation", config.activation().id());
    t.put("initialization", config.initialization() == null ? null : config.initialization().id());
    if (config.standardizeInput() == null) {
      t.putNull("standardizeInput");
    } else {
      t.put("standardizeInput", config.standardizeInput());
    }
    t.put("evalEvery", config.evalEvery());
    t.put("testSetSize", config.testSetSize());
    Json.putNumber(t, "timeLimitSeconds", config.timeLimitSeconds());
    t.put("evaluationSet", config.evaluationSet().name().toLowerCase(Locale.ROOT));
    t.put("onDivergence", config.onDivergence().id());
    ObjectNode c = root.putObject("checkpoints");
    c.put("everySteps", checkpointEvery);
    Json.putNumber(c, "intervalSeconds", checkpointIntervalSeconds);
    return root;
  }

  /**
   * Reads and checks a definition.
   *
   * @param root the JSON object
   * @param source the file it came from, for messages
   * @return the definition
   * @throws SipException {@link ErrorCode#INVALID_FILE} naming the file and the first bad field
   */
  public static RunDefinition fromJson(JsonNode root, String source) {
    JsonFields in = new JsonFields(source);
    if (root == null || !root.isObject()) {
      throw in.invalid("definition", root, "an object");
    }
    String run = in.text(root, "", "run");
    JsonNode p = in.object(root, "", "problem");
    String problem = in.text(p, "problem", "id");
    Options parameters = Options.of(in.strings(p, "problem", "parameters"));
    JsonNode s = in.objectOrNull(root, "", "solver");
    String solver = s == null ? null : in.text(s, "solver", "id");
    Map<String, String> solverOptions = s == null ? Map.of() : in.strings(s, "solver", "options");

    JsonNode t = in.object(root, "", "training");
    TrainingConfig.Builder b = TrainingConfig.builder();
    b.method(choice(in, t, "method", Method.class));
    b.optimizer(in.text(t, "training", "optimizer"));
    b.learningRate(in.numberOr(t, "training", "learningRate", Double.NaN));
    b.eta(in.number(t, "training", "eta"));
    b.proxyLoss(choice(in, t, "proxyLoss", ProxyLoss.class));
    b.nnUpdates((int) in.integer(t, "training", "nnUpdates", 1, Integer.MAX_VALUE));
    JsonNode loss = in.object(t, "training", "yLoss");
    String lossId = in.text(loss, "training.yLoss", "id");
    Map<String, String> lossOptions = in.strings(loss, "training.yLoss", "options");
    b.steps((int) in.integer(t, "training", "steps", 1, Integer.MAX_VALUE));
    b.batch((int) in.integer(t, "training", "batch", 1, Integer.MAX_VALUE));
    b.seed(in.integer(t, "training", "seed", Long.MIN_VALUE, Long.MAX_VALUE));
    JsonNode hiddenNode = t.get("hidden");
    if (hiddenNode != null && !hiddenNode.isNull()) {
      List<Integer> hidden = new ArrayList<>();
      for (int width : in.integers(t, "training", "hidden", 1)) {
        hidden.add(width);
      }
      b.hidden(hidden);
    }
    b.activation(choice(in, t, "activation", Activation.class));
    b.initialization(t.hasNonNull("initialization") ? choice(in, t, "initialization", Initialization.class) : null);
    b.standardizeInput(in.booleanOrNull(t, "training", "standardizeInput"));
    b.evalEvery((int) in.integer(t, "training", "evalEvery", 0, Integer.MAX_VALUE));
    b.testSetSize((int) in.integer(t, "training", "testSetSize", 1, Integer.MAX_VALUE));
    b.timeLimitSeconds(in.numberOr(t, "training", "timeLimitSeconds", Double.POSITIVE_INFINITY));
    b.evaluationSet(choice(in, t, "evaluationSet", TrainingConfig.EvaluationSet.class));
    String onDivergence = in.text(t, "training", "onDivergence");
    try {
      b.onDivergence(OnDivergence.of(onDivergence));
    } catch (IllegalArgumentException e) {
      throw in.invalid("training.onDivergence", t.get("onDivergence"), "stop or skip-batch");
    }
    TrainingConfig config;
    try {
      b.yLoss(YLosses.create(lossId, Options.of(lossOptions)));
      config = b.build();
    } catch (SipException e) {
      throw in.wrap("training", e);
    }
    if ((config.method() == Method.SIP) != (solver != null)) {
      throw in.invalid("solver", root.get("solver"), config.method() == Method.SIP
          ? "a solver object for SIP training" : "null for " + config.method().id() + " training");
    }
    JsonNode c = in.object(root, "", "checkpoints");
    int every = (int) in.integer(c, "checkpoints", "everySteps", 0, Integer.MAX_VALUE);
    double interval = in.numberOr(c, "checkpoints", "intervalSeconds", Double.POSITIVE_INFINITY);
    if (!(interval > 0)) {
      throw in.invalid("checkpoints.intervalSeconds", c.get("intervalSeconds"), "a number > 0 or null");
    }
    return new RunDefinition(run, problem, parameters, solver, solverOptions, config, lossOptions, every, interval);
  }

  /** An enum constant from its lower-case name (with '-' for '_'). */
  private static <E extends Enum<E>> E choice(JsonFields in, JsonNode parent, String key, Class<E> type) {
    String text = in.text(parent, "training", key);
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.equals(text)) {
        return constant;
      }
      names.add(name);
    }
    throw in.invalid("training." + key, parent.get(key), "one of " + String.join(", ", names));
  }
}
