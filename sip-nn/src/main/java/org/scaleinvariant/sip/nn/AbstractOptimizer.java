package org.scaleinvariant.sip.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * What every optimizer here shares: the id, the learning rate and the parameter count fixed at
 * construction, the step counter, the size checks of {@link #step}, and the range checks of the
 * hyper-parameters, and the export and import of the state. A subclass allocates its named state
 * arrays with {@link #newState} (so they are saved and restored with the step counter) and
 * implements its update rule, {@link #update}.
 */
abstract class AbstractOptimizer implements Optimizer {
  private final String id;
  private final double learningRate;
  private final int parameterCount;
  private final List<String> stateNames = new ArrayList<>();
  private double[][] stateArrays = new double[0][];
  private long steps;

  /**
   * Checks and stores the common settings.
   *
   * @param id the optimizer id
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η, finite and &gt; 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  AbstractOptimizer(String id, int parameterCount, double learningRate) {
    this.id = id;
    this.parameterCount = Checks.requireAtLeast(parameterCount, 1, "parameter count");
    this.learningRate = Checks.requirePositive(learningRate, "learning rate");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final double learningRate() {
    return learningRate;
  }

  @Override
  public final long steps() {
    return steps;
  }

  /**
   * The size of θ given at construction.
   *
   * @return n
   */
  final int parameterCount() {
    return parameterCount;
  }

  @Override
  public final void step(double[] parameters, double[] gradient) {
    Checks.requireShape(parameters, "parameters", 1, parameterCount);
    Checks.requireShape(gradient, "gradient", 1, parameterCount);
    steps++;
    update(parameters, gradient, steps);
  }

  /**
   * Allocates a state array of {@link #parameterCount()} zeros and registers it under a name, so it
   * is part of {@link #saveState()} and {@link #restoreState}. Called by subclass constructors, in a
   * fixed order.
   *
   * @param name the array's name in saved states, e.g. {@code "m"}
   * @return the array (the subclass keeps it in a field)
   */
  final double[] newState(String name) {
    double[] array = new double[parameterCount];
    stateNames.add(name);
    stateArrays = Arrays.copyOf(stateArrays, stateArrays.length + 1);
    stateArrays[stateArrays.length - 1] = array;
    return array;
  }

  /**
   * The names of the state arrays, in the order of {@link #stateArrays()}.
   *
   * @return e.g. {@code [m, v]}; empty if the update has no state besides the step counter
   */
  List<String> stateNames() {
    return stateNames;
  }

  /**
   * The live state arrays, each of length {@link #parameterCount()}.
   *
   * @return the arrays (not copies)
   */
  double[][] stateArrays() {
    return stateArrays;
  }

  @Override
  public final OptimizerState saveState() {
    return new OptimizerState(id, steps, stateNames(), Arrays.asList(stateArrays()));
  }

  @Override
  public final void saveState(OptimizerState into) {
    requireMatching(into);
    double[][] mine = stateArrays();
    double[][] theirs = into.live();
    for (int i = 0; i < mine.length; i++) {
      System.arraycopy(mine[i], 0, theirs[i], 0, parameterCount);
    }
    into.setSteps(steps);
  }

  @Override
  public final void restoreState(OptimizerState state) {
    requireMatching(state);
    double[][] theirs = state.live();
    for (int i = 0; i < theirs.length; i++) {
      Checks.requireFinite(theirs[i], parameterCount, "optimizer state " + state.names().get(i));
    }
    double[][] mine = stateArrays();
    for (int i = 0; i < mine.length; i++) {
      System.arraycopy(theirs[i], 0, mine[i], 0, parameterCount);
    }
    steps = state.steps();
  }

  /** Checks id, names and lengths of a snapshot against this optimizer. */
  private void requireMatching(OptimizerState state) {
    if (!state.optimizer().equals(id)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "optimizer state of '" + state.optimizer() + "' is not allowed for optimizer '" + id + "'; allowed: a state of '"
              + id + "'");
    }
    if (!sameNames(state.names())) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "optimizer state arrays " + state.names() + " are not allowed for '" + id + "'; allowed: " + stateNames());
    }
    double[][] theirs = state.live();
    for (int i = 0; i < theirs.length; i++) {
      if (theirs[i].length != parameterCount) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "optimizer state array '" + state.names().get(i) + "' has " + theirs[i].length
                + " values; allowed: one per parameter, " + parameterCount);
      }
    }
  }

  /** Compares names by index: the per-step copy of skip-batch must not allocate iterators. */
  private boolean sameNames(List<String> names) {
    List<String> mine = stateNames();
    if (names.size() != mine.size()) {
      return false;
    }
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(mine.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies update number {@code t} to the first {@link #parameterCount()} values of θ. The arrays
   * are checked already; allocates nothing.
   *
   * @param parameters θ, updated in place
   * @param gradient ∂L/∂θ
   * @param t the 1-based number of this update
   */
  abstract void update(double[] parameters, double[] gradient, long t);

  /**
   * Checks a decay rate or momentum factor: {@code 0 ≤ value < 1} (NaN is rejected).
   *
   * @param value the value
   * @param name its name in the message, e.g. {@code "beta1"}
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static double requireUnitInterval(double value, String name) {
    if (!(value >= 0 && value < 1)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, name + " = " + value + " is not allowed; allowed: a number in [0, 1)");
    }
    return value;
  }

  /**
   * Checks a finite value {@code ≥ 0} (NaN is rejected).
   *
   * @param value the value
   * @param name its name in the message
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static double requireNonNegative(double value, String name) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, name + " = " + value + " is not allowed; allowed: a finite number >= 0");
    }
    return value;
  }
}
