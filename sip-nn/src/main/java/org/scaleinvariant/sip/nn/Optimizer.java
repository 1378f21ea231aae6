package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A first-order network optimizer: updates the flat parameter array θ in place from the gradient
 * ∂L/∂θ (step 5 of SIP training, and the whole update of DP training).
 *
 * <p>Settings (learning rate, β, ε) are fixed at construction; the state (moments, step counter)
 * belongs to the instance, which is bound to one parameter array size. Not thread-safe.
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
}
