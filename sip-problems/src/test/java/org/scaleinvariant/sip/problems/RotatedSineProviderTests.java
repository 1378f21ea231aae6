package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.problems.RotatedSine.Form;

/** The provider: declared parameters and defaults, validation, metadata and discovery. */
class RotatedSineProviderTests {
  private final RotatedSineProvider provider = new RotatedSineProvider();

  @Test
  void defaultsArePinnedToThePaperSetup() {
    // Holl et al. 2022 / the chapter's Fig. 22: ξ = 32 is the ill-conditioned case; γ = 10 and the
    // paper form are the experiment's code; φ = 45° is this project's choice (x1 and x2 mixed
    // equally); the target box [−1, 1] is the experiment's.
    assertEquals(32, RotatedSine.DEFAULT_XI);
    assertEquals(45, RotatedSine.DEFAULT_PHI_DEGREES);
    assertEquals("paper", RotatedSine.DEFAULT_FORM);
    assertEquals(10, RotatedSine.DEFAULT_GAMMA);
    assertEquals(1, RotatedSine.PAPER_TARGET_HALF_WIDTH);
    assertEquals(1, RotatedSine.BOOK_INPUT_HALF_WIDTH);
    assertEquals(Form.PAPER, Form.fromId(RotatedSine.DEFAULT_FORM));
  }

  @Test
  void parametersAreDeclaredWithTheirDefaults() {
    List<ParameterSpec> specs = provider.parameters();
    assertEquals(
        List.of("xi", "phi", "form", "gamma", "branches"),
        specs.stream().map(ParameterSpec::name).collect(Collectors.toList()));
    assertEquals(
        List.of("32", "45", "paper", "10", "1"),
        specs.stream().map(ParameterSpec::defaultValue).collect(Collectors.toList()));
    assertEquals("a finite number in [1.0E-6, 1000000]", specs.get(0).allowed());
    assertEquals("a finite number in [-360, 360]", specs.get(1).allowed());
    assertEquals("one of: paper, book", specs.get(2).allowed());
    assertTrue(specs.get(1).description().contains("degrees"));
    assertTrue(specs.get(3).description().contains("ignored by form=book"));
  }

  @Test
  void emptyOptionsCreateTheDefaultProblem() {
    RotatedSine problem = provider.create(Options.empty());
    assertEquals(
        Map.of("xi", "32", "phi", "45", "form", "paper", "gamma", "10", "branches", "1"),
        problem.parameters().asMap());
    assertEquals(32, problem.xi());
    assertEquals(45, problem.phiDegrees());
    assertEquals(Form.PAPER, problem.form());
    assertEquals(10, problem.gamma());
    // paper: (A, a, B) = (1, γ/ξ, γξ) = (1, 10/32, 320)
    assertEquals(1, problem.amplitude());
    assertEquals(0.3125, problem.frequency());
    assertEquals(320, problem.gain());
    assertEquals("rotated-sine{xi=32, phi=45, form=paper, gamma=10, branches=1}", problem.toString());
  }

  @Test
  void bookFormUsesXiOnlyAndCanonicalisesItsParameters() {
    RotatedSine problem =
        provider.create(Options.of(Map.of("form", "BOOK", "xi", " 4.0", "phi", "-30", "gamma", "3")));
    assertEquals(Form.BOOK, problem.form());
    assertEquals(
        Map.of("xi", "4", "phi", "-30", "form", "book", "gamma", "3", "branches", "1"),
        problem.parameters().asMap());
    // book: (A, a, B) = (1/ξ, 1, ξ) = (0.25, 1, 4)
    assertEquals(0.25, problem.amplitude());
    assertEquals(1, problem.frequency());
    assertEquals(4, problem.gain());
  }

  @Test
  void problemMetadata() {
    RotatedSine paper = provider.create(Options.empty());
    RotatedSine book = provider.create(Options.empty().with("form", "book"));
    for (Problem problem : List.of(paper, book)) {
      assertEquals("rotated-sine", problem.id());
      assertEquals(2, problem.inputSize());
      assertEquals(2, problem.outputSize());
      assertEquals(Optional.of("newton"), problem.preferredSolver());
      assertEquals(List.of(32, 64, 32), problem.defaultHiddenLayers());
      assertTrue(problem.exactSolutions().isPresent());
    }
    // book targets have scales 1/ξ and ξ; paper targets are uniform in [−1, 1]².
    assertTrue(book.recommendsInputStandardization());
    assertFalse(paper.recommendsInputStandardization());
  }

