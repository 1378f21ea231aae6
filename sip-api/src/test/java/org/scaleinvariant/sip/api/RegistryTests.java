package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTests {

  /** A minimal 1-D problem y = x, with a configurable preferred solver. */
  private static Problem identity(String preferred) {
    return new Problem() {
      @Override
      public String id() {
        return "identity";
      }

      @Override
      public Options parameters() {
        return Options.empty();
      }

      @Override
      public int inputSize() {
        return 1;
      }

      @Override
      public int outputSize() {
        return 1;
      }

      @Override
      public void forward(double[] x, double[] y, int batch) {
        System.arraycopy(x, 0, y, 0, batch);
      }

      @Override
      public void jacobian(double[] x, double[] jacobian, int batch) {
        java.util.Arrays.fill(jacobian, 0, batch, 1.0);
      }

      @Override
      public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
        System.arraycopy(cotangent, 0, out, 0, batch);
      }

      @Override
      public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
        java.util.Arrays.fill(out, 0, batch, 0.0);
      }

      @Override
      public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
        for (int i = 0; i < batch; i++) {
          yStar[i] = random.nextDouble();
        }
      }

      @Override
      public Optional<String> preferredSolver() {
        return Optional.ofNullable(preferred);
      }
    };
  }

  private static InverseSolverProvider solver(String id, boolean supports) {
    return solver(id, problem -> supports);
  }

  private static InverseSolverProvider solver(String id, java.util.function.Predicate<Problem> supports) {
    return new InverseSolverProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return "test solver " + id;
      }

      @Override
      public List<ParameterSpec> parameters() {
        return List.of();
      }

      @Override
      public boolean supports(Problem problem) {
        return supports.test(problem);
      }

      @Override
      public InverseSolver create(Problem problem, Options options) {
        throw new SipException(ErrorCode.UNSUPPORTED, "not used in this test");
      }
    };
  }

  @Test
  void unknownIdListsTheKnownIds() {
    SolverRegistry registry = new SolverRegistry(List.of(solver("zeta", true), solver("alpha", true)));
    SipException e = assertThrows(SipException.class, () -> registry.get("newtn"));
    assertEquals(ErrorCode.UNKNOWN_ID, e.code());
    assertEquals("unknown solver 'newtn'; known: alpha, zeta", e.getMessage());
    assertEquals(List.of("alpha", "zeta"), registry.ids());
  }

  @Test
  void duplicateIdsNameBothProviders() {
    SipException e =
        assertThrows(
            SipException.class, () -> new SolverRegistry(List.of(solver("a", true), solver("a", false))));
    assertEquals(ErrorCode.DUPLICATE_ID, e.code());
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
  }

  @Test
  void selectPrefersTheProblemsChoiceThenTheFirstSupportingSolver() {
    InverseSolverProvider alpha = solver("alpha", true);
    InverseSolverProvider beta = solver("beta", true);
    InverseSolverProvider gamma = solver("gamma", false);
    SolverRegistry registry = new SolverRegistry(List.of(gamma, beta, alpha));
    assertSame(beta, registry.select(identity("beta"), null));
    assertSame(alpha, registry.select(identity("missing"), null));
    assertSame(alpha, registry.select(identity("gamma"), ""), "preferred but unsupported is skipped");
    assertSame(beta, registry.select(identity(null), "beta"));
    SipException e = assertThrows(SipException.class, () -> registry.select(identity(null), "gamma"));
    assertEquals(ErrorCode.UNSUPPORTED, e.code());
    assertTrue(e.getMessage().endsWith("solvers that do: [alpha, beta]"), e.getMessage());
  }

  @Test
  void idsMatchIgnoringCaseAndKeepTheirSpelling() {
    InverseSolverProvider mixed = solver("MyGN", true);
    SolverRegistry registry = new SolverRegistry(List.of(mixed, solver("alpha", true)));
    assertSame(mixed, registry.get("mygn"));
    assertSame(mixed, registry.get("MYGN"));
    assertSame(mixed, registry.find("myGn").orElseThrow());
    assertEquals(List.of("alpha", "MyGN"), registry.ids());
    SipException e =
        assertThrows(SipException.class, () -> new SolverRegistry(List.of(solver("MyGN", true), solver("mygn", true))));
    assertEquals(ErrorCode.DUPLICATE_ID, e.code());
  }

  @Test
  void aSolverWhoseSupportsThrowsDoesNotHideTheAnswerAboutTheOthers() {
    InverseSolverProvider broken =
        solver("broken", problem -> {
          throw new NullPointerException("supports failed");
        });
    SolverRegistry registry = new SolverRegistry(List.of(broken, solver("beta", true), solver("gamma", false)));
    assertEquals(List.of("beta"), registry.supportingIds(identity(null)));
    assertEquals("beta", registry.select(identity(null), null).id());
    SipException e = assertThrows(SipException.class, () -> registry.select(identity(null), "gamma"));
    assertEquals("solver 'gamma' does not support problem 'identity'; solvers that do: [beta]", e.getMessage());
    assertThrows(NullPointerException.class, () -> registry.select(identity(null), "broken"),
        "the solver asked for by id reports its own failure");
  }

  @Test
  void noSupportingSolverIsAnError() {
    SolverRegistry registry = new SolverRegistry(List.of(solver("gamma", false)));
    assertEquals(
        ErrorCode.UNSUPPORTED,
        assertThrows(SipException.class, () -> registry.select(identity(null), null)).code());
  }

  @Test
  void askingForAProviderThatFailedToLoadGivesItsReason() {
    SolverRegistry registry =
        new SolverRegistry(
            List.of(solver("alpha", true)),
            List.of(new ProviderFailure("broken", "/plugins/broken.jar", "constructor threw IllegalStateException: no licence")));
    SipException e = assertThrows(SipException.class, () -> registry.get("broken"));
    assertEquals(ErrorCode.LOAD_FAILED, e.code());
    assertEquals(
        "solver 'broken' failed to load from /plugins/broken.jar: constructor threw IllegalStateException: no licence",
        e.getMessage());
    assertEquals(ErrorCode.LOAD_FAILED, assertThrows(SipException.class, () -> registry.select(identity(null), "broken")).code());
    assertEquals(1, registry.failures().size());
    assertEquals(
        "'broken' from /plugins/broken.jar: constructor threw IllegalStateException: no licence",
        registry.failures().get(0).describe());
    assertEquals("'x': gone", new ProviderFailure("x", null, "gone").describe());
    SipException unknown = assertThrows(SipException.class, () -> registry.get("gamma"));
    assertEquals(ErrorCode.UNKNOWN_ID, unknown.code(), "a failure with a known id does not explain another id");
    assertEquals("unknown solver 'gamma'; known: alpha", unknown.getMessage());
  }

  @Test
  void anUnknownIdListsTheFailuresWhoseIdIsNotKnown() {
    ProviderRegistry<ProblemProvider> registry =
        new ProviderRegistry<>(
            "problem", List.of(), List.of(new ProviderFailure(null, "/plugins/odd.jar", "Provider com.example.Odd not found")));
    SipException e = assertThrows(SipException.class, () -> registry.get("odd"));
    assertEquals(ErrorCode.LOAD_FAILED, e.code());
    assertEquals(
        "unknown problem 'odd'; known: (none discovered); failed to load: /plugins/odd.jar: Provider com.example.Odd not found",
        e.getMessage());
  }

  @Test
  void originNamesTheModuleAndItsLocation() {
    String origin = Registries.origin(solver("alpha", true));
    assertTrue(origin.contains(" from module org.scaleinvariant.sip.api ("), origin);
    Path location = Registries.location(RegistryTests.class).orElseThrow();
    assertTrue(Files.exists(location), location.toString());
    assertTrue(origin.endsWith("(" + location + ")"), origin + " vs " + location);
    assertEquals(Optional.empty(), Registries.location(String.class), "JDK modules have no file location");
    assertEquals("module java.base", Registries.where(String.class));
  }

  @Test
  void aServicesFileNamingAMissingClassIsReportedNotThrown(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + InverseSolverProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "# a plugin whose class was left out of the jar\ncom.example.Missing\n");
    List<ProviderFailure> failures = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, RegistryTests.class.getClassLoader())) {
      List<InverseSolverProvider> found = Registries.providersDefinedBy(loader, InverseSolverProvider.class, failures::add);
      assertEquals(List.of(), found);
    }
    assertEquals(1, failures.size(), failures.toString());
    assertEquals("Provider com.example.Missing not found", failures.get(0).reason());
    assertEquals(null, failures.get(0).id());
  }

  @Test
  void onlyTheTwoProviderTypesCanBeLookedUp() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Provider> other = (Class) Provider.class;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Registries.providersIn(ModuleLayer.boot(), other, f -> {}));
    assertTrue(e.getMessage().contains("allowed: InverseSolverProvider, ProblemProvider"), e.getMessage());
  }

  @Test
  void reasonsAreOneLineWithTheInnermostCause() {
    ServiceConfigurationError error =
        new ServiceConfigurationError(
            InverseSolverProvider.class.getName() + ": Provider com.example.Broken could not be instantiated",
            new IllegalStateException("no\nlicence"));
    assertEquals(
        "Provider com.example.Broken could not be instantiated: IllegalStateException: no licence",
        Registries.reason(error));
    assertEquals("NoClassDefFoundError: org/hipparchus/Missing", Registries.reason(new NoClassDefFoundError("org/hipparchus/Missing")));
  }
}
