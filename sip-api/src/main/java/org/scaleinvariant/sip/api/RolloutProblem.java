package org.scaleinvariant.sip.api;

import java.util.SplittableRandom;

/**
 * A time-stepping physics problem: a one-step transition {@code s_{t+1} = P(s_t, u_t)} from a
 * state s (size S) and a control u (size U) to the next state, a horizon of T steps, a seeded
 * distribution of tasks (a start state and targets), and a loss on the states at a few
 * <em>checkpoints</em>: the end time T and optionally waypoints before it. This is the setting of
 * the chapter's section "Iterations and time dependence" (Holl, Koltun, Thuerey, NeurIPS 2022): a
 * network applies a control at every step to reach a state at the end time, and the loss is a sum
 * of additive terms.
 *
 * <h2>Loss and targets</h2>
 *
 * The checkpoints are the steps {@code 1 ≤ t_1 < … < t_K = T} ({@link #checkpoints()}); at
 * checkpoint k the state components {@link #observed(int) observed(k)} are compared with that
 * checkpoint's targets. The observations {@code y = (s_{t_1}[observed(1)], …, s_{t_K}[observed(K)])}
 * have size {@code m = Σ_k |observed(k)|}; a task's targets y* have the same layout, and the loss is
 * a y-space loss of y against y*, e.g. {@code ½‖y − y*‖² = Σ_k ½‖s_{t_k}[observed(k)] − g_k‖²}.
 *
 * <h2>The {@link Problem} view</h2>
 *
 * As a {@link Problem} a rollout is the open-loop map from the control sequence to the
 * observations, started from the {@link #referenceStart reference start state}: {@code x = (u_0, …,
 * u_{T−1})} of size {@code n = T·U} (the controls of step t at {@code [t·U, (t+1)·U)}), {@code y} of
 * size m as above; {@link #sampleTargets} draws the targets of tasks. Trainers that give the
 * network the state at every step (closed loop) instead condition the same map on each task's start
 * state with a {@link ControlSequenceProblem}, on which any inverse solver works. {@link
 * AbstractRolloutProblem} implements the view from the methods below.
 *
 * <h2>Layout and contract</h2>
 *
 * All arrays are batch-first and row-major: states [B, S], controls [B, U], Jacobians {@code ∂s'/∂s}
 * [B, S, S] (entry (i, j) = ∂s'_i/∂s_j at {@code b·S·S + i·S + j}) and {@code ∂s'/∂u} [B, S, U].
 * Time is in seconds. The transition is time-invariant (the same P at every step). Implementations
 * are immutable and thread-safe, allocate nothing in the batch methods, throw {@link SipException}
 * ({@link ErrorCode#SHAPE_MISMATCH}) for arrays that are too short, and do not check for NaN.
 */
public interface RolloutProblem extends Problem {

  /**
   * The size S of the state.
   *
   * @return S, at least 1
   */
  int stateSize();

  /**
   * The size U of one step's control.
   *
   * @return U, at least 1
   */
  int controlSize();

  /**
   * The number of steps T of a rollout (the horizon): controls u_0 … u_{T−1}, states s_0 … s_T.
   *
   * @return T, at least 1
   */
  int horizon();

  /**
   * The time step of one transition.
   *
   * @return dt in seconds, &gt; 0
   */
  double timeStep();

  /**
   * The steps at which the loss compares states with targets, ascending, the last one {@link
   * #horizon()}: the waypoints, then the end time.
   *
   * @return a new array {@code [t_1, …, t_K]}, {@code 1 ≤ t_1 < … < t_K = T}
   */
  int[] checkpoints();

  /**
   * The state components compared at one checkpoint, in target order.
   *
   * @param checkpoint k in {@code [0, K)}, an index into {@link #checkpoints()}
   * @return a new array of distinct indices in {@code [0, S)}
   */
  int[] observed(int checkpoint);

  /**
   * The state every open-loop {@link Problem} evaluation starts from (see the class comment).
   *
   * @param start receives the state, length at least S
   */
  void referenceStart(double[] start);

  /**
   * Whether the transition is affine in (s, u), so that the observations are affine in the control
   * sequence for any start state: then {@link ControlSequenceProblem}'s Jacobian is constant,
   * its zero second-derivative term is exact, and a single pseudo-inverse step reaches any
   * reachable target.
   *
   * @return true if affine; the default is false
   */
  default boolean isLinear() {
    return false;
  }

  /**
   * Whether a network acting on this rollout sees the task's targets. True for control (the goal is
   * part of the task the network must solve); false for correction tasks, whose targets are the
   * reference solution the network must learn to reproduce without seeing it.
   *
   * @return true (the default) if the targets are a network input
   */
  default boolean targetsAreNetworkInput() {
    return true;
  }

  /**
   * One transition, {@code next = P(s, u)}.
   *
   * @param state the states s_t, shape [B, S]
   * @param control the controls u_t, shape [B, U]
   * @param next receives s_{t+1}, shape [B, S]; must not alias the inputs
   * @param batch the number of samples B, at least 1
   */
  void step(double[] state, double[] control, double[] next, int batch);

  /**
   * The Jacobian of one transition with respect to the state, {@code ∂s_{t+1}/∂s_t}.
   *
   * @param state the states, shape [B, S]
   * @param control the controls, shape [B, U]
   * @param out receives the Jacobians, shape [B, S, S]
   * @param batch B
   */
  void stateJacobian(double[] state, double[] control, double[] out, int batch);

  /**
   * The Jacobian of one transition with respect to the control, {@code ∂s_{t+1}/∂u_t}.
   *
   * @param state the states, shape [B, S]
   * @param control the controls, shape [B, U]
   * @param out receives the Jacobians, shape [B, S, U]
   * @param batch B
   */
  void controlJacobian(double[] state, double[] control, double[] out, int batch);

  /**
   * The vector-Jacobian products of one transition (reverse mode, used for backpropagation through
   * time): {@code outState = (∂s_{t+1}/∂s_t)ᵀ·c} and {@code outControl = (∂s_{t+1}/∂u_t)ᵀ·c}.
   *
   * @param state the states, shape [B, S]
   * @param control the controls, shape [B, U]
   * @param cotangent c, the gradient with respect to s_{t+1}, shape [B, S]
   * @param outState receives the gradient with respect to s_t, shape [B, S]; must not alias
   *     cotangent
   * @param outControl receives the gradient with respect to u_t, shape [B, U]
   * @param batch B
   */
  void stepVectorJacobianProduct(
      double[] state, double[] control, double[] cotangent, double[] outState, double[] outControl, int batch);

  /**
   * Draws tasks: a start state and the targets of every checkpoint.
   *
   * @param random the generator (the caller owns its seed)
   * @param start receives the start states s_0, shape [B, S]
   * @param targets receives the targets y*, shape [B, m] (layout in the class comment)
   * @param batch B
   */
  void sampleTasks(SplittableRandom random, double[] start, double[] targets, int batch);
}
