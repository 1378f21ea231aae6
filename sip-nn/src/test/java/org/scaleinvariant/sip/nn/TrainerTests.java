package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

class TrainerTests {
  /** A mildly ill-conditioned linear problem, cond(A) = 100. */
  private final LinearTestProblem problem = new LinearTestProblem(10, 0, 0, 0.1);

  private static TrainingConfig.Builder small() {
    return TrainingConfig.builder().steps(60).batch(16).hidden(List.of(8, 8)).testSetSize(64).seed(3);
  }

  @Test
  void sipWithAGradientStepSolverIsExactlyDpWithGradientDescent() {
    // The chapter: if the inverse solver is plain gradient descent, "the total loss is purely defined
    // in y space, reducing to a regular first-order optimization". With η = 1 and the L2 proxy loss:
    // Δx = −Jᵀ(y − y*), so ∂L_proxy/∂x = −Δx/B = Jᵀ(y − y*)/B = the DP gradient.
    TrainingConfig sip = small().method(Method.SIP).optimizer("sgd").learningRate(1e-3).build();
    TrainingConfig dp = sip.toBuilder().method(Method.DP).build();
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingResult viaSip = trainer.train("sip", problem, problem.gradientStep(), sip, null);
    TrainingResult viaDp = trainer.train("dp", problem, null, dp, null);
    assertArrayEquals(viaDp.network().parameters(), viaSip.network().parameters(), 1e-12);
    assertEquals(viaDp.testYLoss(), viaSip.testYLoss(), 1e-12);
    assertEquals("sgd", viaDp.method());
    assertEquals("sip", viaSip.method());
    assertNull(viaDp.solver());
  }

  @Test
  void sipWithTheExactInverseTrainsOnTheTrueSolution() {
    // With the exact inverse and η = 1, x̃ = x + A⁻¹(y* − Ax) = A⁻¹y*: the proxy-loss gradient of one
    // step equals the supervised gradient of ½‖f(y*) − A⁻¹y*‖², computed here independently.
    TrainingConfig config = small().steps(1).optimizer("sgd").learningRate(0.5).build();
    TrainingResult result =
        new Trainer(new SimpleMeterRegistry()).train("sip", problem, problem.exactInverse(), config, null);

    DenseNetwork reference = DenseNetwork.of(2, List.of(8, 8), 2, Activation.RELU);
    SplittableRandom root = new SplittableRandom(3);
    reference.initialize(Initialization.defaultFor(Activation.RELU), root.split());
    SplittableRandom data = root.split();
    double[] yStar = new double[32];
    problem.sampleTargets(data, yStar, 16);
    double[] xStar = new double[32];
    problem.solve(yStar, xStar, 16);
    double[] x = new double[32];
    reference.forward(yStar, x, 16);
    double[] grad = new double[32];
    for (int i = 0; i < 32; i++) {
      grad[i] = (x[i] - xStar[i]) / 16;
    }
    reference.backward(grad, 16);
    double[] expected = reference.parameters().clone();
    for (int k = 0; k < expected.length; k++) {
      expected[k] -= 0.5 * reference.gradient()[k];
    }
    assertArrayEquals(expected, result.network().parameters(), 1e-12);
  }

  @Test
  void sipConvergesOnAnIllConditionedLinearProblemWhereDpGradientDescentStalls() {
    // x* = A⁻¹y* has components of scale 0.1 and 10. A linear network (identity activation) can
    // represent it exactly. SIP with the exact inverse regresses onto x* directly; DP gradient
    // descent sees gradients scaled by A² (condition number 10⁴) and must use a learning rate small
    // enough for the stiff direction.
    TrainingConfig sip =
        small().steps(400).batch(32).hidden(List.of(4)).activation(Activation.IDENTITY).learningRate(0.02).build();
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingResult viaSip = trainer.train("sip", problem, problem.exactInverse(), sip, null);
    TrainingResult viaDp =
        trainer.train("sgd", problem, null,
            sip.toBuilder().method(Method.DP).optimizer("sgd").learningRate(1e-3).build(), null);
    double start = viaSip.curve().get(0).testXDistance();
    assertTrue(viaSip.testXDistance() < 0.02 * start, "SIP: " + start + " -> " + viaSip.testXDistance());
    assertTrue(viaSip.testXDistance() < 0.1 * viaDp.testXDistance(),
        "SIP " + viaSip.testXDistance() + " vs DP-SGD " + viaDp.testXDistance());
  }

