package org.scaleinvariant.sip.bench;

import java.util.List;
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
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.DenseNetwork;
import org.scaleinvariant.sip.nn.Initialization;

/**
 * The dense network's forward pass, and forward plus backward, for the paper's network
 * (2→32→64→32→2) and a wide one (a heat-problem-like 1024→256→256→1024), ReLU, at several batch
 * sizes. Multiply-adds per forward pass: B·Σ s_{l−1}·s_l.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DenseBenchmark {
  @Param({"paper", "wide"})
  public String shape;

  @Param({"100", "1000"})
  public int batch;

  private DenseNetwork network;
  private double[] input;
  private double[] output;
  private double[] gradient;

  /** Builds the network and random inputs (seeded). */
  @Setup
  public void setUp() {
    network =
        shape.equals("paper")
            ? DenseNetwork.of(2, List.of(32, 64, 32), 2, Activation.RELU)
            : DenseNetwork.of(1024, List.of(256, 256), 1024, Activation.RELU);
    SplittableRandom random = new SplittableRandom(1);
    network.initialize(Initialization.HE, random);
    input = new double[batch * network.inputSize()];
    for (int i = 0; i < input.length; i++) {
      input[i] = 2 * random.nextDouble() - 1;
    }
    output = new double[batch * network.outputSize()];
    gradient = new double[batch * network.outputSize()];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = random.nextGaussian() / batch;
    }
  }

  /**
   * One forward pass.
   *
   * @return an output value (keeps the work alive)
   */
  @Benchmark
  public double forward() {
    network.forward(input, output, batch);
    return output[0];
  }

  /**
   * One forward and one backward pass.
   *
   * @return a gradient value
   */
  @Benchmark
  public double forwardBackward() {
    network.forward(input, output, batch);
    network.backward(gradient, batch);
    return network.gradient()[0];
  }
}
