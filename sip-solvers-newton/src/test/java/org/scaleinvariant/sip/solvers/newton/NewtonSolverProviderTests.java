package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.testkit.Close;
import org.scaleinvariant.sip.testkit.Vectors;

/**
 * Options, defaults and the supported-problem rule of the {@code newton} provider (its metadata,
 * registrations and discovery are checked by the conformance kit: {@code NewtonContractTests}).
 */
class NewtonSolverProviderTests {
  private final NewtonSolverProvider provider = new NewtonSolverProvider();

  @Test
  void declaresTheFloorWithItsDefaultAndTheCapWithout() {
    Map<String, ParameterSpec> specs =
        provider.parameters().stream().collect(Collectors.toMap(ParameterSpec::name, s -> s));
    assertEquals(List.of("eigenvalueFloor", "maxLossChange"), provider.parameters().stream().map(ParameterSpec::name).collect(Collectors.toList()));
    assertEquals(1e-12, Double.parseDouble(specs.get("eigenvalueFloor").defaultValue()));
    assertNull(specs.get("maxLossChange").defaultValue(), "the cap is off unless given");
  }

  @Test
  void defaultFloorSitsBetweenRoundingAndTheRotatedSinesCurvatureRatio() {
    // The reasoning of NewtonSolver.DEFAULT_EIGENVALUE_FLOOR, as numbers: at ξ = 128 the genuine
    // eigenvalue ratio near a solution is up to 1/ξ⁴ ≈ 3.7e-9, at least 1000 times above the floor;
    // and the floor is at least 1000 times the rounding level ε ≈ 2.2e-16.
    double floor = NewtonSolver.DEFAULT_EIGENVALUE_FLOOR;
    assertEquals(1e-12, floor);
    assertTrue(floor * 1000 < Math.pow(128, -4));
    assertTrue(floor > 1000 * Math.ulp(1.0));
  }

  @Test
  void createsASolverWithDefaultsOrGivenOptions() {
    MixedProblem p = new MixedProblem();
    NewtonSolver defaults = (NewtonSolver) provider.create(p, Options.empty());
    assertEquals("newton", defaults.id());
    assertSame(p, defaults.problem());
    assertEquals(1e-12, defaults.eigenvalueFloor());
    assertTrue(Double.isNaN(defaults.maxLossChange()));
    assertTrue(defaults.isScaleInvariant());
    NewtonSolver given =
        (NewtonSolver) provider.create(p, Options.empty().with("eigenvalueFloor", "1e-10").with("maxLossChange", "0.25"));
    assertEquals(1e-10, given.eigenvalueFloor());
    assertEquals(0.25, given.maxLossChange());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "eigenvalueFloor, -1",
    "eigenvalueFloor, NaN",
    "eigenvalueFloor, 0",
    "eigenvalueFloor, 2",
    "eigenvalueFloor, Infinity",
    "eigenvalueFloor, abc",
    "maxLossChange, 0",
    "maxLossChange, -1",
    "maxLossChange, NaN",
    "maxLossChange, Infinity",
    "floor, 1e-12"
  })
  void rejectsInvalidOptions(String key, String value) {
    SipException e =
        assertThrows(SipException.class, () -> provider.create(new MixedProblem(), Options.empty().with(key, value)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
  }

  @Test
  void rejectsProblemsOutsideItsSizeLimits() {
    TestProblem tooWide = QuadraticProblem.linear(NewtonSolver.MAX_INPUT_SIZE + 1, 1, new double[NewtonSolver.MAX_INPUT_SIZE + 1]);
    TestProblem noOutputs = QuadraticProblem.linear(2, 0, new double[0]);
    TestProblem widest = QuadraticProblem.linear(NewtonSolver.MAX_INPUT_SIZE, 1, new double[NewtonSolver.MAX_INPUT_SIZE]);
    assertTrue(provider.supports(widest));
    assertTrue(provider.supports(new RotatedSineProblem(1, 0)));
    for (TestProblem p : new TestProblem[] {tooWide, noOutputs}) {
      assertFalse(provider.supports(p));
      SipException e = assertThrows(SipException.class, () -> provider.create(p, Options.empty()));
      assertEquals(ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
      assertEquals(
          ErrorCode.UNSUPPORTED,
          assertThrows(SipException.class, () -> new NewtonSolver(p, 1e-12, Double.NaN)).code());
    }
  }

  @Test
  void solvesAWideProblemThroughTheLibraryPath() {
    // n = 8, m = 5: A has rank 5, so H = AᵀA has three zero eigenvalues. They are floored and
    // counted, and A·Δx = t holds. In the null directions rounding leaves g̃ᵢ ≈ ε·‖g‖ instead of 0,
    // which the floor turns into step components of about ε/φ ≈ 2.2e-4 relative to the step: Δx is
    // the minimum-norm solution Aᵀ(AAᵀ)⁻¹t up to that (measured 1.6e-4; tolerance 1e-3).
    double[] a = new double[5 * 8];
    for (int k = 0; k < 5; k++) {
      a[k * 8 + k] = 1 + k;
      a[k * 8 + k + 3] = 0.5;
    }
    TestProblem p = QuadraticProblem.linear(8, 5, a);
    InverseSolver solver = provider.create(p, Options.empty());
    double[] x = new double[8];
    double[] t = {1, 2, 3, 4, 5};
    double[] dx = new double[8];
    SolverDiagnostics d = new SolverDiagnostics();
    solver.step(x, p.value(x), t, dx, 1, d);
    Close.assertAllClose(t, p.value(dx), 1e-12, 0, "A·Δx = t");
    assertEquals(3, d.regularized());
    assertEquals(0, d.failed());
    RealMatrix matrix = MatrixUtils.createRealMatrix(5, 8);
    for (int k = 0; k < 5; k++) {
      for (int j = 0; j < 8; j++) {
        matrix.setEntry(k, j, a[k * 8 + j]);
      }
    }
    double[] minimumNorm =
        matrix
            .transpose()
            .operate(new LUDecomposition(matrix.multiply(matrix.transpose())).getSolver().solve(new ArrayRealVector(t)))
            .toArray();
    Close.assertAllClose(minimumNorm, dx, 1e-3 * Vectors.norm(minimumNorm), 0, "Δx vs Aᵀ(AAᵀ)⁻¹t");
  }
}
