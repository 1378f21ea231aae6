package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: on a random convex quadratic f(θ) = ½(θ − c)ᵀA(θ − c), every optimizer decreases f in
 * each of its first {@value #STEPS} steps when its learning rate is small enough for the curvature.
 *
 * <p>Ranges: dimension n in [2, 6]; A = Q·diag(λ)·Qᵀ with Q a random rotation, smallest eigenvalue
 * λ_min log-uniform in [0.1, 10], condition number λ_max/λ_min log-uniform in [1, 100] (both ends
 * are eigenvalues, the others log-uniform between); c uniform in [−2, 2]ⁿ; θ₀ = c + r·d with d a
 * random unit vector and r uniform in [1, 3]. 100 seeds for each of the 8 optimizers.
 */
class OptimizerDescentTests {
  static final int STEPS = 5;
  static final int SEEDS = 100;

  static Stream<Arguments> cases() {
    return LongStream.range(0, SEEDS)
        .boxed()
        .flatMap(seed -> Optimizers.ids().stream().map(id -> Arguments.of(seed, id)));
  }

  @ParameterizedTest(name = "seed={0}, optimizer={1}")
  @MethodSource("cases")
  void decreasesARandomConvexQuadraticInEachOfItsFirstSteps(long seed, String id) {
    Quadratic f = Quadratic.random(new SplittableRandom(seed));
    double[] theta = f.theta0.clone();
    double[] g = new double[f.n];
    Optimizer optimizer = Optimizers.create(id, f.n, learningRate(id, f));
    double previous = f.value(theta);
    for (int k = 1; k <= STEPS; k++) {
      f.gradient(theta, g);
      optimizer.step(theta, g);
      double current = f.value(theta);
      assertTrue(
          current < previous,
          "step " + k + ": f went from " + previous + " to " + current + " (n = " + f.n + ")");
      previous = current;
    }
    assertEquals(STEPS, optimizer.steps());
  }

  /**
   * The learning rate for one case, from the curvature.
   *
   * <p>Gradient-proportional methods (sgd, momentum, nesterov) get η = 0.05/λ_max. In the
   * eigenbasis of A each component x of θ − c (eigenvalue λ) evolves alone: b ← μ·b + λ·x, then x ←
   * x − η·b (nesterov: x ← x − η·(λ·x + μ·b)). With μ = 0.9 and η·λ ≤ 0.05, x keeps its sign and
   * shrinks in each of the first 5 steps, to 0.42 (momentum) or 0.32 (nesterov) of its start, so
   * every term λ·x² of f decreases. (At η·λ = 0.1 nesterov's x already crosses 0 at step 5 and its
   * |x| grows from η·λ ≈ 0.099 on; momentum's from ≈ 0.114.)
   *
   * <p>Normalized methods (adam, adamw, adagrad, rmsprop, adadelta) move each parameter by an amount
   * that does not scale with g. A step s with |s_i| ≤ h = r·λ_min/(λ_max·n) along −sign(g) decreases
   * f: gᵀs ≤ −h·|g|₁ ≤ −h·λ_min·r while ½·sᵀAs ≤ ½·λ_max·n·h² = ½·h·λ_min·r. We give each a tenth of
   * that, η = h/(10·κ), with κ its largest move per parameter per unit η in 5 steps (see {@link
   * #movePerUnitLearningRate}), and Adadelta at most its default η = 1.
   */
  static double learningRate(String id, Quadratic f) {
    switch (id) {
      case GradientDescent.ID:
      case Momentum.ID:
      case Nesterov.ID:
        return 0.05 / f.lambdaMax;
      default:
        double h = f.r * f.lambdaMin / (f.lambdaMax * f.n);
        double eta = h / (10 * movePerUnitLearningRate(id));
        return id.equals(Adadelta.ID) ? Math.min(Adadelta.DEFAULT_LEARNING_RATE, eta) : eta;
    }
  }

  /**
   * An upper bound κ on |Δθ_i|/η in the first 5 steps at the default settings.
   *
   * <ul>
   *   <li>adagrad: |g_t|/√(Σ g²) ≤ 1.
   *   <li>rmsprop: v ≥ (1 − α)·g², so |g|/√v ≤ 1/√(1 − α) = 10.
   *   <li>adam: m̂ and v̂ are averages of g and g² with weights w and u (each summing to 1), so by
   *       Cauchy–Schwarz |m̂|/√v̂ ≤ √(Σ w²/u) = 1.01 for t ≤ 5; adamw adds the decay η·λ·|θ_i| ≤
   *       η·0.01·5 in these ranges. κ = 1.1 for both.
   *   <li>adadelta: v ≥ (1 − ρ)·g², so |Δ| ≤ √(u + ε)/√(1 − ρ), with u ← ρ·u + (1 − ρ)·Δ²:
   *       0.0032, 0.0045, 0.0062, 0.0087, 0.012 in steps 1 to 5. κ = 0.013.
   * </ul>
   */
  static double movePerUnitLearningRate(String id) {
    switch (id) {
      case AdaGrad.ID:
        return 1;
      case RmsProp.ID:
        return 1 / Math.sqrt(1 - RmsProp.DEFAULT_ALPHA);
      case Adam.ID:
      case AdamW.ID:
        return 1.1;
      case Adadelta.ID:
        return 0.013;
      default:
        throw new IllegalArgumentException(id);
    }
  }

  /** f(θ) = ½(θ − c)ᵀA(θ − c) with A symmetric positive definite, row-major n×n. */
  static final class Quadratic {
    final int n;
    final double[] a;
    final double[] c;
    final double[] theta0;
    final double lambdaMin;
    final double lambdaMax;
    final double r;
    private final double[] d;

    private Quadratic(int n, double[] a, double[] c, double[] theta0, double lambdaMin, double lambdaMax, double r) {
      this.n = n;
      this.a = a;
      this.c = c;
      this.theta0 = theta0;
      this.lambdaMin = lambdaMin;
      this.lambdaMax = lambdaMax;
      this.r = r;
      this.d = new double[n];
    }

    static Quadratic random(SplittableRandom random) {
      int n = random.nextInt(2, 7);
      double lambdaMin = Math.exp(random.nextDouble(Math.log(0.1), Math.log(10)));
      double condition = Math.exp(random.nextDouble(0, Math.log(100)));
      double[] lambda = new double[n];
      lambda[0] = lambdaMin;
      lambda[n - 1] = lambdaMin * condition;
      for (int i = 1; i < n - 1; i++) {
        lambda[i] = lambdaMin * Math.pow(condition, random.nextDouble());
      }
      double[] q = randomRotation(random, n);
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += q[i * n + k] * lambda[k] * q[j * n + k];
          }
          a[i * n + j] = s;
        }
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = random.nextDouble(-2, 2);
      }
      double[] direction = unitVector(random, n);
      double r = random.nextDouble(1, 3);
      double[] theta0 = new double[n];
      for (int i = 0; i < n; i++) {
        theta0[i] = c[i] + r * direction[i];
      }
      return new Quadratic(n, a, c, theta0, lambdaMin, lambdaMin * condition, r);
    }

    /** Columns of Q: Gram–Schmidt on Gaussian vectors (row-major n×n). */
    private static double[] randomRotation(SplittableRandom random, int n) {
      double[] q = new double[n * n];
      for (int col = 0; col < n; col++) {
        double[] v = unitVector(random, n);
        for (int prev = 0; prev < col; prev++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += q[i * n + prev] * v[i];
          }
          for (int i = 0; i < n; i++) {
            v[i] -= dot * q[i * n + prev];
          }
        }
        double norm = 0;
        for (double x : v) {
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
          q[i * n + col] = v[i] / norm;
        }
      }
      return q;
    }

    private static double[] unitVector(SplittableRandom random, int n) {
      double[] v = new double[n];
      double norm = 0;
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        v[i] /= norm;
      }
      return v;
    }

    double value(double[] theta) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        d[i] = theta[i] - c[i];
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          s += d[i] * a[i * n + j] * d[j];
        }
      }
      return 0.5 * s;
    }

    void gradient(double[] theta, double[] g) {
      for (int i = 0; i < n; i++) {
        d[i] = theta[i] - c[i];
      }
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += a[i * n + j] * d[j];
        }
        g[i] = s;
      }
    }
  }
}
