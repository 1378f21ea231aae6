package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverRegistry;

/**
 * The three providers: {@code supports} only their own problem, no options, and the registry's
 * default choice. (Discovery, the two registrations and the metadata are the conformance kit's:
 * the {@code *ContractTests}.)
 */
class AnalyticSolverProviderTests {
  private static final Map<String, String> SOLVER_FOR_PROBLEM =
      Map.of(
          "analytic-rotated-sine", "rotated-sine",
          "analytic-linear", "linear",
          "analytic-simple", "simple");

  private static Problem problem(String id) {
    return Registries.discoverProblems().get(id).create(Options.empty());
  }

  @Test
  void eachSolverSupportsOnlyItsOwnProblem() {
    SolverRegistry solvers = Registries.discoverSolvers();
    for (Map.Entry<String, String> own : SOLVER_FOR_PROBLEM.entrySet()) {
      InverseSolverProvider provider = solvers.get(own.getKey());
      for (String problemId : SOLVER_FOR_PROBLEM.values()) {
        Problem problem = problem(problemId);
        boolean expected = problemId.equals(own.getValue());
        assertEquals(expected, provider.supports(problem), own.getKey() + " on " + problemId);
        if (expected) {
          InverseSolver solver = provider.create(problem, Options.empty());
          assertEquals(own.getKey(), solver.id());
          assertEquals(problem, solver.problem());
          assertTrue(solver.isScaleInvariant());
        } else {
          SipException e = assertThrows(SipException.class, () -> provider.create(problem, Options.empty()));
          assertEquals(ErrorCode.UNSUPPORTED, e.code());
          assertTrue(e.getMessage().contains("'" + own.getValue() + "'"), e.getMessage());
        }
      }
      assertFalse(provider.supports(null));
    }
  }

  @Test
  void optionsAreRejectedBecauseThereAreNone() {
    for (String id : SOLVER_FOR_PROBLEM.keySet()) {
      InverseSolverProvider provider = Registries.discoverSolvers().get(id);
      assertEquals(List.of(), provider.parameters());
      SipException e =
          assertThrows(
              SipException.class,
              () -> provider.create(problem(SOLVER_FOR_PROBLEM.get(id)), Options.of(Map.of("eta", "1"))));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains("solver " + id), e.getMessage());
    }
  }

  @Test
  void theRegistryPicksTheAnalyticInverseForLinearAndSimple() {
    // both problems name their analytic inverse as preferred; the rotated sine prefers newton,
    // which is not on this module's test path, so the registry falls back to the one that supports it
    SolverRegistry solvers = Registries.discoverSolvers();
    assertEquals("analytic-linear", solvers.select(problem("linear"), null).id());
    assertEquals("analytic-simple", solvers.select(problem("simple"), null).id());
    assertEquals("analytic-rotated-sine", solvers.select(problem("rotated-sine"), null).id());
  }
}
