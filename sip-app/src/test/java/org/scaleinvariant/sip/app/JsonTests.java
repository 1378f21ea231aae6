package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.app.report.Json;

class JsonTests {
  @Test
  void nonFiniteNumbersBecomeNull() {
    ObjectNode node = Json.object();
    Json.putNumber(node, "nan", Double.NaN);
    Json.putNumber(node, "inf", Double.NEGATIVE_INFINITY);
    Json.putNumber(node, "x", 0.25);
    assertEquals("{\"nan\":null,\"inf\":null,\"x\":0.25}", Json.line(node));
  }

  @Test
  void solverOptionsAndParametersAreSortedAndTyped() {
    ObjectNode node = Json.object();
    java.util.Map<String, String> given = new java.util.LinkedHashMap<>();
    given.put("maxLossChange", "0.2");
    given.put("damping", "1");
    given.put("exact", "true");
    given.put("mode", "fast");
    Json.putSolverOptions(node, given);
    assertEquals("{\"solverOptions\":{\"damping\":1,\"exact\":true,\"maxLossChange\":0.2,\"mode\":\"fast\"}}",
        Json.line(node));
  }

  @Test
  void aLineHasNoLineBreaks() {
    ObjectNode node = Json.object();
    node.put("text", "a\nb");
    String line = Json.line(node);
    assertTrue(!line.contains("\n"), line);
  }
}
