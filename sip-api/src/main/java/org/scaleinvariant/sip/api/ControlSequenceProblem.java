package org.scaleinvariant.sip.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The control-sequence map of a {@link RolloutProblem} conditioned on a batch of start states: for
 * sample b, {@code x_b = (u_0, …, u_{T−1})} (size {@code n = T·U}) → {@code y_b} = the observations
 * at the checkpoints of the open-loop rollout {@code s_{t+1} = P(s_t, u_t)} from start state {@code
 * s_0 = start_b} (size m, layout in {@link RolloutProblem}). This is the map that SIP's inverse
 * solver inverts in closed-loop control training: the trainer sets each task's start state, and any
 * {@link InverseSolver} computes the update of the whole control sequence towards the Newton-stepped
 * targets.
 *
 * <h2>Derivatives</h2>
 *
 * With {@code A_t = ∂s_{t+1}/∂s_t} and {@code B_t = ∂s_{t+1}/∂u_t} along the rollout, the Jacobian
 * block of checkpoint k and step t is {@code ∂s_{t_k}/∂u_t = A_{t_k−1}·…·A_{t+1}·B_t} for {@code t
 * < t_k} and 0 otherwise (computed backwards, one observed component at a time). The
 * vector-Jacobian product is backpropagation through time with {@link
 * RolloutProblem#stepVectorJacobianProduct}. <b>Second derivatives are not provided</b>: {@link
 * #weightedOutputHessian} writes zeros, so Newton-type solvers use the Gauss–Newton curvature
 * {@code JᵀJ}; {@link #hasExactSecondDerivatives()} says whether that is exact (it is when the
 * rollout {@link RolloutProblem#isLinear() is linear}). The exact term would need second-order
 * adjoints of the transition; for the under-determined maps of control tasks (n = T·U much larger
 * than m) the Gauss–Newton step is the natural local inverse: for a linear rollout it is the
 * minimum-norm step {@code J⁺(t − y)}.
 *
 * <h2>Use</h2>
 *
 * Not thread-safe, unlike other problems: an instance holds the start states and the rollout's
 * workspaces, is owned by one trainer thread and reused every iteration ({@link #setStartStates}
 * copies; nothing is allocated unless a batch exceeds {@link #capacity()}). Batch methods evaluate
 * sample b from start state b of the first B set; B must not exceed the number set. Shapes are
 * batch-first, row-major, as in {@link Problem}.
 *
 * <p><b>Pitfall:</b> unlike a plain {@link Problem}, sample b's output depends on b (its start
 * state), not on its row of x alone. A solver that evaluates one sample at a time on a copy of its
 * row ({@code batch = 1}, as {@code newton} does) would see start state 0 for every sample. So a
 * trainer conditions the view on <em>one</em> task at a time ({@link #setStartState}) and calls the
 * solver per sample; {@link #setStartStates} serves callers that evaluate the batch as a whole
 * (tests, the open-loop view).
 */
public final class ControlSequenceProblem implements Problem {
  private final RolloutProblem rollout;
  private final Checkpoints checkpoints;
  private final int stateSize;
  private final int controlSize;
  private final int horizon;
  private final int n;
  private final int m;
  private final double[] reference;
  private final double[] cotangent;
  private final double[] previous;

  private int capacity;
  private int prepared;
  private double[] start;
  private double[] sampledStart;
  private double[][] states;
  private double[][] controls;
  private double[][] stateJacobians;
  private double[][] controlJacobians;
  private double[] lambda;
  private double[] lambdaPrevious;
  private double[] controlGradient;

  /**
   * Creates the view with workspaces for a batch size.
   *
   * @param rollout the rollout problem
   * @param capacity the largest batch expected (workspaces grow if a larger one comes), at least 1
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if capacity &lt; 1 or the rollout's
   *     checkpoint layout is invalid ({@link Checkpoints#of})
   */
  public ControlSequenceProblem(RolloutProblem rollout, int capacity) {
    this.rollout = rollout;
    this.checkpoints = Checkpoints.of(rollout);
    this.stateSize = rollout.stateSize();
    this.controlSize = rollout.controlSize();
    this.horizon = rollout.horizon();
    this.n = horizon * controlSize;
    this.m = checkpoints.size();
    this.reference = new double[stateSize];
    rollout.referenceStart(reference);
    this.cotangent = new double[stateSize];
    this.previous = new double[stateSize];
    reserve(Checks.requireAtLeast(capacity, 1, "capacity"));
  }

  /**
   * The rollout this view conditions.
   *
   * @return the rollout problem
   */
  public RolloutProblem rollout() {
    return rollout;
  }

  /**
   * The checkpoint layout of the rollout.
   *
   * @return the layout
   */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /**
   * The batch size the workspaces currently hold.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Grows the workspaces to hold a batch (allocates only if {@code batch > capacity()}; keeps the
   * start states set).
   *
   * @param batch the batch size
   */
  public void reserve(int batch) {
    if (batch <= capacity) {
      return;
    }
    double[] oldStart = start;
    start = new double[batch * stateSize];
    if (oldStart != null) {
      System.arraycopy(oldStart, 0, start, 0, oldStart.length);
    }
    sampledStart = new double[batch * stateSize];
    states = new double[horizon + 1][batch * stateSize];
    controls = new double[horizon][batch * controlSize];
    stateJacobians = new double[horizon][batch * stateSize * stateSize];
    controlJacobians = new double[horizon][batch * stateSize * controlSize];
    lambda = new double[batch * stateSize];
    lambdaPrevious = new double[batch * stateSize];
    controlGradient = new double[batch * controlSize];
    capacity = batch;
  }

  /**
   * Sets the start states of the next evaluations (copied).
   *
   * @param startStates s_0 per sample, shape [B, S]
   * @param batch B
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if the array is too short
   */
  public void setStartStates(double[] startStates, int batch) {
    Checks.requireShape(startStates, "start states", batch, stateSize);
    reserve(batch);
    System.arraycopy(startStates, 0, start, 0, batch * stateSize);
    prepared = batch;
  }

  /**
   * Conditions the view on one task: start state 0 becomes {@code starts[sample]}, and batch
   * methods accept B = 1 (a copy; allocates nothing).
   *
   * @param starts start states, shape [at least sample + 1, S]
   * @param sample which row of {@code starts}
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if the array has no such row
   */
  public void setStartState(double[] starts, int sample) {
    Checks.requireShape(starts, "start states", sample + 1, stateSize);
    System.arraycopy(starts, sample * stateSize, start, 0, stateSize);
    prepared = 1;
  }

  /**
   * Sets every one of B start states to the rollout's {@link RolloutProblem#referenceStart reference
   * start}: the {@link Problem} view of the rollout itself.
   *
   * @param batch B, at least 1
   */
  public void useReferenceStart(int batch) {
    Checks.requireAtLeast(batch, 1, "batch");
    reserve(batch);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(reference, 0, start, b * stateSize, stateSize);
    }
    prepared = batch;
  }

  /** {@inheritDoc} The rollout's id. */
  @Override
  public String id() {
    return rollout.id();
  }

  /** {@inheritDoc} The rollout's parameters. */
  @Override
  public Options parameters() {
    return rollout.parameters();
  }

  /** {@inheritDoc} {@code n = T·U}. */
  @Override
  public int inputSize() {
    return n;
  }

  /** {@inheritDoc} m, the number of observed components over all checkpoints. */
  @Override
  public int outputSize() {
    return m;
  }

  /**
   * Rolls the control sequences out from the start states set and writes the observations.
   *
   * @param x the control sequences, shape [B, T·U]
   * @param y receives the observations, shape [B, m]
   * @param batch B, at most the number of start states set
   */
  @Override
  public void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(y, "y", batch, m);
    roll(x, batch);
    for (int t = 1; t <= horizon; t++) {
      checkpoints.observe(t, states[t], y, batch);
    }
  }

  /**
   * The Jacobian {@code ∂y/∂x} per sample (see the class comment).
   *
   * @param x the control sequences, shape [B, T·U]
   * @param jacobian receives J, shape [B, m, T·U]
   * @param batch B, at most the number of start states set
   */
  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(jacobian, "jacobian", batch, m * n);
    roll(x, batch);
    for (int t = 0; t < horizon; t++) {
      rollout.stateJacobian(states[t], controls[t], stateJacobians[t], batch);
      rollout.controlJacobian(states[t], controls[t], controlJacobians[t], batch);
    }
    int s = stateSize;
    int u = controlSize;
    Arrays.fill(jacobian, 0, batch * m * n, 0.0);
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < checkpoints.count(); k++) {
        for (int c = 0; c < checkpoints.width(k); c++) {
          int row = b * m * n + (checkpoints.offset(k) + c) * n;
          Arrays.fill(cotangent, 0.0);
          cotangent[checkpoints.component(k, c)] = 1;
          for (int t = checkpoints.step(k) - 1; t >= 0; t--) {
            double[] bt = controlJacobians[t];
            double[] at = stateJacobians[t];
            for (int j = 0; j < u; j++) {
              double sum = 0;
              for (int i = 0; i < s; i++) {
                sum += cotangent[i] * bt[b * s * u + i * u + j];
              }
              jacobian[row + t * u + j] = sum;
            }
            for (int j = 0; j < s; j++) {
              double sum = 0;
              for (int i = 0; i < s; i++) {
                sum += cotangent[i] * at[b * s * s + i * s + j];
              }
              previous[j] = sum;
            }
            System.arraycopy(previous, 0, cotangent, 0, s);
          }
        }
      }
    }
  }

  /**
   * The vector-Jacobian product {@code Jᵀ·v} per sample, by backpropagation through the rollout.
   *
   * @param x the control sequences, shape [B, T·U]
   * @param cotangentY v, shape [B, m]
   * @param out receives Jᵀ·v, shape [B, T·U]
   * @param batch B, at most the number of start states set
   */
  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangentY, double[] out, int batch) {
    Checks.requireShape(cotangentY, "cotangent", batch, m);
    Checks.requireShape(out, "out", batch, n);
    roll(x, batch);
    Arrays.fill(lambda, 0, batch * stateSize, 0.0);
    for (int t = horizon - 1; t >= 0; t--) {
      checkpoints.addCotangent(t + 1, cotangentY, lambda, batch);
      rollout.stepVectorJacobianProduct(states[t], controls[t], lambda, lambdaPrevious, controlGradient, batch);
      for (int b = 0; b < batch; b++) {
        System.arraycopy(controlGradient, b * controlSize, out, b * n + t * controlSize, controlSize);
      }
      double[] swap = lambda;
      lambda = lambdaPrevious;
      lambdaPrevious = swap;
    }
  }

  /**
   * Writes zeros: the Gauss–Newton approximation (see the class comment and {@link
   * #hasExactSecondDerivatives()}).
   *
   * @param x the control sequences, shape [B, T·U] (not read)
   * @param weights the weights, shape [B, m] (not read)
   * @param out receives zeros, shape [B, T·U, T·U]
   * @param batch B
   */
  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(out, "out", batch, n * n);
    Arrays.fill(out, 0, batch * n * n, 0.0);
  }

  /**
   * True only for a {@link RolloutProblem#isLinear() linear} rollout: otherwise {@link
   * #weightedOutputHessian} is the Gauss–Newton approximation (zero).
   *
   * @return whether the zero second-derivative term is exact
   */
  @Override
  public boolean hasExactSecondDerivatives() {
    return rollout.isLinear();
  }

  /**
   * Draws the targets of tasks ({@link RolloutProblem#sampleTasks}; their start states are drawn
   * and dropped, the start states set are kept).
   *
   * @param random the generator
   * @param yStar receives the targets, shape [B, m]
   * @param batch B
   */
  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, m);
    reserve(batch);
    rollout.sampleTasks(random, sampledStart, yStar, batch);
  }

  /** {@inheritDoc} The rollout's recommendation. */
  @Override
  public OptionalDouble recommendedLearningRate(String optimizerId) {
    return rollout.recommendedLearningRate(optimizerId);
  }

  /** {@inheritDoc} The rollout's preferred solver. */
  @Override
  public Optional<String> preferredSolver() {
    return rollout.preferredSolver();
  }

  /** {@inheritDoc} The rollout's widths. */
  @Override
  public List<Integer> defaultHiddenLayers() {
    return rollout.defaultHiddenLayers();
  }

  @Override
  public String toString() {
    return "ControlSequenceProblem[" + rollout.id() + ", T=" + horizon + ", n=" + n + ", m=" + m + "]";
  }

  /** states[t] and controls[t] of the open-loop rollout of x from the start states set. */
  private void roll(double[] x, int batch) {
    Checks.requireShape(x, "x", batch, n);
    if (batch > prepared) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "batch " + batch + " exceeds the " + prepared + " start states set; expected at most " + prepared);
    }
    System.arraycopy(start, 0, states[0], 0, batch * stateSize);
    for (int t = 0; t < horizon; t++) {
      double[] u = controls[t];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(x, b * n + t * controlSize, u, b * controlSize, controlSize);
      }
      rollout.step(states[t], u, states[t + 1], batch);
    }
  }
}
