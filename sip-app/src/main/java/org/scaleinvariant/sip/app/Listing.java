package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.app.report.Json;

/** Shared formatting of provider parameters for {@code sip problems} and {@code sip solvers}. */
final class Listing {
  private Listing() {}

  static ArrayNode parameters(List<ParameterSpec> specs) {
    ArrayNode array = Json.object().arrayNode();
    for (ParameterSpec spec : specs) {
      ObjectNode p = array.addObject();
      p.put("name", spec.name());
      p.put("default", spec.defaultValue());
      p.put("allowed", spec.allowed());
      p.put("description", spec.description());
    }
    return array;
  }

  static void printParameters(PrintWriter out, List<ParameterSpec> specs) {
    for (ParameterSpec spec : specs) {
      out.println(
          "    "
              + spec.name()
              + " = "
              + (spec.defaultValue() == null ? "(unset)" : spec.defaultValue())
              + "  ("
              + spec.allowed()
              + ")  "
              + spec.description());
    }
  }
}
