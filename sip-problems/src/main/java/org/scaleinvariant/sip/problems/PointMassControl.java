package org.scaleinvariant.sip.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.AbstractRolloutProblem;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.SipException;

/**
 * A control task: a point mass of 1 kg in the plane with quadratic air drag, pushed by a force at
 * every one of T steps, must reach a goal position (and optionally come to rest there) at the end
 * time; optionally it must also pass waypoints on the way. The chapter's example of SIP over time
 * (Holl, Koltun, Thuerey, NeurIPS 2022; the chapter's section "Iterations and time dependence": "a
 * network induces small forces at every time step to reach a certain physical state at t_e").
 *
 * <h2>Dynamics</h2>
 *
 * State {@code s = (p_x, p_y, v_x, v_y)} (S = 4; position in m, velocity in m/s), control {@code u
 * = (F_x, F_y)} (U = 2; force in N), time step dt in seconds, drag coefficient k in 1/m. One step
 * is semi-implicit (symplectic) Euler:
 *
 * <pre>
 *   a  = u − k·‖v‖·v          (mass 1 kg: acceleration in m/s²)
 *   v' = v + dt·a
 *   p' = p + dt·v'
 * </pre>
 *
 * With {@code D = k·(‖v‖·I + v·vᵀ/‖v‖)} (0 at v = 0) and {@code M = I − dt·D}, the Jacobians are
 * {@code ∂s'/∂s = [[I, dt·M], [0, M]]} and {@code ∂s'/∂u = [[dt²·I], [dt·I]]} (2×2 blocks). The
 * drag is C¹ in v, and explicit: the step is stable while {@code dt·k·‖v‖ < 1} (worked number: dt =
 * 0.1 s and k = 1/m allow speeds up to 10 m/s; the tasks below need about 1 m/s). With k = 0 the
 * step is linear ({@link #isLinear()}) and its inverse is exact.
 *
 * <h2>Tasks and loss</h2>
 *
 * A task is drawn as: start position uniform in [−{@value #START_POSITION_HALF_WIDTH}, {@value
 * #START_POSITION_HALF_WIDTH}]² m, start velocity uniform in [−{@value #START_SPEED_HALF_WIDTH},
 * {@value #START_SPEED_HALF_WIDTH}]² m/s, goal position uniform in [−{@value #GOAL_HALF_WIDTH},
 * {@value #GOAL_HALF_WIDTH}]² m, and for {@code waypoints = W > 0} the positions of W waypoints,
 * each uniform in the same box, to be passed at the steps {@code ⌊T·j/(W+1)⌋}, j = 1…W. The
 * checkpoints are those steps and T; a waypoint observes the position, the end time the position
 * and, with {@code stopAtGoal}, the velocity (target 0). The targets are laid out waypoint by
 * waypoint, then the goal: {@code m = 2W + 2} (or {@code 2W + 4} with {@code stopAtGoal}).
 *
 * <h2>Defaults and why</h2>
 *
 * T = {@value #DEFAULT_STEPS} steps of dt = {@value #DEFAULT_TIME_STEP} s (1.6 s in all); drag k =
 * {@value #DEFAULT_DRAG}/m: crossing the 2 m box in 1.6 s takes speeds of about 1–2 m/s, where the
 * drag deceleration k·‖v‖² (1–4 m/s²) is as large as the forces the task needs (about 2·d/t² ≈ 1.6
 * m/s² for d = 2 m), so the map from forces to the final state is clearly nonlinear.
 *
 * <p>Immutable and thread-safe; batch methods allocate nothing and check shapes ({@link
 * ErrorCode#SHAPE_MISMATCH}).
 */
public final class PointMassControl extends AbstractRolloutProblem {
  /** The problem id, {@value}. */
  public static final String ID = "control";
  /** Name of the drag coefficient parameter k (1/m), {@value}. */
  public static final String PARAMETER_DRAG = "drag";
  /** Name of the horizon parameter T (steps per rollout), {@value}. */
  public static final String PARAMETER_STEPS = "stepsPerRollout";
  /** Name of the time-step parameter dt (seconds), {@value}. */
  public static final String PARAMETER_TIME_STEP = "dt";
  /** Name of the switch that adds zero final velocity to the goal, {@value}. */
  public static final String PARAMETER_STOP_AT_GOAL = "stopAtGoal";
  /** Name of the number of waypoints W, {@value}. */
  public static final String PARAMETER_WAYPOINTS = "waypoints";

