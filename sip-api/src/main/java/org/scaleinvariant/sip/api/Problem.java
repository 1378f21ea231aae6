package org.scaleinvariant.sip.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A differentiable physics function {@code y = P(x)} from x-space (size n) to y-space (size m),
 * which a network {@code f(y*; θ) = x} learns to invert.
 *
 * <h2>Layout</h2>
 *
 * All arrays are {@code double[]}, <b>batch-first and row-major</b>: a batch of B vectors of size n
 * is one array of length at least {@code B*n}, sample b occupying {@code [b*n, (b+1)*n)}; the
 * Jacobian of sample b is the m×n block at offset {@code b*m*n}, entry (k, j) = ∂P_k/∂x_j at {@code
 * b*m*n + k*n + j}; an n×n matrix per sample is at offset {@code b*n*n}. Arrays may be longer than
 * needed (workspaces sized for the largest batch); only the first {@code B*size} values are read or
 * written.
 *
 * <h2>Derivatives</h2>
 *
 * The derivatives are exact (analytic, written by the problem's author; not finite differences):
 * DP training uses {@link #vectorJacobianProduct}, Newton-type inverse solvers use {@link
 * #jacobian} and {@link #weightedOutputHessian}, from which the Hessian of the per-sample loss
 * {@code ℓ(x) = ½‖P(x) − t‖²} is {@code ∇²ℓ = JᵀJ + Σ_k r_k ∇²P_k} with residual {@code r = P(x) −
 * t}.
 *
 * <h2>Contract</h2>
 *
 * Implementations are immutable and thread-safe, and allocate nothing in the batch methods (they
 * are called once per training iteration). Batch methods throw {@link SipException} with {@link
 * ErrorCode#SHAPE_MISMATCH} if an array is shorter than its declared shape; they do not check for
 * NaN (trainers do). Output arrays must not alias input arrays unless a method says otherwise.
 */
public interface Problem {

  /**
   * The id of the provider that created this problem, e.g. {@code "rotated-sine"}.
   *
   * @return the id
   */
  String id();

  /**
   * The resolved parameters this problem was created with (every declared parameter, given or
   * default), for reports and saved models.
   *
   * @return the parameters
   */
  Options parameters();

  /**
   * The size n of x-space (the network's output).
   *
   * @return n, at least 1
   */
  int inputSize();

  /**
   * The size m of y-space (the network's input).
   *
   * @return m, at least 1
   */
  int outputSize();

  /**
   * Evaluates the physics, {@code y = P(x)}.
   *
   * @param x the inputs, shape [B, n]
   * @param y receives the outputs, shape [B, m]
   * @param batch the number of samples B, at least 1
   */
  void forward(double[] x, double[] y, int batch);

  /**
   * Evaluates the Jacobian {@code J = ∂P/∂x} per sample.
   *
   * @param x the inputs, shape [B, n]
   * @param jacobian receives J, shape [B, m, n] (entry (k, j) = ∂P_k/∂x_j)
   * @param batch the number of samples B
   */
  void jacobian(double[] x, double[] jacobian, int batch);

  /**
   * Evaluates the vector-Jacobian product {@code out = Jᵀ·v} per sample (reverse-mode derivative,
   * used by DP training).
   *
   * @param x the inputs, shape [B, n]
   * @param cotangent the vector v in y-space, shape [B, m]
   * @param out receives Jᵀ·v, shape [B, n]
   * @param batch the number of samples B
   */
  void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch);

  /**
   * Evaluates the second-derivative term {@code Σ_k w_k ∇²P_k(x)} per sample, the output Hessians
   * contracted with a weight vector. With {@code w = P(x) − t} it is the part of the loss Hessian
   * that Gauss–Newton drops. Problems whose outputs are linear in x write zeros.
   *
   * @param x the inputs, shape [B, n]
   * @param weights the weights w in y-space, shape [B, m]
   * @param out receives the symmetric n×n matrices, shape [B, n, n]
   * @param batch the number of samples B
   */
  void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch);

  /**
   * Whether {@link #weightedOutputHessian} is the exact second-derivative term. A problem whose
   * exact term is impractical may write zeros there and answer false: Newton-type solvers then
   * work with the Gauss–Newton curvature {@code JᵀJ} instead of the full loss Hessian (for
   * example the control-sequence view of a nonlinear rollout, {@link ControlSequenceProblem}).
   *
   * @return true (the default) if the second derivatives are exact
   */
  default boolean hasExactSecondDerivatives() {
    return true;
  }

  /**
   * Draws training targets y* from this problem's target distribution.
   *
   * @param random the generator to draw from (the caller owns its seed)
   * @param yStar receives the targets, shape [B, m]
   * @param batch the number of samples B
   */
  void sampleTargets(SplittableRandom random, double[] yStar, int batch);

  /**
   * Whether this problem can draw ground-truth solutions with its targets ({@link
   * #sampleTrainingPairs}), needed for supervised training and, for problems without {@link
   * #exactSolutions()}, for the x-space metric.
   *
   * @return true if {@link #sampleTrainingPairs} is supported
   */
  default boolean hasGroundTruth() {
    return false;
  }

  /**
   * Draws training targets y* together with a ground-truth solution x* of each ({@code P(x*) = y*}).
   * The targets follow the same distribution as {@link #sampleTargets}; which solution is drawn
   * when several exist is the problem's choice (and may be random: a multimodal data set).
   *
   * @param random the generator to draw from
   * @param yStar receives the targets, shape [B, m]
   * @param xStar receives the solutions, shape [B, n]
   * @param batch the number of samples B
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if {@link #hasGroundTruth()} is false
   */
  default void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    throw new SipException(
        ErrorCode.UNSUPPORTED, "problem '" + id() + "' cannot draw ground-truth solutions (supervised training)");
  }

  /**
   * The learning rate recommended for a network optimizer on this problem, e.g. the one a published
   * experiment used. Trainers fall back to the optimizer's own default when empty.
   *
   * @param optimizerId the optimizer's id, e.g. {@code "adam"}
   * @return the learning rate η_NN, or empty
   */
  default OptionalDouble recommendedLearningRate(String optimizerId) {
    return OptionalDouble.empty();
  }

  /**
   * The exact solution sets {@code {x : P(x) = y*}}, if this problem knows them. Used for the
   * x-space metric (distance of a prediction to the closest exact solution).
   *
   * @return the solution sets, or empty
   */
  default Optional<ExactSolutions> exactSolutions() {
    return Optional.empty();
  }

  /**
   * The id of the inverse solver this problem is best trained with, if any (e.g. {@code "newton"}
   * for low-dimensional problems, as in the paper).
   *
   * @return the preferred solver id, or empty
   */
  default Optional<String> preferredSolver() {
    return Optional.empty();
  }

  /**
   * Whether the network input y* should be standardised per component (its targets have very
   * different scales). Trainers use this as the default of their standardisation switch.
   *
   * @return true to standardise by default
   */
  default boolean recommendsInputStandardization() {
    return false;
  }

  /**
   * The default hidden-layer widths of a dense network for this problem, sized for a 2-core machine.
   *
   * @return the widths, input to output, e.g. {@code [32, 64, 32]}
   */
  default List<Integer> defaultHiddenLayers() {
    return List.of(32, 64, 32);
  }
}