  @Test
  void supervisedTrainingOnAUniqueSolutionIsSipWithTheExactInverse() {
    // For a linear problem the solution is unique, so the supervised target x* = A⁻¹y* equals SIP's
    // x̃ = x + A⁻¹(y* − Ax) with η = 1: both gradients are (x − A⁻¹y*)/B. Same seed, same data.
    TrainingConfig sip = small().optimizer("sgd").learningRate(0.05).build();
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingResult viaSip = trainer.train("sip", problem, problem.exactInverse(), sip, null);
    TrainingResult supervised =
        trainer.train("sup", problem, null, sip.toBuilder().method(Method.SUPERVISED).build(), null);
    assertArrayEquals(viaSip.network().parameters(), supervised.network().parameters(), 1e-12);
    assertEquals("supervised", supervised.method());
    assertEquals(List.of("nn.forward", "loss.backward", "optimizer.step"),
        List.copyOf(supervised.phaseMillis().keySet()));
  }

  @Test
  void supervisedTrainingNeedsGroundTruth() {
    Problem noTruth = new LinearTestProblem(1, 0, 0, 1) {
      @Override
      public boolean hasGroundTruth() {
        return false;
      }
    };
    SipException e = assertThrows(SipException.class, () -> new Trainer(new SimpleMeterRegistry())
        .train("s", noTruth, null, small().method(Method.SUPERVISED).build(), null));
    assertEquals(ErrorCode.UNSUPPORTED, e.code());
  }

  @Test
  void validationSetIsAnotherFixedSetThanTheTestSet() {
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingConfig config = small().steps(5).build();
    TrainingResult test = trainer.train("t", problem, problem.exactInverse(), config, null);
    TrainingResult validation = trainer.train("v", problem, problem.exactInverse(),
        config.toBuilder().evaluationSet(TrainingConfig.EvaluationSet.VALIDATION).build(), null);
    assertArrayEquals(test.network().parameters(), validation.network().parameters(), 0, "same training");
    assertNotEquals(test.testXDistance(), validation.testXDistance(), "measured on other targets");
  }

  @Test
  void defaultLearningRateIsTheProblemsRecommendation() {
    Problem recommending = new LinearTestProblem(10, 0, 0, 0.1) {
      @Override
      public java.util.OptionalDouble recommendedLearningRate(String optimizerId) {
        return optimizerId.equals("sgd") ? java.util.OptionalDouble.of(0.125) : java.util.OptionalDouble.empty();
      }
    };
    TrainingConfig config = small().method(Method.DP).optimizer("sgd").build();
    assertEquals(0.125, config.effectiveLearningRate(recommending));
    assertEquals(GradientDescent.DEFAULT_LEARNING_RATE, config.effectiveLearningRate(problem));
    assertEquals(0.5, config.toBuilder().learningRate(0.5).build().effectiveLearningRate(recommending));
    TrainingResult result = new Trainer(new SimpleMeterRegistry()).train("r", recommending, null, config, null);
    assertEquals(0.125, result.learningRate());
  }

  @Test
  void sameSeedGivesBitIdenticalRunsAndAnotherSeedDoesNot() {
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingConfig config = small().build();
    TrainingResult a = trainer.train("a", problem, problem.exactInverse(), config, null);
    TrainingResult b = trainer.train("b", problem, problem.exactInverse(), config, null);
    TrainingResult c = trainer.train("c", problem, problem.exactInverse(), config.toBuilder().seed(4).build(), null);
    assertArrayEquals(a.network().parameters(), b.network().parameters(), 0);
    assertEquals(a.testXDistance(), b.testXDistance(), 0);
    assertNotEquals(a.testXDistance(), c.testXDistance());
  }

  @Test
  void testSetIsFixedAndIndependentOfTheSeed() {
    double[] first = Trainer.testTargets(problem, 8);
    assertArrayEquals(first, Trainer.testTargets(problem, 8), 0);
    double[] expected = new double[16];
    problem.sampleTargets(new SplittableRandom(Trainer.TEST_SET_SEED), expected, 8);
    assertArrayEquals(expected, first, 0);
  }

