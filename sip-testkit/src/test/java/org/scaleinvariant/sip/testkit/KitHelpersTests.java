package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.problems.LinearMapProvider;
import org.scaleinvariant.sip.problems.SimpleExample;

/** The kit's helpers: allclose, the service-file check, and the chain rule of {@link RescaledProblem}. */
class KitHelpersTests {

  @Test
  void allCloseNamesTheFirstOffendingIndexAndPrintsBothArrays() {
    Close.assertAllClose(new double[] {1, 2}, new double[] {1 + 1e-9, 2}, 0, 1e-8, "ok");
    String message =
        assertThrows(AssertionError.class, () -> Close.assertAllClose(new double[] {1, 2}, new double[] {1, 2.1}, 0.01, 0, "Δx"))
            .getMessage();
    assertTrue(message.startsWith("Δx: index 1: |2.1 − 2.0| > 0.01"), message);
    assertTrue(message.contains("expected [1.0, 2.0]") && message.contains("actual   [1.0, 2.1]"), message);
    assertThrows(AssertionError.class, () -> Close.assertAllClose(new double[] {1}, new double[] {Double.NaN}, 1, 1, "NaN"));
  }

  @Test
  void theServicesFileOfTheProblemsModuleMatchesItsDescriptor() {
    Set<String> declared = ServiceFiles.assertServicesFileMatchesModule(LinearMapProvider.class.getModule(), ProblemProvider.class);
    assertTrue(declared.contains(LinearMapProvider.class.getName()), declared.toString());
    ServiceFiles.assertRegisteredTwice(LinearMapProvider.class, ProblemProvider.class);
    String message =
        assertThrows(
                AssertionError.class,
                () -> ServiceFiles.assertServicesFileMatchesModule(Close.class.getModule(), InverseSolverProvider.class))
            .getMessage();
    assertTrue(message.startsWith("module org.scaleinvariant.sip.testkit declares no 'provides"), message);
  }

  @Test
  void aRescaledProblemFollowsTheChainRule() {
    // P(x) = (x0, x1²) at s·x' with c = 3, s = 0.5, x' = (2, 4): s·x' = (1, 2), P = (1, 4), y' = (3, 12);
    // J' = c·s·J(s·x') = 1.5·[[1, 0], [0, 4]]; Σ w_k ∇²P'_k = c·s²·w1·[[0, 0], [0, 2]] = 0.75·2·w1.
    RescaledProblem p = new RescaledProblem(new SimpleExample(), 3, 0.5);
    double[] y = new double[2];
    p.forward(new double[] {2, 4}, y, 1);
    Close.assertAllClose(new double[] {3, 12}, y, 1e-15, 0, "y'");
    double[] j = new double[4];
    p.jacobian(new double[] {2, 4}, j, 1);
    Close.assertAllClose(new double[] {1.5, 0, 0, 6}, j, 1e-15, 0, "J'");
    double[] vjp = new double[2];
    p.vectorJacobianProduct(new double[] {2, 4}, new double[] {1, 1}, vjp, 1);
    Close.assertAllClose(new double[] {1.5, 6}, vjp, 1e-15, 0, "J'ᵀ·(1, 1)");
    double[] h = new double[4];
    p.weightedOutputHessian(new double[] {2, 4}, new double[] {5, 2}, h, 1);
    Close.assertAllClose(new double[] {0, 0, 0, 3}, h, 1e-15, 0, "Σ w_k ∇²P'_k");
    assertEquals("simple", p.id());
    assertEquals("3.0", p.parameters().getString("outputScale"));
    assertThrows(IllegalArgumentException.class, () -> new RescaledProblem(new SimpleExample(), 0, 1));
  }
}
