package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.testkit.Vectors;

/**
 * The closed-form 2×2 path allocates nothing per call. (That a batch gives what its samples give
 * one by one, and that threads sharing a solver do not interfere, is the conformance kit's: {@code
 * NewtonContractTests}.)
 */
class AllocationTests {
  private static final int BATCH = 37;

  @Test
  void twoByTwoStepsAllocateNothing() throws Exception {
    // HotSpot's per-thread allocation counter (com.sun.management.ThreadMXBean), reached through
    // reflection so that the module needs no 'requires java.management'. After warm-up, 2000 batch
    // steps of the rotated sine (closed form, n = 2) must allocate less than 1 KiB in total: nothing
    // per sample or per call.
    RotatedSineProblem p = new RotatedSineProblem(8, 30);
    NewtonSolver solver = new NewtonSolver(p, NewtonSolver.DEFAULT_EIGENVALUE_FLOOR, Double.NaN);
    SplittableRandom random = new SplittableRandom(3);
    double[] x = Vectors.uniform(random, BATCH * 2, -1, 1);
    double[] y = new double[BATCH * 2];
    p.forward(x, y, BATCH);
    double[] t = Vectors.plus(y, Vectors.uniform(random, BATCH * 2, -0.3, 0.3));
    double[] dx = new double[BATCH * 2];
    SolverDiagnostics d = new SolverDiagnostics();
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    for (int i = 0; i < 2000; i++) {
      solver.step(x, y, t, dx, BATCH, d);
    }
    long before = (long) allocated.invoke(bean, id);
    for (int i = 0; i < 2000; i++) {
      solver.step(x, y, t, dx, BATCH, d);
    }
    long bytes = (long) allocated.invoke(bean, id) - before;
    assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 2000 steps of " + BATCH + " samples");
  }
}
