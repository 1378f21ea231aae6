package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.Vectors;

/**
 * What the three closed-form solvers share beyond the conformance kit, each on its problem's
 * default configuration with {@value #BATCH} seeded samples (x uniform in [−2, 2), targets drawn by
 * the problem): steps allocate nothing, and a NaN sample fails alone with a zero step. (Batch,
 * threads and short arrays are the kit's properties: the {@code *ContractTests}.)
 */
class AnalyticAllocationTests {
  private static final int BATCH = 16;

  /** One solver with a seeded batch: x, y = P(x), t from the problem's target distribution. */
  static final class Case {
    final InverseSolver solver;
    final Problem problem;
    final int n;
    final int m;
    final double[] x;
    final double[] y;
    final double[] t;

    Case(String solverId, String problemId) {
      problem = Registries.discoverProblems().get(problemId).create(Options.empty());
      solver = Registries.discoverSolvers().get(solverId).create(problem, Options.empty());
      n = problem.inputSize();
      m = problem.outputSize();
      SplittableRandom random = new SplittableRandom(17);
      x = Vectors.uniform(random, BATCH * n, 2);
      y = new double[BATCH * m];
      problem.forward(x, y, BATCH);
      t = new double[BATCH * m];
      problem.sampleTargets(random, t, BATCH);
    }

    double[] step(SolverDiagnostics diagnostics) {
      double[] dx = new double[BATCH * n];
      solver.step(x, y, t, dx, BATCH, diagnostics);
      return dx;
    }

    @Override
    public String toString() {
      return solver.id();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("analytic-rotated-sine", "rotated-sine"),
        new Case("analytic-linear", "linear"),
        new Case("analytic-simple", "simple"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stepsAllocateNothing(Case c) throws Exception {
    double[] dx = new double[BATCH * c.n];
    SolverDiagnostics d = new SolverDiagnostics();
    SplittableRandom random = new SplittableRandom(3);
    double[] targets = new double[BATCH * c.m];
    Runnable work =
        () -> {
          for (int i = 0; i < 2000; i++) {
            c.problem.forward(c.x, c.y, BATCH);
            c.problem.sampleTargets(random, targets, BATCH);
            c.solver.step(c.x, c.y, c.t, dx, BATCH, d);
          }
        };
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    work.run();
    long before = (long) allocated.invoke(bean, id);
    work.run();
    long bytes = (long) allocated.invoke(bean, id) - before;
    assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 2000 steps of " + BATCH + " samples");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aNaNSampleFailsAloneWithAZeroStep(Case c) {
    double[] t = c.t.clone();
    t[c.m] = Double.NaN; // sample 1
    double[] dx = new double[BATCH * c.n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    c.solver.step(c.x, c.y, t, dx, BATCH, diagnostics);
    assertEquals(1, diagnostics.failed());
    assertEquals(BATCH, diagnostics.samples());
    assertArrayEquals(new double[c.n], Arrays.copyOfRange(dx, c.n, 2 * c.n));
    double[] clean = c.step(new SolverDiagnostics());
    assertArrayEquals(Arrays.copyOfRange(clean, 0, c.n), Arrays.copyOfRange(dx, 0, c.n));
    assertArrayEquals(Arrays.copyOfRange(clean, 2 * c.n, BATCH * c.n), Arrays.copyOfRange(dx, 2 * c.n, BATCH * c.n));
  }
}
