package org.scaleinvariant.sip.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.Optimizers;
import org.scaleinvariant.sip.nn.TrainingConfig;

/**
 * The training methods as named on the command line: {@value #SIP}, {@value #SUPERVISED}, or the id
 * of a network optimizer for DP training with it.
 */
final class Methods {
  /** SIP training (inverse solver + proxy loss), {@value}. */
  static final String SIP = "sip";
  /** Supervised training on ground-truth solutions, {@value}. */
  static final String SUPERVISED = "supervised";

  private Methods() {}

  /**
   * All method ids: sip, supervised, then every optimizer (DP training).
   *
   * @return the ids
   */
  static List<String> ids() {
    List<String> ids = new ArrayList<>(List.of(SIP, SUPERVISED));
    ids.addAll(Optimizers.ids());
    return ids;
  }

  /**
   * The default methods of {@code compare}: SIP and DP training with every optimizer.
   *
   * @return the ids
   */
  static List<String> sipAndDp() {
    List<String> ids = new ArrayList<>(List.of(SIP));
    ids.addAll(Optimizers.ids());
    return ids;
  }

  /**
   * Checks a method id.
   *
   * @param option the option it came from, for the message
   * @param value the id as given
   * @return the id, lower case
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} listing the allowed ids
   */
  static String check(String option, String value) {
    String id = value.trim().toLowerCase(Locale.ROOT);
    if (!ids().contains(id)) {
      throw new SipException(
          ErrorCode.UNKNOWN_ID, option + " '" + value + "' is not allowed; allowed: " + String.join(", ", ids()));
    }
    return id;
  }

  /**
   * Parses a comma-separated list of method ids (duplicates dropped, order kept).
   *
   * @param option the option, for messages
   * @param text the list
   * @return the ids
   */
  static List<String> parseList(String option, String text) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      ids.add(check(option + " entry", part));
    }
    return new ArrayList<>(ids);
  }

  /**
   * Sets the method (and for DP the optimizer) of a configuration from a method id.
   *
   * @param config the configuration (its optimizer is kept for SIP and supervised training)
   * @param id a checked method id
   * @return the configuration for that method
   */
  static TrainingConfig configure(TrainingConfig config, String id) {
    switch (id) {
      case SIP:
        return config.toBuilder().method(Method.SIP).build();
      case SUPERVISED:
        return config.toBuilder().method(Method.SUPERVISED).build();
      default:
        return config.toBuilder().method(Method.DP).optimizer(id).build();
    }
  }
}
