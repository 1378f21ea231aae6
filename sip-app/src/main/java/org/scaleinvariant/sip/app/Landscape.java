package org.scaleinvariant.sip.app;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.app.report.LossGrid;
import org.scaleinvariant.sip.app.report.Trajectory;
import org.scaleinvariant.sip.nn.Adam;
import org.scaleinvariant.sip.nn.Optimizer;
import org.scaleinvariant.sip.nn.Optimizers;

/**
 * The loss landscape {@code L(x) = ½‖P(x) − y*‖²} of a problem with a two-dimensional x-space
 * (n = 2, any m) for one target y*, and network-free optimisations of x on it — the picture of the
 * chapter "Scale Invariant Physics Training", section "SIP training in action" (Holl, Koltun,
 * Thuerey, "Scale-invariant Learning by Physics Inversion", NeurIPS 2022): for y* = (0.3, −0.5),
 * ξ = 1, φ = 15° it shows "the entangling of the sine function for x1 and linear change for x2".
 *
 * <h2>The three trajectories</h2>
 *
 * With the residual {@code r = P(x) − y*} and the gradient {@code g = ∇L = Jᵀr} (J = ∂P/∂x, m×2):
 *
 * <ul>
 *   <li>{@link #gradientDescent gd}: {@code x ← x − lr·Jᵀr};
 *   <li>{@link #adam adam}: Adam ({@link Adam}, β₁ 0.9, β₂ 0.999, ε 1e-8) on the same gradient;
 *   <li>{@link #inverseSolver solver}: the SIP update {@code x ← x + Δx} with {@code Δx =
 *       solver.step(x, y, y + η(y* − y))}, y = P(x): the inverse solver's answer to the y-loss'
 *       Newton step Δy = η(y* − y) (the chapter's {@code Δx_PG = P⁻¹(y + ηΔy; x) − x}).
 * </ul>
 *
 * Each runs a fixed number of iterations (no early stop, so they compare step for step) and stops
 * early only if x or L becomes NaN or infinite (then {@link Trajectory#diverged()} is true and the
 * finite prefix is kept). On an ill-conditioned problem gradient descent, whose step is bounded by
 * the steep direction, crawls along the flat direction of the valley, while the inverse solver goes
 * straight to a solution.
 *
 * <p>Not thread-safe (workspaces are reused); cheap to create.
 */
final class Landscape {
  /** The method id of gradient descent, {@value}. */
  static final String GD = "gd";
  /** The method id of Adam, {@value}. */
  static final String ADAM = Adam.ID;
  /** The method id of the inverse-solver (SIP) update, {@value}. */
  static final String SOLVER = "solver";

  /**
   * The smallest half-width of the default box, {@value} (units of x): with the rotated sine's scale
   * (the book form's inputs are uniform in [−1, 1]²) this shows about one period of the sine at
   * ξ = 1, so neighbouring solution branches are visible.
   */
  static final double MIN_HALF_WIDTH = 3;

  /**
   * Margin of the default box, {@value}: its half-width is this factor times the largest ∞-norm
   * distance from the start to a point it must contain.
   */
  static final double BOX_MARGIN = 1.25;

  /**
   * Learning rate of gradient descent when the Jacobian at the start vanishes, {@value} (the
   * automatic rate 1/λ_max is undefined there).
   */
  static final double FALLBACK_GD_LEARNING_RATE = 1e-2;

  /** At most this many exact solutions are listed by {@link #solutionsIn}, {@value}; more are not. */
  static final int MAX_SOLUTIONS = 500;

