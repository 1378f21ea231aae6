package org.scaleinvariant.sip.testkit;

import java.util.List;
import java.util.Optional;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.problems.LinearMap;

/**
 * The contract for an EXACT solver that supports one problem class only: {@code Δx = A⁺(t − y)} on
 * {@link LinearMap}s. It overrides {@link #rescaled} to build linear maps with the matrix {@code
 * c·s·A}, so scale invariance is checked although the generic wrapper is not supported.
 */
class PseudoInverseContractTests extends InverseSolverContract {
  /** The pseudo-inverse of a linear map, from {@link LinearMap#pseudoInverse()}. */
  static final class Provider implements InverseSolverProvider {
    @Override
    public String id() {
      return "test-pseudo-inverse";
    }

    @Override
    public String description() {
      return "Δx = A⁺(t − y) on linear maps";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public boolean supports(Problem problem) {
      return problem instanceof LinearMap;
    }

    @Override
    public InverseSolver create(Problem problem, Options options) {
      if (!supports(problem)) {
        throw new SipException(ErrorCode.UNSUPPORTED, "problem '" + problem.id() + "' is not allowed; allowed: linear");
      }
      LinearMap map = (LinearMap) problem;
      double[] pinv = map.pseudoInverse();
      int n = map.inputSize();
      int m = map.outputSize();
      String id = id();
      return new InverseSolver() {
        @Override
        public String id() {
          return id;
        }

        @Override
        public Problem problem() {
          return map;
        }

        @Override
        public boolean isScaleInvariant() {
          return true;
        }

        @Override
        public void step(double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics d) {
          Checks.requireShape(x, "x", batch, n);
          Checks.requireShape(y, "y", batch, m);
          Checks.requireShape(t, "target", batch, m);
          Checks.requireShape(dx, "dx", batch, n);
          for (int b = 0; b < batch; b++) {
            for (int j = 0; j < n; j++) {
              double s = 0;
              for (int k = 0; k < m; k++) {
                s += pinv[j * m + k] * (t[b * m + k] - y[b * m + k]);
              }
              dx[b * n + j] = s;
            }
          }
          d.addSamples(batch);
        }
      };
    }
  }

  @Override
  protected InverseSolverProvider provider() {
    return new Provider();
  }

  @Override
  protected List<Problem> problems() {
    return List.of(problem("linear"), new LinearMap(3, 5, 10, 7), new LinearMap(5, 3, 10, 8));
  }

  @Override
  protected SolverKind kind() {
    return SolverKind.EXACT;
  }

  @Override
  protected boolean checkRegistration() {
    return false;
  }

  /** P'(x') = c·A·(s·x') is the linear map with matrix c·s·A. */
  @Override
  protected Optional<Problem> rescaled(Problem problem, double outputScale, double inputScale) {
    return Optional.of(KitProblems.rescaled((LinearMap) problem, outputScale, inputScale));
  }
}
