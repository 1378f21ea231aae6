package org.scaleinvariant.sip.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * The inverse-solver step of a batch of 100, as the trainer calls it: saddle-free Newton on the
 * rotated sine (the closed-form 2×2 eigen-decomposition) and on linear maps with n = 8 and 32
 * (Hipparchus' symmetric eigen-decomposition per sample), the analytic heat inverse (32×32 and
 * 64×64, FFT), and the heat problem's forward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SolverBenchmark {
  /** Problem and solver: "newton-2x2", "newton-8", "newton-32", "heat-32", "heat-64". */
  @Param({"newton-2x2", "newton-8", "newton-32", "heat-32", "heat-64"})
  public String setting;

  private static final int BATCH = 100;
  private Problem problem;
  private InverseSolver solver;
  private double[] x;
  private double[] y;
  private double[] target;
  private double[] dx;
  private final SolverDiagnostics diagnostics = new SolverDiagnostics();

  /** Builds the problem and solver through ServiceLoader, as the app does, and a random batch. */
  @Setup
  public void setUp() {
    String solverId;
    if (setting.equals("newton-2x2")) {
      problem = Registries.discoverProblems().get("rotated-sine").create(Options.empty());
      solverId = "newton";
    } else if (setting.startsWith("newton-")) {
      String n = setting.substring("newton-".length());
      problem = Registries.discoverProblems().get("linear").create(Options.of(Map.of("n", n, "m", n)));
      solverId = "newton";
    } else {
      String size = setting.substring("heat-".length());
      problem = Registries.discoverProblems().get("heat").create(Options.of(Map.of("size", size)));
      solverId = "analytic-heat";
    }
    solver = Registries.discoverSolvers().get(solverId).create(problem, Options.empty());
    SplittableRandom random = new SplittableRandom(3);
    int n = problem.inputSize();
    int m = problem.outputSize();
    x = new double[BATCH * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() - 0.5;
    }
    y = new double[BATCH * m];
    problem.forward(x, y, BATCH);
    target = new double[BATCH * m];
    problem.sampleTargets(random, target, BATCH);
    dx = new double[BATCH * n];
  }

  /**
   * The solver step of the batch.
   *
   * @return a component of Δx
   */
  @Benchmark
  public double inverseStep() {
    solver.step(x, y, target, dx, BATCH, diagnostics);
    return dx[0];
  }

  /**
   * The physics forward pass of the batch.
   *
   * @return an output value
   */
  @Benchmark
  public double physicsForward() {
    problem.forward(x, y, BATCH);
    return y[0];
  }
}
