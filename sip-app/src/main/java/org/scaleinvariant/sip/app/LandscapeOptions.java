package org.scaleinvariant.sip.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine.Option;

/**
 * The options of {@code sip landscape} besides the problem and output options. Values are read as
 * text and checked here, so a bad value gets a one-line message naming the option, the value and
 * what is allowed ({@link ErrorCode#INVALID_ARGUMENT}, exit code 2).
 */
final class LandscapeOptions {
  /** Default grid points per axis, {@value}. */
  static final int DEFAULT_RESOLUTION = 200;
  /** Fewest grid points per axis, {@value}. */
  static final int MIN_RESOLUTION = 10;
  /** Most grid points per axis, {@value} (10⁶ grid points; landscape.csv is then about 50 MB). */
  static final int MAX_RESOLUTION = 1000;
  /**
   * Default start of the trajectories, (1, 1): off the valley of the default problem (on the paper
   * form's rotated sine, x̂2 = y2/(γξ) is within ±0.003 of 0 for every target in [−1, 1]², so the
   * valley passes through the origin), so the first steps show how each method approaches it.
   */
  static final double[] DEFAULT_START = {1, 1};
  /** Default iterations of each trajectory, {@value}. */
  static final int DEFAULT_ITERATIONS = 50;
  /** Most iterations of each trajectory, {@value}. */
  static final int MAX_ITERATIONS = 100_000;
  /**
   * Default learning rate of the Adam trajectory, {@value}: Adam moves each coordinate by at most
   * about lr per iteration, so the default 50 iterations can travel about 5 units, across the
   * default box (half-width at least 3).
   */
  static final double DEFAULT_ADAM_LEARNING_RATE = 0.1;
  /** Default η of the inverse-solver trajectory, {@value} (the chapter's full Newton step in y). */
  static final double DEFAULT_ETA = 1;
  /** The value of {@code --gd-lr} (and its default) that selects the automatic rate, {@value}. */
  static final String AUTO = "auto";
  /** The value of {@code --trajectories} that draws none, {@value}. */
  static final String NONE = "none";
  /** The trajectory methods, in drawing order. */
  static final List<String> METHODS = List.of(Landscape.GD, Landscape.ADAM, Landscape.SOLVER);

  @Option(
      names = "--target",
      required = true,
      paramLabel = "Y1,Y2",
      description = "The target y*, m comma-separated numbers (m = 2 for the rotated sine), e.g. 0.3,-0.5.")
  String target;

  @Option(
      names = "--box",
      paramLabel = "X1MIN,X1MAX,X2MIN,X2MAX",
      description =
          "The region of x to draw. Default: a square centred on the start, half-width the larger of "
              + "3 and 1.25 x the farthest (max-norm) distance from the start to the exact solution "
              + "closest to it and to the trajectories, rounded up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 "
              + "times a power of ten.")
  String box;

  @Option(
      names = "--resolution",
      paramLabel = "N",
      description = "Grid points per axis, " + MIN_RESOLUTION + " to " + MAX_RESOLUTION + ". Default: "
          + DEFAULT_RESOLUTION + ".")
  String resolution;

  @Option(
      names = "--start",
      paramLabel = "X1,X2",
      description =
          "Start x0 of the trajectories (and centre of the default box). Default: 1,1 (off the valley,"
              + " which passes near the origin on the default problem).")
  String start;

  @Option(
      names = "--trajectories",
      paramLabel = "LIST",
      description =
          "Optimisations of x to draw, comma-separated: gd (gradient descent), adam, solver (the SIP "
              + "update x <- x + dx from the inverse solver), or 'none'. Default: gd,adam,solver.")
  String trajectories;

  @Option(
      names = "--iterations",
      paramLabel = "K",
      description = "Iterations of each trajectory, 1 to " + MAX_ITERATIONS + ". Default: " + DEFAULT_ITERATIONS + ".")
  String iterations;

