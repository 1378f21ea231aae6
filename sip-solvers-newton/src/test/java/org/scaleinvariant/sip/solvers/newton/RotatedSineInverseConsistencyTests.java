package org.scaleinvariant.sip.solvers.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * Inverse consistency of the discovered {@code newton} solver on the discovered {@code rotated-sine}
 * problem (the project's real implementations, found through ServiceLoader, as the app finds them):
 * for random x and a small target change Δy, {@code P(x + Δx)} is closer to {@code y + Δy} than
 * {@code y} is, by a wide margin. 300 seeded cases (paper and book form, ξ in [1, 64], φ in [0°,
 * 90°], x in [−2, 2]² away from the folds of the sine, |Δy_k| ≤ 1e-3·max(|y_k|, 1e-3)); the seed is
 * in each case's name.
 */
class RotatedSineInverseConsistencyTests {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void stepTowardsANearbyTargetLandsMuchCloserToIt(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String form = random.nextBoolean() ? "paper" : "book";
    double xi = 1 + 63 * random.nextDouble();
    double phi = 90 * random.nextDouble();
    Problem problem =
        Registries.discoverProblems()
            .get("rotated-sine")
            .create(Options.of(Map.of("form", form, "xi", Double.toString(xi), "phi", Double.toString(phi))));
    InverseSolver solver = Registries.discoverSolvers().get("newton").create(problem, Options.empty());
    assertTrue(solver.isScaleInvariant());

    int batch = 8;
    double[] x = new double[2 * batch];
    double amplitude = form.equals("paper") ? 1 : 1 / xi; // P1 = A·sin(u): A = 1 (paper), 1/ξ (book)
    double[] y1 = new double[2];
    for (int b = 0; b < batch; b++) {
      // x uniform in [−2, 2]², re-drawn while the sine argument u is within |cos u| < 0.2 of a fold
      // (there J is near-singular and no local inverse reaches a target 1e-3 away);
      // |cos u| = √(1 − (P1/A)²).
      double cos;
      do {
        x[2 * b] = 4 * random.nextDouble() - 2;
        x[2 * b + 1] = 4 * random.nextDouble() - 2;
        problem.forward(new double[] {x[2 * b], x[2 * b + 1]}, y1, 1);
        double s = y1[0] / amplitude;
        cos = Math.sqrt(Math.max(0, 1 - s * s));
      } while (cos < 0.2);
    }
    double[] y = new double[2 * batch];
    problem.forward(x, y, batch);
    // Δy: relative size 1e-3 of the output scale per component (|y1| ≤ 1/ξ or 1; y2 up to γξ·2√2)
    double[] t = new double[2 * batch];
    for (int i = 0; i < t.length; i++) {
      t[i] = y[i] + 1e-3 * (2 * random.nextDouble() - 1) * Math.max(Math.abs(y[i]), 1e-3);
    }
    double[] dx = new double[2 * batch];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    solver.step(x, y, t, dx, batch, diagnostics);
    assertEquals(batch, diagnostics.samples());

    double[] moved = new double[2 * batch];
    for (int i = 0; i < x.length; i++) {
      moved[i] = x[i] + dx[i];
    }
    double[] yMoved = new double[2 * batch];
    problem.forward(moved, yMoved, batch);
    for (int b = 0; b < batch; b++) {
      double before = Math.hypot(y[2 * b] - t[2 * b], y[2 * b + 1] - t[2 * b + 1]);
      double after = Math.hypot(yMoved[2 * b] - t[2 * b], yMoved[2 * b + 1] - t[2 * b + 1]);
      assertTrue(
          after < before,
          "sample " + b + " (" + form + ", xi=" + xi + ", phi=" + phi + "): ‖P(x+Δx) − t‖ = " + after
              + " is not below ‖y − t‖ = " + before);
      assertTrue(
          after <= 0.05 * before + 1e-12,
          "sample " + b + ": second-order close expected, got " + after + " vs " + before);
    }
  }
}
