package org.scaleinvariant.sip.solvers.newton;

import static org.scaleinvariant.sip.testkit.Close.assertAllClose;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.testkit.Vectors;
import org.scaleinvariant.sip.testkit.RescaledProblem;

/**
 * The test problems' derivatives are what they claim: their Jacobians and weighted output Hessians
 * agree with central finite differences of their values and Jacobians (step h = 1e-5, truncation
 * error O(h²) ≈ 1e-10 times the third derivatives, rounding ≈ 1e-16/h ≈ 1e-11 of the values; the
 * tolerance 1e-7 of the largest entry leaves room for both).
 */
class TestProblemsTests {
  private static final double H = 1e-5;

  static java.util.stream.Stream<Integer> seeds() {
    return Numerics.seeds(40);
  }

  /** Problems of all kinds, chosen by the seed. */
  static Problem problem(int seed) {
    SplittableRandom random = new SplittableRandom(1000 + seed);
    switch (seed % 4) {
      case 0:
        return new MixedProblem();
      case 1:
        return new RotatedSineProblem(random.nextDouble(1, 16), random.nextDouble(0, 90));
      case 2:
        int n = 1 + random.nextInt(4);
        int m = 1 + random.nextInt(4);
        double[] q = Vectors.uniform(random, m * n * n, -1, 1);
        for (int k = 0; k < m; k++) { // make each Qₖ symmetric
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
              q[k * n * n + i * n + j] = q[k * n * n + j * n + i];
            }
          }
        }
        return new QuadraticProblem(
            n, m, Vectors.uniform(random, m * n, -1, 1), Vectors.uniform(random, m, -1, 1), q);
      default:
        return new RescaledProblem(new MixedProblem(), random.nextDouble(0.5, 3), random.nextDouble(0.5, 2));
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void jacobianMatchesFiniteDifferencesOfTheValue(int seed) {
    Problem p = problem(seed);
    int n = p.inputSize();
    int m = p.outputSize();
    double[] x = Vectors.uniform(new SplittableRandom(seed), n, -1, 1);
    double[] jac = new double[m * n];
    p.jacobian(x, jac, 1);
    double[] fd = new double[m * n];
    for (int j = 0; j < n; j++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += H;
      down[j] -= H;
      double[] yUp = Numerics.value(p, up);
      double[] yDown = Numerics.value(p, down);
      for (int k = 0; k < m; k++) {
        fd[k * n + j] = (yUp[k] - yDown[k]) / (2 * H);
      }
    }
    assertAllClose(fd, jac, 1e-7 * maxAbs(fd), 0, p.id() + " J");
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void weightedHessianMatchesFiniteDifferencesOfTheJacobian(int seed) {
    Problem p = problem(seed);
    int n = p.inputSize();
    int m = p.outputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = Vectors.uniform(random, n, -1, 1);
    double[] w = Vectors.uniform(random, m, -1, 1);
    double[] hessian = new double[n * n];
    p.weightedOutputHessian(x, w, hessian, 1);
    double[] fd = new double[n * n];
    double[] jUp = new double[m * n];
    double[] jDown = new double[m * n];
    for (int j = 0; j < n; j++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += H;
      down[j] -= H;
      p.jacobian(up, jUp, 1);
      p.jacobian(down, jDown, 1);
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int k = 0; k < m; k++) {
          s += w[k] * (jUp[k * n + i] - jDown[k * n + i]) / (2 * H);
        }
        fd[i * n + j] = s;
      }
    }
    assertAllClose(fd, hessian, 1e-7 * Math.max(1, maxAbs(fd)), 0, p.id() + " Σ w∇²P");
  }

  private static double maxAbs(double[] v) {
    double max = 0;
    for (double value : v) {
      max = Math.max(max, Math.abs(value));
    }
    return max;
  }
}
