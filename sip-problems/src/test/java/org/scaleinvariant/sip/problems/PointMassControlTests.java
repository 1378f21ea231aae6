package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scaleinvariant.sip.problems.Close.assertAllClose;
import static org.scaleinvariant.sip.problems.Close.assertClose;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.Checkpoints;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;

/**
 * The control problem: defaults, worked numbers of the dynamics, the transition's derivatives and
 * the control-sequence map's Jacobian and VJP against central differences (seeded cases, the seed
 * in each name), the checkpoint layout, the task distribution and discovery.
 */
class PointMassControlTests {
  /** Central-difference step for the one-step derivatives. */
  private static final double H = 1e-6;

  private static PointMassControl control(String... keyValues) {
    Options options = Options.empty();
    for (int i = 0; i < keyValues.length; i += 2) {
      options = options.with(keyValues[i], keyValues[i + 1]);
    }
    return PointMassControl.create(options);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(1.0, PointMassControl.DEFAULT_DRAG);
    assertEquals(16, PointMassControl.DEFAULT_STEPS);
    assertEquals(0.1, PointMassControl.DEFAULT_TIME_STEP);
    PointMassControl problem = control();
    assertEquals("control", problem.id());
    assertEquals(4, problem.stateSize());
    assertEquals(2, problem.controlSize());
    assertEquals(16, problem.horizon());
    assertEquals(32, problem.inputSize(), "n = 2T");
    assertEquals(2, problem.outputSize(), "goal position only");
    assertArrayEquals(new int[] {16}, problem.checkpoints());
    assertEquals(0.1, problem.timeStep());
    assertFalse(problem.isLinear());
    assertFalse(problem.hasExactSecondDerivatives(), "Gauss–Newton curvature with drag");
    assertEquals("newton", problem.preferredSolver().orElseThrow());
    assertEquals(1.0, problem.drag());
    assertEquals(1.0, problem.parameters().getDouble("drag"));
  }

  @Test
  void dragFreeControlIsLinearWithExactSecondDerivatives() {
    PointMassControl problem = control("drag", "0");
    assertTrue(problem.isLinear());
    assertTrue(problem.hasExactSecondDerivatives());
  }

  @Test
  void oneStepWithDragMatchesTheWorkedNumber() {
    // v = (1, 0) m/s, no force, k = 1/m, dt = 0.1 s: a = −k‖v‖v = (−1, 0), v' = (0.9, 0), p' = dt·v' = (0.09, 0)
    double[] next = new double[4];
    control().step(new double[] {0, 0, 1, 0}, new double[] {0, 0}, next, 1);
    assertAllClose(new double[] {0.09, 0, 0.9, 0}, next, 1e-15, 0);
  }

  @Test
  void aConstantForceWithoutDragFromRestReachesTheClosedForm() {
    // semi-implicit Euler from rest with F = (1, −2) N for T steps: v_T = F·dt·T, p_T = F·dt²·T(T+1)/2
    PointMassControl problem = control("drag", "0", "stopAtGoal", "true");
    double[] forces = new double[32];
    for (int t = 0; t < 16; t++) {
      forces[2 * t] = 1;
      forces[2 * t + 1] = -2;
    }
    double[] y = new double[4];
    problem.forward(forces, y, 1);
    assertAllClose(new double[] {1.36, -2.72, 1.6, -3.2}, y, 1e-12, 0);
  }

  static Stream<Arguments> stepCases() {
    double[] drags = {0, 0.5, 1, 3};
    return IntStream.range(0, 24).mapToObj(seed -> Arguments.of(seed, drags[seed % drags.length]));
  }

