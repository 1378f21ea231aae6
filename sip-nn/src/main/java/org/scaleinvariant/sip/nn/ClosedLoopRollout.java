package org.scaleinvariant.sip.nn;

import io.micrometer.core.instrument.Clock;
import java.util.Arrays;
import java.util.function.ObjLongConsumer;
import org.scaleinvariant.sip.api.Checkpoints;
import org.scaleinvariant.sip.api.RolloutProblem;

/**
 * The closed-loop rollout of a network on a batch of tasks and its backpropagation through time,
 * with the workspaces they need (allocated once): the mechanics of {@link RolloutTrainer}.
 *
 * <p>Forward, for t = 0 … T−1: {@code i_t = (s_t, y*, (T − t)/T)}, {@code u_t = f(i_t; θ)} (one
 * {@link DenseNetwork#workspace() workspace} per step), {@code s_{t+1} = P(s_t, u_t)}, and the
 * observations y at the checkpoints. Backward: with direct loss gradients on y and/or on the
 * control sequence, {@code λ_T = 0}, and for t = T−1 … 0: {@code λ_{t+1} += ∂L/∂s_{t+1}} (the
 * observations' share), {@code ∂L/∂u_t = (∂s_{t+1}/∂u_t)ᵀλ_{t+1} + ∂L/∂u_t|direct}, back through
 * the network at step t (θ-gradient accumulated, input gradient ∂L/∂i_t), and {@code λ_t =
 * (∂s_{t+1}/∂s_t)ᵀλ_{t+1} + ∂L/∂i_t[0, S)}.
 *
 * <p>Times every network and physics slice of the forward pass with the given clock and reports
 * it to a sink as {@link Phase#NN_FORWARD} or {@link Phase#PHYSICS_FORWARD} (T slices of each per
 * rollout). Not thread-safe; allocates nothing per call.
 */
final class ClosedLoopRollout {
  private final RolloutProblem problem;
  private final Checkpoints checkpoints;
  private final DenseNetwork network;
  private final DenseNetwork[] stepNetworks;
  private final Clock clock;
  private final ObjLongConsumer<Phase> sink;
  private final int stateSize;
  private final int controlSize;
  private final int horizon;
  private final int m;
  private final int n;
  private final int width;
  private final int inputTargets;
  private final int batch;

  private final double[] start;
  private final double[] targets;
  private final double[][] states;
  private final double[][] inputs;
  private final double[][] controls;
  private final double[] y;
  private final double[] sequence;
  private double[] lambda;
  private double[] lambdaPrevious;
  private final double[] gradControl;
  private final double[] gradInput;

  /**
   * Creates the workspaces.
   *
   * @param problem the rollout problem
   * @param network the network, input size {@link RolloutTrainer#networkInputSize}, output size U
   * @param batch the batch size B
   * @param clock the clock that times the forward pass
   * @param sink receives each timed slice of the forward pass: its phase and its nanoseconds
   */
  ClosedLoopRollout(RolloutProblem problem, DenseNetwork network, int batch, Clock clock, ObjLongConsumer<Phase> sink) {
    this.problem = problem;
    this.checkpoints = Checkpoints.of(problem);
    this.network = network;
    this.clock = clock;
    this.sink = sink;
    this.stateSize = problem.stateSize();
    this.controlSize = problem.controlSize();
    this.horizon = problem.horizon();
    this.m = checkpoints.size();
    this.n = horizon * controlSize;
    this.width = RolloutTrainer.networkInputSize(problem);
    this.inputTargets = RolloutTrainer.inputTargetSize(problem);
    this.batch = batch;
    stepNetworks = new DenseNetwork[horizon];
    for (int t = 0; t < horizon; t++) {
      stepNetworks[t] = network.workspace();
    }
    start = new double[batch * stateSize];
    targets = new double[batch * m];
    states = new double[horizon + 1][batch * stateSize];
    inputs = new double[horizon][batch * width];
    controls = new double[horizon][batch * controlSize];
    y = new double[batch * m];
    sequence = new double[batch * n];
    lambda = new double[batch * stateSize];
    lambdaPrevious = new double[batch * stateSize];
    gradControl = new double[batch * controlSize];
    gradInput = new double[batch * width];
  }

