package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.GaussNewtonTestSolver.Defect;

/** The summary the kit prints after a contract class: failures grouped by property and diagnosis. */
class FailureSummaryTests {


  @Test
  void failuresThatDifferOnlyInTheirNumbersShareAGroup() {
    FailureSummary summary = new FailureSummary();
    summary.solver("my-gn");
    summary.passed();
    summary.failed(new AssertionError("inverse consistency: misses\n  problem p, seed 3, sample 0\n"
        + "  diagnosis: Δx points away (α = -1.000). Sign error?\n  re-run only this case: -Dsip.testkit.seed=3"));
    summary.failed(new AssertionError("inverse consistency: misses\n  problem p, seed 4, sample 1\n"
        + "  diagnosis: Δx points away (α = -0.998). Sign error?\n  re-run only this case: -Dsip.testkit.seed=4"));
    summary.failed(new AssertionError("linear exactness: misses by 2.5e-3"));
    summary.failed(new IllegalStateException("boom"));
    assertEquals(4, summary.failures());
    assertEquals(
        "sip-testkit: solver 'my-gn': 4 of 5 checks failed, 3 kind(s) of failure:\n"
            + "  2 x inverse consistency; the first:\n"
            + "      inverse consistency: misses\n"
            + "      problem p, seed 3, sample 0\n"
            + "      diagnosis: Δx points away (α = -1.000). Sign error?\n"
            + "      re-run only this case: -Dsip.testkit.seed=3\n"
            + "  1 x linear exactness; the first:\n"
            + "      linear exactness: misses by 2.5e-3\n"
            + "  1 x IllegalStateException; the first:\n"
            + "      IllegalStateException: boom",
        summary.render());
  }

  @Test
  void nothingFailedRendersNothing() {
    FailureSummary summary = new FailureSummary();
    summary.passed();
    assertEquals("", summary.render());
  }

  @Test
  void aSignErrorFailsEverySeedOfInverseConsistencyInOneGroup() {
    Problem sine = InverseSolverContract.problem("rotated-sine");
    InverseSolverProvider provider = GaussNewtonTestSolver.provider(Defect.SIGN);
    InverseSolverContract contract = WrongSolverTests.contract(provider, SolverKind.NEWTON_TYPE, sine);
    int[] failed = {0};
    run(contract.inverseConsistency(), failed);
    FailureSummary summary = FailureSummary.remove(contract.getClass());
    int cases = contract.cases();
    assertEquals(cases, failed[0], "every seed fails");
    assertEquals(cases, summary.failures());
    String text = summary.render();
    assertTrue(text.startsWith("sip-testkit: solver 'test-gauss-newton': " + cases + " of " + cases
        + " checks failed, 1 kind(s) of failure:\n  " + cases + " x inverse consistency; the first:\n"), text);
    assertTrue(text.contains("Sign error?"), text);
    assertTrue(text.endsWith("re-run only this case: -Dsip.testkit.seed=0"), text);
  }

  /** Executes every dynamic test below the nodes, counting the ones that throw. */
  private static void run(Stream<DynamicNode> nodes, int[] failed) {
    nodes.forEach(
        node -> {
          if (node instanceof DynamicContainer) {
            run(((DynamicContainer) node).getChildren().map(n -> (DynamicNode) n), failed);
          } else {
            assertThrows(Throwable.class, () -> ((DynamicTest) node).getExecutable().execute());
            failed[0]++;
          }
        });
  }
}
