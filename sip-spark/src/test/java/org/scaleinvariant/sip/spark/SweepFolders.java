package org.scaleinvariant.sip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares the output folders of two sweeps: the same files, and the same numbers bit for bit
 * (compared as text, which Java and Jackson write exactly), except for the measured times (ms per
 * iteration, wall and training seconds, phase times, the timers' values).
 */
final class SweepFolders {
  /** The timing columns and keys that differ from run to run. */
  static final Set<String> TIMING = Set.of("msPerIteration", "wallSeconds", "trainingSeconds", "phases");
  /** Files compared byte for byte: they hold no times. */
  static final Set<String> EXACT = Set.of("sweep.json", "sweep-definition.json", "aggregate.csv");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepFolders() {}

  /**
   * Asserts that two sweep folders hold the same results.
   *
   * @param expected the reference (the local engine's)
   * @param actual the folder to check
   * @return the number of files compared
   * @throws IOException if a file cannot be read
   */
  static int assertSameResults(Path expected, Path actual) throws IOException {
    List<String> files = files(expected);
    assertEquals(files, files(actual), "the same files");
    for (String file : files) {
      Path a = expected.resolve(file);
      Path b = actual.resolve(file);
      if (EXACT.contains(file) || file.startsWith("lr-search/")) {
        assertEquals(Files.readString(a), Files.readString(b), file);
      } else if (file.endsWith(".json")) {
        assertEquals(withoutTimes(a), withoutTimes(b), file);
      } else if (file.endsWith(".csv")) {
        assertEquals(csvWithoutTimes(a), csvWithoutTimes(b), file);
      } else if (file.endsWith(".prom")) {
        assertEquals(series(a), series(b), file + ": the same timer series");
      }
    }
    return files.size();
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .collect(Collectors.toList());
    }
  }

  private static String withoutTimes(Path file) throws IOException {
    ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
    node.remove(TIMING);
    return node.toString();
  }

  private static List<List<String>> csvWithoutTimes(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = List.of(line.split(",", -1));
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        if (!TIMING.contains(header.get(i).replace("\"", ""))) {
          kept.add(cells.get(i));
        }
      }
      rows.add(kept);
    }
    return rows;
  }

  /** The lines of a Prometheus text without their values. */
  private static List<String> series(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(line -> line.startsWith("#") ? line : line.replaceAll(" \\S+$", ""))
        .collect(Collectors.toList());
  }
}
