package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scaleinvariant.sip.app.report.Csv;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.report.MetricsFile;
import org.scaleinvariant.sip.app.report.Plots;
import org.scaleinvariant.sip.app.store.ModelFile;
import org.scaleinvariant.sip.nn.TrainingResult;

/** Prints run summaries and writes the result files of the run commands. */
final class Reports {
  private Reports() {}

  /**
   * Prints a table with one row per run: method, solver, learning rate, steps, test x-distance (the
   * test goal distance for rollout problems),
   * test y-loss, ms per iteration, wall time.
   *
   * @param out where to print
   * @param results the runs
   */
  static void table(PrintWriter out, List<TrainingResult> results) {
    boolean goal = results.stream().anyMatch(r -> !Double.isNaN(r.testGoalDistance()));
    // the method and solver columns are as wide as their longest entry (e.g. levenberg-marquardt)
    int methodWidth = "method".length();
    int solverWidth = "solver".length();
    for (TrainingResult r : results) {
      methodWidth = Math.max(methodWidth, r.method().length());
      solverWidth = Math.max(solverWidth, r.solver() == null ? 1 : r.solver().length());
    }
    String columns = "%-" + methodWidth + "s  %-" + solverWidth + "s";
    String header = String.format(Locale.ROOT, columns + " %-9s %7s %14s %12s %9s %8s",
        "method", "solver", "lr", "steps", goal ? "test goal-dist" : "test x-dist", "test y-loss", "ms/iter", "wall s");
    out.println(header);
    out.println("-".repeat(header.length()));
    for (TrainingResult r : results) {
      out.println(String.format(Locale.ROOT, columns + " %-9s %7d %14s %12s %9s %8.1f%s",
          r.method(),
          r.solver() == null ? "-" : r.solver(),
          String.format(Locale.ROOT, "%.0e", r.learningRate()),
          r.steps(),
          Format.number(goal ? r.testGoalDistance() : r.testXDistance()),
          Format.number(r.testYLoss()),
          Format.millis(r.msPerIteration()),
          r.wallSeconds(),
          r.diverged() ? "  DIVERGED" : ""));
    }
  }

  /**
   * Prints the per-phase mean times of a run.
   *
   * @param out where to print
   * @param result the run
   */
  static void phases(PrintWriter out, TrainingResult result) {
    StringBuilder line = new StringBuilder("  phases (mean ms per iteration):");
    for (Map.Entry<String, Double> e : result.phaseMillis().entrySet()) {
      line.append(' ').append(e.getKey()).append(' ').append(Format.millis(e.getValue()));
    }
    out.println(line);
  }

  /**
   * Builds the summary object: {@code problem}, {@code parameters} and {@code results} (one object
   * per run); for a single run, that run's keys are also at the top level.
   *
   * @param results the runs
   * @return the object
   */
  static ObjectNode summary(List<TrainingResult> results) {
    ObjectNode root;
    if (results.size() == 1) {
      root = Json.result(results.get(0));
    } else {
      root = Json.object();
      root.put("problem", results.get(0).problem());
      root.set("parameters", Json.result(results.get(0)).get("parameters"));
      root.put("diverged", results.stream().anyMatch(TrainingResult::diverged));
    }
    ArrayNode array = Json.results(root);
    for (TrainingResult r : results) {
      array.add(Json.result(r));
    }
    return root;
  }

  /**
   * Writes {@code summary.json}, {@code curve-<run>.csv} per run, the curve plots {@code
   * curves-iterations} and {@code curves-time} (PNG and SVG), {@code metrics.prom} (the Micrometer
   * timers in Prometheus text format) and the trained networks ({@link #models}) into a folder.
   *
   * @param dir the folder (exists)
   * @param results the runs
   * @param summary the summary object
   * @param title the plot title
   * @param metrics the Prometheus text of the timers, or null to keep the folder's {@code
   *     metrics.prom} (a reprinted run timed nothing in this process)
   */
  static void write(Path dir, List<TrainingResult> results, ObjectNode summary, String title, String metrics) {
    Json.write(summary, dir.resolve("summary.json"));
    if (metrics != null) {
      writeMetrics(dir, metrics);
    }
    curvesAndPlots(dir, "curves", results, title);
    models(dir, results, results.size() == 1);
  }

  /**
   * Saves the trained network of every run that did not diverge ({@link ModelFile}'s format).
   *
   * @param dir the folder
   * @param results the runs
   * @param single true to name the file {@value ModelFile#FILE_NAME} (one run in the folder), false
   *     for {@code model-<run>.json}
   */
  static void models(Path dir, List<TrainingResult> results, boolean single) {
    for (TrainingResult r : results) {
      if (!r.diverged()) {
        ModelFile.write(dir.resolve(single ? ModelFile.FILE_NAME : "model-" + r.run() + ".json"), r);
      }
    }
  }

  /**
   * Writes {@code curve-<run>.csv} per run and the plots {@code <plotPrefix>-iterations} and {@code
   * <plotPrefix>-time} (PNG and SVG).
   *
   * @param dir the folder
   * @param plotPrefix the plots' file name prefix
   * @param results the runs, one line each
   * @param title the plot title
   */
  static void curvesAndPlots(Path dir, String plotPrefix, List<TrainingResult> results, String title) {
    for (TrainingResult r : results) {
      Csv.curve(r, dir.resolve("curve-" + r.run() + ".csv"));
    }
    Plots.curves(results, dir, plotPrefix, title);
  }

  /**
   * Writes {@code metrics.prom}.
   *
   * @param dir the folder
   * @param metrics the Prometheus text
   */
  static void writeMetrics(Path dir, String metrics) {
    MetricsFile.write(dir, metrics);
  }

  /**
   * A short description of the problem setting for titles, e.g. {@code "rotated-sine (form=paper,
   * gamma=10, phi=45, xi=32)"}.
   *
   * @param result a run
   * @return the text
   */
  static String setting(TrainingResult result) {
    StringBuilder text = new StringBuilder(result.problem()).append(" (");
    String sep = "";
    for (Map.Entry<String, String> e : result.problemParameters().asMap().entrySet()) {
      text.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return text.append(')').toString();
  }
}