  /** The start states of the tasks, shape [B, S] (live: write the tasks here). */
  double[] start() {
    return start;
  }

  /** The targets of the tasks, shape [B, m] (live: write the tasks here). */
  double[] targets() {
    return targets;
  }

  /** The observations of the last {@link #forward}, shape [B, m]. */
  double[] observations() {
    return y;
  }

  /** The controls of the last {@link #forward} in the sequence layout, shape [B, T·U], after {@link #gatherSequence}. */
  double[] sequence() {
    return sequence;
  }

  /**
   * Rolls the network out on the tasks in {@link #start()} and {@link #targets()}.
   *
   * @return null, or the phase that produced non-finite values ({@link Phase#NN_FORWARD} or {@link
   *     Phase#PHYSICS_FORWARD}; the rollout stops there)
   */
  Phase forward() {
    System.arraycopy(start, 0, states[0], 0, batch * stateSize);
    long now = clock.monotonicTime();
    for (int t = 0; t < horizon; t++) {
      RolloutTrainer.networkInput(states[t], targets, inputs[t], t, horizon, stateSize, inputTargets, batch);
      stepNetworks[t].forward(inputs[t], controls[t], batch);
      long after = clock.monotonicTime();
      sink.accept(Phase.NN_FORWARD, after - now);
      now = after;
      if (!allFinite(controls[t], batch * controlSize)) {
        return Phase.NN_FORWARD;
      }
      problem.step(states[t], controls[t], states[t + 1], batch);
      checkpoints.observe(t + 1, states[t + 1], y, batch);
      after = clock.monotonicTime();
      sink.accept(Phase.PHYSICS_FORWARD, after - now);
      now = after;
      if (!allFinite(states[t + 1], batch * stateSize)) {
        return Phase.PHYSICS_FORWARD;
      }
    }
    return null;
  }

  /** Copies the controls of the last forward into {@link #sequence()}: {@code [b, t·U + j] = u_t[b, j]}. */
  void gatherSequence() {
    for (int t = 0; t < horizon; t++) {
      double[] u = controls[t];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(u, b * controlSize, sequence, b * n + t * controlSize, controlSize);
      }
    }
  }

  /**
   * Backpropagation through time of the last {@link #forward} into {@link DenseNetwork#gradient()}
   * (overwritten).
   *
   * @param outputGradient the direct gradient ∂L/∂y, shape [B, m], or null
   * @param controlGradient the direct gradient ∂L/∂u in the sequence layout, shape [B, T·U], or null
   */
  void backward(double[] outputGradient, double[] controlGradient) {
    Arrays.fill(network.gradient(), 0.0);
    Arrays.fill(lambda, 0, batch * stateSize, 0.0);
    for (int t = horizon - 1; t >= 0; t--) {
      if (outputGradient != null) {
        checkpoints.addCotangent(t + 1, outputGradient, lambda, batch);
      }
      problem.stepVectorJacobianProduct(states[t], controls[t], lambda, lambdaPrevious, gradControl, batch);
      if (controlGradient != null) {
        for (int b = 0; b < batch; b++) {
          int from = b * n + t * controlSize;
          for (int j = 0; j < controlSize; j++) {
            gradControl[b * controlSize + j] += controlGradient[from + j];
          }
        }
      }
      if (t == 0) {
        stepNetworks[0].backwardAccumulate(gradControl, null, batch);
        return;
      }
      stepNetworks[t].backwardAccumulate(gradControl, gradInput, batch);
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < stateSize; i++) {
          lambdaPrevious[b * stateSize + i] += gradInput[b * width + i];
        }
      }
      double[] swap = lambda;
      lambda = lambdaPrevious;
      lambdaPrevious = swap;
    }
  }

  static boolean allFinite(double[] values, int count) {
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }
}
