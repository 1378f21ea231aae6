package org.scaleinvariant.sip.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable set of named parameter values, as text. Providers receive {@code Options} that were
 * {@link #resolve resolved} against their {@link ParameterSpec}s, so every declared key is present
 * (given or default) and every value is valid.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Options {
  private static final Options EMPTY = new Options(Map.of());

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Returns options with no values.
   *
   * @return the empty options
   */
  public static Options empty() {
    return EMPTY;
  }

  /**
   * Returns options holding a copy of the given key/value pairs (insertion order kept).
   *
   * @param values the values, not null, no null keys or values
   * @return the options
   */
  public static Options of(Map<String, String> values) {
    return new Options(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /**
   * Returns a copy with one value added or replaced.
   *
   * @param key the key
   * @param value the value as text
   * @return the new options
   */
  public Options with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new Options(Collections.unmodifiableMap(copy));
  }

  /**
   * Checks these options against a provider's declared parameters and fills in defaults.
   *
   * @param specs the declared parameters
   * @param owner who the parameters belong to, for messages, e.g. {@code "problem rotated-sine"}
   * @return options containing every declared parameter that is given or has a default, in
   *     canonical form
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an undeclared key (the message lists
   *     the declared ones) or an invalid value (the message states what is allowed)
   */
  public Options resolve(List<ParameterSpec> specs, String owner) {
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      byName.put(spec.name(), spec);
    }
    for (String key : values.keySet()) {
      if (!byName.containsKey(key)) {
        List<String> known = new ArrayList<>(byName.keySet());
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "unknown parameter '"
                + key
                + "' for "
                + owner
                + "; known: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)));
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      String raw = values.get(spec.name());
      if (raw != null) {
        resolved.put(spec.name(), spec.parse(raw));
      } else if (spec.defaultValue() != null) {
        resolved.put(spec.name(), spec.defaultValue());
      }
    }
    return new Options(Collections.unmodifiableMap(resolved));
  }

  /**
   * Whether a value is present.
   *
   * @param key the key
   * @return true if present
   */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * Returns a value as text.
   *
   * @param key the key
   * @return the value
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent
   */
  public String getString(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "missing parameter '" + key + "'; given: " + values.keySet());
    }
    return value;
  }

  /**
   * Returns a value as a double.
   *
   * @param key the key
   * @return the value
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent or not a number
   */
  public double getDouble(String key) {
    String text = getString(key);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, key + " = '" + text + "' is not allowed; allowed: a number");
    }
  }

  /**
   * Returns a value as a double, or a fallback if absent.
   *
   * @param key the key
   * @param fallback returned if the key is absent
   * @return the value or the fallback
   */
  public double getDouble(String key, double fallback) {
    return has(key) ? getDouble(key) : fallback;
  }

  /**
   * Returns a value as an int.
   *
   * @param key the key
   * @return the value
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent or not an integer
   */
  public int getInt(String key) {
    String text = getString(key);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, key + " = '" + text + "' is not allowed; allowed: an integer");
    }
  }

  /**
   * Returns a value as a boolean.
   *
   * @param key the key
   * @return the value
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent
   */
  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(getString(key));
  }

  /**
   * Returns a value as a list of numbers: finite numbers in plain decimal notation separated by
   * commas, as a {@link ParameterSpec.Kind#NUMBER_LIST} parameter holds them (e.g. {@code
   * "1,100,0.5"}).
   *
   * @param key the key
   * @return a new array with the numbers, at least one
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent or not such a list (the message
   *     names the first bad entry)
   */
  public double[] getNumbers(String key) {
    String text = getString(key);
    try {
      return ParameterSpec.parseList(text);
    } catch (IllegalArgumentException e) {
      throw notAllowed(key, text, e, "finite numbers separated by ','");
    }
  }

  /**
   * Returns a value as a matrix written row-major, rows separated by semicolons and entries by
   * commas, as a {@link ParameterSpec.Kind#MATRIX} parameter holds it (e.g. {@code "1,2;3,4"} is
   * [[1, 2], [3, 4]]).
   *
   * @param key the key
   * @return new arrays, one per row, at least one row, all rows of equal length
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if absent or not such a matrix (the
   *     message names the first bad row)
   */
  public double[][] getMatrix(String key) {
    String text = getString(key);
    try {
      return ParameterSpec.parseRows(text);
    } catch (IllegalArgumentException e) {
      throw notAllowed(
          key, text, e, "rows separated by ';' of equally many finite numbers separated by ','");
    }
  }

  private static SipException notAllowed(
      String key, String text, IllegalArgumentException reason, String allowed) {
    return new SipException(
        ErrorCode.INVALID_ARGUMENT,
        key + " = '" + text + "' is not allowed (" + reason.getMessage() + "); allowed: " + allowed);
  }

  /**
   * Returns the values as an unmodifiable map, sorted by key.
   *
   * @return the values
   */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(new TreeMap<>(values));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Options && ((Options) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
