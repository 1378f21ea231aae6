package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.LossGrid;
import org.scaleinvariant.sip.app.report.Trajectory;

/**
 * The landscape's numbers against hand computations on the rotated sine: x̂ = R_φ·x (φ in degrees),
 * paper form P = (sin(γ·x̂1/ξ), γ·ξ·x̂2), book form P = (sin(x̂1)/ξ, ξ·x̂2).
 */
class LandscapeTests {
  private static final double[] CHAPTER_TARGET = {0.3, -0.5};

  static Problem rotatedSine(String form, double xi, double phi) {
    return Registries.discoverProblems()
        .get("rotated-sine")
        .create(Options.empty().with("form", form).with("xi", Double.toString(xi)).with("phi", Double.toString(phi)));
  }

  /** P(x) of the rotated sine written out from the formulas (γ = 10), independent of the problem class. */
  private static double[] handP(String form, double xi, double phi, double x1, double x2) {
    double c = Math.cos(Math.toRadians(phi));
    double s = Math.sin(Math.toRadians(phi));
    double r1 = c * x1 - s * x2;
    double r2 = s * x1 + c * x2;
    return form.equals("paper")
        ? new double[] {Math.sin(10 * r1 / xi), 10 * xi * r2}
        : new double[] {Math.sin(r1) / xi, xi * r2};
  }

  private static double handLoss(String form, double xi, double phi, double x1, double x2, double[] t) {
    double[] y = handP(form, xi, phi, x1, x2);
    return 0.5 * ((y[0] - t[0]) * (y[0] - t[0]) + (y[1] - t[1]) * (y[1] - t[1]));
  }

  private static void assertClose(double expected, double actual, double rtol, String what) {
    assertTrue(Math.abs(actual - expected) <= 1e-300 + rtol * Math.abs(expected),
        what + ": expected " + expected + ", actual " + actual);
  }

  @Test
  void gridValuesAreHalfTheSquaredResidualAtTheGridPoints() {
    Landscape.Box box = new Landscape.Box(-1, 1, -1, 1);
    for (String form : List.of("book", "paper")) {
      double xi = form.equals("book") ? 1 : 32;
      double phi = form.equals("book") ? 15 : 45;
      LossGrid grid = new Landscape(rotatedSine(form, xi, phi), CHAPTER_TARGET).grid(box, 5);
      assertEquals(25, grid.loss().length);
      // grid points at -1, -0.5, 0, 0.5, 1 on both axes; (i, j) -> x = (x1(i), x2(j))
      int[][] points = {{0, 0}, {4, 2}, {3, 1}, {1, 4}, {2, 2}};
      for (int[] p : points) {
        double x1 = -1 + 0.5 * p[0];
        double x2 = -1 + 0.5 * p[1];
        assertEquals(x1, grid.x1(p[0]), 0);
        assertEquals(x2, grid.x2(p[1]), 0);
        assertClose(handLoss(form, xi, phi, x1, x2, CHAPTER_TARGET), grid.loss(p[0], p[1]), 1e-13,
            form + " at (" + x1 + ", " + x2 + ")");
      }
    }
  }

  @Test
  void gridValuesMatchReferenceNumbers() {
    // reference values computed independently (Python, math module) from the formulas above
    LossGrid book = new Landscape(rotatedSine("book", 1, 15), CHAPTER_TARGET).grid(new Landscape.Box(-1, 1, -1, 1), 5);
    assertClose(0.7135327223368806, book.loss(0, 0), 1e-13, "book (-1, -1)");
    assertClose(0.4244458763076999, book.loss(4, 2), 1e-13, "book (1, 0)");
    assertClose(0.04848368496231695, book.loss(3, 1), 1e-13, "book (0.5, -0.5)");
    LossGrid paper = new Landscape(rotatedSine("paper", 32, 45), CHAPTER_TARGET).grid(new Landscape.Box(-1, 1, -1, 1), 5);
    assertClose(102173.89583002028, paper.loss(0, 0), 1e-12, "paper (-1, -1)");
    assertClose(25713.26535116941, paper.loss(4, 2), 1e-12, "paper (1, 0)");
    assertClose(0.1282661795712877, paper.loss(3, 1), 1e-9, "paper (0.5, -0.5)");
  }

