package org.scaleinvariant.sip.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Declares one named parameter of a provider (a problem parameter such as {@code xi}, or a solver
 * option such as {@code maxLossChange}): its kind, default, allowed range and a description for
 * {@code --help} and for {@code sip problems}/{@code sip solvers}.
 *
 * <p>Values travel as strings (from the command line or a configuration file) and are checked by
 * {@link #parse(String)}, which rejects NaN, infinities, values out of range and unknown choices
 * with a one-line message.
 *
 * @param name the key, e.g. {@code "xi"}; letters, digits and {@code -_.}
 * @param kind what values look like
 * @param defaultValue the default as a string, or null if the parameter has no default (then it is
 *     optional and absent unless given)
 * @param min the smallest allowed value for numeric kinds, and for each entry of a {@link
 *     Kind#NUMBER_LIST} or {@link Kind#MATRIX} ({@code -Infinity} for none)
 * @param minExclusive whether {@code min} itself is excluded
 * @param max the largest allowed value for numeric kinds and list or matrix entries ({@code
 *     +Infinity} for none), inclusive
 * @param choices the allowed values of a {@link Kind#CHOICE}, empty otherwise
 * @param description one sentence for people, with units (degrees, seconds) where they apply
 */
public record ParameterSpec(
    String name,
    Kind kind,
    String defaultValue,
    double min,
    boolean minExclusive,
    double max,
    List<String> choices,
    String description) {

  /** Plain decimal notation, e.g. {@code 32}, {@code -0.5}, {@code 1e-3} (no hex, no {@code f}/{@code d}). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** The kinds of parameter values. */
  public enum Kind {
    /** A finite double within [min, max] (or (min, max]). */
    NUMBER,
    /** A whole number within [min, max] (or (min, max]). */
    INTEGER,
    /** One of a fixed set of strings. */
    CHOICE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /**
     * Finite numbers separated by commas, each within [min, max] (or (min, max]), e.g. {@code
     * 1,100,0.5}; canonical form without spaces. Read with {@link Options#getNumbers}.
     */
    NUMBER_LIST,
    /**
     * A matrix, row-major: rows separated by semicolons, each row equally many finite numbers
     * separated by commas, e.g. {@code 1,2;3,4} for [[1, 2], [3, 4]]; every entry within [min, max]
     * (or (min, max]). Read with {@link Options#getMatrix}.
     */
    MATRIX
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if name, kind, choices or description is null
   * @throws IllegalArgumentException if a default is given that {@link #parse} rejects
   */
  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
    Objects.requireNonNull(description, "description");
    if (kind == Kind.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("CHOICE parameter " + name + " needs choices");
    }
  }

  /**
   * A real-valued parameter with range {@code [min, max]}, or {@code (min, max]} if {@code
   * minExclusive}.
   *
   * @param name the key
   * @param defaultValue the default (finite and in range), or NaN for no default
   * @param min lower bound, {@code Double.NEGATIVE_INFINITY} for none
   * @param minExclusive whether min is excluded
   * @param max upper bound (inclusive), {@code Double.POSITIVE_INFINITY} for none
   * @param description one sentence with units
   * @return the spec
   */
  public static ParameterSpec number(
      String name, double defaultValue, double min, boolean minExclusive, double max, String description) {
    return new ParameterSpec(
        name,
        Kind.NUMBER,
        Double.isNaN(defaultValue) ? null : format(defaultValue),
        min,
        minExclusive,
        max,
        List.of(),
        description);
  }

  /**
   * A whole-number parameter with range {@code [min, max]}.
   *
   * @param name the key
   * @param defaultValue the default
   * @param min lower bound, inclusive
   * @param max upper bound, inclusive
   * @param description one sentence
   * @return the spec
   */
  public static ParameterSpec integer(String name, int defaultValue, int min, int max, String description) {
    return new ParameterSpec(
        name, Kind.INTEGER, Integer.toString(defaultValue), min, false, max, List.of(), description);
  }

  /**
   * A parameter with a fixed set of string values.
   *
   * @param name the key
   * @param defaultValue the default, one of {@code choices}
   * @param description one sentence
   * @param choices the allowed values
   * @return the spec
   */
  public static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
    return new ParameterSpec(
        name,
        Kind.CHOICE,
        defaultValue,
        Double.NEGATIVE_INFINITY,
        false,
        Double.POSITIVE_INFINITY,
        List.of(choices),
        description);
  }

  /**
   * A {@code true}/{@code false} parameter.
   *
   * @param name the key
   * @param defaultValue the default
   * @param description one sentence
   * @return the spec
   */
  public static ParameterSpec bool(String name, boolean defaultValue, String description) {
    return new ParameterSpec(
        name,
        Kind.BOOLEAN,
        Boolean.toString(defaultValue),
        Double.NEGATIVE_INFINITY,
        false,
        Double.POSITIVE_INFINITY,
        List.of(),
        description);
  }

  /**
   * A parameter whose value is a list of finite numbers separated by commas ({@link
   * Kind#NUMBER_LIST}), each within {@code [min, max]}, or {@code (min, max]} if {@code
   * minExclusive}.
   *
   * @param name the key
   * @param defaultValue the default as text (a valid list), or null for no default
   * @param min lower bound of every entry, {@code Double.NEGATIVE_INFINITY} for none
   * @param minExclusive whether min is excluded
   * @param max upper bound of every entry (inclusive), {@code Double.POSITIVE_INFINITY} for none
   * @param description one sentence with units
   * @return the spec
   */
  public static ParameterSpec numberList(
      String name, String defaultValue, double min, boolean minExclusive, double max, String description) {
    return new ParameterSpec(
        name, Kind.NUMBER_LIST, defaultValue, min, minExclusive, max, List.of(), description);
  }

  /**
   * A parameter whose value is a matrix of finite numbers written row-major ({@link Kind#MATRIX}),
   * e.g. {@code 1,2;3,4}.
   *
   * @param name the key
   * @param defaultValue the default as text (a valid matrix), or null for no default
   * @param description one sentence, saying what the rows and columns are
   * @return the spec
   */
  public static ParameterSpec matrix(String name, String defaultValue, String description) {
    return new ParameterSpec(
        name,
        Kind.MATRIX,
        defaultValue,
        Double.NEGATIVE_INFINITY,
        false,
        Double.POSITIVE_INFINITY,
        List.of(),
        description);
  }

  /**
   * Describes the allowed values for an error message, e.g. {@code "a finite number > 0"} or {@code
   * "one of: paper, book"}.
   *
   * @return the description
   */
  public String allowed() {
    switch (kind) {
      case CHOICE:
        return "one of: " + String.join(", ", choices);
      case BOOLEAN:
        return "true or false";
      case NUMBER_LIST:
        return "finite numbers separated by ','" + entryRange();
      case MATRIX:
        return "rows separated by ';' of equally many finite numbers separated by ','" + entryRange();
      case INTEGER:
      case NUMBER:
      default:
        String what = kind == Kind.INTEGER ? "an integer" : "a finite number";
        boolean hasMin = min != Double.NEGATIVE_INFINITY;
        boolean intLimit = kind == Kind.INTEGER && max >= Integer.MAX_VALUE;
        boolean hasMax = max != Double.POSITIVE_INFINITY && !intLimit;
        if (hasMin && hasMax) {
          return what + " in " + (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + "]";
        }
        if (hasMin) {
          return what
              + (minExclusive ? " > " : " >= ")
              + format(min)
              + (intLimit ? " (at most " + Integer.MAX_VALUE + ")" : "");
        }
        if (hasMax) {
          return what + " <= " + format(max);
        }
        return what;
    }
  }

  /**
   * Parses and checks a value given as text.
   *
   * @param raw the text, e.g. {@code "32"}
   * @return the canonical text of the value (numbers re-formatted, booleans lower-case)
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} with a one-line message naming the value
   *     and {@link #allowed()} if the text is not an allowed value
   */
  public String parse(String raw) {
    String text = raw == null ? "" : raw.trim();
    switch (kind) {
      case CHOICE:
        for (String c : choices) {
          if (c.equalsIgnoreCase(text)) {
            return c;
          }
        }
        throw invalid(raw);
      case BOOLEAN:
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return text.toLowerCase(Locale.ROOT);
        }
        throw invalid(raw);
      case NUMBER_LIST:
        try {
          return formatList(checkEntries(parseList(text)));
        } catch (IllegalArgumentException e) {
          throw invalid(raw, e.getMessage());
        }
      case MATRIX:
        try {
          double[][] rows = parseRows(text);
          for (double[] row : rows) {
            checkEntries(row);
          }
          return formatRows(rows);
        } catch (IllegalArgumentException e) {
          throw invalid(raw, e.getMessage());
        }
      case INTEGER:
        long asLong;
        try {
          asLong = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw invalid(raw);
        }
        if (!inRange(asLong) || asLong > Integer.MAX_VALUE || asLong < Integer.MIN_VALUE) {
          throw invalid(raw);
        }
        return Long.toString(asLong);
      case NUMBER:
      default:
        if (!DECIMAL.matcher(text).matches()) {
          throw invalid(raw);
        }
        double value;
        try {
          value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw invalid(raw);
        }
        if (!Double.isFinite(value) || !inRange(value)) {
          throw invalid(raw);
        }
        return format(value);
    }
  }

  private boolean inRange(double value) {
    boolean aboveMin = minExclusive ? value > min : value >= min;
    return aboveMin && value <= max;
  }

  private SipException invalid(String raw) {
    return new SipException(
        ErrorCode.INVALID_ARGUMENT, name + " = '" + raw + "' is not allowed; allowed: " + allowed());
  }

  private SipException invalid(String raw, String detail) {
    return new SipException(
        ErrorCode.INVALID_ARGUMENT,
        name + " = '" + raw + "' is not allowed (" + detail + "); allowed: " + allowed());
  }

  /** The range of list and matrix entries for {@link #allowed()}: e.g. ", each > 0", or "". */
  private String entryRange() {
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax) {
      return ", each in " + (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + "]";
    }
    if (hasMin) {
      return ", each" + (minExclusive ? " > " : " >= ") + format(min);
    }
    return hasMax ? ", each <= " + format(max) : "";
  }

  /** Checks every entry against the range; returns the entries. */
  private double[] checkEntries(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!inRange(values[i])) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is " + format(values[i]));
      }
    }
    return values;
  }

  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Parses finite numbers in plain decimal notation separated by commas (spaces around them are
   * ignored), e.g. {@code "1, 2.5,-3e-2"}.
   *
   * @param text the text
   * @return the numbers, at least one
   * @throws IllegalArgumentException naming the first bad entry (1-based), for a message
   */
  static double[] parseList(String text) {
    String[] parts = text.split(",", -1);
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is empty");
      }
      double value = DECIMAL.matcher(part).matches() ? Double.parseDouble(part) : Double.NaN;
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is '" + part + "'");
      }
      values[i] = value;
    }
    return values;
  }

  /**
   * Parses a matrix written row-major: rows separated by semicolons, each a {@link #parseList
   * list}, all of the same length.
   *
   * @param text the text, e.g. {@code "1,2;3,4"}
   * @return the rows, at least one, all of equal length
   * @throws IllegalArgumentException naming the first bad row (1-based), for a message
   */
  static double[][] parseRows(String text) {
    String[] parts = text.split(";", -1);
    double[][] rows = new double[parts.length][];
    for (int r = 0; r < parts.length; r++) {
      try {
        rows[r] = parseList(parts[r]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + (r + 1) + ": " + e.getMessage(), e);
      }
      if (rows[r].length != rows[0].length) {
        throw new IllegalArgumentException(
            "row " + (r + 1) + " has " + rows[r].length + " entries, row 1 has " + rows[0].length);
      }
    }
    return rows;
  }

  private static String formatList(double[] values) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : ",").append(format(values[i]));
    }
    return text.toString();
  }

  private static String formatRows(double[][] rows) {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < rows.length; r++) {
      text.append(r == 0 ? "" : ";").append(formatList(rows[r]));
    }
    return text.toString();
  }
}
