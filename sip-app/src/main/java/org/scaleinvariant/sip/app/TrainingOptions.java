package org.scaleinvariant.sip.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.L2Loss;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.YLosses;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.Adam;
import org.scaleinvariant.sip.nn.Initialization;
import org.scaleinvariant.sip.nn.OnDivergence;
import org.scaleinvariant.sip.nn.Optimizers;
import org.scaleinvariant.sip.nn.ProxyLoss;
import org.scaleinvariant.sip.nn.Trainer;
import org.scaleinvariant.sip.nn.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The training options shared by every run command. Numbers are read as text and checked here, so
 * NaN, infinities, zero or negative values get a one-line message naming the option.
 */
final class TrainingOptions {
  @Option(
      names = "--method",
      paramLabel = "METHOD",
      defaultValue = Methods.SIP,
      description =
          "sip (scale-invariant physics training with an inverse solver), supervised (on ground-truth"
              + " x), or a network optimizer for DP training: adam, sgd, momentum, nesterov, adagrad,"
              + " rmsprop, adadelta, adamw. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(
      names = "--optimizer",
      paramLabel = "ID",
      defaultValue = Adam.ID,
      description = "Network optimizer of SIP and supervised training. Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(
      names = "--solver",
      paramLabel = "ID",
      description =
          "Inverse solver for SIP (see 'sip solvers'). Default: the problem's preferred solver"
              + " (newton for the rotated sine), else the first one that supports the problem.")
  String solver;

  @Option(
      names = {"-S", "--solver-option"},
      paramLabel = "NAME=VALUE",
      description = "A solver option (repeatable), e.g. -S maxLossChange=0.2; see 'sip solvers'.")
  Map<String, String> solverOptions = new LinkedHashMap<>();

