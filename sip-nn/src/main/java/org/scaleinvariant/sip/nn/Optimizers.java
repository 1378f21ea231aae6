package org.scaleinvariant.sip.nn;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Creates network optimizers by id, with their documented default learning rates. */
public final class Optimizers {
  private Optimizers() {}

  /**
   * The ids of the available optimizers.
   *
   * @return the ids
   */
  public static List<String> ids() {
    return List.of(Adam.ID, GradientDescent.ID);
  }

  /**
   * The documented default learning rate of an optimizer.
   *
   * @param id the optimizer id
   * @return η_NN
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id
   */
  public static double defaultLearningRate(String id) {
    switch (id) {
      case Adam.ID:
        return Adam.DEFAULT_LEARNING_RATE;
      case GradientDescent.ID:
        return GradientDescent.DEFAULT_LEARNING_RATE;
      default:
        throw unknown(id);
    }
  }

  /**
   * Creates an optimizer.
   *
   * @param id the optimizer id
   * @param parameterCount the size of θ
   * @param learningRate η_NN, or NaN for the optimizer's default
   * @return the optimizer
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id, {@link
   *     ErrorCode#INVALID_ARGUMENT} for a learning rate that is not finite and positive
   */
  public static Optimizer create(String id, int parameterCount, double learningRate) {
    double lr = Double.isNaN(learningRate) ? defaultLearningRate(id) : learningRate;
    switch (id) {
      case Adam.ID:
        return new Adam(parameterCount, lr);
      case GradientDescent.ID:
        return new GradientDescent(parameterCount, lr);
      default:
        throw unknown(id);
    }
  }

  private static SipException unknown(String id) {
    return new SipException(
        ErrorCode.UNKNOWN_ID, "unknown optimizer '" + id + "'; known: " + String.join(", ", ids()));
  }
}
