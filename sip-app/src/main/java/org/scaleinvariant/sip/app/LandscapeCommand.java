package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.report.LandscapeCsv;
import org.scaleinvariant.sip.app.report.LandscapePlot;
import org.scaleinvariant.sip.app.report.LossGrid;
import org.scaleinvariant.sip.app.report.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sip landscape}: draws the loss landscape {@code L(x) = ½‖P(x) − y*‖²} of a problem with n = 2
 * over a box of x for one target, with network-free optimisations of x from a start point on top
 * (gradient descent, Adam and the inverse solver's SIP update; see {@link Landscape}), as in the
 * chapter's section "SIP training in action" (y* = (0.3, −0.5), ξ = 1, φ = 15°).
 *
 * <p>Prints a table (trajectory, final x, final loss, distance to the closest exact solution); with
 * {@code --out DIR} writes {@code landscape.png}, {@code landscape.svg}, {@code landscape.csv} (x1,
 * x2, loss), {@code trajectories.csv} (trajectory, iteration, x1, x2, loss) and {@code summary.json};
 * with {@code --json} prints the summary as the last line of standard output. A trajectory that
 * diverges is reported (a note on standard error, {@code "diverged": true}) but is not a failure:
 * the exit code is 0.
 */
@Command(
    name = LandscapeCommand.NAME,
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Draw the loss landscape L(x) = 1/2 |P(x) - y*|^2 of a problem with two inputs over a box of x,"
          + " for one target y*, with the paths of gradient descent, Adam and the inverse solver's"
          + " update x <- x + dx (no network) from a start point.",
      "On an ill-conditioned problem gradient descent crawls along the flat valley while the inverse"
          + " solver goes straight to a solution.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  sip landscape --target 0.3,-0.5 --form book --xi 1 --phi 15 --out runs/book",
      "  sip landscape --target 0.3,-0.5 --xi 32 --phi 45 --out runs/paper32",
      "  sip landscape --target 0.3,-0.5 --box -12,12,-12,12 --trajectories solver --json",
      "The first is the chapter's example (y* = (0.3, -0.5), xi = 1, phi = 15 degrees)."
    })
final class LandscapeCommand implements Callable<Integer> {
  /** The command's name, {@value}. */
  static final String NAME = "landscape";

  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin LandscapeOptions options;
  @Mixin OutputOptions output;

  private final Runs runs;
  private final SolverRegistry solvers;

  /**
   * Creates the command (by Guice).
   *
   * @param runs turns the problem options into a problem
   * @param solvers the discovered inverse solvers, for the solver trajectory
   */
  @Inject
  LandscapeCommand(Runs runs, SolverRegistry solvers) {
    this.runs = runs;
    this.solvers = solvers;
  }

  /** Everything the command computed, for the table, the files and the JSON. */
  record Result(
      Problem problem,
      double[] target,
      double[] start,
      Landscape.Box box,
      boolean defaultBox,
      LossGrid grid,
      List<Trajectory> trajectories,
      String solverId,
      List<double[]> solutions) {}

  /**
   * Checks the options, computes the trajectories and the grid, prints the table, writes the files
   * and prints the JSON line.
   *
   * @return 0 (bad input is a {@link org.scaleinvariant.sip.api.SipException}, exit code 2)
   */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    options.validate();
    Problem problem = runs.problem(problemOptions);
    Landscape.requireDrawable(problem);
    double[] target = options.target(problem.outputSize(), problem.id());
    InverseSolver solver = null;
    if (options.methods().contains(Landscape.SOLVER)) {
      String id = options.solver == null ? null : options.solver.trim().toLowerCase(Locale.ROOT);
      solver = solvers.select(problem, id).create(problem, Options.of(options.solverOptions));
    }
    List<String> unused = options.unusedOptionsGiven();
    if (!unused.isEmpty()) {
      err.println(spec.qualifiedName() + ": note: ignoring options that no chosen trajectory uses: " + String.join(", ", unused));
    }
    Path dir = output.prepare();

