package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/** A batch gives what its samples give one by one, and threads sharing a solver do not interfere. */
class BatchAndThreadTests {
  private static final int BATCH = 37;

  /** A solver and a batch (x, y, t) for the mixed problem (n = 3) or the rotated sine (n = 2). */
  private static final class Case {
    final NewtonSolver solver;
    final int n;
    final int m;
    final double[] x;
    final double[] y;
    final double[] t;

    Case(TestProblem p, int seed) {
      this.solver = new NewtonSolver(p, NewtonSolver.DEFAULT_EIGENVALUE_FLOOR, Double.NaN);
      this.n = p.inputSize();
      this.m = p.outputSize();
      SplittableRandom random = new SplittableRandom(seed);
      this.x = Numerics.uniform(random, BATCH * n, -1, 1);
      this.y = new double[BATCH * m];
      p.forward(x, y, BATCH);
      this.t = Numerics.plus(y, Numerics.uniform(random, BATCH * m, -0.3, 0.3));
    }

    double[] solveBatch(SolverDiagnostics d) {
      double[] dx = new double[BATCH * n];
      solver.step(x, y, t, dx, BATCH, d);
      return dx;
    }
  }

  static Stream<TestProblem> problems() {
    return Stream.of(new MixedProblem(), new RotatedSineProblem(32, 15));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void batchEqualsSampleBySample(TestProblem p) {
    Case c = new Case(p, 7);
    SolverDiagnostics batchCounts = new SolverDiagnostics();
    double[] batch = c.solveBatch(batchCounts);
    SolverDiagnostics singleCounts = new SolverDiagnostics();
    double[] single = new double[BATCH * c.n];
    for (int b = 0; b < BATCH; b++) {
      double[] dx = new double[c.n];
      c.solver.step(
          Arrays.copyOfRange(c.x, b * c.n, (b + 1) * c.n),
          Arrays.copyOfRange(c.y, b * c.m, (b + 1) * c.m),
          Arrays.copyOfRange(c.t, b * c.m, (b + 1) * c.m),
          dx,
          1,
          singleCounts);
      System.arraycopy(dx, 0, single, b * c.n, c.n);
    }
    assertArrayEquals(single, batch, 0.0, "bit-identical");
    assertEquals(singleCounts.toString(), batchCounts.toString());
    assertEquals(BATCH, batchCounts.samples());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void threadsSharingASolverGetTheSingleThreadedResults(TestProblem p) throws Exception {
    // Two threads, each with its own batch, call step on the same solver 300 times, started together.
    Case first = new Case(p, 1);
    Case second = new Case(p, 2);
    NewtonSolver shared = first.solver;
    double[] expectedFirst = first.solveBatch(new SolverDiagnostics());
    double[] expectedSecond = second.solveBatch(new SolverDiagnostics());
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Case c : new Case[] {first, second}) {
        double[] expected = c == first ? expectedFirst : expectedSecond;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  boolean same = true;
                  double[] dx = new double[BATCH * c.n];
                  for (int i = 0; i < 300; i++) {
                    shared.step(c.x, c.y, c.t, dx, BATCH, new SolverDiagnostics());
                    same &= Arrays.equals(expected, dx);
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

  @Test
  void twoByTwoStepsAllocateNothing() throws Exception {
    // HotSpot's per-thread allocation counter (com.sun.management.ThreadMXBean), reached through
    // reflection so that the module needs no 'requires java.management'. After warm-up, 2000 batch
    // steps of the rotated sine (closed form, n = 2) must allocate less than 1 KiB in total: nothing
    // per sample or per call.
    Case c = new Case(new RotatedSineProblem(8, 30), 3);
    double[] dx = new double[BATCH * c.n];
    SolverDiagnostics d = new SolverDiagnostics();
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    for (int i = 0; i < 2000; i++) {
      c.solver.step(c.x, c.y, c.t, dx, BATCH, d);
    }
    long before = (long) allocated.invoke(bean, id);
    for (int i = 0; i < 2000; i++) {
      c.solver.step(c.x, c.y, c.t, dx, BATCH, d);
    }
    long bytes = (long) allocated.invoke(bean, id) - before;
    assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 2000 steps of " + BATCH + " samples");
  }
}
