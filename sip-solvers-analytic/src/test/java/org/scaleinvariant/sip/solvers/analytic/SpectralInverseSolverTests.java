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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.HeatEquation;
import org.scaleinvariant.sip.problems.PoissonEquation;

/**
 * What both analytic solvers promise as {@link InverseSolver}s: batch equals per-sample, linear and
 * scale-invariant steps, thread safety, no allocation per call, shape checks.
 */
class SpectralInverseSolverTests {

  static Stream<Arguments> solvers() {
    HeatEquation heat2 = new HeatEquation(2, 32, HeatEquation.DEFAULT_AMOUNT);
    HeatEquation heat1 = new HeatEquation(1, 64, HeatEquation.DEFAULT_AMOUNT);
    PoissonEquation poisson = new PoissonEquation(32);
    return Stream.of(
        Arguments.of(new HeatInverseSolverProvider().create(heat2, Options.empty())),
        Arguments.of(new HeatInverseSolverProvider().create(heat1, Options.empty())),
        Arguments.of(new PoissonInverseSolverProvider().create(poisson, Options.empty())));
  }

  /** x, y = P(x) and t = y + noise for a batch of B samples. */
  private static double[][] inputs(Problem problem, int batch, long seed) {
    int n = problem.inputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = Fields.whiteNoise(random, batch * n, 1);
    double[] y = new double[batch * n];
    problem.forward(x, y, batch);
    double[] t = y.clone();
    double[] noise = Fields.whiteNoise(random, batch * n, 1e-3);
    for (int i = 0; i < t.length; i++) {
      t[i] += noise[i];
    }
    return new double[][] {x, y, t};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void aBatchEqualsItsSamplesOneByOne(InverseSolver solver) {
    int n = solver.problem().inputSize();
    double[][] in = inputs(solver.problem(), 5, 1);
    double[] batch = new double[5 * n];
    solver.step(in[0], in[1], in[2], batch, 5, new SolverDiagnostics());
    for (int b = 0; b < 5; b++) {
      double[] single = new double[n];
      solver.step(
          Arrays.copyOfRange(in[0], b * n, (b + 1) * n),
          Arrays.copyOfRange(in[1], b * n, (b + 1) * n),
          Arrays.copyOfRange(in[2], b * n, (b + 1) * n),
          single,
          1,
          new SolverDiagnostics());
      assertArrayEquals(single, Arrays.copyOfRange(batch, b * n, (b + 1) * n), "sample " + b);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void stepsAreLinearInTheTargetChangeAndScaleInvariant(InverseSolver solver) {
    // Δx depends on t − y only and linearly: rescaling y and t by c = 2^k rescales Δx by c exactly
    // (powers of two commute with the FFT's rounding); x is not read.
    assertTrue(solver.isScaleInvariant());
    int n = solver.problem().inputSize();
    double[][] in = inputs(solver.problem(), 2, 2);
    double[] dx = new double[2 * n];
    solver.step(in[0], in[1], in[2], dx, 2, new SolverDiagnostics());
    double c = 0.125;
    double[] y = in[1].clone();
    double[] t = in[2].clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= c;
      t[i] *= c;
    }
    double[] scaled = new double[2 * n];
    solver.step(new double[2 * n], y, t, scaled, 2, new SolverDiagnostics());
    for (int i = 0; i < dx.length; i++) {
      assertEquals(c * dx[i], scaled[i], "index " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void twoThreadsSharingOneSolverGetTheSameSteps(InverseSolver solver) throws Exception {
    int n = solver.problem().inputSize();
    double[][] in = inputs(solver.problem(), 4, 3);
    double[] expected = new double[4 * n];
    solver.step(in[0], in[1], in[2], expected, 4, new SolverDiagnostics());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        results.add(
            pool.submit(
                () -> {
                  double[] dx = new double[4 * n];
                  boolean same = true;
                  for (int i = 0; i < 50; i++) {
                    solver.step(in[0], in[1], in[2], dx, 4, new SolverDiagnostics());
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void stepsAllocateNothingAfterWarmUp(InverseSolver solver) throws Exception {
    // HotSpot's per-thread allocation counter through reflection (no 'requires java.management').
    int n = solver.problem().inputSize();
    double[][] in = inputs(solver.problem(), 8, 4);
    double[] dx = new double[8 * n];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    for (int i = 0; i < 50; i++) {
      solver.step(in[0], in[1], in[2], dx, 8, diagnostics);
    }
    Object bean =
        Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated =
        Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    long before = (long) allocated.invoke(bean, id);
    for (int i = 0; i < 50; i++) {
      solver.step(in[0], in[1], in[2], dx, 8, diagnostics);
    }
    long bytes = (long) allocated.invoke(bean, id) - before;
    assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 50 steps of 8 samples");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void shortArraysAreRejectedAsShapeMismatch(InverseSolver solver) {
    int n = solver.problem().inputSize();
    double[] ok = new double[2 * n];
    double[] shortOne = new double[2 * n - 1];
    SolverDiagnostics d = new SolverDiagnostics();
    for (int which = 0; which < 4; which++) {
      double[][] arrays = {ok, ok, ok, new double[2 * n]};
      arrays[which] = shortOne;
      SipException e =
          assertThrows(SipException.class, () -> solver.step(arrays[0], arrays[1], arrays[2], arrays[3], 2, d));
      assertEquals(ErrorCode.SHAPE_MISMATCH, e.code(), e.getMessage());
    }
    SipException e = assertThrows(SipException.class, () -> solver.step(ok, ok, ok, new double[2 * n], 0, d));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
  }
}