  @Test
  void firstGradientDescentStepIsXMinusLrTimesJTransposedResidual() {
    for (String form : List.of("book", "paper")) {
      double xi = form.equals("book") ? 1 : 32;
      double phi = form.equals("book") ? 15 : 45;
      double lr = form.equals("book") ? 0.3 : 1e-6;
      double[] x = {0.7, -0.2};
      Trajectory gd = new Landscape(rotatedSine(form, xi, phi), CHAPTER_TARGET).gradientDescent(x, lr, 3);
      // by hand: J = [[A·a·cos(a·x̂1)·cos φ, −A·a·cos(a·x̂1)·sin φ], [B·sin φ, B·cos φ]]
      double c = Math.cos(Math.toRadians(phi));
      double s = Math.sin(Math.toRadians(phi));
      double amplitude = form.equals("paper") ? 1 : 1 / xi;
      double frequency = form.equals("paper") ? 10 / xi : 1;
      double gain = form.equals("paper") ? 10 * xi : xi;
      double slope = amplitude * frequency * Math.cos(frequency * (c * x[0] - s * x[1]));
      double[] y = handP(form, xi, phi, x[0], x[1]);
      double r1 = y[0] - CHAPTER_TARGET[0];
      double r2 = y[1] - CHAPTER_TARGET[1];
      double g1 = slope * c * r1 + gain * s * r2;
      double g2 = -slope * s * r1 + gain * c * r2;
      assertEquals(3, gd.iterations());
      assertEquals(x[0], gd.points()[0], 0);
      assertEquals(x[1], gd.points()[1], 0);
      assertClose(x[0] - lr * g1, gd.points()[2], 1e-13, form + " x1 after one step");
      assertClose(x[1] - lr * g2, gd.points()[3], 1e-13, form + " x2 after one step");
      assertClose(handLoss(form, xi, phi, x[0], x[1], CHAPTER_TARGET), gd.losses()[0], 1e-13, form + " L(x0)");
      assertEquals("GD, lr " + String.format(java.util.Locale.ROOT, "%.1e", lr), gd.label());
    }
  }

  @Test
  void firstAdamStepMovesEachCoordinateByTheLearningRateAgainstTheGradientSign() {
    // Adam's first bias-corrected step is −lr·g/(|g| + ε) per coordinate
    Landscape landscape = new Landscape(rotatedSine("paper", 32, 45), CHAPTER_TARGET);
    double[] x = {1, 1};
    double[] g = new double[2];
    landscape.gradient(x, g);
    Trajectory adam = landscape.adam(x, 0.1, 1);
    assertClose(1 - 0.1 * g[0] / (Math.abs(g[0]) + 1e-8), adam.points()[2], 1e-12, "x1");
    assertClose(1 - 0.1 * g[1] / (Math.abs(g[1]) + 1e-8), adam.points()[3], 1e-12, "x2");
    assertClose(0.9, adam.points()[2], 1e-9, "x1 moves by lr");
  }

  @Test
  void solverTrajectoryReachesAnExactSolutionOfTheChaptersExampleInAFewIterations() {
    Problem problem = rotatedSine("book", 1, 15);
    InverseSolver newton = Registries.discoverSolvers().select(problem, null).create(problem, Options.empty());
    assertEquals("newton", newton.id());
    Trajectory path = new Landscape(problem, CHAPTER_TARGET).inverseSolver(newton, new double[] {1, 1}, 1, 10);
    int first = -1;
    for (int k = 0; k <= path.iterations(); k++) {
      if (path.losses()[k] < 1e-12) {
        first = k;
        break;
      }
    }
    assertTrue(first >= 1 && first <= 6, "first iteration with L < 1e-12: " + first + ", losses " + java.util.Arrays.toString(path.losses()));
    assertTrue(path.endLoss() < 1e-12, "stays at the solution: " + path.endLoss());
    assertFalse(path.diverged());
    assertNotNull(path.closestSolution());
    assertTrue(path.xDistance() < 1e-9, "x-distance " + path.xDistance());
    // the closest solution: x̂2 = −0.5, x̂1 = asin(0.3), rotated back by R_φᵀ
    double c = Math.cos(Math.toRadians(15));
    double s = Math.sin(Math.toRadians(15));
    double r1 = Math.asin(0.3);
    assertClose(c * r1 + s * -0.5, path.closestSolution()[0], 1e-12, "solution x1");
    assertClose(-s * r1 + c * -0.5, path.closestSolution()[1], 1e-12, "solution x2");
    assertEquals("inverse solver newton, η 1", path.label());
  }

  @Test
  void automaticGdLearningRateIsOneOverTheLargestCurvature() {
    // paper form, ξ = 32, γ = 10: JᵀJ has eigenvalues (a·cos(a·x̂1))² ≤ 0.3125² and B² = 320²
    Landscape paper = new Landscape(rotatedSine("paper", 32, 45), CHAPTER_TARGET);
    assertClose(320.0 * 320.0, paper.largestCurvature(new double[] {1, 1}), 1e-12, "λ_max");
    assertClose(1 / 102400.0, paper.automaticGdLearningRate(new double[] {1, 1}), 1e-12, "lr");
    // book form, ξ = 1, at x̂1 = 0: J = R_φ, JᵀJ = I
    assertClose(1, new Landscape(rotatedSine("book", 1, 15), CHAPTER_TARGET).automaticGdLearningRate(new double[2]),
        1e-12, "book lr at the origin");
  }