  @Test
  void timersRecordEveryIterationAndPhase() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TrainingConfig config = small().steps(25).nnUpdates(3).build();
    TrainingResult result = new Trainer(registry).train("timed", problem, problem.exactInverse(), config, null);
    assertEquals(25, registry.get("sip.iteration").tag("run", "timed").timer().count());
    assertEquals(25, registry.get("sip.phase").tag("phase", "inverse.solve").tag("run", "timed").timer().count());
    // K = 3 network updates per solver call: 3 backward passes and optimizer steps, 1 + 2 forwards
    assertEquals(75, registry.get("sip.phase").tag("phase", "optimizer.step").tag("run", "timed").timer().count());
    assertEquals(75, registry.get("sip.phase").tag("phase", "nn.forward").tag("run", "timed").timer().count());
    assertEquals(List.of("nn.forward", "physics.forward", "inverse.solve", "loss.backward", "optimizer.step"),
        List.copyOf(result.phaseMillis().keySet()));
    double phaseSum = result.phaseMillis().values().stream().mapToDouble(Double::doubleValue).sum();
    assertTrue(phaseSum <= result.msPerIteration() * 1.0001, phaseSum + " vs " + result.msPerIteration());
    assertEquals(25 * 16, result.solverStatistics().samples());
  }

  @Test
  void curveHasStepZeroTheIntervalsAndTheEnd() {
    TrainingResult result =
        new Trainer(new SimpleMeterRegistry())
            .train("c", problem, problem.exactInverse(), small().steps(23).evalEvery(10).build(), null);
    assertEquals(List.of(0, 10, 20, 23), result.curve().stream().map(CurvePoint::step).toList());
    assertTrue(Double.isNaN(result.curve().get(0).trainLoss()));
    assertEquals(23, result.steps());
    assertEquals(50, TrainingConfig.builder().steps(2500).build().effectiveEvalEvery());
    assertEquals(1, TrainingConfig.builder().steps(10).build().effectiveEvalEvery());
  }

  @Test
  void divergenceStopsTheRunAndReportsTheLastFiniteValues() {
    // P returns NaN once |x| > 5; DP-SGD with a huge learning rate throws x there within a few steps.
    LinearTestProblem fragile = new LinearTestProblem(10, 0, 0, 0.1, 5);
    TrainingConfig config =
        small().method(Method.DP).optimizer("sgd").learningRate(50).steps(200).evalEvery(1000).build();
    TrainingResult result = new Trainer(new SimpleMeterRegistry()).train("d", fragile, null, config, null);
    assertTrue(result.diverged());
    assertTrue(result.steps() < 200);
    assertTrue(
        result.divergence().startsWith(
            "training diverged at step " + (result.steps() + 1) + " in phase physics.forward"),
        result.divergence());
    assertEquals(0, result.curve().get(result.curve().size() - 1).step(), "only step 0 was evaluated");
    assertTrue(Double.isFinite(result.testYLoss()));
    assertTrue(Double.isFinite(result.testXDistance()));
  }

  @Test
  void l1ProxyLossFollowsTheSignOfTheUpdate() {
    double[] gradient = new double[4];
    ProxyLoss.L1.gradient(new double[] {1, 1, 0, 0}, new double[] {3, -1, 0, 0.5}, gradient, 4, 2);
    assertArrayEquals(new double[] {-0.5, 0.5, 0, -0.5}, gradient, 0);
    ProxyLoss.L2.gradient(new double[] {1, 1, 0, 0}, new double[] {3, -1, 0, 0.5}, gradient, 4, 2);
    assertArrayEquals(new double[] {-1, 1, 0, -0.25}, gradient, 0);
  }

  @Test
  void sipWithoutASolverIsRejected() {
    SipException e = assertThrows(SipException.class,
        () -> new Trainer(new SimpleMeterRegistry()).train("x", problem, null, small().build(), null));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void invalidSettingsAreRejectedByTheConfig() {
    assertEquals("steps = 0 is not allowed; allowed: an integer >= 1",
        assertThrows(SipException.class, () -> small().steps(0).build()).getMessage());
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> small().eta(Double.NaN).build()).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> small().learningRate(-1e-3).build()).code());
    assertFalse(small().build().standardizeInput() != null);
  }
}