  @ParameterizedTest(name = "seed {0}, drag {1}")
  @MethodSource("stepCases")
  void transitionJacobiansMatchCentralDifferencesAndTheVjpIsTheirTranspose(int seed, double drag) {
    PointMassControl problem = control("drag", Double.toString(drag), "dt", "0.05");
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = {uniform(random, 2), uniform(random, 2), uniform(random, 2), uniform(random, 2)};
    double[] u = {uniform(random, 3), uniform(random, 3)};
    double[] a = new double[16];
    double[] b = new double[8];
    problem.stateJacobian(s, u, a, 1);
    problem.controlJacobian(s, u, b, 1);
    double[] plus = new double[4];
    double[] minus = new double[4];
    for (int j = 0; j < 4; j++) {
      double[] sp = s.clone();
      double[] sm = s.clone();
      sp[j] += H;
      sm[j] -= H;
      problem.step(sp, u, plus, 1);
      problem.step(sm, u, minus, 1);
      for (int i = 0; i < 4; i++) {
        assertClose((plus[i] - minus[i]) / (2 * H), a[i * 4 + j], 1e-8, 0, "∂s'_" + i + "/∂s_" + j + ", seed " + seed);
      }
    }
    for (int j = 0; j < 2; j++) {
      double[] up = u.clone();
      double[] um = u.clone();
      up[j] += H;
      um[j] -= H;
      problem.step(s, up, plus, 1);
      problem.step(s, um, minus, 1);
      for (int i = 0; i < 4; i++) {
        assertClose((plus[i] - minus[i]) / (2 * H), b[i * 2 + j], 1e-8, 0, "∂s'_" + i + "/∂u_" + j + ", seed " + seed);
      }
    }
    double[] c = {uniform(random, 1), uniform(random, 1), uniform(random, 1), uniform(random, 1)};
    double[] outState = new double[4];
    double[] outControl = new double[2];
    problem.stepVectorJacobianProduct(s, u, c, outState, outControl, 1);
    double[] expectedState = new double[4];
    double[] expectedControl = new double[2];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        expectedState[j] += a[i * 4 + j] * c[i];
      }
      for (int j = 0; j < 2; j++) {
        expectedControl[j] += b[i * 2 + j] * c[i];
      }
    }
    assertAllClose(expectedState, outState, 1e-14, 0, "(∂s'/∂s)ᵀc, seed " + seed);
    assertAllClose(expectedControl, outControl, 1e-14, 0, "(∂s'/∂u)ᵀc, seed " + seed);
  }

  static Stream<Arguments> rolloutCases() {
    return IntStream.range(0, 8).mapToObj(seed -> Arguments.of(seed, seed % 2 == 0 ? 1.0 : 0.3));
  }

  @ParameterizedTest(name = "seed {0}, drag {1}")
  @MethodSource("rolloutCases")
  void controlSequenceJacobianMatchesCentralDifferencesFromAnyStartWithWaypoints(int seed, double drag) {
    PointMassControl problem =
        control("drag", Double.toString(drag), "stepsPerRollout", "6", "waypoints", "2", "stopAtGoal", "true");
    assertEquals(2 * 2 + 4, problem.outputSize());
    SplittableRandom random = new SplittableRandom(seed);
    double[] start = new double[4];
    double[] targets = new double[problem.outputSize()];
    problem.sampleTasks(random, start, targets, 1);
    ControlSequenceProblem view = new ControlSequenceProblem(problem, 1);
    view.setStartStates(start, 1);
    double[] x = new double[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = uniform(random, 2);
    }
    DerivativeChecks.assertJacobianMatchesCentralDifferences(view, x, 1);
    double[] v = new double[problem.outputSize()];
    for (int i = 0; i < v.length; i++) {
      v[i] = uniform(random, 1);
    }
    DerivativeChecks.assertVectorJacobianProductIsTheTransposedJacobianTimesV(view, x, v, 1);
    // and the open-loop view of the problem itself (reference start: rest at the origin)
    DerivativeChecks.assertJacobianMatchesCentralDifferences(problem, x, 1);
  }

  @Test
  void aBatchOfStartStatesGivesEachSampleItsOwnRollout() {
    PointMassControl problem = control();
    SplittableRandom random = new SplittableRandom(7);
    double[] starts = new double[3 * 4];
    double[] targets = new double[3 * 2];
    problem.sampleTasks(random, starts, targets, 3);
    double[] x = new double[3 * 32];
    for (int i = 0; i < x.length; i++) {
      x[i] = uniform(random, 1);
    }
    ControlSequenceProblem view = new ControlSequenceProblem(problem, 3);
    view.setStartStates(starts, 3);
    double[] y = new double[6];
    view.forward(x, y, 3);
    for (int b = 0; b < 3; b++) {
      ControlSequenceProblem one = new ControlSequenceProblem(problem, 1);
      one.setStartStates(Arrays.copyOfRange(starts, 4 * b, 4 * b + 4), 1);
      double[] single = new double[2];
      one.forward(Arrays.copyOfRange(x, 32 * b, 32 * b + 32), single, 1);
      assertAllClose(single, Arrays.copyOfRange(y, 2 * b, 2 * b + 2), 0, 0, "sample " + b);
    }
    SipException error = assertThrows(SipException.class, () -> view.forward(x, new double[8], 4));
    assertEquals(ErrorCode.SHAPE_MISMATCH, error.code());
  }

  @Test
  void waypointsAreEvenlySpacedAndObservePositionsOnly() {
    PointMassControl problem = control("waypoints", "3", "stopAtGoal", "true");
    assertArrayEquals(new int[] {4, 8, 12, 16}, problem.checkpoints());
    Checkpoints layout = Checkpoints.of(problem);
    assertEquals(10, layout.size());
    assertEquals(6, layout.offset(3));
    assertArrayEquals(new int[] {0, 1}, problem.observed(0));
    assertArrayEquals(new int[] {0, 1, 2, 3}, problem.observed(3));
    assertEquals(2, layout.checkpointAt(12));
    assertEquals(-1, layout.checkpointAt(5));
  }

  @Test
  void asManyWaypointsAsStepsIsRejected() {
    SipException error = assertThrows(SipException.class, () -> control("stepsPerRollout", "4", "waypoints", "4"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertTrue(error.getMessage().contains("waypoints = 4"), error.getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, () -> control("drag", "-1")).code());
  }

  @Test
  void tasksAreSeededAndInsideTheirBoxes() {
    PointMassControl problem = control("waypoints", "1", "stopAtGoal", "true");
    int batch = 500;
    double[] start = new double[batch * 4];
    double[] targets = new double[batch * 6];
    problem.sampleTasks(new SplittableRandom(3), start, targets, batch);
    double[] again = new double[batch * 6];
    problem.sampleTasks(new SplittableRandom(3), new double[batch * 4], again, batch);
    assertArrayEquals(targets, again);
    for (int b = 0; b < batch; b++) {
      assertTrue(Math.abs(start[4 * b]) <= 1 && Math.abs(start[4 * b + 1]) <= 1, "start position " + b);
      assertTrue(Math.abs(start[4 * b + 2]) <= 0.5 && Math.abs(start[4 * b + 3]) <= 0.5, "start velocity " + b);
      for (int k = 0; k < 4; k++) {
        assertTrue(Math.abs(targets[6 * b + k]) <= 1, "waypoint and goal positions " + b);
      }
      assertEquals(0.0, targets[6 * b + 4], "goal velocity");
      assertEquals(0.0, targets[6 * b + 5], "goal velocity");
    }
  }

  @Test
  void serviceLoaderFindsTheControlProblem() {
    var problems = Registries.discoverProblems();
    assertEquals(PointMassControlProvider.class, problems.get("control").getClass());
    assertEquals(
        12, problems.get("control").create(Options.empty().with("stepsPerRollout", "6")).inputSize());
  }

  private static double uniform(SplittableRandom random, double halfWidth) {
    return (2 * random.nextDouble() - 1) * halfWidth;
  }
}