  @Test
  void aDivergingTrajectoryStopsAtItsLastFinitePoint() {
    Landscape paper = new Landscape(rotatedSine("paper", 32, 45), CHAPTER_TARGET);
    // lr far above the stability limit 2/320² ≈ 2e-5: the residual in x̂2 grows by |1 − lr·320²| per step
    Trajectory gd = paper.gradientDescent(new double[] {1, 1}, 1, 1000);
    assertTrue(gd.diverged());
    assertTrue(gd.iterations() > 10 && gd.iterations() < 1000, "iterations " + gd.iterations());
    for (double v : gd.points()) {
      assertTrue(Double.isFinite(v));
    }
    assertEquals(2 * (gd.iterations() + 1), gd.points().length);
  }

  @Test
  void solutionsInTheBoxAreAllBranchesOfTheSine() {
    // φ = 0, book form, ξ = 1: x2 = −0.5 and x1 ∈ {asin 0.3 + 2πk} ∪ {π − asin 0.3 + 2πk}
    Landscape landscape = new Landscape(rotatedSine("book", 1, 0), CHAPTER_TARGET);
    List<double[]> solutions = landscape.solutionsIn(new Landscape.Box(-4, 4, -1, 1), 50);
    double a = Math.asin(0.3);
    double[] expected = {Math.PI - a - 2 * Math.PI, a, Math.PI - a};
    assertEquals(3, solutions.size(), "three branches in [−4, 4]");
    double[] found = solutions.stream().mapToDouble(p -> p[0]).sorted().toArray();
    for (int i = 0; i < 3; i++) {
      assertClose(expected[i], found[i], 1e-12, "x1 of solution " + i);
    }
    for (double[] p : solutions) {
      assertClose(-0.5, p[1], 1e-12, "x2");
    }
  }

  @Test
  void defaultBoxIsASquareAroundTheStartWithANiceHalfWidth() {
    assertEquals(new Landscape.Box(-2, 4, -2, 4),
        Landscape.defaultBox(new double[] {1, 1}, List.of(new double[] {0.165, -0.562})), "at least 3");
    // farthest point 4.2 away in x2: 1.25·4.2 = 5.25 → 6
    assertEquals(new Landscape.Box(-6, 6, -6, 6),
        Landscape.defaultBox(new double[2], List.of(new double[] {1, -4.2}, new double[] {Double.NaN, 1e9})));
    assertEquals(3, Landscape.niceCeiling(3), 0);
    assertEquals(4, Landscape.niceCeiling(3.0001), 0);
    assertEquals(0.012, Landscape.niceCeiling(0.0101), 1e-15);
    assertEquals(100, Landscape.niceCeiling(81), 0);
  }

  @Test
  void onlyTwoDimensionalProblemsWithATargetOfSizeMCanBeDrawn() {
    SipException n = assertThrows(SipException.class, () -> new Landscape(new ThreeInputs(), new double[] {0}));
    assertEquals(ErrorCode.INVALID_ARGUMENT, n.code());
    assertEquals(
        "problem 'three-inputs' has n = 3 inputs; allowed: a problem with n = 2 (the landscape is drawn over a 2-D box of x)",
        n.getMessage());
    SipException m = assertThrows(SipException.class, () -> new Landscape(rotatedSine("paper", 32, 45), new double[] {0.3}));
    assertEquals(ErrorCode.INVALID_ARGUMENT, m.code());
    assertEquals("target has 1 value; expected 2 (the size m of problem 'rotated-sine')", m.getMessage());
    assertThrows(SipException.class, () -> new Landscape.Box(1, 0, 0, 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new Landscape.Box(0, 1, 0, Double.NaN)).code());
  }

  @Test
  void numbersAreFormattedCompactly() {
    assertEquals("3", Landscape.number(3));
    assertEquals("-0.5", Landscape.number(-0.5));
    assertEquals("0.000125", Landscape.number(1.25e-4));
    assertEquals("1E-7", Landscape.number(1e-7));
    assertEquals("0.333333", Landscape.number(1.0 / 3));
    assertEquals("[-3, 3] x [-0.5, 2.5]", new Landscape.Box(-3, 3, -0.5, 2.5).toString());
    assertArrayEquals(new double[] {-3, 3, -0.5, 2.5}, new Landscape.Box(-3, 3, -0.5, 2.5).toArray());
  }

  /** A problem with n = 3, which cannot be drawn; only its sizes and id are used. */
  private static final class ThreeInputs implements Problem {
    @Override
    public String id() {
      return "three-inputs";
    }

    @Override
    public Options parameters() {
      return Options.empty();
    }

    @Override
    public int inputSize() {
      return 3;
    }

    @Override
    public int outputSize() {
      return 1;
    }

    @Override
    public void forward(double[] x, double[] y, int batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void jacobian(double[] x, double[] jacobian, int batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
      throw new UnsupportedOperationException();
    }
  }
}
