package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.problems.HeatEquation;
import org.scaleinvariant.sip.problems.PoissonEquation;
import org.scaleinvariant.sip.problems.RotatedSine;

/** The two providers: ids, parameters, what they support, validation and discovery. */
class AnalyticProviderTests {
  private final HeatInverseSolverProvider heatProvider = new HeatInverseSolverProvider();
  private final PoissonInverseSolverProvider poissonProvider = new PoissonInverseSolverProvider();
  private final HeatEquation heat = new HeatEquation(2, 16, HeatEquation.DEFAULT_AMOUNT);
  private final PoissonEquation poisson = new PoissonEquation(16);
  private final RotatedSine sine = new RotatedSine(32, 45, RotatedSine.Form.PAPER, 10);

  @Test
  void theHeatThresholdIsDeclaredWithItsDefault() {
    assertEquals(1e-6, HeatInverseSolverProvider.DEFAULT_THRESHOLD);
    List<ParameterSpec> specs = heatProvider.parameters();
    assertEquals(1, specs.size());
    assertEquals("threshold", specs.get(0).name());
    assertEquals(1e-6, Double.parseDouble(specs.get(0).defaultValue()));
    assertEquals("a finite number in (0, 1]", specs.get(0).allowed());
    assertTrue(poissonProvider.parameters().isEmpty());
  }

  @Test
  void eachProviderSupportsOnlyItsOwnProblem() {
    assertTrue(heatProvider.supports(heat));
    assertTrue(heatProvider.supports(new HeatEquation(1, 8, 1)));
    assertFalse(heatProvider.supports(poisson));
    assertFalse(heatProvider.supports(sine));
    assertTrue(poissonProvider.supports(poisson));
    assertFalse(poissonProvider.supports(heat));
    assertFalse(poissonProvider.supports(sine));
    assertCode(ErrorCode.UNSUPPORTED, () -> heatProvider.create(poisson, Options.empty()));
    assertCode(ErrorCode.UNSUPPORTED, () -> poissonProvider.create(sine, Options.empty()));
  }

  @ParameterizedTest(name = "threshold = ''{0}'' is rejected")
  @ValueSource(strings = {"0", "-1e-6", "1.5", "NaN", "Infinity", "abc"})
  void invalidThresholdsAreRejectedAsInvalidArgument(String value) {
    SipException e =
        assertThrows(SipException.class, () -> heatProvider.create(heat, Options.of(Map.of("threshold", value))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("threshold"), e.getMessage());
  }

  @Test
  void unknownOptionsAreRejectedWithTheKnownOnes() {
    SipException e =
        assertThrows(SipException.class, () -> heatProvider.create(heat, Options.of(Map.of("lambda", "1"))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> poissonProvider.create(poisson, Options.of(Map.of("threshold", "1"))));
  }

  @Test
  void solversKnowTheirIdAndProblem() {
    InverseSolver heatSolver = heatProvider.create(heat, Options.of(Map.of("threshold", "1")));
    assertEquals("analytic-heat", heatSolver.id());
    assertSame(heat, heatSolver.problem());
    assertTrue(heatSolver.isScaleInvariant());
    InverseSolver poissonSolver = poissonProvider.create(poisson, Options.empty());
    assertEquals("analytic-poisson", poissonSolver.id());
    assertSame(poisson, poissonSolver.problem());
    assertTrue(poissonSolver.isScaleInvariant());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"analytic-heat", "analytic-poisson"})
  void serviceLoaderDiscoversTheSolverAndTheRegistryPicksItAsThePreferredOne(String id) {
    SolverRegistry solvers = Registries.discoverSolvers();
    InverseSolverProvider found = solvers.get(id);
    assertEquals(id, found.id());
    assertEquals("org.scaleinvariant.sip.solvers.analytic", found.getClass().getModule().getName());
    assertFalse(found.description().isBlank());
    assertFalse(found.description().contains("\n"), "one line");
    assertFalse(found.version().isBlank());
    // The problems, discovered too, name these solvers as preferred.
    Problem problem = Registries.discoverProblems().get(id.substring("analytic-".length())).create(Options.empty());
    assertEquals(id, solvers.select(problem, null).id());
    assertTrue(solvers.supportingIds(problem).contains(id), solvers.supportingIds(problem).toString());
  }

  private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
    SipException e = assertThrows(SipException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }
}
