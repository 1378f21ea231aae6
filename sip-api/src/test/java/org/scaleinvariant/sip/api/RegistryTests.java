package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
        return supports;
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
  void noSupportingSolverIsAnError() {
    SolverRegistry registry = new SolverRegistry(List.of(solver("gamma", false)));
    assertEquals(
        ErrorCode.UNSUPPORTED,
        assertThrows(SipException.class, () -> registry.select(identity(null), null)).code());
  }
}
