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
 * A correction task: a network corrects a coarse simulation of the 1-D periodic heat equation at
 * every step towards the fine solution (the chapter's section "Iterations and time dependence":
 * "correction tasks where a network tries to improve the simulation quality by performing
 * corrections at every time step"; Holl, Koltun, Thuerey, NeurIPS 2022).
 *
 * <h2>Dynamics</h2>
 *
 * State s: the temperature on N cells of the periodic unit interval (h = 1/N), S = N. Control u:
 * an additive correction per cell, U = N. One step of the coarse solver plus the correction is one
 * explicit Euler step of the three-point Laplacian with the stability number r = ν·Δt/h²:
 *
 * <pre>
 *   s'_i = s_i + r·(s_{i−1} − 2·s_i + s_{i+1}) + u_i       (indices mod N)
 * </pre>
 *
 * which is linear ({@link #isLinear()}): {@code ∂s'/∂s = C} (circulant, symmetric), {@code ∂s'/∂u =
 * I}. The fine solution advances every Fourier mode k exactly over the same Δt: multiplier {@code
 * exp(−4π²·κ²·ν·Δt)} with {@code κ = min(k, N − k)} and {@code ν·Δt = r/N²}, while the coarse step
 * multiplies it by {@code 1 − 4r·sin²(πk/N)}. A worked number for the defaults (N = {@value
 * #DEFAULT_SIZE}, r = {@value #DEFAULT_COURANT}): mode k = 4 decays by 0.373 per step exactly but
 * by 0.2 in the coarse step, and mode 8 by 0.019 exactly but by −0.6 (it flips sign) in the coarse
 * step; so the coarse solver alone drifts away from the fine one.
 *
 * <h2>Tasks and loss</h2>
 *
 * A start state is a smooth random field {@code s_i = Σ_{k=1}^{N/2−1} (a_k·cos(2πki/N) +
 * b_k·sin(2πki/N))/k} with a_k, b_k uniform in [−1, 1]; its targets are the fine solution after
 * every step t = 1 … T (checkpoints at every step, each observing all N cells: m = T·N). The
 * network does not see the targets ({@link #targetsAreNetworkInput()} is false): it must learn the
 * correction from the state alone.
 *
 * <p>Immutable and thread-safe; batch methods allocate nothing and check shapes ({@link
 * ErrorCode#SHAPE_MISMATCH}).
 */
public final class HeatCorrection extends AbstractRolloutProblem {
  /** The problem id, {@value}. */
  public static final String ID = "heat-correction";
  /** Name of the number of cells N, {@value}. */
  public static final String PARAMETER_SIZE = "size";
  /** Name of the horizon parameter T, {@value}. */
  public static final String PARAMETER_STEPS = "stepsPerRollout";
  /** Name of the stability number r = ν·Δt/h² of the coarse step, {@value}. */
  public static final String PARAMETER_COURANT = "courant";
  /** Default number of cells N = {@value}. */
  public static final int DEFAULT_SIZE = 16;
  /** Default horizon T = {@value} steps (n = m = T·N = 64). */
  public static final int DEFAULT_STEPS = 4;
  /** Default stability number r = {@value} (the explicit step is stable up to 0.5). */
  public static final double DEFAULT_COURANT = 0.4;
  /** Largest stability number, {@value}: the explicit Euler step's stability limit. */
  public static final double MAX_COURANT = 0.5;

  /**
   * The declared parameters: {@code size} (4 to 64, default {@value #DEFAULT_SIZE}), {@code
   * stepsPerRollout} (1 to 64, default {@value #DEFAULT_STEPS}) and {@code courant} (in (0, {@value
   * #MAX_COURANT}], default {@value #DEFAULT_COURANT}).
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.integer(PARAMETER_SIZE, DEFAULT_SIZE, 4, 64, "number N of cells on the periodic unit interval"),
          ParameterSpec.integer(
              PARAMETER_STEPS, DEFAULT_STEPS, 1, 64, "horizon T: coarse steps per rollout, one correction per step"),
          ParameterSpec.number(
              PARAMETER_COURANT,
              DEFAULT_COURANT,
              0,
              true,
              MAX_COURANT,
              "stability number r = ν·Δt/h² of the coarse explicit step (the fine solution is exact over Δt)"));

  private static final String OWNER = "problem " + ID;
  private static final List<Integer> HIDDEN_LAYERS = List.of(64, 64);
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("analytic-control");

  private final Options parameters;
  private final int size;
  private final int steps;
  private final double courant;
  /** The fine one-step operator E as a circulant: fine[d] = E_{i, i+d}. */
  private final double[] fine;
  private final int[] checkpoints;

  private HeatCorrection(Options resolved) {
    this.parameters = resolved;
    this.size = resolved.getInt(PARAMETER_SIZE);
    this.steps = resolved.getInt(PARAMETER_STEPS);
    this.courant = resolved.getDouble(PARAMETER_COURANT);
    this.fine = new double[size];
    double amount = courant / ((double) size * size);
    for (int d = 0; d < size; d++) {
      double sum = 0;
      for (int k = 0; k < size; k++) {
        int kappa = Math.min(k, size - k);
        sum += Math.exp(-4 * Math.PI * Math.PI * kappa * kappa * amount) * Math.cos(2 * Math.PI * k * d / size);
      }
      fine[d] = sum / size;
    }
    this.checkpoints = new int[steps];
    for (int t = 0; t < steps; t++) {
      checkpoints[t] = t + 1;
    }
  }

  /**
   * Creates the problem from parameters given as text.
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key or an invalid value
   */
  public static HeatCorrection create(Options options) {
    return new HeatCorrection(options.resolve(PARAMETERS, OWNER));
  }

  /**
   * Advances states by one fine (exact) step: {@code out = E·s}.
   *
   * @param state the states, shape [B, N]
   * @param out receives E·s, shape [B, N]; must not alias state
   * @param batch B
   */
  public void fineStep(double[] state, double[] out, int batch) {
    Checks.requireShape(state, "state", batch, size);
    Checks.requireShape(out, "out", batch, size);
    for (int b = 0; b < batch; b++) {
      fineStepRow(state, b * size, out, b * size);
    }
  }

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} Keys: size, stepsPerRollout, courant. */
  @Override
  public Options parameters() {
    return parameters;
  }

  /** {@inheritDoc} {@code m = T·N}. */
  @Override
  public int outputSize() {
    return steps * size;
  }

  /** {@inheritDoc} N. */
  @Override
  public int stateSize() {
    return size;
  }

  /** {@inheritDoc} N: one correction per cell. */
  @Override
  public int controlSize() {
    return size;
  }

  /** {@inheritDoc} The parameter {@code stepsPerRollout}. */
  @Override
  public int horizon() {
    return steps;
  }

  /** {@inheritDoc} {@code Δt = r·h²/ν} in units where ν = 1: {@code r/N²}. */
  @Override
  public double timeStep() {
    return courant / ((double) size * size);
  }

  /** {@inheritDoc} Every step, 1 … T. */
  @Override
  public int[] checkpoints() {
    return checkpoints.clone();
  }

  /** {@inheritDoc} All N cells. */
  @Override
  public int[] observed(int checkpoint) {
    if (checkpoint < 0 || checkpoint >= steps) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "checkpoint " + checkpoint + " is not allowed; allowed: 0 to " + (steps - 1));
    }
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    return all;
  }

  /** {@inheritDoc} Zero everywhere. */
  @Override
  public void referenceStart(double[] start) {
    Arrays.fill(start, 0, size, 0.0);
  }

  /** {@inheritDoc} Always true: the coarse step plus the correction is linear. */
  @Override
  public boolean isLinear() {
    return true;
  }

  /** {@inheritDoc} False: the network must not see the fine solution it is trained towards. */
  @Override
  public boolean targetsAreNetworkInput() {
    return false;
  }

  /** {@inheritDoc} {@code s' = C·s + u}, the coarse explicit step plus the correction. */
  @Override
  public void step(double[] state, double[] control, double[] next, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(next, "next state", batch, size);
    for (int b = 0; b < batch; b++) {
      int o = b * size;
      for (int i = 0; i < size; i++) {
        double left = state[o + (i + size - 1) % size];
        double right = state[o + (i + 1) % size];
        next[o + i] = state[o + i] + courant * (left - 2 * state[o + i] + right) + control[o + i];
      }
    }
  }

  /** {@inheritDoc} C: 1 − 2r on the diagonal, r on the two periodic neighbours. */
  @Override
  public void stateJacobian(double[] state, double[] control, double[] out, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(out, "state jacobian", batch, size * size);
    for (int b = 0; b < batch; b++) {
      int o = b * size * size;
      Arrays.fill(out, o, o + size * size, 0.0);
      for (int i = 0; i < size; i++) {
        out[o + i * size + i] += 1 - 2 * courant;
        out[o + i * size + (i + size - 1) % size] += courant;
        out[o + i * size + (i + 1) % size] += courant;
      }
    }
  }

  /** {@inheritDoc} The identity. */
  @Override
  public void controlJacobian(double[] state, double[] control, double[] out, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(out, "control jacobian", batch, size * size);
    for (int b = 0; b < batch; b++) {
      int o = b * size * size;
      Arrays.fill(out, o, o + size * size, 0.0);
      for (int i = 0; i < size; i++) {
        out[o + i * size + i] = 1;
      }
    }
  }

  /** {@inheritDoc} {@code outState = C·c} (C is symmetric), {@code outControl = c}. */
  @Override
  public void stepVectorJacobianProduct(
      double[] state, double[] control, double[] cotangent, double[] outState, double[] outControl, int batch) {
    checkShapes(state, control, batch);
    Checks.requireShape(cotangent, "cotangent", batch, size);
    Checks.requireShape(outState, "state gradient", batch, size);
    Checks.requireShape(outControl, "control gradient", batch, size);
    for (int b = 0; b < batch; b++) {
      int o = b * size;
      for (int i = 0; i < size; i++) {
        double left = cotangent[o + (i + size - 1) % size];
        double right = cotangent[o + (i + 1) % size];
        outState[o + i] = cotangent[o + i] + courant * (left - 2 * cotangent[o + i] + right);
      }
      System.arraycopy(cotangent, o, outControl, o, size);
    }
  }

  /**
   * {@inheritDoc} Smooth random start fields; targets the fine solution after every step (see the
   * class comment). Uses one scratch row of the targets array as it goes; allocates nothing.
   */
  @Override
  public void sampleTasks(SplittableRandom random, double[] start, double[] targets, int batch) {
    Checks.requireShape(start, "start", batch, size);
    Checks.requireShape(targets, "targets", batch, outputSize());
    int m = outputSize();
    for (int b = 0; b < batch; b++) {
      int o = b * size;
      Arrays.fill(start, o, o + size, 0.0);
      for (int k = 1; k < size / 2; k++) {
        double a = (2 * random.nextDouble() - 1) / k;
        double c = (2 * random.nextDouble() - 1) / k;
        for (int i = 0; i < size; i++) {
          double phase = 2 * Math.PI * k * i / size;
          start[o + i] += a * Math.cos(phase) + c * Math.sin(phase);
        }
      }
      int t0 = b * m;
      fineStepRow(start, o, targets, t0);
      for (int t = 1; t < steps; t++) {
        fineStepRow(targets, t0 + (t - 1) * size, targets, t0 + t * size);
      }
    }
  }

  private void fineStepRow(double[] from, int fromOffset, double[] to, int toOffset) {
    for (int i = 0; i < size; i++) {
      double sum = 0;
      for (int j = 0; j < size; j++) {
        sum += fine[Math.floorMod(j - i, size)] * from[fromOffset + j];
      }
      to[toOffset + i] = sum;
    }
  }

  /** {@inheritDoc} {@code "analytic-control"}: the dynamics are linear, so the exact inverse exists. */
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
    return "HeatCorrection[" + parameters + "]";
  }

  private void checkShapes(double[] state, double[] control, int batch) {
    Checks.requireShape(state, "state", batch, size);
    Checks.requireShape(control, "control", batch, size);
  }
}
