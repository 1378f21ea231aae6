package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

class DenseNetworkTests {

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @Test
  void forwardMatchesAHandComputedTwoLayerNetwork() {
    // 2 → 2 (ReLU) → 1. Layer 1: W1 = [[1, -1], [2, 0.5]] (row i = input unit), b1 = [0.5, -1].
    // Layer 2: W2 = [[3], [-2]], b2 = [0.25].
    DenseNetwork net = new DenseNetwork(new int[] {2, 2, 1}, Activation.RELU);
    double[] p = net.parameters();
    System.arraycopy(new double[] {1, -1, 2, 0.5, 0.5, -1, 3, -2, 0.25}, 0, p, 0, 9);
    // input (1, 2): z1 = (1*1 + 2*2 + 0.5, 1*(-1) + 2*0.5 - 1) = (5.5, -1) → a1 = (5.5, 0)
    // out = 5.5*3 + 0*(-2) + 0.25 = 16.75
    // input (-1, 1): z1 = (-1 + 2 + 0.5, 1 + 0.5 - 1) = (1.5, 0.5) → out = 4.5 - 1 + 0.25 = 3.75
    double[] out = new double[2];
    net.forward(new double[] {1, 2, -1, 1}, out, 2);
    assertArrayEquals(new double[] {16.75, 3.75}, out, 1e-15);
    assertEquals(9, net.parameterCount());
    assertEquals(8, net.biasOffset(2), "layer 2 biases follow W1 (4), b1 (2), W2 (2)");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void gradientMatchesCentralFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Activation activation = seed % 2 == 0 ? Activation.TANH : Activation.SIGMOID;
    DenseNetwork net = DenseNetwork.of(3, List.of(5, 4), 2, activation);
    net.initialize(Initialization.XAVIER, random);
    if (seed % 3 == 0) {
      net.setInputStandardization(new double[] {0.1, -0.2, 0.3}, new double[] {2, 0.5, 1});
    }
    int batch = 4;
    double[] input = new double[batch * 3];
    double[] target = new double[batch * 2];
    for (int i = 0; i < input.length; i++) {
      input[i] = 2 * random.nextDouble() - 1;
    }
    for (int i = 0; i < target.length; i++) {
      target[i] = 2 * random.nextDouble() - 1;
    }
    // L = ½ Σ (f − target)², ∂L/∂f = f − target
    double[] out = new double[batch * 2];
    net.forward(input, out, batch);
    double[] gradOut = new double[batch * 2];
    for (int i = 0; i < gradOut.length; i++) {
      gradOut[i] = out[i] - target[i];
    }
    net.backward(gradOut, batch);
    double[] analytic = net.gradient().clone();
    double h = 1e-6;
    double[] p = net.parameters();
    for (int k = 0; k < p.length; k++) {
      double saved = p[k];
      p[k] = saved + h;
      double plus = loss(net, input, target, batch);
      p[k] = saved - h;
      double minus = loss(net, input, target, batch);
      p[k] = saved;
      double numeric = (plus - minus) / (2 * h);
      assertEquals(numeric, analytic[k], 1e-7 + 1e-6 * Math.abs(numeric), "parameter " + k);
    }
  }

  @Test
  void reluGradientMatchesFiniteDifferencesAwayFromKinks() {
    SplittableRandom random = new SplittableRandom(11);
    DenseNetwork net = DenseNetwork.of(2, List.of(32, 64, 32), 2, Activation.RELU);
    net.initialize(Initialization.HE, random);
    int batch = 8;
    double[] input = new double[batch * 2];
    double[] target = new double[batch * 2];
    for (int i = 0; i < input.length; i++) {
      input[i] = 2 * random.nextDouble() - 1;
      target[i] = 2 * random.nextDouble() - 1;
    }
    double[] out = new double[batch * 2];
    net.forward(input, out, batch);
    double[] gradOut = new double[batch * 2];
    for (int i = 0; i < gradOut.length; i++) {
      gradOut[i] = out[i] - target[i];
    }
    net.backward(gradOut, batch);
    double[] analytic = net.gradient().clone();
    double h = 1e-7;
    double[] p = net.parameters();
    int checked = 0;
    for (int k = 0; k < p.length; k += 7) {
      double saved = p[k];
      p[k] = saved + h;
      double plus = loss(net, input, target, batch);
      p[k] = saved - h;
      double minus = loss(net, input, target, batch);
      p[k] = saved;
      double numeric = (plus - minus) / (2 * h);
      assertEquals(numeric, analytic[k], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + k);
      checked++;
    }
    assertTrue(checked > 600);
  }

