package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.problems.LinearMap;
import org.scaleinvariant.sip.testkit.GaussNewtonTestSolver.Defect;

/**
 * Deliberately wrong solvers fail the property that is about their mistake, with a message that
 * says what the mistake is. Each test calls one property directly, as a JUnit run of the contract
 * would, and checks the failure message.
 */
class WrongSolverTests {
  private final Problem sine = InverseSolverContract.problem("rotated-sine");
  private final Problem linear = InverseSolverContract.problem("linear", "n", "3", "m", "3");

  /** The contract of a provider, as an author's test subclass would declare it. */
  static InverseSolverContract contract(InverseSolverProvider provider, SolverKind kind, Problem... problems) {
    return new InverseSolverContract() {
      @Override
      protected InverseSolverProvider provider() {
        return provider;
      }

      @Override
      protected List<Problem> problems() {
        return List.of(problems);
      }

      @Override
      protected SolverKind kind() {
        return kind;
      }
    };
  }

  private static InverseSolverContract wrong(Defect defect, Problem... problems) {
    return contract(GaussNewtonTestSolver.provider(defect), SolverKind.NEWTON_TYPE, problems);
  }

  private static String failure(Executable property) {
    return assertThrows(AssertionError.class, property).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "expected «" + part + "» in:\n" + message);
    }
  }

  @Test
  void aSignErrorIsReportedAsASignError() {
    InverseSolverContract contract = wrong(Defect.SIGN, sine, linear);
    String message = failure(() -> contract.checkInverseConsistency(sine, 3));
    assertTrue(
        message.startsWith(
            "inverse consistency: the step of solver 'test-gauss-newton' does not land second-order close to the"
                + " target, although it is declared NEWTON_TYPE\n  problem rotated-sine {"),
        message);
    assertContains(
        message,
        "seed 3, sample 0",
        "cos(J·Δx, Δy) = -1.000, best multiple α = -1.000",
        "Sign error? Δx is ADDED to x and must move P towards t = y + Δy: compute it from t − y, not y − t.",
        "re-run only this case: -Dsip.testkit.seed=3");
    assertContains(failure(() -> contract.checkLinearExactness(linear, 0)), "linear exactness", "Sign error?");
  }

  @Test
  void aFixedDampingIsReportedAsFirstOrderOnly() {
    InverseSolverContract contract = wrong(Defect.FIXED_DAMPING, sine);
    assertContains(
        failure(() -> contract.checkInverseConsistency(sine, 3)),
        "but the miss does not shrink with Δy",
        "Declare the solver FIRST_ORDER, or let the damping vanish as the residual does.");
  }

  @Test
  void aStepOfTwiceTheLengthIsReportedWithItsFactor() {
    InverseSolverContract contract = wrong(Defect.DOUBLE_LENGTH, sine);
    assertContains(
        failure(() -> contract.checkInverseConsistency(sine, 0)),
        "Δx has the right direction but the wrong length",
        "best multiple α = 0.500",
        "so Δx is 2.00 times as long as it should be");
  }

  @Test
  void aFixedDampingBreaksTheDeclaredScaleInvariance() {
    InverseSolverContract contract = wrong(Defect.FIXED_DAMPING, sine);
    assertContains(
        failure(() -> contract.checkScaleInvariance(sine, 0)),
        "scale invariance: solver 'test-gauss-newton' declares isScaleInvariant(), but rescaling the outputs by c ="
            + " 1024.0 (P → c·P, t → c·t) must leave Δx unchanged",
        "isScaleInvariant() must return false");
  }

  @Test
  void mixingSamplesOfABatchIsCaught() {
    InverseSolverContract contract = wrong(Defect.BATCH_MEAN, sine);
    assertContains(
        failure(() -> contract.checkBatchEqualsSampleBySample(sine, 0)),
        "batch: sample 0 of a batch of 7 gets another step than the same sample solved alone",
        "no statistics over the batch");
  }

  @Test
  void stateKeptBetweenCallsIsCaught() {
    InverseSolverContract contract = wrong(Defect.COUNTER, sine);
    assertContains(
        failure(() -> contract.checkDeterministicAndThreadSafe(sine)),
        "determinism: solver 'test-gauss-newton' gave two different steps for the same inputs");
  }

  @Test
  void aWorkspaceSharedBetweenThreadsIsCaught() {
    InverseSolverContract contract = wrong(Defect.SHARED_WORKSPACE, sine);
    assertContains(
        failure(() -> contract.checkDeterministicAndThreadSafe(sine)),
        "thread safety: threads sharing one solver 'test-gauss-newton' got other steps than a single thread",
        "ThreadLocal");
  }

  @Test
  void missingShapeChecksAreCaught() {
    InverseSolverContract contract = wrong(Defect.NO_SHAPE_CHECK, sine);
    assertContains(
        failure(() -> contract.checkShortArraysAreRejected(sine)),
        "short arrays: x of length 7 for a batch of 4 (n = 2, m = 2) must be rejected with SipException(SHAPE_MISMATCH)");
  }

  @Test
  void aNanForAZeroChangeIsCaught() {
    InverseSolverContract contract = wrong(Defect.NAN_AT_ZERO_CHANGE, sine);
    assertContains(
        failure(() -> contract.checkDegenerateInput(sine, InverseSolverContract.Degenerate.ZERO_CHANGE)),
        "degenerate input: solver 'test-gauss-newton' returned a non-finite step for t = y (zero gradient) on rotated-sine",
        "Δx = [NaN, NaN]");
  }

  @Test
  void aSolverWithAnotherIdThanItsProviderIsCaught() {
    InverseSolverContract contract = wrong(Defect.WRONG_ID, sine);
    assertContains(failure(() -> contract.checkCreates(sine)), "the solver's id() must be its provider's id");
  }

  @Test
  void aGradientStepDeclaredNewtonTypeFailsInverseConsistency() {
    InverseSolverContract contract = contract(new GradientStepContractTests.Provider(), SolverKind.NEWTON_TYPE, sine);
    assertContains(
        failure(() -> contract.checkInverseConsistency(sine, 0)),
        "the step of solver 'gradient-step' does not land second-order close to the target, although it is declared"
            + " NEWTON_TYPE");
  }

  @Test
  void anIdThatCannotBeTypedIsRejected() {
    InverseSolverProvider badId =
        new GradientStepContractTests.Provider() {
          @Override
          public String id() {
            return "My_Solver";
          }
        };
    assertContains(
        failure(() -> contract(badId, SolverKind.FIRST_ORDER, sine).checkProviderMetadata()),
        "provider id 'My_Solver' is not allowed; allowed: lower-case letters and digits");
  }

  @Test
  void aProblemWhoseVectorJacobianProductIsNotJTransposedFailsTheTrainerCheck() {
    LinearMap map = new LinearMap(new double[][] {{1, 2}, {0, 1}});
    Problem transposed = new TransposedVjp(map);
    InverseSolverContract contract = contract(new GradientStepContractTests.Provider(), SolverKind.FIRST_ORDER, transposed);
    assertContains(
        failure(() -> contract.checkSipWithGradientStepIsDp(transposed)),
        "trainer check: SIP training with a plain gradient step as inverse solver",
        "check that vectorJacobianProduct computes Jᵀ·v with the same J that jacobian() returns");
    InverseSolverContract right = contract(new GradientStepContractTests.Provider(), SolverKind.FIRST_ORDER, map);
    right.checkSipWithGradientStepIsDp(map);
  }

  /** A linear map whose vector-Jacobian product wrongly computes J·v instead of Jᵀ·v. */
  private static final class TransposedVjp implements Problem {
    private final LinearMap map;

    TransposedVjp(LinearMap map) {
      this.map = map;
    }

    @Override
    public String id() {
      return "transposed-vjp";
    }

    @Override
    public Options parameters() {
      return Options.empty();
    }

    @Override
    public int inputSize() {
      return 2;
    }

    @Override
    public int outputSize() {
      return 2;
    }

    @Override
    public void forward(double[] x, double[] y, int batch) {
      map.forward(x, y, batch);
    }

    @Override
    public void jacobian(double[] x, double[] jacobian, int batch) {
      map.jacobian(x, jacobian, batch);
    }

    @Override
    public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
      map.forward(cotangent, out, batch); // J·v: the bug
    }

    @Override
    public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
      map.weightedOutputHessian(x, weights, out, batch);
    }

    @Override
    public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
      map.sampleTargets(random, yStar, batch);
    }

    @Override
    public Optional<org.scaleinvariant.sip.api.ExactSolutions> exactSolutions() {
      return map.exactSolutions();
    }
  }
}
