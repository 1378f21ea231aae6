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
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/** Divergence (stop, skip-batch, the phase named) and providers that break their contract. */
class TrainerDivergenceTests {
  private final LinearTestProblem problem = new LinearTestProblem(10, 0, 0, 0.1);

  private static TrainingConfig.Builder small() {
    return TrainingConfig.builder().steps(6).batch(16).hidden(List.of(8, 8)).testSetSize(64).seed(3).learningRate(1e-2);
  }

  /** The step of a test solver. */
  @FunctionalInterface
  private interface Step {
    void step(double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics diagnostics);
  }

  /** A solver of {@link #problem} with the given id and step. */
  private InverseSolver solver(String id, Step step) {
    return new InverseSolver() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Problem problem() {
        return problem;
      }

      @Override
      public void step(double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics diagnostics) {
        step.step(x, y, t, dx, batch, diagnostics);
      }
    };
  }

  /** The exact inverse, except that calls number {@code bad} (1-based) count their samples and return NaN. */
  private InverseSolver nanOn(Set<Integer> bad) {
    InverseSolver exact = problem.exactInverse();
    int[] calls = {0};
    return solver("nan-sometimes", (x, y, t, dx, batch, diagnostics) -> {
      exact.step(x, y, t, dx, batch, diagnostics);
      if (bad.contains(++calls[0])) {
        dx[5] = Double.NaN;
      }
    });
  }

  private TrainingResult train(InverseSolver solver, TrainingConfig config, List<TrainingState> snapshots) {
    return new Trainer(new SimpleMeterRegistry()).train("d", problem, solver, config, null, null,
        new Checkpointing(1, Double.POSITIVE_INFINITY, snapshots::add));
  }

  @Test
  void skipBatchDropsTheOffendingBatchAndRestoresParametersOptimizerAndCounters() {
    List<TrainingState> clean = new ArrayList<>();
    TrainingResult twoSteps = train(nanOn(Set.of()), small().steps(2).build(), clean);
    List<TrainingState> skipping = new ArrayList<>();
    TrainingResult threeSteps =
        train(nanOn(Set.of(3)), small().steps(3).onDivergence(OnDivergence.SKIP_BATCH).build(), skipping);

    assertFalse(threeSteps.diverged());
    assertEquals(3, threeSteps.steps());
    assertEquals(1, threeSteps.skippedBatches());
    assertArrayEquals(twoSteps.network().parameters(), threeSteps.network().parameters(), 0,
        "step 3 was dropped: the parameters are those after step 2");
    assertEquals(twoSteps.solverStatistics(), threeSteps.solverStatistics(), "the dropped call's samples are not counted");
    TrainingState after2 = clean.get(clean.size() - 1);
    TrainingState after3 = skipping.get(skipping.size() - 1);
    assertEquals(2, after3.optimizer().steps(), "the optimizer's step counter went back");
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(after2.optimizer().arrays().get(i), after3.optimizer().arrays().get(i), 0, "Adam's moments");
    }
    assertEquals(3, after3.batchesDrawn(), "the dropped batch was drawn: a resumed run replays it");
    assertEquals(1, after3.skippedBatches());
  }

  @Test
  void stopEndsTheRunNamingStepPhaseAndSolver() {
    List<TrainingState> snapshots = new ArrayList<>();
    TrainingResult result = train(nanOn(Set.of(3)), small().build(), snapshots);
    assertTrue(result.diverged());
    assertEquals(2, result.steps());
    assertEquals("training diverged at step 3 in phase inverse.solve (solver 'nan-sometimes' returned dx[5] = NaN"
        + " (NaN, infinite or not written) for finite x, y and t); reporting the last finite evaluation, step 2",
        result.divergence());
    assertEquals(List.of(1, 2), snapshots.stream().map(TrainingState::step).toList(),
        "no snapshot of the diverged step and no final state");
  }

  @Test
  void skipBatchGivesUpAfterTooManyBatchesInARow() {
    Set<Integer> always = new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return (Integer) o > 1;
      }

      @Override
      public java.util.Iterator<Integer> iterator() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int size() {
        return Integer.MAX_VALUE;
      }
    };
    TrainingResult result = new Trainer(new SimpleMeterRegistry()).train("d", problem, nanOn(always),
        small().steps(500).onDivergence(OnDivergence.SKIP_BATCH).build(), null);
    assertTrue(result.diverged());
    assertEquals(Trainer.MAX_CONSECUTIVE_SKIPS, result.skippedBatches());
    assertEquals(1 + Trainer.MAX_CONSECUTIVE_SKIPS, result.steps());
    assertTrue(result.divergence().startsWith("training diverged at step 102 in phase inverse.solve"), result.divergence());
    assertTrue(result.divergence().contains("100 batches in a row were dropped before (skip-batch)"), result.divergence());
  }

  @Test
  void parametersThatOverflowAreCaughtInTheOptimizerStep() {
    TrainingResult result = new Trainer(new SimpleMeterRegistry()).train("o", problem, null,
        small().method(Method.DP).optimizer("sgd").learningRate(1e308).build(), null);
    assertTrue(result.diverged());
    assertTrue(result.divergence().startsWith(
        "training diverged at step 1 in phase optimizer.step (non-finite parameters theta after the update)"),
        result.divergence());
  }

  @Test
  void aSolverThatThrowsIsNamedWithStepAndPhase() {
    InverseSolver broken = solver("broken", (x, y, t, dx, batch, diagnostics) -> dx[2 * batch] = 1); // n too big
    SipException e = assertThrows(SipException.class,
        () -> new Trainer(new SimpleMeterRegistry()).train("b", problem, broken, small().build(), null));
    assertEquals(ErrorCode.PROVIDER_CONTRACT, e.code());
    assertEquals("step 1, phase inverse.solve: solver 'broken' failed: ArrayIndexOutOfBoundsException: Index 32 out"
        + " of bounds for length 32", e.getMessage());
  }

  @Test
  void aSolverThatLeavesValuesUnwrittenDiverges() {
    // writes the first B values of B*n
    InverseSolver lazy = solver("lazy", (x, y, t, dx, batch, diagnostics) -> Arrays.fill(dx, 0, batch, 0.0));
    TrainingResult result = new Trainer(new SimpleMeterRegistry()).train("l", problem, lazy, small().build(), null);
    assertTrue(result.divergence().startsWith("training diverged at step 1 in phase inverse.solve (solver 'lazy'"
        + " returned dx[16] = NaN (NaN, infinite or not written)"), result.divergence());
  }

  @Test
  void aProblemThatDrawsNonFiniteTargetsOrHasNoSizeIsRejected() {
    Problem nanTargets = new LinearTestProblem(1, 0, 0, 1) {
      private int calls;

      @Override
      public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
        super.sampleTargets(random, yStar, batch);
        if (++calls == 3) { // the held-out set is draw 1, step 1 is draw 2
          yStar[7] = Double.POSITIVE_INFINITY;
        }
      }
    };
    SipException drawn = assertThrows(SipException.class, () -> new Trainer(new SimpleMeterRegistry())
        .train("n", nanTargets, null, small().method(Method.DP).build(), null));
    assertEquals(ErrorCode.PROVIDER_CONTRACT, drawn.code());
    assertEquals("problem 'linear-test' drew a non-finite training target y*[7] = Infinity at step 2; allowed:"
        + " finite values", drawn.getMessage());

    Problem empty = new LinearTestProblem(1, 0, 0, 1) {
      @Override
      public int inputSize() {
        return 0;
      }
    };
    SipException sizes = assertThrows(SipException.class, () -> new Trainer(new SimpleMeterRegistry())
        .train("e", empty, null, small().method(Method.DP).build(), null));
    assertEquals(ErrorCode.PROVIDER_CONTRACT, sizes.code());
    assertEquals("problem 'linear-test' reports inputSize n = 0 and outputSize m = 2; allowed: both >= 1",
        sizes.getMessage());
  }

  @Test
  void arraysBeyondJavasLimitAreRejectedBeforeAllocating() {
    SipException batch = assertThrows(SipException.class, () -> new Trainer(new SimpleMeterRegistry())
        .train("x", problem, null, small().method(Method.DP).batch(Integer.MAX_VALUE).build(), null));
    assertEquals(ErrorCode.INVALID_ARGUMENT, batch.code());
    assertEquals("batch = 2147483647 is not allowed: with 8 values per sample its arrays would hold 17179869176"
        + " values; allowed: at most 268435454", batch.getMessage());
    SipException network = assertThrows(SipException.class, () -> DenseNetwork.of(2, List.of(50_000, 50_000), 2,
        Activation.RELU));
    assertEquals("network sizes [2, 50000, 50000, 2] give 2500300002 parameters; allowed: at most 2147483639",
        network.getMessage());
  }
}
