package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Provider;
import org.scaleinvariant.sip.api.ProviderFailure;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.app.report.Json;

/**
 * Shared formatting of {@code sip problems} and {@code sip solvers}: the provider table, where a
 * provider came from, its parameters, and the providers that failed to load.
 */
final class Listing {
  private Listing() {}

  /**
   * The parameters as JSON: name, default, allowed values, description.
   *
   * @param specs the declared parameters
   * @return a JSON array
   */
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

  /**
   * Puts the keys every listed provider has: id, description, version, origin (class and module or
   * jar), module (or null), jar (or null) and whether it came from a plugin folder.
   *
   * @param node the provider's JSON object
   * @param provider the provider
   * @param plugin whether it was loaded from a plugin folder
   */
  static void describe(ObjectNode node, Provider provider, boolean plugin) {
    Class<?> type = provider.getClass();
    node.put("id", provider.id());
    node.put("description", provider.description());
    node.put("version", provider.version());
    node.put("origin", Registries.origin(provider));
    node.put("module", type.getModule().isNamed() ? type.getModule().getName() : null);
    node.put("jar", Registries.location(type).map(Path::toString).orElse(null));
    node.put("plugin", plugin);
    node.set("parameters", parameters(provider.parameters()));
  }

  /**
   * Where a provider came from, short, for the table: the module name for the app's own modules;
   * the jar's file name, with the module if it has one, for plugins and class-path jars.
   *
   * @param provider the provider
   * @param plugin whether it was loaded from a plugin folder
   * @return e.g. {@code "org.scaleinvariant.sip.solvers.newton"} or {@code "lm-solver-1.0.jar
   *     (plugin, module org.example.sip.lm)"}
   */
  static String from(Provider provider, boolean plugin) {
    Class<?> type = provider.getClass();
    Module module = type.getModule();
    Optional<Path> location = Registries.location(type);
    if (!plugin && module.isNamed()) {
      return module.getName();
    }
    String file = location.map(p -> p.getFileName().toString()).orElse("unknown location");
    List<String> notes = new ArrayList<>();
    if (plugin) {
      notes.add("plugin");
    }
    if (module.isNamed()) {
      notes.add("module " + module.getName());
    }
    return file + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
  }

  /**
   * Prints rows as a table with aligned columns; the last column is not padded.
   *
   * @param out where to print
   * @param header the column titles
   * @param rows the rows, each as long as the header
   */
  static void printTable(PrintWriter out, List<String> header, List<List<String>> rows) {
    int columns = header.size();
    int[] widths = new int[columns];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int c = 0; c < columns - 1; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /**
   * Prints the parameters of every provider that has any, under a title.
   *
   * @param out where to print
   * @param title e.g. {@code "Solver options (-S NAME=VALUE):"}
   * @param providers the providers
   */
  static void printParameters(PrintWriter out, String title, List<? extends Provider> providers) {
    boolean any = providers.stream().anyMatch(p -> !p.parameters().isEmpty());
    if (!any) {
      return;
    }
    out.println();
    out.println(title);
    for (Provider provider : providers) {
      if (provider.parameters().isEmpty()) {
        continue;
      }
      out.println("  " + provider.id());
      for (ParameterSpec spec : provider.parameters()) {
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

  /**
   * Prints the providers that failed to load, and adds them to the JSON as {@code failures}.
   *
   * @param out where to print
   * @param root the JSON object that receives {@code "failures": [{"id", "where", "reason"}]}
   * @param failures the failures
   */
  static void printFailures(PrintWriter out, ObjectNode root, List<ProviderFailure> failures) {
    ArrayNode array = root.putArray("failures");
    if (failures.isEmpty()) {
      return;
    }
    out.println();
    out.println("Failed to load (skipped):");
    for (ProviderFailure failure : failures) {
      out.println("  " + failure.describe());
      ObjectNode node = array.addObject();
      node.put("id", failure.id());
      node.put("where", failure.origin());
      node.put("reason", failure.reason());
    }
  }
}
