package org.scaleinvariant.sip.bench;

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
import org.scaleinvariant.sip.nn.Optimizer;
import org.scaleinvariant.sip.nn.Optimizers;

/** One update of every network optimizer on the paper network's 4 386 parameters and on 600 000. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptimizerBenchmark {
  @Param({"adam", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adamw"})
  public String optimizer;

  @Param({"4386", "600000"})
  public int parameters;

  private Optimizer instance;
  private double[] theta;
  private double[] gradient;

  /** Random parameters and gradients (seeded). */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(2);
    theta = new double[parameters];
    gradient = new double[parameters];
    for (int i = 0; i < parameters; i++) {
      theta[i] = random.nextGaussian();
      gradient[i] = 1e-3 * random.nextGaussian();
    }
    instance = Optimizers.create(optimizer, parameters, 1e-6);
  }

  /**
   * One update.
   *
   * @return a parameter (keeps the work alive)
   */
  @Benchmark
  public double step() {
    instance.step(theta, gradient);
    return theta[0];
  }
}
