package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.RolloutProblem;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.InverseSolverContract;

/**
 * Saddle-free Newton "as is" on the control-sequence view of the control task (n = 2T = 32, m = 2):
 * with the view's Gauss–Newton curvature it is the minimum-norm Gauss–Newton step, which reaches
 * the goal of the drag-free task in one step and, with drag, removes most of the miss of a nearby
 * target and is second order (the miss left is quadratic in the distance). Each task is solved on
 * the view conditioned on its own start state, one call per task (see {@link
 * ControlSequenceProblem}'s pitfall).
 */
class NewtonControlTests {
  private static final int BATCH = 8;

  static IntStream seeds() {
    return IntStream.range(0, 6);
  }

  /**
   * Returns {miss before, miss after} summed over a batch of tasks, for targets y + scale·(goal −
   * y), with one solver call per task on the view conditioned on its start (as the trainer does).
   */
  private static double[] missBeforeAndAfter(double drag, double scale, int seed) {
    RolloutProblem problem =
        (RolloutProblem) InverseSolverContract.problem("control", "drag", Double.toString(drag));
    SplittableRandom random = new SplittableRandom(seed);
    double[] start = new double[BATCH * 4];
    double[] goal = new double[BATCH * 2];
    problem.sampleTasks(random, start, goal, BATCH);
    ControlSequenceProblem view = new ControlSequenceProblem(problem, 1);
    InverseSolver solver = new NewtonSolverProvider().create(view, Options.empty());
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    double before = 0;
    double after = 0;
    for (int b = 0; b < BATCH; b++) {
      view.setStartState(start, b);
      double[] u = new double[32];
      for (int i = 0; i < u.length; i++) {
        u[i] = 2 * random.nextDouble() - 1;
      }
      double[] y = new double[2];
      view.forward(u, y, 1);
      double[] target = new double[2];
      for (int i = 0; i < 2; i++) {
        target[i] = y[i] + scale * (goal[2 * b + i] - y[i]);
      }
      double[] du = new double[32];
      solver.step(u, y, target, du, 1, diagnostics);
      for (int i = 0; i < u.length; i++) {
        u[i] += du[i];
      }
      double[] reached = new double[2];
      view.forward(u, reached, 1);
      for (int i = 0; i < 2; i++) {
        before += Math.abs(target[i] - y[i]);
        after += Math.abs(target[i] - reached[i]);
      }
    }
    assertEquals(0, diagnostics.failed(), "seed " + seed);
    return new double[] {before, after};
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void oneNewtonStepReachesTheGoalOfTheDragFreeTask(int seed) {
    double[] miss = missBeforeAndAfter(0, 1, seed);
    assertTrue(miss[1] <= 1e-8 * miss[0], "seed " + seed + ": miss " + miss[0] + " → " + miss[1]);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void withDragTheGaussNewtonStepIsSecondOrder(int seed) {
    double[] far = missBeforeAndAfter(1, 0.1, seed);
    double[] near = missBeforeAndAfter(1, 0.01, seed);
    assertTrue(far[1] < 0.05 * far[0], "seed " + seed + ": a tenth of the way, miss " + far[0] + " → " + far[1]);
    // ten times closer: the miss left shrinks about a hundredfold (quadratic), at least fifty-fold here
    assertTrue(near[1] < far[1] / 50, "seed " + seed + ": miss left " + far[1] + " (1/10) vs " + near[1] + " (1/100)");
  }
}
