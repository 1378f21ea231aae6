package org.scaleinvariant.sip.nn;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Creates network optimizers by id, with their documented default learning rates and all other
 * settings at their defaults (each class names its own and their sources).
 *
 * <table>
 *   <caption>The optimizers</caption>
 *   <tr><th>id</th><th>class</th><th>default η</th></tr>
 *   <tr><td>{@value Adam#ID}</td><td>{@link Adam}</td><td>{@value Adam#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value GradientDescent#ID}</td><td>{@link GradientDescent}</td>
 *       <td>{@value GradientDescent#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value Momentum#ID}</td><td>{@link Momentum}</td>
 *       <td>{@value Momentum#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value Nesterov#ID}</td><td>{@link Nesterov}</td>
 *       <td>{@value Nesterov#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value AdaGrad#ID}</td><td>{@link AdaGrad}</td>
 *       <td>{@value AdaGrad#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value RmsProp#ID}</td><td>{@link RmsProp}</td>
 *       <td>{@value RmsProp#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value Adadelta#ID}</td><td>{@link Adadelta}</td>
 *       <td>{@value Adadelta#DEFAULT_LEARNING_RATE}</td></tr>
 *   <tr><td>{@value AdamW#ID}</td><td>{@link AdamW}</td><td>{@value AdamW#DEFAULT_LEARNING_RATE}</td></tr>
 * </table>
 */
public final class Optimizers {
  /** How the registry builds one optimizer with its default settings besides η. */
  @FunctionalInterface
  private interface Factory {
    Optimizer create(int parameterCount, double learningRate);
  }

  private record Entry(String id, double defaultLearningRate, Factory factory) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(Adam.ID, Adam.DEFAULT_LEARNING_RATE, Adam::new),
          new Entry(GradientDescent.ID, GradientDescent.DEFAULT_LEARNING_RATE, GradientDescent::new),
          new Entry(Momentum.ID, Momentum.DEFAULT_LEARNING_RATE, Momentum::new),
          new Entry(Nesterov.ID, Nesterov.DEFAULT_LEARNING_RATE, Nesterov::new),
          new Entry(AdaGrad.ID, AdaGrad.DEFAULT_LEARNING_RATE, AdaGrad::new),
          new Entry(RmsProp.ID, RmsProp.DEFAULT_LEARNING_RATE, RmsProp::new),
          new Entry(Adadelta.ID, Adadelta.DEFAULT_LEARNING_RATE, Adadelta::new),
          new Entry(AdamW.ID, AdamW.DEFAULT_LEARNING_RATE, AdamW::new));

  private static final List<String> IDS = ENTRIES.stream().map(Entry::id).toList();

  private Optimizers() {}

  /**
   * The ids of the available optimizers, in a fixed order: adam, sgd, momentum, nesterov, adagrad,
   * rmsprop, adadelta, adamw.
   *
   * @return the ids, unmodifiable
   */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * The documented default learning rate of an optimizer.
   *
   * @param id the optimizer id
   * @return η_NN
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id
   */
  public static double defaultLearningRate(String id) {
    return entry(id).defaultLearningRate();
  }

  /**
   * Creates an optimizer with its default settings besides the learning rate.
   *
   * @param id the optimizer id
   * @param parameterCount the size of θ, at least 1
   * @param learningRate η_NN, or NaN for the optimizer's default
   * @return the optimizer
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id, {@link
   *     ErrorCode#INVALID_ARGUMENT} for a learning rate that is not finite and positive or a
   *     parameter count below 1
   */
  public static Optimizer create(String id, int parameterCount, double learningRate) {
    Entry entry = entry(id);
    double lr = Double.isNaN(learningRate) ? entry.defaultLearningRate() : learningRate;
    return entry.factory().create(parameterCount, lr);
  }

  private static Entry entry(String id) {
    for (Entry entry : ENTRIES) {
      if (entry.id().equals(id)) {
        return entry;
      }
    }
    throw new SipException(
        ErrorCode.UNKNOWN_ID, "unknown optimizer '" + id + "'; known: " + String.join(", ", IDS));
  }
}
