package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.L2Loss;

/**
 * Backpropagation through a 3-step closed-loop rollout ({@link ClosedLoopRollout}) against central
 * differences on every network parameter, for the DP loss (the y-loss at a waypoint and the end,
 * through physics and network) and for the SIP proxy loss (Σ_t ½‖u_t − ũ_t‖² with ũ fixed, through
 * the network at every step and the state chain). Seeded cases, smooth activations (tanh).
 */
class RolloutBackpropTests {
  private static final int STEPS = 3;
  private static final int BATCH = 4;
  private static final double H = 1e-6;

  static IntStream seeds() {
    return IntStream.range(0, 4);
  }

  private static DenseNetwork network(PendulumRollout problem, int seed) {
    DenseNetwork network =
        DenseNetwork.of(RolloutTrainer.networkInputSize(problem), List.of(5, 4), 1, Activation.TANH);
    network.initialize(Initialization.defaultFor(Activation.TANH), new SplittableRandom(seed));
    // larger weights than the default so that the network's dependence on the state matters
    double[] theta = network.parameters();
    for (int i = 0; i < theta.length; i++) {
      theta[i] *= 3;
    }
    return network;
  }

  private static ClosedLoopRollout rollout(PendulumRollout problem, DenseNetwork network, int seed) {
    ClosedLoopRollout rollout = new ClosedLoopRollout(problem, network, BATCH, Clock.SYSTEM, (phase, nanos) -> {});
    problem.sampleTasks(new SplittableRandom(100 + seed), rollout.start(), rollout.targets(), BATCH);
    return rollout;
  }

  /** DP loss (1/B) Σ_b ½‖y_b − y*_b‖² of the current parameters. */
  private static double dpLoss(ClosedLoopRollout rollout, int m) {
    assertNull(rollout.forward());
    return L2Loss.INSTANCE.value(rollout.observations(), rollout.targets(), BATCH, m);
  }

  /** Proxy loss (1/B) Σ_b Σ_t ½‖u_{b,t} − ũ_{b,t}‖² of the current parameters. */
  private static double proxyLoss(ClosedLoopRollout rollout, double[] tilde) {
    assertNull(rollout.forward());
    rollout.gatherSequence();
    double[] u = rollout.sequence();
    double sum = 0;
    for (int i = 0; i < tilde.length; i++) {
      sum += 0.5 * (u[i] - tilde[i]) * (u[i] - tilde[i]);
    }
    return sum / BATCH;
  }

  private interface Loss {
    double value();
  }

  private static void assertGradientMatchesCentralDifferences(DenseNetwork network, Loss loss, String what) {
    double[] analytic = network.gradient().clone();
    double[] theta = network.parameters();
    double largest = 0;
    for (int i = 0; i < theta.length; i++) {
      double saved = theta[i];
      theta[i] = saved + H;
      double plus = loss.value();
      theta[i] = saved - H;
      double minus = loss.value();
      theta[i] = saved;
      double numeric = (plus - minus) / (2 * H);
      largest = Math.max(largest, Math.abs(numeric));
      assertEquals(
          numeric, analytic[i], 1e-7 * (1 + Math.abs(numeric)), what + ": ∂L/∂θ[" + i + "] of " + theta.length);
    }
    assertTrue(largest > 1e-3, what + ": the gradient is not trivially zero (largest " + largest + ")");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void dpBackpropagationThroughAThreeStepRolloutMatchesCentralDifferences(int seed) {
    PendulumRollout problem = new PendulumRollout(STEPS, 0.3, 2.0, true);
    DenseNetwork network = network(problem, seed);
    ClosedLoopRollout rollout = rollout(problem, network, seed);
    int m = problem.outputSize();
    dpLoss(rollout, m);
    double[] gradY = new double[BATCH * m];
    L2Loss.INSTANCE.gradient(rollout.observations(), rollout.targets(), gradY, BATCH, m);
    for (int i = 0; i < gradY.length; i++) {
      gradY[i] /= BATCH;
    }
    rollout.backward(gradY, null);
    assertGradientMatchesCentralDifferences(network, () -> dpLoss(rollout, m), "DP, seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sipProxyBackpropagationThroughAThreeStepRolloutMatchesCentralDifferences(int seed) {
    PendulumRollout problem = new PendulumRollout(STEPS, 0.3, 2.0, true);
    DenseNetwork network = network(problem, seed);
    ClosedLoopRollout rollout = rollout(problem, network, seed);
    assertNull(rollout.forward());
    rollout.gatherSequence();
    double[] tilde = rollout.sequence().clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < tilde.length; i++) {
      tilde[i] += random.nextDouble() - 0.5; // ũ = u + Δu, held constant
    }
    double[] gradSequence = new double[tilde.length];
    ProxyLoss.L2.gradient(rollout.sequence(), tilde, gradSequence, tilde.length, BATCH);
    rollout.backward(null, gradSequence);
    assertGradientMatchesCentralDifferences(network, () -> proxyLoss(rollout, tilde), "SIP proxy, seed " + seed);
  }
}
