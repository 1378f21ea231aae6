package org.scaleinvariant.sip.solvers.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * The three providers: discovery through ServiceLoader (the tests run inside the named module, so
 * this reads {@code provides} in module-info), the {@code META-INF/services} file for class-path
 * users, {@code supports} only their own problem, no options, and the registry's default choice.
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
  void serviceLoaderFindsTheThreeSolvers() {
    SolverRegistry solvers = Registries.discoverSolvers();
    assertInstanceOf(AnalyticRotatedSineSolverProvider.class, solvers.get("analytic-rotated-sine"));
    assertInstanceOf(AnalyticLinearSolverProvider.class, solvers.get("analytic-linear"));
    assertInstanceOf(AnalyticSimpleSolverProvider.class, solvers.get("analytic-simple"));
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

  @Test
  void providerMetadata() {
    for (String id : SOLVER_FOR_PROBLEM.keySet()) {
      InverseSolverProvider provider = Registries.discoverSolvers().get(id);
      assertEquals(id, provider.id());
      assertFalse(provider.description().isBlank());
      assertFalse(provider.description().contains("\n"), "one line");
      assertFalse(provider.version().isBlank());
    }
  }

  @Test
  void metaInfServicesListsExactlyTheProvidersOfTheModuleDescriptor() throws IOException {
    String service = InverseSolverProvider.class.getName();
    Module module = AnalyticLinearSolverProvider.class.getModule();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertNotNull(descriptor, "tests run inside the named module");
    assertTrue(descriptor.exports().isEmpty(), "exports nothing");
    Set<String> declared =
        descriptor.provides().stream()
            .filter(p -> p.service().equals(service))
            .flatMap(p -> p.providers().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    try (InputStream in = module.getResourceAsStream("META-INF/services/" + service)) {
      assertNotNull(in, "META-INF/services/" + service + " is missing");
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .collect(Collectors.toList());
      assertEquals(lines.size(), new TreeSet<>(lines).size(), "no duplicates: " + lines);
      assertEquals(declared, new TreeSet<>(lines));
    }
    assertTrue(
        declared.containsAll(
            List.of(
                AnalyticRotatedSineSolverProvider.class.getName(),
                AnalyticLinearSolverProvider.class.getName(),
                AnalyticSimpleSolverProvider.class.getName())),
        declared.toString());
  }
}