  @Option(
      names = "--gd-lr",
      paramLabel = "LR",
      description =
          "Learning rate of gradient descent, or 'auto': 1/lambda_max of J^T J at the start (removes the"
              + " steepest direction's residual in one step; the fastest a fixed rate can be there)."
              + " Default: auto.")
  String gdLearningRate;

  @Option(
      names = "--adam-lr",
      paramLabel = "LR",
      description = "Learning rate of Adam. Default: " + DEFAULT_ADAM_LEARNING_RATE + ".")
  String adamLearningRate;

  @Option(
      names = "--eta",
      paramLabel = "ETA",
      description = "eta of the solver update: dx = solver.step(x, y, y + eta(y* - y)). Default: 1.")
  String eta;

  @Option(
      names = "--solver",
      paramLabel = "ID",
      description =
          "Inverse solver of the solver trajectory (see 'sip solvers'). Default: the problem's preferred"
              + " solver (newton for the rotated sine), else the first one that supports the problem.")
  String solver;

  @Option(
      names = {"-S", "--solver-option"},
      paramLabel = "NAME=VALUE",
      description = "A solver option (repeatable), e.g. -S maxLossChange=0.2; see 'sip solvers'.")
  Map<String, String> solverOptions = new LinkedHashMap<>();

  /**
   * The target y*, checked against the problem's output size.
   *
   * @param m the size m of the problem's y-space
   * @param problemId the problem's id, for the message
   * @return y*, length m
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a value is not a finite number or the
   *     count is not m
   */
  double[] target(int m, String problemId) {
    double[] values = numbers("--target", target, "Y1,Y2,... (finite numbers)");
    if (values.length != m) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "--target = '" + target + "' has " + values.length + (values.length == 1 ? " value" : " values")
              + "; allowed: " + m + " values (the size m of problem '" + problemId + "')");
    }
    return values;
  }

  /**
   * The start x₀.
   *
   * @return x₀, length 2; {@link #DEFAULT_START} if not given
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} unless two finite numbers are given
   */
  double[] start() {
    if (start == null) {
      return DEFAULT_START.clone();
    }
    double[] values = numbers("--start", start, "X1,X2 (two finite numbers)");
    if (values.length != 2) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--start = '" + start + "' is not allowed; allowed: X1,X2 (two finite numbers)");
    }
    return values;
  }

  /**
   * The box, if given.
   *
   * @return the box, or null for the default rule
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} unless four finite numbers with X1MIN &lt;
   *     X1MAX and X2MIN &lt; X2MAX are given
   */
  Landscape.Box box() {
    if (box == null) {
      return null;
    }
    String allowed = "X1MIN,X1MAX,X2MIN,X2MAX (four finite numbers, X1MIN < X1MAX, X2MIN < X2MAX)";
    double[] values = numbers("--box", box, allowed);
    if (values.length != 4 || !(values[0] < values[1]) || !(values[2] < values[3])) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--box = '" + box + "' is not allowed; allowed: " + allowed);
    }
    return new Landscape.Box(values[0], values[1], values[2], values[3]);
  }

  /**
   * Grid points per axis.
   *
   * @return N in [{@value #MIN_RESOLUTION}, {@value #MAX_RESOLUTION}]
   */
  int resolution() {
    return resolution == null ? DEFAULT_RESOLUTION : integer("--resolution", resolution, MIN_RESOLUTION, MAX_RESOLUTION);
  }

  /**
   * Iterations of each trajectory.
   *
   * @return K in [1, {@value #MAX_ITERATIONS}]
   */
  int iterations() {
    return iterations == null ? DEFAULT_ITERATIONS : integer("--iterations", iterations, 1, MAX_ITERATIONS);
  }

  /**
   * The trajectories to draw, in the order of {@link #METHODS} (case-insensitive, no repeats).
   *
   * @return method ids, empty for {@code none}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown or repeated id, or {@code
   *     none} with others
   */
  List<String> methods() {
    if (trajectories == null) {
      return METHODS;
    }
    String allowed = "comma-separated, each once: " + String.join(", ", METHODS) + "; or 'none'";
    String text = trajectories.trim().toLowerCase(Locale.ROOT);
    if (text.equals(NONE)) {
      return List.of();
    }
    List<String> chosen = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String id = part.trim();
      if (!METHODS.contains(id) || chosen.contains(id)) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT, "--trajectories = '" + trajectories + "' is not allowed; allowed: " + allowed);
      }
      chosen.add(id);
    }
    List<String> ordered = new ArrayList<>(METHODS);
    ordered.retainAll(chosen);
    return ordered;
  }

  /**
   * The learning rate of gradient descent.
   *
   * @return lr &gt; 0, or NaN for {@code auto} (the default)
   */
  double gdLearningRate() {
    if (gdLearningRate == null || gdLearningRate.trim().equalsIgnoreCase(AUTO)) {
      return Double.NaN;
    }
    try {
      return TrainingOptions.positive("--gd-lr", gdLearningRate);
    } catch (SipException e) {
      throw new SipException(e.code(), e.getMessage() + ", or 'auto'", e);
    }
  }

  /**
   * The learning rate of Adam.
   *
   * @return lr &gt; 0, default {@value #DEFAULT_ADAM_LEARNING_RATE}
   */
  double adamLearningRate() {
    return adamLearningRate == null ? DEFAULT_ADAM_LEARNING_RATE : TrainingOptions.positive("--adam-lr", adamLearningRate);
  }

  /**
   * η of the solver update.
   *
   * @return η &gt; 0, default {@value #DEFAULT_ETA}
   */
  double eta() {
    return eta == null ? DEFAULT_ETA : TrainingOptions.positive("--eta", eta);
  }

  /**
   * Checks every option that does not depend on the problem, so a bad value fails before any work.
   *
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for the first bad value
   */
  void validate() {
    start();
    box();
    resolution();
    iterations();
    methods();
    gdLearningRate();
    adamLearningRate();
    eta();
  }

  /**
   * The options that were given but have no effect with the chosen trajectories, for a note.
   *
   * @return option names, possibly empty
   */
  List<String> unusedOptionsGiven() {
    List<String> methods = methods();
    List<String> unused = new ArrayList<>();
    if (!methods.contains(Landscape.GD) && gdLearningRate != null) {
      unused.add("--gd-lr");
    }
    if (!methods.contains(Landscape.ADAM) && adamLearningRate != null) {
      unused.add("--adam-lr");
    }
    if (!methods.contains(Landscape.SOLVER)) {
      if (eta != null) {
        unused.add("--eta");
      }
      if (solver != null) {
        unused.add("--solver");
      }
      if (!solverOptions.isEmpty()) {
        unused.add("--solver-option");
      }
    }
    if (methods.isEmpty() && iterations != null) {
      unused.add("--iterations");
    }
    return unused;
  }

  /** Parses comma-separated finite numbers in plain decimal notation; the message quotes all of them. */
  private static double[] numbers(String option, String text, String allowed) {
    String[] parts = text.split(",", -1);
    double[] values = new double[parts.length];
    ParameterSpec number = ParameterSpec.number(option, Double.NaN, Double.NEGATIVE_INFINITY, false,
        Double.POSITIVE_INFINITY, option);
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Double.parseDouble(number.parse(parts[i]));
      } catch (SipException e) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            option + " = '" + text + "' is not allowed: '" + parts[i].trim() + "' is not a finite number; allowed: " + allowed);
      }
    }
    return values;
  }

  /** Parses an integer in [min, max]; the message names the option and the range. */
  private static int integer(String option, String text, int min, int max) {
    return Integer.parseInt(ParameterSpec.integer(option, min, min, max, option).parse(text));
  }
}
