package org.scaleinvariant.sip.api;

import java.util.Arrays;

/**
 * The loss layout of a {@link RolloutProblem}: which steps are checkpoints, which state components
 * each observes, and where its values sit in the observation vector y (size m). Moves values
 * between states and y in both directions: {@link #observe} gathers a checkpoint's components into
 * y, {@link #addCotangent} scatters a y-space gradient back onto the state.
 *
 * <p>Example: the control task with a waypoint at step 8 and T = 16 that also asks for zero final
 * velocity has checkpoints [8, 16], observed(0) = [0, 1] (position), observed(1) = [0, 1, 2, 3]
 * (position and velocity), offsets [0, 2] and m = 6.
 *
 * <p>Immutable and thread-safe; the batch methods allocate nothing.
 */
public final class Checkpoints {
  private final int stateSize;
  private final int horizon;
  private final int[] steps;
  private final int[][] observed;
  private final int[] offsets;
  /** checkpointAt[t] = k if step t is checkpoint k, else −1; length T + 1. */
  private final int[] checkpointAt;
  private final int size;

  private Checkpoints(int stateSize, int horizon, int[] steps, int[][] observed) {
    this.stateSize = stateSize;
    this.horizon = horizon;
    this.steps = steps;
    this.observed = observed;
    this.offsets = new int[steps.length];
    this.checkpointAt = new int[horizon + 1];
    Arrays.fill(checkpointAt, -1);
    int offset = 0;
    for (int k = 0; k < steps.length; k++) {
      offsets[k] = offset;
      offset += observed[k].length;
      checkpointAt[steps[k]] = k;
    }
    this.size = offset;
  }

  /**
   * Reads and checks the layout of a rollout problem.
   *
   * @param problem the problem
   * @return the layout
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the checkpoints are not ascending in
   *     {@code [1, T]} ending at T, an observed index is outside {@code [0, S)} or repeated, or m
   *     differs from {@link Problem#outputSize()}
   */
  public static Checkpoints of(RolloutProblem problem) {
    int s = problem.stateSize();
    int t = problem.horizon();
    int[] steps = problem.checkpoints();
    if (steps.length == 0 || steps[steps.length - 1] != t) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "checkpoints " + Arrays.toString(steps) + " of problem '" + problem.id()
              + "' are not allowed; allowed: ascending steps in [1, " + t + "] ending at the horizon " + t);
    }
    int[][] observed = new int[steps.length][];
    for (int k = 0; k < steps.length; k++) {
      if (steps[k] < 1 || (k > 0 && steps[k] <= steps[k - 1])) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "checkpoints " + Arrays.toString(steps) + " of problem '" + problem.id()
                + "' are not allowed; allowed: strictly ascending steps in [1, " + t + "]");
      }
      observed[k] = problem.observed(k);
      boolean[] seen = new boolean[s];
      for (int c : observed[k]) {
        if (c < 0 || c >= s || seen[c]) {
          throw new SipException(
              ErrorCode.INVALID_ARGUMENT,
              "observed components " + Arrays.toString(observed[k]) + " at checkpoint " + k + " of problem '"
                  + problem.id() + "' are not allowed; allowed: distinct indices in [0, " + s + ")");
        }
        seen[c] = true;
      }
    }
    Checkpoints layout = new Checkpoints(s, t, steps, observed);
    if (layout.size != problem.outputSize()) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "problem '" + problem.id() + "' has outputSize " + problem.outputSize()
              + "; expected the number of observed components, " + layout.size);
    }
    return layout;
  }

  /**
   * The size m of the observation vector, {@code Σ_k |observed(k)|}.
   *
   * @return m
   */
  public int size() {
    return size;
  }

  /**
   * The number of checkpoints K.
   *
   * @return K, at least 1
   */
  public int count() {
    return steps.length;
  }

  /**
   * The step of a checkpoint.
   *
   * @param k the checkpoint, in {@code [0, K)}
   * @return t_k
   */
  public int step(int k) {
    return steps[k];
  }

  /**
   * Where a checkpoint's values start in y.
   *
   * @param k the checkpoint
   * @return the offset in {@code [0, m)}
   */
  public int offset(int k) {
    return offsets[k];
  }

  /**
   * How many components a checkpoint observes.
   *
   * @param k the checkpoint
   * @return |observed(k)|
   */
  public int width(int k) {
    return observed[k].length;
  }

  /**
   * The state component behind one value of a checkpoint.
   *
   * @param k the checkpoint
   * @param c the value's index within the checkpoint, in {@code [0, width(k))}
   * @return the state index
   */
  public int component(int k, int c) {
    return observed[k][c];
  }

  /**
   * The checkpoint at a step.
   *
   * @param step t in {@code [0, T]}
   * @return k, or −1 if t is not a checkpoint
   */
  public int checkpointAt(int step) {
    return checkpointAt[step];
  }

  /**
   * Copies the observed components of the states at a step into y, if the step is a checkpoint:
   * {@code y[b, offset(k) + c] = state[b, component(k, c)]}.
   *
   * @param step t
   * @param state the states s_t, shape [B, S]
   * @param y the observations, shape [B, m]; only checkpoint k's entries are written
   * @param batch B
   */
  public void observe(int step, double[] state, double[] y, int batch) {
    int k = checkpointAt[step];
    if (k < 0) {
      return;
    }
    int[] components = observed[k];
    for (int b = 0; b < batch; b++) {
      int from = b * stateSize;
      int to = b * size + offsets[k];
      for (int c = 0; c < components.length; c++) {
        y[to + c] = state[from + components[c]];
      }
    }
  }

  /**
   * Adds a y-space gradient onto the state gradient at a step, if it is a checkpoint: {@code
   * lambda[b, component(k, c)] += gradient[b, offset(k) + c]} (the transpose of {@link #observe}).
   *
   * @param step t
   * @param gradient the gradient with respect to y, shape [B, m]
   * @param lambda the gradient with respect to s_t, shape [B, S]; added to
   * @param batch B
   */
  public void addCotangent(int step, double[] gradient, double[] lambda, int batch) {
    int k = checkpointAt[step];
    if (k < 0) {
      return;
    }
    int[] components = observed[k];
    for (int b = 0; b < batch; b++) {
      int to = b * stateSize;
      int from = b * size + offsets[k];
      for (int c = 0; c < components.length; c++) {
        lambda[to + components[c]] += gradient[from + c];
      }
    }
  }

  /**
   * The horizon T this layout was read from.
   *
   * @return T
   */
  public int horizon() {
    return horizon;
  }
}
