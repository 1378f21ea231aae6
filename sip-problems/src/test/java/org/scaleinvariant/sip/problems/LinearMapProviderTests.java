package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.SipException;

/** The linear-map provider: declared parameters and defaults, the matrix text, validation. */
class LinearMapProviderTests {
  private final LinearMapProvider provider = new LinearMapProvider();

  @Test
  void defaultsArePinned() {
    // n = m = 8 (interior singular values, cheap on two cores), κ = 1e3 (AᵀA then has 1e6, about
    // the rotated sine's defaults), seed 0, x in [−1, 1)ⁿ.
    assertEquals(8, LinearMap.DEFAULT_N);
    assertEquals(8, LinearMap.DEFAULT_M);
    assertEquals(1e3, LinearMap.DEFAULT_CONDITION);
    assertEquals(0, LinearMap.DEFAULT_MATRIX_SEED);
    assertEquals(1, LinearMap.INPUT_HALF_WIDTH);
  }

  @Test
  void parametersAreDeclaredWithTheirDefaults() {
    List<ParameterSpec> specs = provider.parameters();
    assertEquals(
        List.of("n", "m", "condition", "matrixSeed", "matrix"),
        specs.stream().map(ParameterSpec::name).collect(Collectors.toList()));
    assertEquals(
        java.util.Arrays.asList("8", "8", "1000", "0", null),
        specs.stream().map(ParameterSpec::defaultValue).collect(Collectors.toList()));
    assertEquals("an integer in [1, 1024]", specs.get(0).allowed());
    assertEquals("a finite number in [1, 1000000000000]", specs.get(2).allowed());
    assertEquals(ParameterSpec.Kind.MATRIX, specs.get(4).kind());
  }

  @Test
  void emptyOptionsCreateTheDefaultProblem() {
    LinearMap problem = provider.create(Options.empty());
    assertEquals(
        Map.of("n", "8", "m", "8", "condition", "1000", "matrixSeed", "0"), problem.parameters().asMap());
    assertEquals(8, problem.inputSize());
    assertEquals(8, problem.outputSize());
    assertEquals(8, problem.rank());
    double[] sigma = problem.singularValues();
    assertEquals(1, sigma[0], 1e-14);
    assertEquals(1e-3, sigma[7], 1e-14);
    assertEquals("linear{n=8, m=8, condition=1000, matrixSeed=0}", problem.toString());
  }

  @Test
  void aGivenMatrixSetsTheSizesAndIsCanonicalised() {
    LinearMap problem = provider.create(Options.of(Map.of("matrix", " 1, 2.0, 3 ; 4,5,6 ")));
    assertEquals(3, problem.inputSize());
    assertEquals(2, problem.outputSize());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, problem.matrix(), 0);
    assertEquals("1,2,3;4,5,6", problem.parameters().getString("matrix"));
    assertEquals("3", problem.parameters().getString("n"));
    assertEquals("2", problem.parameters().getString("m"));
    // consistent n and m may be given as well
    assertEquals(3, provider.create(Options.of(Map.of("matrix", "1,2,3;4,5,6", "n", "3", "m", "2"))).inputSize());
  }

  @Test
  void resolvedParametersRecreateAnEqualProblem() {
    for (LinearMap problem :
        List.of(new LinearMap(3, 5, 42.5, 17), new LinearMap(new double[][] {{0.1, 0.2}, {1e-3, -7}}))) {
      LinearMap again = provider.create(problem.parameters());
      assertEquals(problem.parameters(), again.parameters());
      assertArrayEquals(problem.matrix(), again.matrix());
    }
  }

  @Test
  void sizesThatContradictTheMatrixAreRejected() {
    SipException e =
        assertThrows(
            SipException.class, () -> provider.create(Options.of(Map.of("matrix", "1,2;3,4", "n", "3"))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals(
        "n = '3' is not allowed; allowed: 2, the number of columns of the given matrix", e.getMessage());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> provider.create(Options.of(Map.of("matrix", "1,2", "m", "2"))))
            .code());
  }

  @Test
  void aMatrixLargerThanTheLimitIsRejected() {
    String wide = "0" + ",0".repeat(LinearMap.MAX_SIZE);
    SipException e =
        assertThrows(SipException.class, () -> provider.create(Options.of(Map.of("matrix", wide))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("matrix has 1025 columns; allowed: at most 1024", e.getMessage());
  }

  @ParameterizedTest(name = "{0} = ''{1}'' is rejected")
  @CsvSource(
      delimiter = '|',
      value = {
        "n|0",
        "n|1025",
        "m|-1",
        "m|2.5",
        "condition|0.5",
        "condition|1e13",
        "condition|NaN",
        "matrixSeed|-1",
        "matrix|1,2;3",
        "matrix|1,x",
        "matrix|''",
        "matrix|1,NaN",
        "size|2",
      })
  void invalidOptionsAreRejectedAsInvalidArgument(String key, String value) {
    SipException e =
        assertThrows(SipException.class, () -> provider.create(Options.of(Map.of(key, value))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void invalidConstructorArgumentsAreRejectedAsInvalidArgument() {
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new LinearMap(0, 2, 10, 1)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new LinearMap(new double[][] {})).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new LinearMap(new double[][] {{1, 2}, {3}})).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new LinearMap(new double[][] {{Double.NaN}})).code());
  }

  @Test
  void problemAndProviderMetadata() {
    LinearMap problem = provider.create(Options.empty());
    assertEquals("linear", problem.id());
    assertEquals(Optional.of("analytic-linear"), problem.preferredSolver());
    assertEquals(List.of(64, 64), problem.defaultHiddenLayers());
    assertTrue(problem.hasGroundTruth());
    assertTrue(problem.exactSolutions().isPresent());
    assertFalse(problem.recommendsInputStandardization());
    assertEquals("linear", provider.id());
    assertFalse(provider.description().isBlank());
    assertFalse(provider.description().contains("\n"), "one line");
  }
}
