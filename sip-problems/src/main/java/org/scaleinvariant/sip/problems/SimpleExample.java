package org.scaleinvariant.sip.problems;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * The "Simple Example comparing Different Optimizers" of Thuerey et al., <i>Physics-based Deep
 * Learning</i> (physicsbaseddeeplearning.org, chapter "Improved Gradients"):
 *
 * <pre>
 *   y = P(x) = (x0, x1²),
 * </pre>
 *
 * which the book minimises with {@code L = ‖y‖² = x0² + x1⁴} (target y* = 0) from x = (3, 3), to
 * compare gradient descent, Newton's method and the inverse-simulator update. It is nonlinear in x1
 * only, and x1 = 0 is a fold: there {@code ∂y1/∂x1 = 2x1} vanishes and the two branches {@code x1 =
 * ±√y1} meet.
 *
 * <h2>As a learning problem</h2>
 *
 * The network learns {@code y* ↦ x}. Targets: y0 uniform in [−{@value #Y0_HALF_WIDTH}, {@value
 * #Y0_HALF_WIDTH}), and {@code y1 = |u|} with u uniform in [−{@value #Y1_MAX}, {@value #Y1_MAX}),
 * so y1 is uniform in [0, {@value #Y1_MAX}] (two draws per sample, y0 then u). Every target is
 * reachable. Ground truth ({@link #sampleTrainingPairs}): {@code x = (y0, sign(u)·√|u|)}, i.e. the
 * branch of x1 is drawn at random with equal probability, so the data set is <b>multimodal</b>: a
 * network trained supervised on it averages the branches towards x1 = 0, the failure the chapter
 * ("Similarities to supervised training") contrasts SIP training with.
 *
 * <p>The exact solutions of {@code P(x) = y*} are {@code (y0, ±√y1)}; {@link #closestSolution}
 * picks the branch of the given x.
 *
 * <h2>Layout and contract</h2>
 *
 * n = m = 2, no parameters. Batch-first, row-major arrays as in {@link Problem}: x and y [B, 2],
 * Jacobians and Hessians [B, 2, 2]. Batch methods check shapes with {@link Checks#requireShape}, do
 * not check for NaN, and allocate nothing. The class is immutable and thread-safe.
 */
public final class SimpleExample implements Problem {

  /** The problem id, {@value}. */
  public static final String ID = "simple";

  /** Half-width {@value} of the range of y0*: uniform in [−h, h). */
  public static final double Y0_HALF_WIDTH = 1;

  /** Upper end {@value} of the range of y1*: uniform in [0, Y1_MAX]. */
  public static final double Y1_MAX = 1;

  private static final Options PARAMETERS = Options.empty();
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("analytic-simple");
  private static final List<Integer> HIDDEN_LAYERS = List.of(32, 32);

  private final Optional<ExactSolutions> exactSolutions = Optional.of(this::closestSolution);

  /** Creates the problem (it has no parameters). */
  public SimpleExample() {}

  /**
   * Creates the problem from parameters given as text; it declares none.
   *
   * @param options must be empty
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for any key
   */
  public static SimpleExample create(Options options) {
    options.resolve(List.of(), "problem " + ID);
    return new SimpleExample();
  }

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} Always empty: the problem has no parameters. */
  @Override
  public Options parameters() {
    return PARAMETERS;
  }

  /** {@inheritDoc} Always 2. */
  @Override
  public int inputSize() {
    return 2;
  }

  /** {@inheritDoc} Always 2. */
  @Override
  public int outputSize() {
    return 2;
  }

  /**
   * Evaluates {@code y = (x0, x1²)}.
   *
   * @param x the inputs, shape [B, 2]
   * @param y receives the outputs, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(y, "y", batch, 2);
    for (int b = 0; b < 2 * batch; b += 2) {
      double x1 = x[b + 1];
      y[b] = x[b];
      y[b + 1] = x1 * x1;
    }
  }

  /**
   * Evaluates the Jacobian {@code J = [[1, 0], [0, 2·x1]]} per sample.
   *
   * @param x the inputs, shape [B, 2]
   * @param jacobian receives J, shape [B, 2, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(jacobian, "jacobian", batch, 4);
    for (int b = 0; b < batch; b++) {
      int o = 4 * b;
      jacobian[o] = 1;
      jacobian[o + 1] = 0;
      jacobian[o + 2] = 0;
      jacobian[o + 3] = 2 * x[2 * b + 1];
    }
  }

  /**
   * Evaluates {@code Jᵀ·v = (v0, 2·x1·v1)} per sample.
   *
   * @param x the inputs, shape [B, 2]
   * @param cotangent the vector v in y-space, shape [B, 2]
   * @param out receives Jᵀv, shape [B, 2]; may be the same array as {@code cotangent}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(cotangent, "cotangent", batch, 2);
    Checks.requireShape(out, "out", batch, 2);
    for (int b = 0; b < 2 * batch; b += 2) {
      out[b] = cotangent[b];
      out[b + 1] = 2 * x[b + 1] * cotangent[b + 1];
    }
  }

  /**
   * Evaluates {@code Σ_k w_k ∇²P_k = w1·[[0, 0], [0, 2]]} per sample (P0 is linear).
   *
   * @param x the inputs, shape [B, 2] (only the shape is used)
   * @param weights the weights w, shape [B, 2] (only w1 matters)
   * @param out receives the symmetric 2×2 matrices, shape [B, 2, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(weights, "weights", batch, 2);
    Checks.requireShape(out, "out", batch, 4);
    for (int b = 0; b < batch; b++) {
      int o = 4 * b;
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
      out[o + 3] = 2 * weights[2 * b + 1];
    }
  }

  /**
   * Draws targets: y0 uniform in [−1, 1), y1 = |u| with u uniform in [−1, 1) (see the class
   * description). Uses exactly the draws of {@link #sampleTrainingPairs}.
   *
   * @param random the generator to draw from (the caller owns its seed), not null
   * @param yStar receives the targets, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code yStar} is too short
   */
  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, 2);
    sample(random, yStar, null, batch);
  }

  /** {@inheritDoc} Always true. */
  @Override
  public boolean hasGroundTruth() {
    return true;
  }

  /**
   * Draws targets as {@link #sampleTargets} does, with the solution {@code x = (y0, sign(u)·√|u|)}:
   * the branch of x1 is random (a multimodal data set, see the class description).
   *
   * @param random the generator to draw from, not null
   * @param yStar receives the targets, shape [B, 2]
   * @param xStar receives the solutions, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, 2);
    Checks.requireShape(xStar, "xStar", batch, 2);
    sample(random, yStar, xStar, batch);
  }

  /**
   * The exact solution sets, whose closest point is computed by {@link #closestSolution}.
   *
   * @return always present
   */
  @Override
  public Optional<ExactSolutions> exactSolutions() {
    return exactSolutions;
  }

  /**
   * Finds, per sample, the solution of {@code P(x') = y*} closest to x: {@code x' = (y0, s·√y1)}
   * with s the sign of x1 (+ for x1 = 0, where both branches are equally close). A target with
   * {@code y1 < 0}, outside the range of x1², is first clipped to y1 = 0, the closest reachable
   * target (then x1' = 0).
   *
   * @param x the points, shape [B, 2]
   * @param yStar the targets, shape [B, 2]
   * @param closest receives the closest solutions, shape [B, 2]; may be the same array as {@code x}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(yStar, "yStar", batch, 2);
    Checks.requireShape(closest, "closest", batch, 2);
    for (int b = 0; b < 2 * batch; b += 2) {
      double root = Math.sqrt(Math.max(0, yStar[b + 1]));
      closest[b + 1] = x[b + 1] < 0 ? -root : root;
      closest[b] = yStar[b];
    }
  }

  /**
   * The closed-form inverse {@code analytic-simple}, used when that solver is discovered.
   *
   * @return {@code Optional.of("analytic-simple")}
   */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /**
   * The default hidden-layer widths, {@code [32, 32]}: the inverse {@code (y0, ±√y1)} is a smooth
   * 2-D map except at the fold y1 = 0.
   *
   * @return the widths, input to output
   */
  @Override
  public List<Integer> defaultHiddenLayers() {
    return HIDDEN_LAYERS;
  }

  /**
   * Describes this problem.
   *
   * @return {@code simple{}}
   */
  @Override
  public String toString() {
    return ID + PARAMETERS;
  }

  private static void sample(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    for (int b = 0; b < 2 * batch; b += 2) {
      double y0 = random.nextDouble(-Y0_HALF_WIDTH, Y0_HALF_WIDTH);
      double u = random.nextDouble(-Y1_MAX, Y1_MAX);
      yStar[b] = y0;
      yStar[b + 1] = Math.abs(u);
      if (xStar != null) {
        xStar[b] = y0;
        xStar[b + 1] = Math.copySign(Math.sqrt(Math.abs(u)), u);
      }
    }
  }
}
