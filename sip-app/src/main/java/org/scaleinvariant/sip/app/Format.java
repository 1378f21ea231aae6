package org.scaleinvariant.sip.app;

import java.util.Locale;

/** Number formatting for tables and progress lines. */
final class Format {
  private Format() {}

  /**
   * Formats a metric with four significant digits in scientific notation, or {@code "n/a"} for NaN.
   *
   * @param value the value
   * @return the text
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.3e", value);
  }

  /**
   * Formats a duration in milliseconds with three decimals.
   *
   * @param millis the value
   * @return the text
   */
  static String millis(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
  }
}
