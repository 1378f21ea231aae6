package org.scaleinvariant.sip.api;

import java.util.List;
import java.util.Objects;

/**
 * Creates the built-in {@link YLoss}es by id, for the command line and configuration files:
 *
 * <table>
 *   <caption>The y-space losses</caption>
 *   <tr><th>id</th><th>ℓ(y, y*)</th><th>parameters</th><th>Newton step Δy</th></tr>
 *   <tr><td>{@value L2Loss#ID}</td><td>{@code ½‖y − y*‖²}</td><td>none</td>
 *       <td>{@code η(y* − y)}</td></tr>
 *   <tr><td>{@value WeightedL2Loss#ID}</td><td>{@code ½ Σ_k w_k (y_k − y*_k)²}</td>
 *       <td>{@code weights} (required, one &gt; 0 per component)</td><td>{@code η(y* − y)}</td></tr>
 *   <tr><td>{@value HuberLoss#ID}</td><td>Huber with threshold δ</td>
 *       <td>{@code delta} &gt; 0, default {@value HuberLoss#DEFAULT_DELTA}</td>
 *       <td>{@code −η·clip(y − y*, −δ, δ)}</td></tr>
 * </table>
 *
 * Ids are matched exactly (callers that accept other spellings normalise them first).
 */
public final class YLosses {
  private static final List<String> IDS = List.of(L2Loss.ID, WeightedL2Loss.ID, HuberLoss.ID);

  private YLosses() {}

  /**
   * The ids of the built-in losses.
   *
   * @return {@code [l2, weighted-l2, huber]}, unmodifiable
   */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * The parameters a loss accepts.
   *
   * @param id the loss id
   * @return the declared parameters, unmodifiable (empty for {@code l2})
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id, listing the known ones
   */
  public static List<ParameterSpec> parameters(String id) {
    switch (known(id)) {
      case WeightedL2Loss.ID:
        return WeightedL2Loss.PARAMETERS;
      case HuberLoss.ID:
        return HuberLoss.PARAMETERS;
      case L2Loss.ID:
      default:
        return List.of();
    }
  }

  /**
   * A one-line description of a loss, for help texts.
   *
   * @param id the loss id
   * @return the description
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id, listing the known ones
   */
  public static String description(String id) {
    switch (known(id)) {
      case WeightedL2Loss.ID:
        return "½ Σ w_k (y_k − y*_k)²; Newton step η(y* − y): the weights cancel";
      case HuberLoss.ID:
        return "Huber with threshold δ; Newton step −η·clip(y − y*, −δ, δ)";
      case L2Loss.ID:
      default:
        return "½‖y − y*‖²; Newton step η(y* − y) (the chapter's loss)";
    }
  }

  /**
   * Creates a loss.
   *
   * @param id the loss id, one of {@link #ids()}
   * @param options values for the loss's {@link #parameters(String)}; missing ones take their
   *     defaults
   * @return the loss ({@link L2Loss#INSTANCE} for {@code l2})
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id (the message lists the known
   *     ones); {@link ErrorCode#INVALID_ARGUMENT} for an undeclared key, an invalid value, or a
   *     missing {@code weights} of {@code weighted-l2}
   */
  public static YLoss create(String id, Options options) {
    Objects.requireNonNull(options, "options");
    Options resolved = options.resolve(parameters(id), "y-loss " + id);
    switch (id) {
      case WeightedL2Loss.ID:
        if (!resolved.has(WeightedL2Loss.PARAMETER_WEIGHTS)) {
          throw new SipException(
              ErrorCode.INVALID_ARGUMENT,
              "y-loss "
                  + WeightedL2Loss.ID
                  + " needs "
                  + WeightedL2Loss.PARAMETER_WEIGHTS
                  + ", one weight > 0 per output component, e.g. "
                  + WeightedL2Loss.PARAMETER_WEIGHTS
                  + "=1,100");
        }
        return new WeightedL2Loss(resolved.getNumbers(WeightedL2Loss.PARAMETER_WEIGHTS));
      case HuberLoss.ID:
        return new HuberLoss(resolved.getDouble(HuberLoss.PARAMETER_DELTA));
      case L2Loss.ID:
      default:
        return L2Loss.INSTANCE;
    }
  }

  private static String known(String id) {
    if (id == null || !IDS.contains(id)) {
      throw new SipException(
          ErrorCode.UNKNOWN_ID, "unknown y-loss '" + id + "'; known: " + String.join(", ", IDS));
    }
    return id;
  }
}
