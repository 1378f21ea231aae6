package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A first-order network optimizer: updates the flat parameter array θ in place from the gradient
 * ∂L/∂θ (step 5 of SIP training, and the whole update of DP training).
 *
 * <p>Settings (learning rate, β, ε) are fixed at construction; the state (moments, step counter)
 * belongs to the instance, which is bound to one parameter array size. The state can be exported
 * ({@link #saveState()}) and imported ({@link #restoreState}) for checkpoints: an optimizer whose
 * state was restored continues bit for bit as the one it was saved from. Not thread-safe.
 */
public interface Optimizer {

  /**
   * The id used on the command line, e.g. {@code "adam"}.
   *
   * @return the id
   */
  String id();

  /**
   * The learning rate η_NN.
   *
   * @return η_NN
   */
  double learningRate();

  /**
   * Applies one update {@code θ ← θ + u(∂L/∂θ)} and counts it. Only the first n values of each
   * array are read or written, n being the size given at construction.
   *
   * @param parameters θ, updated in place, length at least n
   * @param gradient ∂L/∂θ, length at least n
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is null or shorter than n;
   *     nothing is updated or counted then
   */
  void step(double[] parameters, double[] gradient);

  /**
   * The number of updates applied so far.
   *
   * @return the step counter
   */
  long steps();

  /**
   * A deep copy of the state: the step counter and every state array. Allocates.
   *
   * @return the snapshot
   */
  OptimizerState saveState();

  /**
   * Overwrites a snapshot with the current state, without allocating (a pre-step copy in the
   * training loop).
   *
   * @param into a snapshot of an optimizer with the same id and parameter count, e.g. from an
   *     earlier {@link #saveState()} of this one
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the snapshot does not match
   */
  void saveState(OptimizerState into);

  /**
   * Replaces the state (step counter and state arrays) by a snapshot's. Nothing changes if it
   * throws.
   *
   * @param state a snapshot of an optimizer with the same id and parameter count
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the id, the array names or lengths
   *     differ; {@link ErrorCode#NON_FINITE} if a value is NaN or infinite (the message names the
   *     array and index)
   */
  void restoreState(OptimizerState state);
}
