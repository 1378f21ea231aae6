package org.scaleinvariant.sip.api;

import java.util.SplittableRandom;

/**
 * Implements the {@link Problem} view of a {@link RolloutProblem} (the open-loop map from the
 * control sequence to the observations, started from the {@link #referenceStart reference start})
 * from its transition methods, so that a rollout problem's author writes only the dynamics, the
 * checkpoint layout and the task distribution.
 *
 * <p>Every batch method of the view runs on a per-thread {@link ControlSequenceProblem} set to the
 * reference start; it is created on a thread's first call and grows with the batch, so repeated
 * calls allocate nothing. Subclasses must be immutable; then this class is thread-safe.
 */
public abstract class AbstractRolloutProblem implements RolloutProblem {
  private final ThreadLocal<ControlSequenceProblem> views =
      ThreadLocal.withInitial(() -> new ControlSequenceProblem(this, 1));

  /** For subclasses. */
  protected AbstractRolloutProblem() {}

  private ControlSequenceProblem view(int batch) {
    ControlSequenceProblem view = views.get();
    view.useReferenceStart(batch);
    return view;
  }

  /** {@inheritDoc} {@code n = T·U}. */
  @Override
  public final int inputSize() {
    return horizon() * controlSize();
  }

  /**
   * {@inheritDoc} The observations from the reference start ({@link
   * ControlSequenceProblem#forward}).
   */
  @Override
  public final void forward(double[] x, double[] y, int batch) {
    view(batch).forward(x, y, batch);
  }

  /** {@inheritDoc} See {@link ControlSequenceProblem#jacobian}. */
  @Override
  public final void jacobian(double[] x, double[] jacobian, int batch) {
    view(batch).jacobian(x, jacobian, batch);
  }

  /** {@inheritDoc} See {@link ControlSequenceProblem#vectorJacobianProduct}. */
  @Override
  public final void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    view(batch).vectorJacobianProduct(x, cotangent, out, batch);
  }

  /**
   * {@inheritDoc} Zeros, the Gauss–Newton approximation unless the rollout is linear ({@link
   * ControlSequenceProblem#weightedOutputHessian}).
   */
  @Override
  public final void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    view(batch).weightedOutputHessian(x, weights, out, batch);
  }

  /** {@inheritDoc} True only if {@link #isLinear()}. */
  @Override
  public final boolean hasExactSecondDerivatives() {
    return isLinear();
  }

  /** {@inheritDoc} The targets of {@link #sampleTasks} (start states drawn and dropped). */
  @Override
  public final void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    views.get().sampleTargets(random, yStar, batch);
  }
}