  @Option(
      names = "--eta",
      paramLabel = "ETA",
      description = "η, step size of the y-loss Newton step Δy = η(y* − y) (SIP). Default: 1.")
  String eta;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      description =
          "η_NN, the network learning rate. Default: the problem's recommendation for the optimizer"
              + " (the rotated sine's paper form: the published rates), else the optimizer's default.")
  String learningRate;

  @Option(
      names = "--batch",
      paramLabel = "B",
      description = "Mini-batch size. Default: " + TrainingConfig.DEFAULT_BATCH + ".")
  String batch;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Training iterations. Default: " + TrainingConfig.DEFAULT_STEPS + ".")
  String steps;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "Seed of the network initialisation and the training data. Default: 0.")
  String seed;

  @Option(
      names = "--hidden",
      paramLabel = "W1,W2,...",
      description = "Hidden-layer widths. Default: the problem's (32,64,32 for the rotated sine).")
  String hidden;

  @Option(
      names = "--activation",
      paramLabel = "NAME",
      defaultValue = "relu",
      description = "Hidden activation: relu, tanh, sigmoid, identity. Default: ${DEFAULT-VALUE}.")
  String activation;

  @Option(
      names = "--init",
      paramLabel = "NAME",
      description =
          "Initialisation: pytorch (PyTorch's nn.Linear default, U(±1/√fan_in), as the published"
              + " code), he, xavier. Default: pytorch.")
  String initialization;

  @Option(
      names = "--proxy-loss",
      paramLabel = "l2|l1",
      defaultValue = "l2",
      description = "SIP proxy loss in x: l2 (½‖x − x̃‖², the chapter) or l1 (the published code). Default: ${DEFAULT-VALUE}.")
  String proxyLoss;

  @Option(
      names = "--nn-updates",
      paramLabel = "K",
      description = "SIP: network updates per inverse-solver evaluation, towards the same x̃. Default: 1.")
  String nnUpdates;

  @Option(
      names = "--y-loss",
      paramLabel = "ID",
      defaultValue = L2Loss.ID,
      description =
          "y-space loss, with its Newton step: l2, weighted-l2 (needs -Y weights=W1,W2,...), huber"
              + " (-Y delta=D, default 1). Default: ${DEFAULT-VALUE}.")
  String yLoss;

  @Option(
      names = {"-Y", "--y-loss-option"},
      paramLabel = "NAME=VALUE",
      description = "A y-loss parameter (repeatable), e.g. -Y delta=0.1 or -Y weights=1,100.")
  Map<String, String> yLossOptions = new LinkedHashMap<>();

  @Option(
      names = "--standardize",
      paramLabel = "auto|on|off",
      defaultValue = "auto",
      description =
          "Standardise the network input y* per component: auto (the problem's recommendation: on"
              + " for the book form), on, off. Default: ${DEFAULT-VALUE}.")
  String standardize;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      description = "Steps between test-set evaluations. Default: max(1, steps/50).")
  String evalEvery;

  @Option(
      names = "--time-limit",
      paramLabel = "SECONDS",
      description = "Stop after this much wall time in seconds (in addition to --steps). Default: none.")
  String timeLimit;

  @Option(
      names = "--on-divergence",
      paramLabel = "stop|skip-batch",
      defaultValue = "stop",
      description =
          "When a step gives NaN or infinite values (loss, solver step, gradient, parameters): stop"
              + " (end the run, exit code 1) or skip-batch (drop that batch, restore the parameters and"
              + " optimizer state from before it, count it as skippedBatches; after "
              + Trainer.MAX_CONSECUTIVE_SKIPS
              + " in a row the run stops). Default: ${DEFAULT-VALUE}.")
  String onDivergence;

  /**
   * Whether the method is SIP (else DP with the optimizer named by {@code --method}).
   *
   * @return true for SIP
   */
  boolean isSip() {
    return Methods.SIP.equalsIgnoreCase(method.trim());
  }

  /**
   * Checks the options and builds the training configuration.
   *
   * @return the configuration
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} or {@link ErrorCode#UNKNOWN_ID} with a
   *     one-line message naming the option
   */
  TrainingConfig toConfig() {
    String m = Methods.check("--method", method);
    TrainingConfig.Builder b = TrainingConfig.builder().optimizer(optimizerId(optimizer, "--optimizer"));
    if (eta != null) {
      b.eta(positive("--eta", eta));
    }
    if (learningRate != null) {
      b.learningRate(positive("--lr", learningRate));
    }
    if (batch != null) {
      b.batch(integer("--batch", batch, 1));
    }
    if (steps != null) {
      b.steps(integer("--steps", steps, 1));
    }
    if (seed != null) {
      b.seed(integer("--seed", seed, 0));
    }
    if (hidden != null) {
      b.hidden(widths(hidden));
    }
    b.activation(Activation.valueOf(choice("--activation", activation, "relu", "tanh", "sigmoid", "identity")));
    if (initialization != null) {
      b.initialization(Initialization.valueOf(choice("--init", initialization, "he", "xavier", "pytorch")));
    }
    b.proxyLoss(ProxyLoss.valueOf(choice("--proxy-loss", proxyLoss, "l2", "l1")));
    if (nnUpdates != null) {
      b.nnUpdates(integer("--nn-updates", nnUpdates, 1));
    }
    String lossId = choice("--y-loss", yLoss, YLosses.ids().toArray(new String[0])).toLowerCase(java.util.Locale.ROOT);
    b.yLoss(YLosses.create(lossId, Options.of(yLossOptions)));
    String s = choice("--standardize", standardize, "auto", "on", "off");
    b.standardizeInput(s.equals("AUTO") ? null : Boolean.valueOf(s.equals("ON")));
    if (evalEvery != null) {
      b.evalEvery(integer("--eval-every", evalEvery, 1));
    }
    if (timeLimit != null) {
      b.timeLimitSeconds(positive("--time-limit", timeLimit));
    }
    b.onDivergence(OnDivergence.of(choice("--on-divergence", onDivergence, "stop", "skip-batch")));
    return Methods.configure(b.build(), m);
  }

  private static String optimizerId(String value, String option) {
    String id = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!Optimizers.ids().contains(id)) {
      throw new SipException(
          ErrorCode.UNKNOWN_ID,
          option + " '" + value + "' is not allowed; allowed: " + String.join(", ", Optimizers.ids()));
    }
    return id;
  }

  /**
   * Parses a finite number &gt; 0.
   *
   * @param option the option's name, for the message
   * @param text the value
   * @return the number
   */
  static double positive(String option, String text) {
    return Double.parseDouble(
        ParameterSpec.number(option, Double.NaN, 0, true, Double.POSITIVE_INFINITY, option).parse(text));
  }

  /**
   * Parses an integer ≥ min.
   *
   * @param option the option's name, for the message
   * @param text the value
   * @param min the smallest allowed value
   * @return the integer
   */
  static int integer(String option, String text, int min) {
    return Integer.parseInt(ParameterSpec.integer(option, min, min, Integer.MAX_VALUE, option).parse(text));
  }

  /**
   * The y-loss id as given, lower case (checked by {@link #toConfig()}).
   *
   * @return the id
   */
  String yLossId() {
    return yLoss.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static String choice(String option, String text, String... choices) {
    return ParameterSpec.choice(option, choices[0], option, choices).parse(text).toUpperCase(java.util.Locale.ROOT);
  }

  private static List<Integer> widths(String text) {
    List<Integer> result = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      try {
        result.add(integer("--hidden", part, 1));
      } catch (SipException e) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "--hidden = '" + text + "' is not allowed; allowed: comma-separated layer widths, each an integer >= 1");
      }
    }
    return result;
  }

  /**
   * The SIP-only options that were given, for a warning when the method is DP.
   *
   * @return the option names, possibly empty
   */
  List<String> sipOnlyOptionsGiven() {
    List<String> given = new ArrayList<>();
    if (solver != null) {
      given.add("--solver");
    }
    if (!solverOptions.isEmpty()) {
      given.add("--solver-option");
    }
    if (eta != null) {
      given.add("--eta");
    }
    if (nnUpdates != null) {
      given.add("--nn-updates");
    }
    if (!"l2".equalsIgnoreCase(proxyLoss)) {
      given.add("--proxy-loss");
    }
    if (!Adam.ID.equalsIgnoreCase(optimizer) && !Methods.SUPERVISED.equalsIgnoreCase(method.trim())) {
      given.add("--optimizer");
    }
    return given;
  }
}
