package org.scaleinvariant.sip.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Reads checked values out of a JSON tree that came from a file (a checkpoint's configuration, a
 * saved model). Every failure is a {@link SipException} with {@link ErrorCode#INVALID_FILE} and one
 * line naming the file, the field (as a dotted path, e.g. {@code training.batch}), the value found
 * and what is allowed.
 */
final class JsonFields {
  /** Values longer than this are cut in messages, {@value} characters. */
  private static final int SHOWN = 40;

  private final String source;

  /**
   * Creates a reader.
   *
   * @param source the file, for messages
   */
  JsonFields(String source) {
    this.source = source;
  }

  /**
   * A failure of a field.
   *
   * @param path the field's dotted path
   * @param value the value found (null: missing)
   * @param allowed what is allowed
   * @return the exception
   */
  SipException invalid(String path, JsonNode value, String allowed) {
    String shown = value == null || value.isMissingNode() ? "missing" : value.toString();
    if (shown.length() > SHOWN) {
      shown = shown.substring(0, SHOWN) + "...";
    }
    return new SipException(
        ErrorCode.INVALID_FILE, source + ": " + path + " = " + shown + " is not allowed; allowed: " + allowed);
  }

  /**
   * Wraps a failure of a value that was read but rejected by the code that uses it (e.g. a
   * configuration builder).
   *
   * @param what the part of the file, e.g. {@code "training"}
   * @param e the failure
   * @return the exception, naming the file
   */
  SipException wrap(String what, SipException e) {
    return new SipException(ErrorCode.INVALID_FILE, source + ": " + what + ": " + e.getMessage(), e);
  }

  private static String path(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  JsonNode object(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isObject()) {
      throw invalid(path(at, key), node, "an object");
    }
    return node;
  }

  /** An object, or null if the field is absent or null. */
  JsonNode objectOrNull(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : object(parent, at, key);
  }

  String text(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw invalid(path(at, key), node, "a non-empty string");
    }
    return node.asText();
  }

  String textOrNull(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : text(parent, at, key);
  }

  double number(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw invalid(path(at, key), node, "a finite number");
    }
    return node.doubleValue();
  }

  /** A finite number, or {@code fallback} if the field is absent or null. */
  double numberOr(JsonNode parent, String at, String key, double fallback) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? fallback : number(parent, at, key);
  }

  long integer(JsonNode parent, String at, String key, long min, long max) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
        || node.longValue() < min || node.longValue() > max) {
      throw invalid(path(at, key), node, "an integer in [" + min + ", " + max + "]");
    }
    return node.longValue();
  }

  Boolean booleanOrNull(JsonNode parent, String at, String key) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw invalid(path(at, key), node, "true, false or null");
    }
    return node.booleanValue();
  }

  /** An array of finite numbers of a given length (any length ≥ 1 for −1). */
  double[] numbers(JsonNode parent, String at, String key, int length) {
    JsonNode node = parent.get(key);
    String allowed = "an array of " + (length < 0 ? "" : length + " ") + "finite numbers";
    if (node == null || !node.isArray() || node.isEmpty() || (length >= 0 && node.size() != length)) {
      throw invalid(path(at, key), node == null ? null : sizeOf(node), allowed);
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw invalid(path(at, key) + "[" + i + "]", v, "a finite number");
      }
      values[i] = v.doubleValue();
    }
    return values;
  }

  /** Describes an array by its size in messages, so a large one is not printed. */
  private static JsonNode sizeOf(JsonNode node) {
    return node.isArray()
        ? com.fasterxml.jackson.databind.node.TextNode.valueOf("an array of " + node.size() + " values")
        : node;
  }

  int[] integers(JsonNode parent, String at, String key, int min) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw invalid(path(at, key), node, "an array of integers >= " + min);
    }
    int[] values = new int[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
        throw invalid(path(at, key) + "[" + i + "]", v, "an integer >= " + min);
      }
      values[i] = v.intValue();
    }
    return values;
  }

  /** An object whose values are all strings, as a map in file order (empty if absent or null). */
  Map<String, String> strings(JsonNode parent, String at, String key) {
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      throw invalid(path(at, key), node, "an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw invalid(path(at, key) + "." + e.getKey(), e.getValue(), "a string");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }
}
