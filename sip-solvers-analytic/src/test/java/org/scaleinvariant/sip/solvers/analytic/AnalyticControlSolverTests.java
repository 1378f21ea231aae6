package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.HeatCorrection;
import org.scaleinvariant.sip.problems.HeatEquation;
import org.scaleinvariant.sip.problems.PointMassControl;

/**
 * {@code analytic-control} on the drag-free control task: one SIP inverse step of the whole control
 * sequence reaches the goal exactly, from any start state and controls, with the minimum-norm
 * change; only linear rollouts are supported.
 */
class AnalyticControlSolverTests {
  private static final int BATCH = 16;

  private static PointMassControl control(String... keyValues) {
    Options options = Options.empty();
    for (int i = 0; i < keyValues.length; i += 2) {
      options = options.with(keyValues[i], keyValues[i + 1]);
    }
    return PointMassControl.create(options);
  }

  static Stream<Arguments> cases() {
    String[][] settings = {
      {"drag", "0"},
      {"drag", "0", "stopAtGoal", "true"},
      {"drag", "0", "stopAtGoal", "true", "waypoints", "3", "stepsPerRollout", "20"},
      {"drag", "0", "stepsPerRollout", "2", "dt", "0.5"}
    };
    return IntStream.range(0, 12).mapToObj(seed -> Arguments.of(seed, String.join(",", settings[seed % settings.length])));
  }

  @ParameterizedTest(name = "seed {0}: {1}")
  @MethodSource("cases")
  void oneInverseStepReachesTheGoalExactlyWithTheMinimumNormChange(int seed, String setting) {
    PointMassControl problem = control(setting.split(","));
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] start = new double[BATCH * 4];
    double[] goal = new double[BATCH * m];
    problem.sampleTasks(random, start, goal, BATCH);
    ControlSequenceProblem view = new ControlSequenceProblem(problem, BATCH);
    view.setStartStates(start, BATCH);
    double[] u = new double[BATCH * n];
    for (int i = 0; i < u.length; i++) {
      u[i] = 5 * (2 * random.nextDouble() - 1);
    }
    double[] y = new double[BATCH * m];
    view.forward(u, y, BATCH);
    InverseSolver solver = new AnalyticControlSolverProvider().create(view, Options.empty());
    double[] du = new double[BATCH * n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver.step(u, y, goal, du, BATCH, diagnostics);
    double[] moved = new double[BATCH * n];
    for (int i = 0; i < moved.length; i++) {
      moved[i] = u[i] + du[i];
    }
    double[] reached = new double[BATCH * m];
    view.forward(moved, reached, BATCH);
    for (int i = 0; i < reached.length; i++) {
      double miss = Math.abs(reached[i] - goal[i]);
      assertTrue(
          miss <= 1e-9 * (1 + Math.abs(goal[i] - y[i])),
          "seed " + seed + " (" + setting + "): observation " + i + " reached " + reached[i] + ", goal " + goal[i]
              + ", started at " + y[i]);
    }
    assertEquals(BATCH, diagnostics.samples());
    assertEquals(0, diagnostics.failed());
    // minimum norm: Δu has no component along the null space of J (J·z = 0 ⇒ Δu·z = 0)
    double[] jacobian = new double[m * n];
    view.jacobian(u, jacobian, 1);
    double[] z = nullSpaceDirection(jacobian, m, n, random);
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < n; i++) {
      dot += du[i] * z[i];
      norm += du[i] * du[i];
    }
    assertTrue(
        Math.abs(dot) <= 1e-9 * Math.sqrt(norm),
        "seed " + seed + ": Δu·z = " + dot + " for a null-space direction z, |Δu| = " + Math.sqrt(norm));
  }

  /** A unit vector z with J·z = 0: a random vector minus its projection on the rows of J (Gram–Schmidt). */
  private static double[] nullSpaceDirection(double[] j, int m, int n, SplittableRandom random) {
    double[][] basis = new double[m][];
    for (int k = 0; k < m; k++) {
      double[] row = new double[n];
      System.arraycopy(j, k * n, row, 0, n);
      for (int l = 0; l < k; l++) {
        subtractProjection(row, basis[l]);
      }
      basis[k] = normalized(row);
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = random.nextDouble() - 0.5;
    }
    for (int k = 0; k < m; k++) {
      subtractProjection(z, basis[k]);
    }
    return normalized(z);
  }

  private static void subtractProjection(double[] v, double[] unit) {
    double dot = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * unit[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] -= dot * unit[i];
    }
  }

  private static double[] normalized(double[] v) {
    double norm = 0;
    for (double value : v) {
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    return v;
  }

  @Test
  void oneInverseStepOfTheCorrectionsReachesTheFineTrajectoryExactly() {
    HeatCorrection problem = HeatCorrection.create(Options.empty());
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(21);
    double[] start = new double[BATCH * 16];
    double[] fine = new double[BATCH * m];
    problem.sampleTasks(random, start, fine, BATCH);
    ControlSequenceProblem view = new ControlSequenceProblem(problem, BATCH);
    view.setStartStates(start, BATCH);
    InverseSolver solver = new AnalyticControlSolverProvider().create(view, Options.empty());
    double[] u = new double[BATCH * n];
    double[] y = new double[BATCH * m];
    view.forward(u, y, BATCH);
    double[] du = new double[BATCH * n];
    solver.step(u, y, fine, du, BATCH, new SolverDiagnostics());
    double[] reached = new double[BATCH * m];
    view.forward(du, reached, BATCH);
    for (int i = 0; i < reached.length; i++) {
      assertEquals(fine[i], reached[i], 1e-12, "value " + i + " of the fine trajectory");
    }
  }

  @Test
  void onlyLinearRolloutsAreSupported() {
    AnalyticControlSolverProvider provider = new AnalyticControlSolverProvider();
    assertEquals("analytic-control", provider.id());
    assertTrue(provider.parameters().isEmpty());
    assertTrue(provider.supports(control("drag", "0")));
    assertTrue(provider.supports(new ControlSequenceProblem(control("drag", "0"), 4)));
    assertFalse(provider.supports(control()));
    assertFalse(provider.supports(new ControlSequenceProblem(control("drag", "0.5"), 4)));
    assertFalse(provider.supports(new HeatEquation(1, 8, 1)));
    SipException error = assertThrows(SipException.class, () -> provider.create(control(), Options.empty()));
    assertEquals(ErrorCode.UNSUPPORTED, error.code());
    assertTrue(error.getMessage().contains("'control'"), error.getMessage());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> provider.create(control("drag", "0"), Options.empty().with("x", "1")))
            .code());
  }
}