  /** Default drag coefficient k = {@value} per metre (see the class comment). */
  public static final double DEFAULT_DRAG = 1.0;
  /** Default horizon T = {@value} steps (the choice; n = 2T = 32 controls). */
  public static final int DEFAULT_STEPS = 16;
  /** Largest horizon, {@value} steps: n = 2T stays within the Newton solver's 256. */
  public static final int MAX_STEPS = 128;
  /** Default time step dt = {@value} s. */
  public static final double DEFAULT_TIME_STEP = 0.1;
  /** Largest time step, {@value} s. */
  public static final double MAX_TIME_STEP = 10;
  /** Default of {@code stopAtGoal}: {@value} (the goal is a position only). */
  public static final boolean DEFAULT_STOP_AT_GOAL = false;
  /** Default number of waypoints, {@value}. */
  public static final int DEFAULT_WAYPOINTS = 0;
  /** Half-width of the start-position box, {@value} m. */
  public static final double START_POSITION_HALF_WIDTH = 1;
  /** Half-width of each start-velocity component, {@value} m/s. */
  public static final double START_SPEED_HALF_WIDTH = 0.5;
  /** Half-width of the goal and waypoint box, {@value} m. */
  public static final double GOAL_HALF_WIDTH = 1;

  /** State size S = {@value}: position and velocity in the plane. */
  public static final int STATE_SIZE = 4;
  /** Control size U = {@value}: the force in the plane. */
  public static final int CONTROL_SIZE = 2;

  /**
   * The declared parameters: {@code drag} (≥ 0, default {@value #DEFAULT_DRAG}), {@code
   * stepsPerRollout} (1 to {@value #MAX_STEPS}, default {@value #DEFAULT_STEPS}), {@code dt} (in
   * (0, {@value #MAX_TIME_STEP}] s, default {@value #DEFAULT_TIME_STEP}), {@code stopAtGoal}
   * (default {@value #DEFAULT_STOP_AT_GOAL}) and {@code waypoints} (0 to T − 1, default {@value
   * #DEFAULT_WAYPOINTS}).
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.number(
              PARAMETER_DRAG,
              DEFAULT_DRAG,
              0,
              false,
              Double.POSITIVE_INFINITY,
              "quadratic drag coefficient k in 1/m (acceleration −k·‖v‖·v); 0 makes the dynamics linear"),
          ParameterSpec.integer(
              PARAMETER_STEPS, DEFAULT_STEPS, 1, MAX_STEPS, "horizon T: steps per rollout, one force per step"),
          ParameterSpec.number(
              PARAMETER_TIME_STEP, DEFAULT_TIME_STEP, 0, true, MAX_TIME_STEP, "time step dt in seconds"),
          ParameterSpec.bool(
              PARAMETER_STOP_AT_GOAL,
              DEFAULT_STOP_AT_GOAL,
              "whether the goal also asks for zero velocity at the end time"),
          ParameterSpec.integer(
              PARAMETER_WAYPOINTS,
              DEFAULT_WAYPOINTS,
              0,
              MAX_STEPS - 1,
              "number W of waypoint positions to pass at steps ⌊T·j/(W+1)⌋ (additive loss terms); at most T − 1"));

  private static final String OWNER = "problem " + ID;
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("newton");
  private static final List<Integer> HIDDEN_LAYERS = List.of(64, 64);
  private static final int[] POSITION = {0, 1};
  private static final int[] POSITION_AND_VELOCITY = {0, 1, 2, 3};

  private final Options parameters;
  private final double drag;
  private final int steps;
  private final double dt;
  private final boolean stopAtGoal;
  private final int waypoints;
  private final int[] checkpoints;
  private final int outputSize;

  private PointMassControl(Options resolved) {
    this.parameters = resolved;
    this.drag = resolved.getDouble(PARAMETER_DRAG);
    this.steps = resolved.getInt(PARAMETER_STEPS);
    this.dt = resolved.getDouble(PARAMETER_TIME_STEP);
    this.stopAtGoal = resolved.getBoolean(PARAMETER_STOP_AT_GOAL);
    this.waypoints = resolved.getInt(PARAMETER_WAYPOINTS);
    if (waypoints >= steps) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          PARAMETER_WAYPOINTS + " = " + waypoints + " is not allowed with " + PARAMETER_STEPS + " = " + steps
              + "; allowed: 0 to " + (steps - 1));
    }
    this.checkpoints = new int[waypoints + 1];
    for (int j = 1; j <= waypoints; j++) {
      checkpoints[j - 1] = (int) ((long) steps * j / (waypoints + 1));
    }
    checkpoints[waypoints] = steps;
    this.outputSize = 2 * waypoints + (stopAtGoal ? 4 : 2);
  }

  /**
   * Creates the problem from parameters given as text.
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key, an invalid value,
   *     or {@code waypoints ≥ stepsPerRollout}
   */
  public static PointMassControl create(Options options) {
    return new PointMassControl(options.resolve(PARAMETERS, OWNER));
  }

