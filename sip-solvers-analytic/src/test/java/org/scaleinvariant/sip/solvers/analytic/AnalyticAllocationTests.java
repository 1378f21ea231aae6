package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * Contract tests shared by the three solvers, each on its problem's default configuration with
 * {@value #BATCH} seeded samples (x uniform in [−2, 2), targets drawn by the problem): a batch
 * equals its samples one at a time, threads sharing a solver see the same steps, steps allocate
 * nothing, NaN samples fail alone, and short arrays are rejected.
 */
class AnalyticBatchAndThreadTests {
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
      x = Close.uniform(random, BATCH * n, 2);
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
  void aBatchEqualsItsSamplesOneAtATime(Case c) {
    double[] batch = c.step(new SolverDiagnostics());
    for (int b = 0; b < BATCH; b++) {
      double[] dx = new double[c.n];
      c.solver.step(
          Arrays.copyOfRange(c.x, b * c.n, (b + 1) * c.n),
          Arrays.copyOfRange(c.y, b * c.m, (b + 1) * c.m),
          Arrays.copyOfRange(c.t, b * c.m, (b + 1) * c.m),
          dx,
          1,
          new SolverDiagnostics());
      assertArrayEquals(Arrays.copyOfRange(batch, b * c.n, (b + 1) * c.n), dx, "sample " + b);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void threadsSharingASolverSeeTheSameSteps(Case c) throws Exception {
    double[] expected = c.step(new SolverDiagnostics());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        results.add(
            pool.submit(
                () -> {
                  boolean same = true;
                  for (int i = 0; i < 300; i++) {
                    same &= Arrays.equals(expected, c.step(new SolverDiagnostics()));
                  }
                  return same;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "a thread saw a different step");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * HotSpot's per-thread allocation counter (com.sun.management.ThreadMXBean, through reflection so
   * the module needs no {@code requires java.management}): after warm-up, 2000 steps of a batch
   * (and as many problem forward passes and target draws) allocate less than 1 KiB in total.
   */
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shortArraysAreRejected(Case c) {
    double[] dx = new double[BATCH * c.n];
    SolverDiagnostics d = new SolverDiagnostics();
    double[] short1 = new double[BATCH * c.n - 1];
    double[] shortM = new double[BATCH * c.m - 1];
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> c.solver.step(short1, c.y, c.t, dx, BATCH, d));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> c.solver.step(c.x, shortM, c.t, dx, BATCH, d));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> c.solver.step(c.x, c.y, shortM, dx, BATCH, d));
    assertCode(ErrorCode.SHAPE_MISMATCH, () -> c.solver.step(c.x, c.y, c.t, short1, BATCH, d));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> c.solver.step(c.x, c.y, c.t, dx, 0, d));
  }

  private static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(SipException.class, call).code());
  }
}
