package org.scaleinvariant.sip.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges texts in the Prometheus text exposition format (version 0.0.4), as Micrometer's {@code
 * PrometheusMeterRegistry.scrape()} writes them, into one: the text one registry holding all their
 * series would give. Every Spark task records its run's timers in a registry of its own; the driver
 * merges them into the sweep's {@code metrics.prom}.
 *
 * <p>A metric family starts with its {@code # HELP} line; its samples follow. Families come out
 * sorted by name, and within a family the series (the consecutive samples with the same labels, such
 * as a summary's {@code _count} and {@code _sum}) sorted by their labels, as the Prometheus client
 * sorts them. A series that appears in several texts is taken from the first.
 */
final class PrometheusText {
  private static final String HELP = "# HELP ";

  private PrometheusText() {}

  /** One family: its comment lines and its series by label text. */
  private static final class Family {
    final List<String> header = new ArrayList<>();
    final Map<String, List<String>> series = new TreeMap<>();
  }

  /**
   * Merges texts.
   *
   * @param texts the texts, each a scrape of one registry
   * @return the merged text, empty if there are no samples and no families
   */
  static String merge(List<String> texts) {
    Map<String, Family> families = new TreeMap<>();
    for (String text : texts) {
      Family family = null;
      boolean known = false;
      String labels = null;
      List<String> current = null;
      for (String line : text.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith(HELP)) {
          String name = line.substring(HELP.length()).split(" ", 2)[0];
          known = families.containsKey(name);
          family = families.computeIfAbsent(name, n -> new Family());
          if (!known) {
            family.header.add(line);
          }
          labels = null;
        } else if (line.startsWith("#")) {
          if (family != null && !known) {
            family.header.add(line);
          }
        } else if (family != null) {
          String key = labels(line);
          if (!key.equals(labels)) {
            labels = key;
            current = family.series.containsKey(key) ? null : new ArrayList<>();
            if (current != null) {
              family.series.put(key, current);
            }
          }
          if (current != null) {
            current.add(line);
          }
        }
      }
    }
    StringBuilder merged = new StringBuilder();
    for (Family family : families.values()) {
      family.header.forEach(line -> merged.append(line).append('\n'));
      family.series.values().forEach(lines -> lines.forEach(line -> merged.append(line).append('\n')));
    }
    return merged.toString();
  }

  /**
   * The sort key of a sample's labels: the text between the braces, with the quotes that end values
   * ordered before every other character (so {@code run="a"} sorts before {@code run="a-b"}, as the
   * labels' values do).
   */
  private static String labels(String sample) {
    int open = sample.indexOf('{');
    int close = sample.lastIndexOf('}');
    if (open < 0 || close < open) {
      return "";
    }
    return sample.substring(open + 1, close).replace('"', '\0');
  }
}
