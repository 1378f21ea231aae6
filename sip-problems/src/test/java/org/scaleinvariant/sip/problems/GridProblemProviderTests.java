package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;

/** The heat and Poisson providers: defaults, validation, metadata and discovery. */
class GridProblemProviderTests {

  @Test
  void heatDefaultsArePinnedToThePublishedExperiment() {
    // Holl et al. 2022, heat: 64×64 unit cells, ν·T = 8 → 8/64² on the unit domain; 2-D; 4 to 10
    // rectangles with half-widths below 10 cells of 64, centres in [0.1, 0.9], strengths in [0, 1).
    assertEquals(8.0 / (64 * 64), HeatEquation.DEFAULT_AMOUNT);
    assertEquals(2, HeatEquation.DEFAULT_DIMENSIONS);
    assertEquals(32, HeatEquation.DEFAULT_SIZE);
    assertEquals(4, HeatEquation.MIN_RECTANGLES);
    assertEquals(10, HeatEquation.MAX_RECTANGLES);
    assertEquals(10.0 / 64, HeatEquation.MAX_HALF_WIDTH);
    assertEquals(0.1, HeatEquation.CENTER_MIN);
    assertEquals(0.9, HeatEquation.CENTER_MAX);
    assertEquals(1, HeatEquation.MAX_STRENGTH);
    // Poisson: the published Noise() drops ‖k‖² ≤ 4.096 (scale 10 on 64 cells).
    assertEquals(4, PoissonEquation.NOISE_MIN_SQUARED_WAVENUMBER);
    assertEquals(32, PoissonEquation.DEFAULT_SIZE);
  }

  @Test
  void parametersAreDeclaredWithTheirDefaults() {
    List<ParameterSpec> heat = new HeatEquationProvider().parameters();
    assertEquals(List.of("dimensions", "size", "amount"), names(heat));
    assertEquals(
        List.of("2", "32", "0.001953125"),
        heat.stream().map(ParameterSpec::defaultValue).collect(Collectors.toList()));
    List<ParameterSpec> poisson = new PoissonEquationProvider().parameters();
    assertEquals(List.of("size"), names(poisson));
    assertEquals("32", poisson.get(0).defaultValue());
  }

  private static List<String> names(List<ParameterSpec> specs) {
    return specs.stream().map(ParameterSpec::name).collect(Collectors.toList());
  }

  @Test
  void emptyOptionsCreateTheDefaultProblems() {
    HeatEquation heat = new HeatEquationProvider().create(Options.empty());
    assertEquals(Map.of("dimensions", "2", "size", "32", "amount", "0.001953125"), heat.parameters().asMap());
    assertEquals(1024, heat.inputSize());
    assertEquals(1024, heat.outputSize());
    assertEquals("heat{dimensions=2, size=32, amount=0.001953125}", heat.toString());
    PoissonEquation poisson = new PoissonEquationProvider().create(Options.empty());
    assertEquals(1024, poisson.inputSize());
    assertEquals("poisson{size=32}", poisson.toString());
  }

  @Test
  void thePublishedGridAndTheLargestGridsAreAllowed() {
    HeatEquation published = new HeatEquationProvider().create(Options.of(Map.of("size", "64")));
    assertEquals(4096, published.inputSize());
    assertEquals(16384, new HeatEquation(1, 16384, 1e-6).inputSize());
    assertEquals(128 * 128, new HeatEquation(2, 128, 1e-3).inputSize());
    assertEquals(128 * 128, new PoissonEquation(128).inputSize());
    HeatEquation resolved = new HeatEquationProvider().create(published.parameters());
    assertEquals(published.parameters(), resolved.parameters());
  }

  @ParameterizedTest(name = "heat {0} = ''{1}'' is rejected")
  @CsvSource({
    "size, 48",
    "size, 4",
    "size, 256",
    "size, 0",
    "dimensions, 3",
    "dimensions, 0",
    "amount, 0",
    "amount, -1",
    "amount, NaN",
    "amount, Infinity",
    "viscosity, 1",
  })
  void invalidHeatOptionsAreRejectedAsInvalidArgument(String key, String value) {
    SipException e =
        assertThrows(SipException.class, () -> new HeatEquationProvider().create(Options.of(Map.of(key, value))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @ParameterizedTest(name = "poisson size = ''{0}'' is rejected")
  @ValueSource(strings = {"48", "4", "256", "-8", "x"})
  void invalidPoissonSizesAreRejectedAsInvalidArgument(String value) {
    SipException e =
        assertThrows(
            SipException.class, () -> new PoissonEquationProvider().create(Options.of(Map.of("size", value))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("size"), e.getMessage());
  }

  @Test
  void aNonPowerOfTwoSizeIsExplainedWithTheAllowedRange() {
    SipException e = assertThrows(SipException.class, () -> new HeatEquation(2, 48, 1e-3));
    assertTrue(e.getMessage().contains("power of two in [8, 128]"), e.getMessage());
    e = assertThrows(SipException.class, () -> new HeatEquation(1, 48, 1e-3));
    assertTrue(e.getMessage().contains("power of two in [8, 16384]"), e.getMessage());
  }

  @Test
  void problemMetadata() {
    HeatEquation heat = new HeatEquation(1, 64, HeatEquation.DEFAULT_AMOUNT);
    assertEquals("heat", heat.id());
    assertEquals(Optional.of("analytic-heat"), heat.preferredSolver());
    assertEquals(List.of(256, 256), heat.defaultHiddenLayers());
    assertTrue(heat.exactSolutions().isEmpty(), "ill-posed: the x metric uses the ground truth");
    assertTrue(heat.hasGroundTruth());
    assertFalse(heat.recommendsInputStandardization());
    assertEquals(1, heat.dimensions());
    assertEquals(64, heat.size());
    PoissonEquation poisson = new PoissonEquation(16);
    assertEquals("poisson", poisson.id());
    assertEquals(Optional.of("analytic-poisson"), poisson.preferredSolver());
    assertEquals(List.of(256, 256), poisson.defaultHiddenLayers());
    assertTrue(poisson.exactSolutions().isPresent());
    assertTrue(poisson.hasGroundTruth());
    assertTrue(poisson.recommendsInputStandardization());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heat", "poisson"})
  void serviceLoaderDiscoversTheProviderThroughTheModuleDescriptor(String id) {
    ProblemProvider found = Registries.discoverProblems().get(id);
    assertEquals(id, found.id());
    assertEquals("org.scaleinvariant.sip.problems", found.getClass().getModule().getName());
    assertFalse(found.description().isBlank());
    assertFalse(found.description().contains("\n"), "one line");
    assertFalse(found.version().isBlank());
    Problem problem = found.create(Options.empty());
    Class<?> expected = id.equals("heat") ? HeatEquation.class : PoissonEquation.class;
    assertEquals(expected, problem.getClass());
    assertEquals(id, problem.id());
  }
}
