package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/** Snapshots of a rollout (control) run and resuming from them, bit for bit, as for single-step problems. */
class RolloutCheckpointTests {
  private final PendulumRollout pendulum = new PendulumRollout(6, 0.2, 1.0, true);

  /** 33 steps, evaluations every 10, snapshots every 7: snapshots fall between evaluations. */
  private static TrainingConfig config(Method method) {
    return TrainingConfig.builder()
        .method(method)
        .optimizer("adam")
        .learningRate(1e-2)
        .steps(33)
        .batch(8)
        .hidden(List.of(8, 8))
        .activation(Activation.TANH)
        .testSetSize(32)
        .evalEvery(10)
        .seed(5)
        .build();
  }

  /** SIP uses the minimum-norm step of {@link RolloutTrainerTests}; DP no solver. */
  private static Function<Problem, InverseSolver> solvers(Method method) {
    return method == Method.SIP ? RolloutTrainerTests.minimumNorm() : null;
  }

  private TrainingResult run(Method method, TrainingState from, Checkpointing checkpointing) {
    return new RolloutTrainer(new SimpleMeterRegistry())
        .train("r", pendulum, solvers(method), config(method), null, from, checkpointing);
  }

  private static void assertSameTraining(TrainingResult expected, TrainingResult actual) {
    TrainerCheckpointTests.assertSameTraining(expected, actual);
    for (int i = 0; i < expected.curve().size(); i++) {
      assertEquals(Double.doubleToLongBits(expected.curve().get(i).testGoalDistance()),
          Double.doubleToLongBits(actual.curve().get(i).testGoalDistance()), "goal distance at point " + i);
    }
    assertEquals(Double.doubleToLongBits(expected.testGoalDistance()), Double.doubleToLongBits(actual.testGoalDistance()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Method.class, names = "SUPERVISED", mode = Mode.EXCLUDE)
  void aRunResumedFromAnySnapshotEndsBitForBitAsTheUninterruptedOne(Method method) {
    TrainingResult plain = run(method, null, Checkpointing.NONE);
    List<TrainingState> snapshots = new ArrayList<>();
    TrainingResult checkpointed = run(method, null, new Checkpointing(7, Double.POSITIVE_INFINITY, snapshots::add));
    assertSameTraining(plain, checkpointed);
    assertEquals(List.of(7, 14, 21, 28, 33), snapshots.stream().map(TrainingState::step).toList());
    assertTrue(snapshots.get(4).finished());
    assertEquals(14, snapshots.get(1).batchesDrawn());
    assertEquals(4, snapshots.get(1).stepsSinceEvaluation(), "step 14 is four past the evaluation at 10");
    for (TrainingState from : snapshots.subList(0, 4)) {
      TrainingResult resumed = run(method, from, Checkpointing.NONE);
      assertSameTraining(plain, resumed);
    }
    TrainingResult finished = run(method, snapshots.get(4), Checkpointing.NONE);
    assertSameTraining(plain, finished);
  }

  /** The pendulum whose physics returns NaN for the training batches drawn at the given (1-based) draws. */
  private static final class PoisonedPendulum extends PendulumRollout {
    private final Set<Integer> poisoned;
    private int draws;
    private boolean poison;

    PoisonedPendulum(Set<Integer> poisoned) {
      super(6, 0.2, 1.0, true);
      this.poisoned = poisoned;
    }

    @Override
    public void sampleTasks(SplittableRandom random, double[] start, double[] targets, int batch) {
      super.sampleTasks(random, start, targets, batch);
      if (batch == 8) { // a training batch (the test set has 32 tasks)
        poison = poisoned.contains(++draws);
      }
    }

    @Override
    public void step(double[] state, double[] control, double[] next, int batch) {
      super.step(state, control, next, batch);
      if (poison && batch == 8) {
        Arrays.fill(next, 0, 2 * batch, Double.NaN);
      }
    }
  }

  @Test
  void skipBatchDropsTheOffendingBatchAndRestoresParametersOptimizerAndCounters() {
    TrainingConfig skipping = config(Method.SIP).toBuilder().steps(3).onDivergence(OnDivergence.SKIP_BATCH).build();
    TrainingResult dropped = new RolloutTrainer(new SimpleMeterRegistry())
        .train("s", new PoisonedPendulum(Set.of(3)), solvers(Method.SIP), skipping, null);
    TrainingResult twoSteps = new RolloutTrainer(new SimpleMeterRegistry())
        .train("t", new PoisonedPendulum(Set.of()), solvers(Method.SIP),
            config(Method.SIP).toBuilder().steps(2).build(), null);
    assertEquals(1, dropped.skippedBatches());
    assertFalse(dropped.diverged(), dropped.divergence());
    assertEquals(3, dropped.steps());
    assertArrayEquals(twoSteps.network().parameters(), dropped.network().parameters(), 0,
        "the third batch changed nothing");
    assertEquals(twoSteps.solverStatistics(), dropped.solverStatistics());

    TrainingResult stopped = new RolloutTrainer(new SimpleMeterRegistry())
        .train("x", new PoisonedPendulum(Set.of(3)), solvers(Method.SIP),
            config(Method.SIP).toBuilder().steps(3).build(), null);
    assertTrue(stopped.diverged());
    assertEquals(0, stopped.skippedBatches());
    assertTrue(stopped.divergence().startsWith("training diverged at step 3 in phase "), stopped.divergence());
  }

  @Test
  void aStateWithAnotherNetworkIsRejected() {
    List<TrainingState> snapshots = new ArrayList<>();
    run(Method.DP, null, new Checkpointing(7, Double.POSITIVE_INFINITY, snapshots::add));
    SipException e = assertThrows(SipException.class, () -> new RolloutTrainer(new SimpleMeterRegistry())
        .train("w", pendulum, null, config(Method.DP).toBuilder().hidden(List.of(8, 9)).build(), null, snapshots.get(0),
            Checkpointing.NONE));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("saved state has "), e.getMessage());
  }
}