  private static double loss(DenseNetwork net, double[] input, double[] target, int batch) {
    double[] out = new double[target.length];
    net.forward(input, out, batch);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += 0.5 * (out[i] - target[i]) * (out[i] - target[i]);
    }
    return sum;
  }

  @Test
  void standardizationMapsTheInputBeforeTheFirstLayer() {
    // identity-like 1 → 1 network without hidden layer: f(y) = w·(y − mean)/std + b
    DenseNetwork net = new DenseNetwork(new int[] {1, 1}, Activation.RELU);
    net.parameters()[0] = 2;
    net.parameters()[1] = 1;
    net.setInputStandardization(new double[] {3}, new double[] {4});
    double[] out = new double[1];
    net.forward(new double[] {11}, out, 1);
    assertEquals(2 * (11 - 3) / 4.0 + 1, out[0], 1e-15);
    assertArrayEquals(new double[] {4}, net.inputStd(), 1e-15);
  }

  @Test
  void heInitialisationStaysWithinItsBoundAndIsSeeded() {
    DenseNetwork a = DenseNetwork.of(2, List.of(32, 64, 32), 2, Activation.RELU);
    DenseNetwork b = DenseNetwork.of(2, List.of(32, 64, 32), 2, Activation.RELU);
    a.initialize(Initialization.HE, new SplittableRandom(5));
    b.initialize(Initialization.HE, new SplittableRandom(5));
    assertArrayEquals(a.parameters(), b.parameters(), 0);
    // layer 2 (32 → 64): bound √(6/32) = 0.4330
    double bound = Math.sqrt(6.0 / 32);
    double max = 0;
    for (int k = a.weightOffset(2); k < a.biasOffset(2); k++) {
      max = Math.max(max, Math.abs(a.parameters()[k]));
    }
    assertTrue(max <= bound && max > 0.9 * bound, "max |w| = " + max + ", bound " + bound);
    assertEquals(0.0, a.parameters()[a.biasOffset(2)], "He biases start at zero");
    assertEquals(2 * 32 + 32 + 32 * 64 + 64 + 64 * 32 + 32 + 32 * 2 + 2, a.parameterCount());
  }

  @Test
  void defaultInitialisationIsPyTorchsLinearDefault() {
    // torch.nn.Linear: W, b ~ U(−1/√fan_in, 1/√fan_in); the published code's framework default
    assertEquals(Initialization.PYTORCH, Initialization.defaultFor(Activation.RELU));
    assertEquals(Initialization.PYTORCH, Initialization.defaultFor(Activation.TANH));
    assertEquals(0.125, Initialization.PYTORCH.weightBound(64, 32), 1e-15);
    assertEquals(0.125, Initialization.PYTORCH.biasBound(64), 1e-15);
    DenseNetwork net = DenseNetwork.of(2, List.of(64), 2, Activation.RELU);
    net.initialize(Initialization.PYTORCH, new SplittableRandom(3));
    double maxBias = 0;
    for (int k = net.biasOffset(2); k < net.biasOffset(2) + 2; k++) {
      maxBias = Math.max(maxBias, Math.abs(net.parameters()[k]));
    }
    assertTrue(maxBias > 0 && maxBias <= 0.125, "biases are drawn too: " + maxBias);
  }

  @Test
  void badShapesAreRejected() {
    DenseNetwork net = DenseNetwork.of(2, List.of(3), 2, Activation.RELU);
    SipException e = assertThrows(SipException.class, () -> net.forward(new double[3], new double[4], 2));
    assertEquals(ErrorCode.SHAPE_MISMATCH, e.code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new DenseNetwork(new int[] {2, 0, 2}, Activation.RELU)).code());
  }

  @Test
  void theStandardDeviationsAreKeptAsGivenSoASavedNetworkReloadsBitForBit() {
    // 51/7 = 7.285714285714286, but 1/(1/(51/7)) = 7.285714285714285: a network that kept only 1/std
    // would hand out a different std, and a reloaded copy would standardise differently.
    double std = 51 / 7.0;
    DenseNetwork original = DenseNetwork.of(2, List.of(3), 1, Activation.TANH);
    original.initialize(Initialization.XAVIER, new SplittableRandom(1));
    original.setInputStandardization(new double[] {0.1, -0.2}, new double[] {std, 1.5});
    assertEquals(std, original.inputStd()[0], 0);

    DenseNetwork copy = new DenseNetwork(original.sizes(), original.activation());
    copy.setParameters(original.parameters());
    copy.setInputStandardization(original.inputMean(), original.inputStd());
    double[] input = {0.3, -0.5, 9, 4};
    double[] a = new double[2];
    double[] b = new double[2];
    original.forward(input, a, 2);
    copy.forward(input, b, 2);
    assertArrayEquals(a, b, 0);
  }

  @Test
  void setParametersChecksLengthAndFinitenessAndChangesNothingOnFailure() {
    DenseNetwork network = DenseNetwork.of(2, List.of(3), 1, Activation.RELU);
    double[] before = network.parameters().clone();
    SipException length = assertThrows(SipException.class, () -> network.setParameters(new double[4]));
    assertEquals(ErrorCode.SHAPE_MISMATCH, length.code());
    assertEquals("parameters have length 4; expected 13 for network sizes [2, 3, 1]", length.getMessage());
    double[] nan = new double[13];
    nan[12] = Double.NaN;
    assertEquals(ErrorCode.NON_FINITE, assertThrows(SipException.class, () -> network.setParameters(nan)).code());
    assertArrayEquals(before, network.parameters(), 0);
  }
}
