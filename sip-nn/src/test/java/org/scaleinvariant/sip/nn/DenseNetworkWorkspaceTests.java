package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The additions for networks that act several times before one backward pass: the input gradient
 * of {@link DenseNetwork#backwardAccumulate} against central differences (with and without input
 * standardisation), and workspaces that share θ and accumulate into one gradient.
 */
class DenseNetworkWorkspaceTests {
  private static final double H = 1e-6;

  private static DenseNetwork network(int seed) {
    DenseNetwork network = DenseNetwork.of(3, List.of(6, 5), 2, Activation.TANH);
    network.initialize(Initialization.defaultFor(Activation.TANH), new SplittableRandom(seed));
    return network;
  }

  private static double[] uniform(SplittableRandom random, int size) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = 2 * random.nextDouble() - 1;
    }
    return values;
  }

  /** L = Σ_b Σ_o c[b, o]·f(input_b)[o]. */
  private static double loss(DenseNetwork network, double[] input, double[] c, int batch) {
    double[] out = new double[batch * 2];
    network.forward(input, out, batch);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += c[i] * out[i];
    }
    return sum;
  }

  @Test
  void inputGradientMatchesCentralDifferencesWithAndWithoutStandardisation() {
    for (boolean standardized : new boolean[] {false, true}) {
      DenseNetwork network = network(1);
      if (standardized) {
        network.setInputStandardization(new double[] {0.5, -1, 2}, new double[] {2, 0.25, 3});
      }
      SplittableRandom random = new SplittableRandom(2);
      int batch = 3;
      double[] input = uniform(random, batch * 3);
      double[] c = uniform(random, batch * 2);
      network.forward(input, new double[batch * 2], batch);
      double[] inputGradient = new double[batch * 3];
      network.backwardAccumulate(c, inputGradient, batch);
      for (int i = 0; i < input.length; i++) {
        double saved = input[i];
        input[i] = saved + H;
        double plus = loss(network, input, c, batch);
        input[i] = saved - H;
        double minus = loss(network, input, c, batch);
        input[i] = saved;
        double numeric = (plus - minus) / (2 * H);
        assertEquals(numeric, inputGradient[i], 1e-8 * (1 + Math.abs(numeric)),
            "∂L/∂input[" + i + "], standardised " + standardized);
      }
    }
  }

  @Test
  void workspacesShareParametersAndAccumulateOneGradient() {
    DenseNetwork network = network(4);
    DenseNetwork first = network.workspace();
    DenseNetwork second = network.workspace();
    assertSame(network.parameters(), first.parameters());
    assertSame(network.gradient(), second.gradient());
    SplittableRandom random = new SplittableRandom(5);
    double[] inputA = uniform(random, 2 * 3);
    double[] inputB = uniform(random, 2 * 3);
    double[] cA = uniform(random, 2 * 2);
    double[] cB = uniform(random, 2 * 2);
    double[] out = new double[4];

    // separately, with the ordinary backward (which overwrites)
    network.forward(inputA, out, 2);
    network.backward(cA, 2);
    double[] gradientA = network.gradient().clone();
    network.forward(inputB, out, 2);
    network.backward(cB, 2);
    double[] expected = network.gradient().clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] += gradientA[i];
    }

    // both forwards first, each in its workspace, then both backwards into the shared gradient
    java.util.Arrays.fill(network.gradient(), 0.0);
    first.forward(inputA, out, 2);
    second.forward(inputB, out, 2);
    second.backwardAccumulate(cB, null, 2);
    first.backwardAccumulate(cA, null, 2);
    assertArrayEquals(expected, network.gradient(), 1e-14);
  }
}
