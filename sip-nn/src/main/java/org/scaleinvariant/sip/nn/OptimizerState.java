package org.scaleinvariant.sip.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A snapshot of an {@link Optimizer}'s state, separate from its settings: the optimizer id, the
 * step counter t and its named state arrays (e.g. Adam's moments {@code m} and {@code v}), each of
 * the length of θ. Settings (η, β, ε) are not part of it; they come from the configuration.
 *
 * <p>Created by {@link Optimizer#saveState()} (a deep copy) or from saved data with the public
 * constructor, and applied with {@link Optimizer#restoreState}. {@link
 * Optimizer#saveState(OptimizerState)} overwrites a snapshot in place without allocating (the
 * trainer's pre-step copy for {@code skip-batch}); apart from that a snapshot does not change. Not
 * thread-safe.
 */
public final class OptimizerState {
  private final String optimizer;
  private final List<String> names;
  private final double[][] arrays;
  private long steps;

  /**
   * Creates a snapshot from saved data; the arrays are copied.
   *
   * @param optimizer the optimizer id, e.g. {@code "adam"}
   * @param steps the step counter t, at least 0
   * @param names the names of the state arrays, in the optimizer's order (e.g. {@code [m, v]})
   * @param arrays the state arrays, one per name, each the length of θ
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for a negative step counter or a
   *     different number of names and arrays
   */
  public OptimizerState(String optimizer, long steps, List<String> names, List<double[]> arrays) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.names = List.copyOf(names);
    if (steps < 0) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "optimizer step counter = " + steps + " is not allowed; allowed: an integer >= 0");
    }
    if (names.size() != arrays.size()) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "optimizer state has " + names.size() + " names but " + arrays.size() + " arrays; allowed: one array per name");
    }
    this.steps = steps;
    this.arrays = new double[arrays.size()][];
    for (int i = 0; i < this.arrays.length; i++) {
      this.arrays[i] = Objects.requireNonNull(arrays.get(i), "state array").clone();
    }
  }

  /**
   * The id of the optimizer the state belongs to.
   *
   * @return e.g. {@code "adam"}
   */
  public String optimizer() {
    return optimizer;
  }

  /**
   * The step counter t (the number of updates applied).
   *
   * @return t ≥ 0
   */
  public long steps() {
    return steps;
  }

  /**
   * The names of the state arrays, in order.
   *
   * @return the names, unmodifiable (empty for plain gradient descent)
   */
  public List<String> names() {
    return names;
  }

  /**
   * The state arrays (copies), in the order of {@link #names()}.
   *
   * @return the arrays
   */
  public List<double[]> arrays() {
    List<double[]> copies = new ArrayList<>(arrays.length);
    for (double[] a : arrays) {
      copies.add(a.clone());
    }
    return copies;
  }

  /** The live arrays, for copying within this package without allocating. */
  double[][] live() {
    return arrays;
  }

  void setSteps(long value) {
    steps = value;
  }
}
