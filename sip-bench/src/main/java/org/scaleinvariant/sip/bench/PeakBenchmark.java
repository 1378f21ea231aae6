package org.scaleinvariant.sip.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measured peak of one core for the JIT's fused multiply-add: 256 independent accumulators in
 * an L1-resident array, {@code a[i] = fma(a[i], c, d)}, a loop the JIT vectorises. Each operation
 * is one FMA = 2 floating-point operations; the result in operations per microsecond, times 2, is
 * MFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeakBenchmark {
  private static final int LENGTH = 256;
  private static final int REPEATS = 64;
  private final double[] accumulators = new double[LENGTH];

  /** Fills the accumulators. */
  @Setup
  public void setUp() {
    Arrays.fill(accumulators, 1);
  }

  /**
   * {@value #REPEATS} sweeps of fused multiply-adds over the accumulators.
   *
   * @return an accumulator
   */
  @Benchmark
  @OperationsPerInvocation(LENGTH * REPEATS)
  public double fma() {
    double[] a = accumulators;
    double c = 0.999999;
    double d = 1e-7;
    for (int r = 0; r < REPEATS; r++) {
      for (int i = 0; i < LENGTH; i++) {
        a[i] = Math.fma(a[i], c, d);
      }
    }
    return a[0];
  }
}
