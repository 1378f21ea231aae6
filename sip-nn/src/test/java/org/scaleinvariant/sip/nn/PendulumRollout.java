package org.scaleinvariant.sip.nn;

import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.AbstractRolloutProblem;
import org.scaleinvariant.sip.api.Options;

/**
 * A small nonlinear rollout for the trainer's tests: a torque-driven pendulum, state (q, w) (angle
 * in rad, angular velocity in rad/s), control u (torque), semi-implicit Euler {@code w' = w + dt·(u −
 * k·sin q)}, {@code q' = q + dt·w'}. With {@code waypoint} the angle and velocity are also compared
 * at step ⌊T/2⌋ (checkpoints [⌊T/2⌋, T], m = 3), else only the final angle (m = 1).
 */
class PendulumRollout extends AbstractRolloutProblem {
  private final int steps;
  private final double dt;
  private final double k;
  private final boolean waypoint;

  PendulumRollout(int steps, double dt, double k, boolean waypoint) {
    this.steps = steps;
    this.dt = dt;
    this.k = k;
    this.waypoint = waypoint;
  }

  @Override
  public String id() {
    return "pendulum";
  }

  @Override
  public Options parameters() {
    return Options.empty().with("k", Double.toString(k));
  }

  @Override
  public int outputSize() {
    return waypoint ? 3 : 1;
  }

  @Override
  public int stateSize() {
    return 2;
  }

  @Override
  public int controlSize() {
    return 1;
  }

  @Override
  public int horizon() {
    return steps;
  }

  @Override
  public double timeStep() {
    return dt;
  }

  @Override
  public int[] checkpoints() {
    return waypoint ? new int[] {steps / 2, steps} : new int[] {steps};
  }

  @Override
  public int[] observed(int checkpoint) {
    return waypoint && checkpoint == 0 ? new int[] {0, 1} : new int[] {0};
  }

  @Override
  public void referenceStart(double[] start) {
    start[0] = 0;
    start[1] = 0;
  }

  @Override
  public boolean isLinear() {
    return k == 0;
  }

  @Override
  public void step(double[] state, double[] control, double[] next, int batch) {
    for (int b = 0; b < batch; b++) {
      double w = state[2 * b + 1] + dt * (control[b] - k * Math.sin(state[2 * b]));
      next[2 * b] = state[2 * b] + dt * w;
      next[2 * b + 1] = w;
    }
  }

  @Override
  public void stateJacobian(double[] state, double[] control, double[] out, int batch) {
    for (int b = 0; b < batch; b++) {
      double dwdq = -dt * k * Math.cos(state[2 * b]);
      out[4 * b] = 1 + dt * dwdq;
      out[4 * b + 1] = dt;
      out[4 * b + 2] = dwdq;
      out[4 * b + 3] = 1;
    }
  }

  @Override
  public void controlJacobian(double[] state, double[] control, double[] out, int batch) {
    for (int b = 0; b < batch; b++) {
      out[2 * b] = dt * dt;
      out[2 * b + 1] = dt;
    }
  }

  @Override
  public void stepVectorJacobianProduct(
      double[] state, double[] control, double[] cotangent, double[] outState, double[] outControl, int batch) {
    for (int b = 0; b < batch; b++) {
      double g = dt * cotangent[2 * b] + cotangent[2 * b + 1]; // gradient on w'
      outState[2 * b] = cotangent[2 * b] - g * dt * k * Math.cos(state[2 * b]);
      outState[2 * b + 1] = g;
      outControl[b] = g * dt;
    }
  }

  @Override
  public void sampleTasks(SplittableRandom random, double[] start, double[] targets, int batch) {
    int m = outputSize();
    for (int b = 0; b < batch; b++) {
      start[2 * b] = random.nextDouble() - 0.5;
      start[2 * b + 1] = random.nextDouble() - 0.5;
      for (int j = 0; j < m; j++) {
        targets[b * m + j] = 2 * random.nextDouble() - 1;
      }
    }
  }
}
