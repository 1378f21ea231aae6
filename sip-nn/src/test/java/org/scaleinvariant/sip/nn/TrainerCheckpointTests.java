package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.SipException;

/** Snapshots of a run's state and resuming from them, bit for bit. */
class TrainerCheckpointTests {
  private final LinearTestProblem problem = new LinearTestProblem(10, 0, 0, 0.1);

  /** 47 steps with evaluations every 10 and snapshots every 7: snapshots fall between evaluations. */
  private static TrainingConfig config(Method method) {
    return TrainingConfig.builder()
        .method(method)
        .optimizer("adam")
        .learningRate(1e-2)
        .steps(47)
        .batch(16)
        .hidden(List.of(8, 8))
        .testSetSize(64)
        .evalEvery(10)
        .standardizeInput(true)
        .seed(11)
        .build();
  }

  private InverseSolver solver(Method method) {
    return method == Method.SIP ? problem.exactInverse() : null;
  }

  private TrainingResult run(Method method, TrainingState from, Checkpointing checkpointing) {
    return new Trainer(new SimpleMeterRegistry())
        .train("r", problem, solver(method), config(method), null, from, checkpointing);
  }

  static void assertSameTraining(TrainingResult expected, TrainingResult actual) {
    assertArrayEquals(expected.network().parameters(), actual.network().parameters(), 0, "parameters bit for bit");
    assertEquals(expected.steps(), actual.steps());
    assertEquals(expected.curve().size(), actual.curve().size());
    for (int i = 0; i < expected.curve().size(); i++) {
      CurvePoint e = expected.curve().get(i);
      CurvePoint a = actual.curve().get(i);
      assertEquals(e.step(), a.step());
      assertEquals(Double.doubleToLongBits(e.trainLoss()), Double.doubleToLongBits(a.trainLoss()), "trainLoss at " + e.step());
      assertEquals(Double.doubleToLongBits(e.testXDistance()), Double.doubleToLongBits(a.testXDistance()));
      assertEquals(Double.doubleToLongBits(e.testYLoss()), Double.doubleToLongBits(a.testYLoss()));
    }
    assertEquals(expected.solverStatistics(), actual.solverStatistics());
    assertEquals(expected.skippedBatches(), actual.skippedBatches());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Method.class)
  void aRunResumedFromAnySnapshotEndsBitForBitAsTheUninterruptedOne(Method method) {
    TrainingResult plain = run(method, null, Checkpointing.NONE);
    List<TrainingState> snapshots = new ArrayList<>();
    TrainingResult checkpointed = run(method, null, new Checkpointing(7, Double.POSITIVE_INFINITY, snapshots::add));
    assertSameTraining(plain, checkpointed);

    assertEquals(List.of(7, 14, 21, 28, 35, 42, 47), snapshots.stream().map(TrainingState::step).toList());
    assertTrue(snapshots.get(snapshots.size() - 1).finished(), "the last snapshot is the final state");
    assertFalse(snapshots.get(0).finished());
    assertEquals(21, snapshots.get(2).batchesDrawn());
    assertEquals(1, snapshots.get(2).stepsSinceEvaluation(), "step 21 is one past the evaluation at 20");

    for (TrainingState from : snapshots.subList(0, snapshots.size() - 1)) {
      List<TrainingState> later = new ArrayList<>();
      TrainingResult resumed = run(method, from, new Checkpointing(7, Double.POSITIVE_INFINITY, later::add));
      assertSameTraining(plain, resumed);
      assertEquals(Math.min(47, (from.step() / 7 + 1) * 7), later.get(0).step(), "the resumed run keeps the step grid");
    }
  }

  @Test
  void resumingAFinishedStateTrainsNothingAndReturnsItsResult() {
    List<TrainingState> snapshots = new ArrayList<>();
    TrainingResult original = run(Method.SIP, null, new Checkpointing(0, Double.POSITIVE_INFINITY, snapshots::add));
    assertEquals(1, snapshots.size(), "only the final state when no interval is set");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TrainingResult again = new Trainer(registry)
        .train("again", problem, solver(Method.SIP), config(Method.SIP), null, snapshots.get(0), Checkpointing.NONE);
    assertSameTraining(original, again);
    assertEquals(original.wallSeconds(), again.wallSeconds(), 1e-9, "the saved wall time");
    assertEquals(original.msPerIteration(), again.msPerIteration(), 1e-12);
    assertEquals(0, registry.get("sip.iteration").tag("run", "again").timer().count());
  }