  /**
   * The drag coefficient k.
   *
   * @return k in 1/m, ≥ 0
   */
  public double drag() {
    return drag;
  }

  /**
   * Whether the goal asks for zero final velocity.
   *
   * @return the switch
   */
  public boolean stopAtGoal() {
    return stopAtGoal;
  }

  /**
   * The number of waypoints W.
   *
   * @return W, in [0, T)
   */
  public int waypoints() {
    return waypoints;
  }

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} Keys: drag, stepsPerRollout, dt, stopAtGoal, waypoints. */
  @Override
  public Options parameters() {
    return parameters;
  }

  /** {@inheritDoc} {@code m = 2W + 2}, or {@code 2W + 4} with {@code stopAtGoal}. */
  @Override
  public int outputSize() {
    return outputSize;
  }

  /** {@inheritDoc} Always {@value #STATE_SIZE}. */
  @Override
  public int stateSize() {
    return STATE_SIZE;
  }

  /** {@inheritDoc} Always {@value #CONTROL_SIZE}. */
  @Override
  public int controlSize() {
    return CONTROL_SIZE;
  }

  /** {@inheritDoc} The parameter {@code stepsPerRollout}. */
  @Override
  public int horizon() {
    return steps;
  }

  /** {@inheritDoc} The parameter {@code dt}, in seconds. */
  @Override
  public double timeStep() {
    return dt;
  }

  /** {@inheritDoc} The waypoint steps {@code ⌊T·j/(W+1)⌋}, then T. */
  @Override
  public int[] checkpoints() {
    return checkpoints.clone();
  }

  /** {@inheritDoc} Position (0, 1) at waypoints; at the end also velocity (2, 3) with stopAtGoal. */
  @Override
  public int[] observed(int checkpoint) {
    if (checkpoint < 0 || checkpoint > waypoints) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "checkpoint " + checkpoint + " is not allowed; allowed: 0 to " + waypoints);
    }
    return (checkpoint == waypoints && stopAtGoal ? POSITION_AND_VELOCITY : POSITION).clone();
  }

  /** {@inheritDoc} The origin at rest, (0, 0, 0, 0). */
  @Override
  public void referenceStart(double[] start) {
    Arrays.fill(start, 0, STATE_SIZE, 0.0);
  }

  /** {@inheritDoc} True exactly when the drag is 0. */
  @Override
  public boolean isLinear() {
    return drag == 0;
  }

  /** {@inheritDoc} The semi-implicit Euler step of the class comment. */
  @Override
  public void step(double[] state, double[] control, double[] next, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(next, "next state", batch, STATE_SIZE);
    for (int b = 0; b < batch; b++) {
      int s = b * STATE_SIZE;
      int u = b * CONTROL_SIZE;
      double vx = state[s + 2];
      double vy = state[s + 3];
      double speed = Math.sqrt(vx * vx + vy * vy);
      double nvx = vx + dt * (control[u] - drag * speed * vx);
      double nvy = vy + dt * (control[u + 1] - drag * speed * vy);
      next[s] = state[s] + dt * nvx;
      next[s + 1] = state[s + 1] + dt * nvy;
      next[s + 2] = nvx;
      next[s + 3] = nvy;
    }
  }

  /** {@inheritDoc} {@code [[I, dt·M], [0, M]]} with {@code M = I − dt·D}. */
  @Override
  public void stateJacobian(double[] state, double[] control, double[] out, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(out, "state jacobian", batch, STATE_SIZE * STATE_SIZE);
    for (int b = 0; b < batch; b++) {
      int s = b * STATE_SIZE;
      double vx = state[s + 2];
      double vy = state[s + 3];
      double speed = Math.sqrt(vx * vx + vy * vy);
      double dxx = 0;
      double dxy = 0;
      double dyy = 0;
      if (speed > 0) {
        dxx = drag * (speed + vx * vx / speed);
        dxy = drag * (vx * vy / speed);
        dyy = drag * (speed + vy * vy / speed);
      }
      double mxx = 1 - dt * dxx;
      double mxy = -dt * dxy;
      double myy = 1 - dt * dyy;
      int o = b * STATE_SIZE * STATE_SIZE;
      Arrays.fill(out, o, o + STATE_SIZE * STATE_SIZE, 0.0);
      out[o] = 1; // ∂p'x/∂px
      out[o + 5] = 1; // ∂p'y/∂py
      out[o + 2] = dt * mxx;
      out[o + 3] = dt * mxy;
      out[o + 6] = dt * mxy;
      out[o + 7] = dt * myy;
      out[o + 10] = mxx;
      out[o + 11] = mxy;
      out[o + 14] = mxy;
      out[o + 15] = myy;
    }
  }

  /** {@inheritDoc} {@code [[dt²·I], [dt·I]]}, independent of s and u. */
  @Override
  public void controlJacobian(double[] state, double[] control, double[] out, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(out, "control jacobian", batch, STATE_SIZE * CONTROL_SIZE);
    for (int b = 0; b < batch; b++) {
      int o = b * STATE_SIZE * CONTROL_SIZE;
      Arrays.fill(out, o, o + STATE_SIZE * CONTROL_SIZE, 0.0);
      out[o] = dt * dt;
      out[o + 3] = dt * dt;
      out[o + 4] = dt;
      out[o + 7] = dt;
    }
  }

  /**
   * {@inheritDoc} With {@code c = (c_p, c_v)} and {@code w = dt·c_p + c_v}: {@code outState = (c_p,
   * M·w)} and {@code outControl = dt·w} (M is symmetric).
   */
  @Override
  public void stepVectorJacobianProduct(
      double[] state, double[] control, double[] cotangent, double[] outState, double[] outControl, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(cotangent, "cotangent", batch, STATE_SIZE);
    Checks.requireShape(outState, "state gradient", batch, STATE_SIZE);
    Checks.requireShape(outControl, "control gradient", batch, CONTROL_SIZE);
    for (int b = 0; b < batch; b++) {
      int s = b * STATE_SIZE;
      double vx = state[s + 2];
      double vy = state[s + 3];
      double wx = dt * cotangent[s] + cotangent[s + 2];
      double wy = dt * cotangent[s + 1] + cotangent[s + 3];
      double speed = Math.sqrt(vx * vx + vy * vy);
      double dwx = 0;
      double dwy = 0;
      if (speed > 0) {
        double along = (vx * wx + vy * wy) / speed;
        dwx = drag * (speed * wx + vx * along);
        dwy = drag * (speed * wy + vy * along);
      }
      outState[s] = cotangent[s];
      outState[s + 1] = cotangent[s + 1];
      outState[s + 2] = wx - dt * dwx;
      outState[s + 3] = wy - dt * dwy;
      outControl[b * CONTROL_SIZE] = dt * wx;
      outControl[b * CONTROL_SIZE + 1] = dt * wy;
    }
  }

  /** {@inheritDoc} The distribution of the class comment; the goal's velocity target is 0. */
  @Override
  public void sampleTasks(SplittableRandom random, double[] start, double[] targets, int batch) {
    Checks.requireShape(start, "start", batch, STATE_SIZE);
    Checks.requireShape(targets, "targets", batch, outputSize);
    for (int b = 0; b < batch; b++) {
      int s = b * STATE_SIZE;
      start[s] = uniform(random, START_POSITION_HALF_WIDTH);
      start[s + 1] = uniform(random, START_POSITION_HALF_WIDTH);
      start[s + 2] = uniform(random, START_SPEED_HALF_WIDTH);
      start[s + 3] = uniform(random, START_SPEED_HALF_WIDTH);
      int t = b * outputSize;
      for (int k = 0; k < 2 * waypoints + 2; k++) {
        targets[t + k] = uniform(random, GOAL_HALF_WIDTH);
      }
      if (stopAtGoal) {
        targets[t + 2 * waypoints + 2] = 0;
        targets[t + 2 * waypoints + 3] = 0;
      }
    }
  }

  /** {@inheritDoc} {@code "newton"} (saddle-free Newton on the Gauss–Newton curvature). */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /** {@inheritDoc} {@code [64, 64]}. */
  @Override
  public List<Integer> defaultHiddenLayers() {
    return HIDDEN_LAYERS;
  }

  @Override
  public String toString() {
    return "PointMassControl[" + parameters + "]";
  }

  private static double uniform(SplittableRandom random, double halfWidth) {
    return (2 * random.nextDouble() - 1) * halfWidth;
  }

  private static void checkShapes(double[] state, double[] control, int batch) {
    Checks.requireShape(state, "state", batch, STATE_SIZE);
    Checks.requireShape(control, "control", batch, CONTROL_SIZE);
  }
}