  private static final double[] NICE = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};

  /** A box {@code [x1Min, x1Max] × [x2Min, x2Max]} in x-space, both ranges non-empty and finite. */
  record Box(double x1Min, double x1Max, double x2Min, double x2Max) {
    /**
     * Checks the bounds.
     *
     * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} unless all bounds are finite, x1Min &lt;
     *     x1Max and x2Min &lt; x2Max
     */
    Box {
      if (!(Double.isFinite(x1Min) && Double.isFinite(x1Max) && Double.isFinite(x2Min) && Double.isFinite(x2Max)
          && x1Min < x1Max && x2Min < x2Max)) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "box " + format(x1Min, x1Max, x2Min, x2Max)
                + " is not allowed; allowed: finite bounds with X1MIN < X1MAX and X2MIN < X2MAX");
      }
    }

    /**
     * Whether a point lies in the box (edges included).
     *
     * @param x1 the first coordinate
     * @param x2 the second coordinate
     * @return true if inside
     */
    boolean contains(double x1, double x2) {
      return x1 >= x1Min && x1 <= x1Max && x2 >= x2Min && x2 <= x2Max;
    }

    /**
     * The bounds as an array.
     *
     * @return {@code [x1Min, x1Max, x2Min, x2Max]}
     */
    double[] toArray() {
      return new double[] {x1Min, x1Max, x2Min, x2Max};
    }

    /**
     * Describes the box, e.g. {@code [-3, 3] x [-3, 3]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
      return format(x1Min, x1Max, x2Min, x2Max);
    }

    /** E.g. {@code [-3, 3] x [-2, 4]}. */
    private static String format(double x1Min, double x1Max, double x2Min, double x2Max) {
      return "[" + number(x1Min) + ", " + number(x1Max) + "] x [" + number(x2Min) + ", " + number(x2Max) + "]";
    }
  }

  /**
   * Formats a number compactly: at most six significant digits, no trailing zeros, plain between
   * 1e-4 and 1e7 and with an exponent otherwise, e.g. {@code 3}, {@code -0.5}, {@code 0.000125},
   * {@code 1E-7}; {@code NaN} and {@code Infinity} as Java writes them.
   *
   * @param value the number
   * @return the text
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    return magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e7) ? rounded.toPlainString() : rounded.toString();
  }

  private final Problem problem;
  private final double[] target;
  private final int m;
  private final double[] y;
  private final double[] residual;
  private final double[] jacobian;

  /**
   * Creates the landscape of a problem for one target.
   *
   * @param problem the problem, with {@code inputSize() == 2}
   * @param target y*, length {@code problem.outputSize()}; copied
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the problem's n is not 2 or the
   *     target's length is not its m
   */
  Landscape(Problem problem, double[] target) {
    requireDrawable(problem);
    this.problem = problem;
    this.m = problem.outputSize();
    if (target.length != m) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "target has " + target.length + (target.length == 1 ? " value" : " values") + "; expected " + m
              + " (the size m of problem '" + problem.id() + "')");
    }
    this.target = target.clone();
    this.y = new double[m];
    this.residual = new double[m];
    this.jacobian = new double[2 * m];
  }

  /**
   * Checks that a problem's landscape can be drawn: its x-space must be two-dimensional.
   *
   * @param problem the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if {@code problem.inputSize() != 2}
   */
  static void requireDrawable(Problem problem) {
    if (problem.inputSize() != 2) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "problem '" + problem.id() + "' has n = " + problem.inputSize()
              + " inputs; allowed: a problem with n = 2 (the landscape is drawn over a 2-D box of x)");
    }
  }

  /**
   * The problem.
   *
   * @return the problem
   */
  Problem problem() {
    return problem;
  }

  /**
   * The target y*.
   *
   * @return a copy, length m
   */
  double[] target() {
    return target.clone();
  }

  /**
   * The loss at a point, {@code L(x) = ½‖P(x) − y*‖² = ½Σ_k (P_k(x) − y*_k)²}.
   *
   * @param x1 the first coordinate
   * @param x2 the second coordinate
   * @return L, ≥ 0, or NaN/∞ where P overflows
   */
  double loss(double x1, double x2) {
    problem.forward(new double[] {x1, x2}, y, 1);
    return halfSquaredResidual(y, 0);
  }

  /**
   * The gradient {@code ∇L(x) = Jᵀ(P(x) − y*)}, by the problem's vector-Jacobian product.
   *
   * @param x the point, length 2
   * @param gradient receives ∇L, length 2
   * @return L(x), computed on the way
   */
  double gradient(double[] x, double[] gradient) {
    problem.forward(x, y, 1);
    for (int k = 0; k < m; k++) {
      residual[k] = y[k] - target[k];
    }
    problem.vectorJacobianProduct(x, residual, gradient, 1);
    return halfSquaredResidual(y, 0);
  }

  /**
   * Samples L on a regular grid of the box, {@code resolution} points per axis including the
   * edges; one {@link Problem#forward} call per row of the grid.
   *
   * @param box the box
   * @param resolution points per axis, at least 2
   * @return the grid (layout: {@link LossGrid})
   */
  LossGrid grid(Box box, int resolution) {
    double[] loss = new double[resolution * resolution];
    LossGrid shape = new LossGrid(box.x1Min(), box.x1Max(), box.x2Min(), box.x2Max(), resolution, loss);
    double[] row = new double[2 * resolution];
    double[] rowY = new double[m * resolution];
    for (int j = 0; j < resolution; j++) {
      for (int i = 0; i < resolution; i++) {
        row[2 * i] = shape.x1(i);
        row[2 * i + 1] = shape.x2(j);
      }
      problem.forward(row, rowY, resolution);
      for (int i = 0; i < resolution; i++) {
        loss[j * resolution + i] = halfSquaredResidual(rowY, i * m);
      }
    }
    return shape;
  }

  /**
   * The largest eigenvalue λ_max of the Gauss–Newton matrix {@code JᵀJ} (2×2) at a point: the
   * curvature of L along its steepest direction near a solution. For the 2×2 symmetric matrix
   * [[a, b], [b, c]], {@code λ_max = (a + c)/2 + √(((a − c)/2)² + b²)}.
   *
   * <p>Worked number: on the rotated sine's paper form at ξ = 32 (γ = 10), P2 = 320·x̂2, so λ_max ≥
   * 320² = 102 400 everywhere and gradient descent is stable only for lr &lt; 2/λ_max ≈ 2e-5.
   *
   * @param x the point, length 2
   * @return λ_max ≥ 0
   */
  double largestCurvature(double[] x) {
    problem.jacobian(x, jacobian, 1);
    double a = 0;
    double b = 0;
    double c = 0;
    for (int k = 0; k < m; k++) {
      double j1 = jacobian[2 * k];
      double j2 = jacobian[2 * k + 1];
      a += j1 * j1;
      b += j1 * j2;
      c += j2 * j2;
    }
    return (a + c) / 2 + Math.hypot((a - c) / 2, b);
  }

  /**
   * The default learning rate of gradient descent: {@code 1/λ_max(JᵀJ)} at the start (see {@link
   * #largestCurvature}), the step that removes the residual along the steepest direction in one
   * iteration on the local quadratic model, half the largest stable step 2/λ_max. It is the best a
   * fixed rate can do for the steep direction, and it shows how slowly GD then moves along flat
   * ones. Falls back to {@value #FALLBACK_GD_LEARNING_RATE} if λ_max is 0 or not finite.
   *
   * @param start the start, length 2
   * @return the learning rate, finite and &gt; 0
   */
  double automaticGdLearningRate(double[] start) {
    double curvature = largestCurvature(start);
    return curvature > 0 && Double.isFinite(curvature) && Double.isFinite(1 / curvature)
        ? 1 / curvature
        : FALLBACK_GD_LEARNING_RATE;
  }

  /**
   * Gradient descent, {@code x_{k+1} = x_k − lr·Jᵀ(P(x_k) − y*)}.
   *
   * @param start x₀, length 2
   * @param learningRate lr &gt; 0
   * @param iterations K ≥ 0
   * @return the trajectory, labelled {@code "GD, lr …"}
   */
  Trajectory gradientDescent(double[] start, double learningRate, int iterations) {
    double[] g = new double[2];
    return run(GD, label("GD, lr", learningRate), learningRate, start, iterations, x -> {
      gradient(x, g);
      x[0] -= learningRate * g[0];
      x[1] -= learningRate * g[1];
    });
  }

  /**
   * Adam on the gradient {@code Jᵀ(P(x) − y*)}, with x itself as the parameters ({@link
   * Optimizers#create}{@code ("adam", 2, lr)}; moments start at zero).
   *
   * @param start x₀, length 2
   * @param learningRate lr &gt; 0
   * @param iterations K ≥ 0
   * @return the trajectory, labelled {@code "Adam, lr …"}
   */
  Trajectory adam(double[] start, double learningRate, int iterations) {
    Optimizer optimizer = Optimizers.create(ADAM, 2, learningRate);
    double[] g = new double[2];
    return run(ADAM, label("Adam, lr", learningRate), learningRate, start, iterations, x -> {
      gradient(x, g);
      optimizer.step(x, g);
    });
  }

  /**
   * The inverse-solver update of SIP training applied to x directly: {@code x_{k+1} = x_k + Δx}
   * with {@code Δx = solver.step(x_k, y_k, y_k + η(y* − y_k))}, {@code y_k = P(x_k)}.
   *
   * @param solver the solver, bound to this landscape's problem
   * @param start x₀, length 2
   * @param eta η &gt; 0, the step size of the y-loss Newton step Δy = η(y* − y)
   * @param iterations K ≥ 0
   * @return the trajectory, labelled {@code "<solver id>, η …"}
   */
  Trajectory inverseSolver(InverseSolver solver, double[] start, double eta, int iterations) {
    double[] step = new double[2];
    double[] stepTarget = new double[m];
    SolverDiagnostics diagnostics = new SolverDiagnostics();
    String label = "inverse solver " + solver.id() + ", η " + number(eta);
    return run(SOLVER, label, eta, start, iterations, x -> {
      problem.forward(x, y, 1);
      for (int k = 0; k < m; k++) {
        stepTarget[k] = y[k] + eta * (target[k] - y[k]);
      }
      solver.step(x, y, stepTarget, step, 1, diagnostics);
      x[0] += step[0];
      x[1] += step[1];
    });
  }

  /** One in-place update of x. */
  private interface Update {
    /**
     * Moves x by one iteration.
     *
     * @param x the point, length 2, updated in place
     */
    void apply(double[] x);
  }

  /**
   * Runs an update K times from the start, recording x and L after each; stops early at the first
   * non-finite x or L (diverged). The closest exact solution is taken for the last finite point.
   */
  private Trajectory run(String method, String label, double stepSize, double[] start, int iterations, Update update) {
    double[] points = new double[2 * (iterations + 1)];
    double[] losses = new double[iterations + 1];
    double[] x = start.clone();
    points[0] = x[0];
    points[1] = x[1];
    losses[0] = loss(x[0], x[1]);
    int done = 0;
    boolean diverged = !Double.isFinite(losses[0]);
    while (!diverged && done < iterations) {
      update.apply(x);
      double l = loss(x[0], x[1]);
      if (!(Double.isFinite(x[0]) && Double.isFinite(x[1]) && Double.isFinite(l))) {
        diverged = true;
        break;
      }
      done++;
      points[2 * done] = x[0];
      points[2 * done + 1] = x[1];
      losses[done] = l;
    }
    double[] keptPoints = Arrays.copyOf(points, 2 * (done + 1));
    double[] keptLosses = Arrays.copyOf(losses, done + 1);
    double[] end = {keptPoints[2 * done], keptPoints[2 * done + 1]};
    return new Trajectory(method, label, stepSize, keptPoints, keptLosses, diverged, closestSolution(end).orElse(null));
  }

  /**
   * The exact solution of {@code P(x) = y*} closest to a point, if the problem knows its exact
   * solutions ({@link Problem#exactSolutions()}; a target outside the range of P is first clipped
   * into it).
   *
   * @param x the point, length 2
   * @return the solution, length 2, or empty
   */
  Optional<double[]> closestSolution(double[] x) {
    Optional<ExactSolutions> solutions = problem.exactSolutions();
    if (solutions.isEmpty()) {
      return Optional.empty();
    }
    double[] closest = new double[2];
    solutions.get().closestSolution(x.clone(), target.clone(), closest, 1);
    return Optional.of(closest);
  }

  /**
   * The exact solutions inside a box, found by asking {@link ExactSolutions#closestSolution} for the
   * solution closest to each point of a {@code probes × probes} grid of the box and removing
   * duplicates (points closer than 1e-9 of the box's size). A solution is found if some probe lies
   * closer to it than to any other solution, which holds when solutions are further apart than the
   * probe spacing √2·(box width)/(probes − 1).
   *
   * @param box the box
   * @param probes probe points per axis, at least 2
   * @return the solutions in the box (each length 2), empty if the problem does not know them or if
   *     there are more than {@value #MAX_SOLUTIONS} (e.g. a continuum of solutions)
   */
  List<double[]> solutionsIn(Box box, int probes) {
    Optional<ExactSolutions> solutions = problem.exactSolutions();
    if (solutions.isEmpty()) {
      return List.of();
    }
    int count = probes * probes;
    double[] x = new double[2 * count];
    double[] targets = new double[m * count];
    double[] closest = new double[2 * count];
    LossGrid probeGrid = new LossGrid(box.x1Min(), box.x1Max(), box.x2Min(), box.x2Max(), probes, new double[count]);
    for (int j = 0; j < probes; j++) {
      for (int i = 0; i < probes; i++) {
        int p = j * probes + i;
        x[2 * p] = probeGrid.x1(i);
        x[2 * p + 1] = probeGrid.x2(j);
        System.arraycopy(target, 0, targets, p * m, m);
      }
    }
    solutions.get().closestSolution(x, targets, closest, count);
    double tolerance = 1e-9 * Math.max(box.x1Max() - box.x1Min(), box.x2Max() - box.x2Min());
    Map<List<Long>, double[]> distinct = new LinkedHashMap<>();
    for (int p = 0; p < count; p++) {
      double s1 = closest[2 * p];
      double s2 = closest[2 * p + 1];
      if (box.contains(s1, s2)) {
        distinct.putIfAbsent(List.of(Math.round(s1 / tolerance), Math.round(s2 / tolerance)), new double[] {s1, s2});
        if (distinct.size() > MAX_SOLUTIONS) {
          return List.of();
        }
      }
    }
    return new ArrayList<>(distinct.values());
  }

  /**
   * The default box: a square centred on the start whose half-width is {@value #BOX_MARGIN} times
   * the largest ∞-norm distance from the start to any of the given points, at least {@value
   * #MIN_HALF_WIDTH}, rounded up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
   * Non-finite points are ignored.
   *
   * <p>Worked number: the start (1, 1) and the closest solution (0.165, −0.562) of the chapter's
   * example (book form) give max(3, 1.25·1.562) = 3, the box [−2, 4]².
   *
   * @param start the centre, length 2
   * @param points the points to include (the closest solution to the start, the trajectories), each
   *     length 2
   * @return the box
   */
  static Box defaultBox(double[] start, List<double[]> points) {
    double far = 0;
    for (double[] p : points) {
      double d = Math.max(Math.abs(p[0] - start[0]), Math.abs(p[1] - start[1]));
      if (Double.isFinite(d)) {
        far = Math.max(far, d);
      }
    }
    double half = niceCeiling(Math.max(MIN_HALF_WIDTH, BOX_MARGIN * far));
    return new Box(start[0] - half, start[0] + half, start[1] - half, start[1] + half);
  }

  /**
   * The smallest "nice" number ≥ v: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of ten.
   *
   * @param v a finite number &gt; 0
   * @return the nice number
   */
  static double niceCeiling(double v) {
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double f : NICE) {
      if (f * power >= v * (1 - 1e-12)) {
        return f * power;
      }
    }
    return 10 * power;
  }

  /** {@code ½Σ_k (values[offset + k] − y*_k)²} over the m outputs of one sample. */
  private double halfSquaredResidual(double[] values, int offset) {
    double sum = 0;
    for (int k = 0; k < m; k++) {
      double r = values[offset + k] - target[k];
      sum += r * r;
    }
    return 0.5 * sum;
  }

  /** E.g. {@code "GD, lr 1.0e-05"}. */
  private static String label(String prefix, double value) {
    return String.format(Locale.ROOT, "%s %.1e", prefix, value);
  }
}