  @Test
  void resolvedParametersRecreateAnEqualProblem() {
    RotatedSine problem = new RotatedSine(0.5, -12.5, Form.BOOK, 2);
    RotatedSine again = provider.create(problem.parameters());
    assertEquals(problem.parameters(), again.parameters());
    assertEquals(0.5, again.xi());
    assertEquals(-12.5, again.phiDegrees());
  }

  @ParameterizedTest(name = "{0} = ''{1}'' is rejected")
  @CsvSource({
    "xi, 0",
    "xi, -1",
    "xi, NaN",
    "xi, Infinity",
    "xi, abc",
    "phi, 360.5",
    "phi, -400",
    "phi, NaN",
    "gamma, 0",
    "gamma, -3",
    "xi, 1e308",
    "xi, 1.0000001e6",
    "xi, 9.99e-7",
    "gamma, 1e-308",
    "gamma, 2e6",
    "form, fancy",
    "zeta, 1",
  })
  void invalidOptionsAreRejectedAsInvalidArgument(String key, String value) {
    SipException e =
        assertThrows(SipException.class, () -> provider.create(Options.of(Map.of(key, value))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void theEndsOfTheScaleRangeAreAllowedAndGiveFiniteValues() {
    for (String scale : List.of("1e-6", "1e6")) {
      Problem problem = provider.create(Options.of(Map.of("xi", scale, "gamma", scale)));
      double[] y = new double[2];
      problem.forward(new double[] {0.7, -0.4}, y, 1);
      assertTrue(Double.isFinite(y[0]) && Double.isFinite(y[1]), scale + ": " + y[0] + ", " + y[1]);
    }
  }

  @Test
  void unknownKeysAreAnsweredWithTheKnownOnes() {
    SipException e =
        assertThrows(
            SipException.class, () -> provider.create(Options.of(Map.of("omega", "1"))));
    assertTrue(e.getMessage().contains("xi, phi, form, gamma"), e.getMessage());
  }

  @Test
  void invalidConstructorArgumentsAreRejectedAsInvalidArgument() {
    assertInvalid(() -> new RotatedSine(0, 45, Form.PAPER, 10));
    assertInvalid(() -> new RotatedSine(Double.NaN, 45, Form.PAPER, 10));
    assertInvalid(() -> new RotatedSine(32, 361, Form.PAPER, 10));
    assertInvalid(() -> new RotatedSine(32, Double.POSITIVE_INFINITY, Form.BOOK, 10));
    assertInvalid(() -> new RotatedSine(32, 45, Form.BOOK, -1));
    assertInvalid(() -> Form.fromId("fancy"));
  }

  @Test
  void providerMetadata() {
    assertEquals("rotated-sine", provider.id());
    assertFalse(provider.description().isBlank());
    assertFalse(provider.description().contains("\n"), "one line");
    assertTrue(provider.description().contains("gamma"), provider.description());
    assertFalse(provider.version().isBlank());
  }

  @Test
  void serviceLoaderDiscoversTheProviderThroughTheModuleDescriptor() {
    ProblemProvider found = Registries.discoverProblems().get("rotated-sine");
    assertInstanceOf(RotatedSineProvider.class, found);
    // Tests run inside the named module (surefire patches them in), where ServiceLoader reads
    // `provides` from module-info.java and ignores META-INF/services.
    assertEquals(
        "org.scaleinvariant.sip.problems", RotatedSineProvider.class.getModule().getName());
    assertInstanceOf(RotatedSine.class, found.create(Options.empty()));
  }

  @Test
  void metaInfServicesListsTheProviderForClassPathUsers() throws IOException {
    String name = "META-INF/services/org.scaleinvariant.sip.api.ProblemProvider";
    try (InputStream in = RotatedSineProvider.class.getModule().getResourceAsStream(name)) {
      assertTrue(in != null, name + " is missing");
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .collect(Collectors.toList());
      // other problems of this module are listed too (ProviderRegistrationTests checks the whole file)
      assertTrue(lines.contains(RotatedSineProvider.class.getName()), lines.toString());
    }
  }

  private static void assertInvalid(Executable call) {
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, call).code());
  }
}