    Result result = compute(new Landscape(problem, target), solver);
    for (Trajectory t : result.trajectories()) {
      if (t.diverged()) {
        err.println(spec.qualifiedName() + ": note: " + t.label() + " diverged after " + t.iterations()
            + " iterations (x or L not finite); its finite part is drawn. Try a smaller step size.");
      }
    }
    print(out, result);
    ObjectNode summary = summary(result);
    if (dir != null) {
      write(dir, result, summary);
      out.println("results written to " + dir);
    }
    if (output.json) {
      out.println(Json.line(summary));
    }
    out.flush();
    return 0;
  }

  /**
   * Runs the trajectories, chooses the box and samples the grid.
   *
   * @param landscape the landscape
   * @param solver the solver of the solver trajectory, or null if it is not drawn
   * @return the result
   */
  Result compute(Landscape landscape, InverseSolver solver) {
    double[] start = options.start();
    int iterations = options.iterations();
    List<Trajectory> trajectories = new ArrayList<>();
    for (String method : options.methods()) {
      switch (method) {
        case Landscape.GD:
          double lr = options.gdLearningRate();
          trajectories.add(landscape.gradientDescent(
              start, Double.isNaN(lr) ? landscape.automaticGdLearningRate(start) : lr, iterations));
          break;
        case Landscape.ADAM:
          trajectories.add(landscape.adam(start, options.adamLearningRate(), iterations));
          break;
        default:
          trajectories.add(landscape.inverseSolver(solver, start, options.eta(), iterations));
          break;
      }
    }
    Landscape.Box box = options.box();
    boolean defaultBox = box == null;
    if (defaultBox) {
      List<double[]> include = new ArrayList<>();
      landscape.closestSolution(start).ifPresent(include::add);
      for (Trajectory t : trajectories) {
        if (!t.diverged()) {
          for (int k = 0; k <= t.iterations(); k++) {
            include.add(new double[] {t.points()[2 * k], t.points()[2 * k + 1]});
          }
          if (t.closestSolution() != null) {
            include.add(t.closestSolution());
          }
        }
      }
      box = Landscape.defaultBox(start, include);
    }
    int resolution = options.resolution();
    LossGrid grid = landscape.grid(box, resolution);
    List<double[]> solutions = landscape.solutionsIn(box, resolution);
    return new Result(
        landscape.problem(),
        landscape.target(),
        start,
        box,
        defaultBox,
        grid,
        trajectories,
        solver == null ? null : solver.id(),
        solutions);
  }

  /** Prints the setting, the grid's loss range and a table row per trajectory. */
  private static void print(PrintWriter out, Result r) {
    out.println("Loss landscape L(x) = ½‖P(x) − y*‖² of " + setting(r.problem()));
    out.println("  target y* = " + vector(r.target()) + ", start x0 = " + vector(r.start()) + ", box " + r.box()
        + (r.defaultBox() ? " (default)" : "") + ", " + r.grid().resolution() + " x " + r.grid().resolution()
        + " points");
    out.println("  on the grid: L from " + Format.number(r.grid().minLoss()) + " to " + Format.number(r.grid().maxLoss())
        + (r.problem().exactSolutions().isPresent()
            ? "; " + r.solutions().size() + (r.solutions().size() == 1 ? " exact solution" : " exact solutions") + " in the box"
            : ""));
    if (r.trajectories().isEmpty()) {
      return;
    }
    String header = String.format(Locale.ROOT, "%-30s %10s  %-26s %11s %11s",
        "trajectory", "iterations", "final x", "final loss", "x-distance");
    out.println(header);
    out.println("-".repeat(header.length()));
    for (Trajectory t : r.trajectories()) {
      double[] end = t.end();
      out.println(String.format(Locale.ROOT, "%-30s %10d  %-26s %11s %11s%s",
          t.label(),
          t.iterations(),
          String.format(Locale.ROOT, "(%.6g, %.6g)", end[0], end[1]),
          Format.number(t.endLoss()),
          Format.number(t.xDistance()),
          t.diverged() ? "  DIVERGED" : ""));
    }
  }

  /**
   * The JSON summary. Keys: {@code problem}, {@code parameters}, {@code target}, {@code start}, {@code
   * box} ([x1Min, x1Max, x2Min, x2Max]), {@code defaultBox}, {@code resolution}, {@code minLoss} and
   * {@code maxLoss} (over the grid), {@code solutionsInBox} (list of [x1, x2], null if unknown), and
   * {@code results}: per trajectory {@code method}, {@code label}, {@code learningRate} (gd, adam)
   * or {@code eta} and {@code solver} (solver), {@code iterations}, {@code final} [x1, x2], {@code
   * finalLoss}, {@code closestSolution} ([x1, x2] or null), {@code xDistance} (null if unknown) and
   * {@code diverged}. Non-finite numbers are null.
   *
   * @param r the result
   * @return the object
   */
  static ObjectNode summary(Result r) {
    ObjectNode root = Json.object();
    root.put("problem", r.problem().id());
    Json.putParameters(root, r.problem().parameters());
    numbers(root.putArray("target"), r.target());
    numbers(root.putArray("start"), r.start());
    numbers(root.putArray("box"), r.box().toArray());
    root.put("defaultBox", r.defaultBox());
    root.put("resolution", r.grid().resolution());
    Json.putNumber(root, "minLoss", r.grid().minLoss());
    Json.putNumber(root, "maxLoss", r.grid().maxLoss());
    if (r.problem().exactSolutions().isPresent()) {
      ArrayNode solutions = root.putArray("solutionsInBox");
      r.solutions().forEach(s -> numbers(solutions.addArray(), s));
    } else {
      root.putNull("solutionsInBox");
    }
    ArrayNode results = Json.results(root);
    for (Trajectory t : r.trajectories()) {
      ObjectNode node = results.addObject();
      node.put("method", t.method());
      node.put("label", t.label());
      if (t.method().equals(Landscape.SOLVER)) {
        node.put("solver", r.solverId());
        Json.putNumber(node, "eta", t.stepSize());
      } else {
        Json.putNumber(node, "learningRate", t.stepSize());
      }
      node.put("iterations", t.iterations());
      numbers(node.putArray("final"), t.end());
      Json.putNumber(node, "finalLoss", t.endLoss());
      if (t.closestSolution() == null) {
        node.putNull("closestSolution");
      } else {
        numbers(node.putArray("closestSolution"), t.closestSolution());
      }
      Json.putNumber(node, "xDistance", t.xDistance());
      node.put("diverged", t.diverged());
    }
    return root;
  }

  /** Writes summary.json, landscape.csv, trajectories.csv and landscape.png/.svg into dir. */
  private static void write(Path dir, Result r, ObjectNode summary) {
    Json.write(summary, dir.resolve("summary.json"));
    LandscapeCsv.writeGrid(r.grid(), dir.resolve("landscape.csv"));
    LandscapeCsv.writeTrajectories(r.trajectories(), dir.resolve("trajectories.csv"));
    LandscapePlot.write(
        dir,
        "landscape",
        r.grid(),
        r.trajectories(),
        r.start(),
        r.solutions(),
        "Loss landscape ½‖P(x) − y*‖², y* = " + vector(r.target()),
        setting(r.problem()));
  }

  /** E.g. {@code rotated-sine (xi=1, phi=15, form=book, gamma=10)}. */
  private static String setting(Problem problem) {
    StringBuilder text = new StringBuilder(problem.id()).append(" (");
    String sep = "";
    for (Map.Entry<String, String> e : problem.parameters().asMap().entrySet()) {
      text.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return text.append(')').toString();
  }

  /** E.g. {@code (0.3, -0.5)}. */
  private static String vector(double[] values) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : ", ").append(Landscape.number(values[i]));
    }
    return text.append(')').toString();
  }

  /** Appends numbers to a JSON array, non-finite ones as null. */
  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
  }
}
