package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * The rollout trainer end to end on a small pendulum task: both methods learn, runs are
 * reproducible, the goal distance is what its Javadoc says, the phases and timers are recorded, and
 * misuse is rejected with its error code.
 */
class RolloutTrainerTests {
  private final PendulumRollout pendulum = new PendulumRollout(8, 0.2, 1.0, false);

  /** Gauss–Newton minimum-norm step for one output (m = 1): Δx = J₁ᵀ(t − y)/‖J₁‖². */
  static Function<Problem, InverseSolver> minimumNorm() {
    return problem ->
        new InverseSolver() {
          private final double[] jacobian = new double[4096];

          @Override
          public String id() {
            return "min-norm";
          }

          @Override
          public Problem problem() {
            return problem;
          }

          @Override
          public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics d) {
            int n = problem.inputSize();
            problem.jacobian(x, jacobian, batch);
            for (int b = 0; b < batch; b++) {
              double norm = 0;
              for (int j = 0; j < n; j++) {
                norm += jacobian[b * n + j] * jacobian[b * n + j];
              }
              double scale = (target[b] - y[b]) / norm;
              for (int j = 0; j < n; j++) {
                dx[b * n + j] = scale * jacobian[b * n + j];
              }
            }
            d.addSamples(batch);
          }
        };
  }

  private static TrainingConfig.Builder small() {
    return TrainingConfig.builder()
        .steps(150)
        .batch(16)
        .hidden(List.of(16, 16))
        .activation(Activation.TANH)
        .testSetSize(128)
        .optimizer("adam")
        .learningRate(1e-2)
        .seed(11);
  }

  @Test
  void sipAndDpBothShrinkTheGoalDistance() {
    RolloutTrainer trainer = new RolloutTrainer(new SimpleMeterRegistry());
    TrainingResult sip = trainer.train("sip", pendulum, minimumNorm(), small().method(Method.SIP).build(), null);
    TrainingResult dp = trainer.train("dp", pendulum, null, small().method(Method.DP).build(), null);
    for (TrainingResult r : List.of(sip, dp)) {
      double before = r.curve().get(0).testGoalDistance();
      assertFalse(r.diverged(), r.method() + ": " + r.divergence());
      assertTrue(r.testGoalDistance() < 0.3 * before, r.method() + ": goal distance " + before + " → " + r.testGoalDistance());
      assertTrue(Double.isNaN(r.testXDistance()), "no x-distance for a control task");
      assertEquals(r.testGoalDistance(), r.curve().get(r.curve().size() - 1).testGoalDistance());
      assertEquals(r.testGoalDistance(), r.metric());
    }
    assertEquals("min-norm", sip.solver());
    assertEquals(150 * 16, sip.solverStatistics().samples());
    assertTrue(sip.phaseMillis().containsKey("inverse.solve"));
    assertFalse(dp.phaseMillis().containsKey("inverse.solve"));
  }

  @Test
  void theGoalDistanceIsTheMeanFinalMissOfTheTrainedNetworkOnTheTestTasks() {
    PendulumRollout withWaypoint = new PendulumRollout(6, 0.2, 1.0, true);
    TrainingConfig config = small().steps(20).method(Method.DP).build();
    TrainingResult result = new RolloutTrainer(new SimpleMeterRegistry()).train("dp", withWaypoint, null, config, null);
    int size = config.testSetSize();
    double[] start = new double[size * 2];
    double[] targets = new double[size * 3];
    withWaypoint.sampleTasks(new SplittableRandom(Trainer.TEST_SET_SEED), start, targets, size);
    double[] input = new double[size * RolloutTrainer.networkInputSize(withWaypoint)];
    double[] u = new double[size];
    double[] next = new double[size * 2];
    for (int t = 0; t < 6; t++) {
      RolloutTrainer.networkInput(start, targets, input, t, 6, 2, 3, size);
      result.network().forward(input, u, size);
      withWaypoint.step(start, u, next, size);
      System.arraycopy(next, 0, start, 0, next.length);
    }
    double sum = 0;
    for (int b = 0; b < size; b++) {
      sum += Math.abs(start[2 * b] - targets[3 * b + 2]); // the final angle against the last target only
    }
    assertEquals(sum / size, result.testGoalDistance(), 1e-12);
  }

  @Test
  void aProblemThatHidesItsTargetsIsTrainedWithoutThemInTheNetworkInput() {
    PendulumRollout hidden =
        new PendulumRollout(8, 0.2, 1.0, false) {
          @Override
          public boolean targetsAreNetworkInput() {
            return false;
          }
        };
    assertEquals(4, RolloutTrainer.networkInputSize(pendulum), "state 2 + target 1 + time 1");
    assertEquals(3, RolloutTrainer.networkInputSize(hidden), "state 2 + time 1");
    TrainingResult result =
        new RolloutTrainer(new SimpleMeterRegistry()).train("h", hidden, null, small().steps(5).method(Method.DP).build(), null);
    assertEquals(3, result.network().inputSize());
    assertFalse(result.diverged());
  }

  @Test
  void sameSeedGivesBitIdenticalRuns() {
    TrainingConfig config = small().steps(30).method(Method.SIP).build();
    TrainingResult a = new RolloutTrainer(new SimpleMeterRegistry()).train("a", pendulum, minimumNorm(), config, null);
    TrainingResult b = new RolloutTrainer(new SimpleMeterRegistry()).train("b", pendulum, minimumNorm(), config, null);
    assertArrayEquals(a.network().parameters(), b.network().parameters());
    assertEquals(a.testGoalDistance(), b.testGoalDistance());
  }

  @Test
  void timersRecordEveryIterationAndPhaseOnce() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new RolloutTrainer(registry).train("t", pendulum, minimumNorm(), small().steps(7).method(Method.SIP).build(), null);
    for (Phase phase : Phase.values()) {
      assertEquals(
          7, registry.get(Phase.TIMER_NAME).tag("phase", phase.tag()).tag("run", "t").timer().count(), phase.tag());
    }
    assertEquals(7, registry.get(Phase.ITERATION_TIMER_NAME).tag("run", "t").timer().count());
  }

  @Test
  void misuseIsRejectedWithItsCode() {
    RolloutTrainer trainer = new RolloutTrainer(new SimpleMeterRegistry());
    assertEquals(
        ErrorCode.UNSUPPORTED,
        assertThrows(SipException.class,
            () -> trainer.train("s", pendulum, null, small().method(Method.SUPERVISED).build(), null)).code());
    assertEquals(
        ErrorCode.UNSUPPORTED,
        assertThrows(SipException.class,
            () -> trainer.train("s", pendulum, null, small().method(Method.DP).standardizeInput(true).build(), null))
            .code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class,
            () -> trainer.train("s", pendulum, null, small().method(Method.SIP).build(), null)).code());
    SipException wrong =
        assertThrows(SipException.class,
            () -> trainer.train("s", pendulum, view -> minimumNorm().apply(pendulum), small().method(Method.SIP).build(),
                null));
    assertEquals(ErrorCode.INVALID_ARGUMENT, wrong.code());
    assertTrue(wrong.getMessage().contains("control-sequence view"), wrong.getMessage());
  }
}