  @Test
  void snapshotsAlsoComeAtAWallTimeInterval() {
    MockClock clock = new MockClock();
    TrainingListener ticking = new TrainingListener() {
      @Override
      public void onIteration(String run, int step, long nanos) {
        clock.add(1, TimeUnit.SECONDS);
      }
    };
    List<Integer> steps = new ArrayList<>();
    new Trainer(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock))
        .train("t", problem, solver(Method.SIP), config(Method.SIP), ticking, null,
            new Checkpointing(0, 2.5, s -> steps.add(s.step())));
    assertEquals(List.of(3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 47), steps);
  }

  @Test
  void aStateThatDoesNotFitTheConfigurationIsRejected() {
    List<TrainingState> snapshots = new ArrayList<>();
    run(Method.SIP, null, new Checkpointing(10, Double.POSITIVE_INFINITY, snapshots::add));
    TrainingState at10 = snapshots.get(0);
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    SipException wider = assertThrows(SipException.class, () -> trainer.train("w", problem, solver(Method.SIP),
        config(Method.SIP).toBuilder().hidden(List.of(8, 9)).build(), null, at10, Checkpointing.NONE));
    assertEquals(ErrorCode.INVALID_ARGUMENT, wider.code());
    assertTrue(wider.getMessage().startsWith("saved state has 114 parameters; the network of this configuration has 125"),
        wider.getMessage());
    SipException shorter = assertThrows(SipException.class, () -> trainer.train("s", problem, solver(Method.SIP),
        config(Method.SIP).toBuilder().steps(10).build(), null, at10, Checkpointing.NONE));
    assertEquals("saved state at step 10 (unfinished) is not allowed for a run of 10 steps; allowed: an unfinished"
        + " state before step 10 or a finished one", shorter.getMessage());
    SipException otherOptimizer = assertThrows(SipException.class, () -> trainer.train("o", problem,
        solver(Method.SIP), config(Method.SIP).toBuilder().optimizer("sgd").build(), null, at10, Checkpointing.NONE));
    assertEquals(ErrorCode.INVALID_ARGUMENT, otherOptimizer.code());
  }

  @Test
  void aStateChecksItsOwnValues() {
    List<TrainingState> snapshots = new ArrayList<>();
    run(Method.DP, null, new Checkpointing(10, Double.POSITIVE_INFINITY, snapshots::add));
    TrainingState s = snapshots.get(0);
    double[] nan = s.parameters();
    nan[3] = Double.NaN;
    assertEquals(ErrorCode.NON_FINITE, assertThrows(SipException.class, () -> new TrainingState(s.step(),
        s.batchesDrawn(), false, nan, null, null, s.optimizer(), s.curve(), s.solverStatistics(),
        s.lossSinceEvaluation(), s.stepsSinceEvaluation(), s.betweenBranchesFraction(), 0, 0, 0, s.phaseNanos())).code());
    SipException skipped = assertThrows(SipException.class, () -> new TrainingState(s.step(), s.batchesDrawn(), false,
        s.parameters(), null, null, s.optimizer(), s.curve(), s.solverStatistics(), s.lossSinceEvaluation(),
        s.stepsSinceEvaluation(), s.betweenBranchesFraction(), 11, 0, 0, s.phaseNanos()));
    assertEquals("state skippedBatches = 11 is not allowed; allowed: 0 to 10", skipped.getMessage());
    SipException oneSided = assertThrows(SipException.class, () -> new TrainingState(s.step(), s.batchesDrawn(),
        false, s.parameters(), new double[] {0, 0}, null, s.optimizer(), s.curve(), s.solverStatistics(),
        s.lossSinceEvaluation(), s.stepsSinceEvaluation(), s.betweenBranchesFraction(), 0, 0, 0, s.phaseNanos()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, oneSided.code());
  }

  /**
   * Between checkpoints the training loop allocates nothing: not for the checkpoint test, nor for
   * skip-batch's pre-step copy. Measured with HotSpot's per-thread counter (reached by reflection,
   * as in {@code OptimizerTests}) from iteration 3000 to 5000 of a SIP run with a solver that
   * allocates nothing itself; one evaluation at the end, one snapshot at the end.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(OnDivergence.class)
  void theLoopAllocatesNothingBetweenCheckpoints(OnDivergence policy) throws Exception {
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    java.lang.reflect.Method allocated =
        Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long thread = Thread.currentThread().getId();
    long[] bytes = new long[2];
    TrainingListener probe = new TrainingListener() {
      @Override
      public void onIteration(String run, int step, long nanos) {
        try {
          if (step <= 40 || step == 3000) {
            bytes[0] = (long) allocated.invoke(bean, thread); // warms the reflective call up too
          } else if (step == 5000) {
            bytes[1] = (long) allocated.invoke(bean, thread);
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    };
    org.scaleinvariant.sip.api.InverseSolver exact = new org.scaleinvariant.sip.api.InverseSolver() {
      @Override
      public String id() {
        return "exact-in-place";
      }

      @Override
      public org.scaleinvariant.sip.api.Problem problem() {
        return problem;
      }

      @Override
      public void step(double[] x, double[] y, double[] t, double[] dx, int batch,
          org.scaleinvariant.sip.api.SolverDiagnostics diagnostics) {
        for (int i = 0; i < 2 * batch; i++) {
          dx[i] = t[i] - y[i];
        }
        problem.solve(dx, dx, batch);
        diagnostics.addSamples(batch);
      }
    };
    List<TrainingState> snapshots = new ArrayList<>();
    TrainingConfig config = config(Method.SIP).toBuilder().steps(5000).evalEvery(5000).onDivergence(policy).build();
    new Trainer(new SimpleMeterRegistry()).train("a", problem, exact, config, probe, null,
        new Checkpointing(5000, 3600, snapshots::add));
    assertEquals(1, snapshots.size(), "only the final state");
    assertTrue(bytes[1] - bytes[0] < 2048, policy + ": " + (bytes[1] - bytes[0]) + " bytes in 2000 iterations");
  }
}
