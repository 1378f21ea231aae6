package org.scaleinvariant.sip.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Csv;
import org.scaleinvariant.sip.app.report.Json;

/**
 * The files that make a sweep resumable, in its output folder: {@value #DEFINITION_FILE} (the
 * settings every run shares), one JSON and one curve CSV per finished run in {@value #RUNS_FOLDER}/,
 * and one file per finished learning-rate search in {@value #LR_FOLDER}/. Each is written to a
 * temporary file and renamed, so a killed sweep never leaves a half-written result; a file that
 * cannot be read back counts as missing and its run is done again.
 */
public final class SweepFiles {
  /** Sub-folder with one file per finished run. */
  public static final String RUNS_FOLDER = "runs";
  /** Sub-folder with one file per finished learning-rate search. */
  public static final String LR_FOLDER = "lr-search";
  /** File that pins the sweep's settings for resuming. */
  public static final String DEFINITION_FILE = "sweep-definition.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SweepFiles() {}

  /**
   * The name of a run's files: {@code <value>-<method>-seed<seed>}.
   *
   * @param value the swept value
   * @param method the method id
   * @param seed the seed
   * @return the name, safe as a file name
   */
  public static String runKey(String value, String method, long seed) {
    return fileLabel(value) + "-" + method + "-seed" + seed;
  }

  /**
   * A value made safe for file names: characters other than letters, digits and {@code .+-} become
   * {@code _}.
   *
   * @param value the text
   * @return the label
   */
  public static String fileLabel(String value) {
    return value.replaceAll("[^A-Za-z0-9.+-]", "_");
  }

  /**
   * Writes the settings every run of the sweep shares, or checks them against the ones a previous
   * start wrote (when that start left finished runs to reuse); creates the sub-folders.
   *
   * @param dir the output folder (exists)
   * @param definition the settings
   * @param legacy the same settings in the file's first form (training configuration as text), or
   *     null; a folder that holds them is resumed and its file rewritten in the current form
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the folder holds a sweep with other
   *     settings, {@link ErrorCode#IO} if the file cannot be read or written
   */
  public static void pin(Path dir, ObjectNode definition, ObjectNode legacy) {
    Path file = dir.resolve(DEFINITION_FILE);
    try {
      if (Files.exists(file) && hasFinishedWork(dir)) {
        JsonNode previous = MAPPER.readTree(file.toFile());
        if (legacy != null && previous.equals(legacy)) {
          Json.write(definition, file);
          return;
        }
        if (!previous.equals(definition)) {
          throw new SipException(ErrorCode.INVALID_ARGUMENT, "--out '" + dir + "' holds a sweep with other settings ("
              + DEFINITION_FILE + " differs); allowed: the same settings to resume it, or another folder");
        }
        return;
      }
      Files.createDirectories(dir.resolve(RUNS_FOLDER));
      Files.createDirectories(dir.resolve(LR_FOLDER));
      Json.write(definition, file);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a previous start left finished runs or learning-rate searches that a resume would reuse
   * (without them, e.g. a folder whose summaries were copied elsewhere, a new definition may replace
   * the old one).
   */
  private static boolean hasFinishedWork(Path dir) throws IOException {
    for (String folder : new String[] {RUNS_FOLDER, LR_FOLDER}) {
      Path sub = dir.resolve(folder);
      if (Files.isDirectory(sub)) {
        try (java.util.stream.Stream<Path> files = Files.list(sub)) {
          if (files.anyMatch(f -> f.toString().endsWith(".json"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Saves a finished run: {@code runs/<key>.json} (the run's JSON object with {@code param}, {@code
   * value}, {@code sweepMethod} and {@code metric} added) and {@code runs/<key>.csv} (its curve).
   *
   * @param dir the output folder
   * @param key the run's {@link #runKey}
   * @param param the swept parameter
   * @param row the run's row
   * @param result the run (finished, not failed)
   */
  public static void saveRun(Path dir, String key, String param, SweepRow row, RunResult result) {
    ObjectNode node = result.toJson();
    node.put("param", param);
    node.put("value", row.value());
    node.put("sweepMethod", row.method());
    Json.putNumber(node, "metric", row.metric());
    Path runs = dir.resolve(RUNS_FOLDER);
    Csv.curve(result.curve(), runs.resolve(key + ".csv"));
    writeAtomically(node, runs.resolve(key + ".json"));
  }

  /**
   * Reads a finished run back.
   *
   * @param dir the output folder
   * @param key the run's {@link #runKey}
   * @return the row, or null if the file is missing or unreadable
   */
  public static SweepRow readRow(Path dir, String key) {
    Path file = dir.resolve(RUNS_FOLDER).resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(file.toFile());
      String value = n.get("value").asText();
      double metric = number(n.get("metric"));
      double numeric = Double.parseDouble(value);
      return new SweepRow(value, numeric, n.get("sweepMethod").asText(), n.get("seed").asLong(),
          number(n.get("learningRate")), n.get("steps").asInt(), number(n.get("testXDistance")),
          number(n.get("testYLoss")), metric, n.get("param").asText().equals("xi") ? metric / numeric : Double.NaN,
          number(n.get("msPerIteration")), n.get("diverged").asBoolean(), null, 1);
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the run is done again
    }
  }

  /**
   * Whether a saved run reports a goal distance (a rollout problem's run).
   *
   * @param dir the output folder
   * @param key the run's {@link #runKey}
   * @return true if its file has a numeric {@code testGoalDistance}
   */
  public static boolean hasGoalDistance(Path dir, String key) {
    try {
      JsonNode goal = MAPPER.readTree(dir.resolve(RUNS_FOLDER).resolve(key + ".json").toFile()).get("testGoalDistance");
      return goal != null && goal.isNumber();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Saves a finished learning-rate search: {@code lr-search/<key>.json} with the chosen rate and
   * every grid point.
   *
   * @param dir the output folder
   * @param key {@code <value>-<method>}
   * @param choice the search
   */
  public static void saveChoice(Path dir, String key, LearningRateSearch.Choice choice) {
    ObjectNode node = Json.object();
    Json.putNumber(node, "chosen", choice.learningRate());
    ArrayNode points = node.putArray("points");
    for (LearningRateSearch.Point p : choice.points()) {
      points.add(p.toJson());
    }
    writeAtomically(node, dir.resolve(LR_FOLDER).resolve(key + ".json"));
  }

  /**
   * Reads the learning rate a finished search chose.
   *
   * @param dir the output folder
   * @param key {@code <value>-<method>}
   * @return the rate, or null if the file is missing or unreadable
   */
  public static Double readChosenRate(Path dir, String key) {
    Path file = dir.resolve(LR_FOLDER).resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode chosen = MAPPER.readTree(file.toFile()).get("chosen");
      return chosen != null && chosen.isNumber() ? chosen.asDouble() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes to a temporary file, then renames: a killed sweep never leaves a half-written result. */
  private static void writeAtomically(ObjectNode node, Path file) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Json.write(node, temp);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static double number(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }
}
