package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Registries;

/**
 * Builds small plugin jars for the tests: compiles Java sources with the JDK's javac (through
 * {@link ToolProvider}, so no module needs {@code requires java.compiler}) against sip-api, on the
 * module path when a {@code module-info.java} is among them, and packs classes and resources into a
 * jar.
 */
final class PluginJars {
  private PluginJars() {}

  /** The jar or folder holding sip-api, as the test JVM loaded it. */
  static Path api() {
    return Registries.location(InverseSolverProvider.class).orElseThrow();
  }

  /**
   * Compiles sources and writes them, with resources, into a jar.
   *
   * @param jar the jar to write
   * @param sources file names (relative, e.g. {@code "p/Solver.java"}) to their text
   * @param resources entry names (e.g. {@code "META-INF/services/…"}) to their text
   * @param modulePath extra module-path entries (compiled stub modules), may be empty
   * @return the jar
   */
  static Path build(Path jar, Map<String, String> sources, Map<String, String> resources, List<Path> modulePath) {
    try {
      Path work = Files.createTempDirectory(jar.getParent(), "build-");
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-nowarn"));
      boolean modular = sources.containsKey("module-info.java");
      List<Path> path = new ArrayList<>(modulePath);
      path.add(0, api());
      args.add(modular ? "-p" : "-cp");
      args.add(path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      Files.createDirectories(classes);
      if (!sources.isEmpty()) {
        StringWriter log = new StringWriter();
        int code =
            ToolProvider.findFirst("javac")
                .orElseThrow()
                .run(new PrintWriter(log), new PrintWriter(log), args.toArray(new String[0]));
        assertEquals(0, code, "javac failed: " + log);
      }
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream zip = new JarOutputStream(out)) {
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
            zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            zip.write(Files.readAllBytes(file));
            zip.closeEntry();
          }
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
          zip.putNextEntry(new JarEntry(resource.getKey()));
          zip.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The source of a solver provider class {@code <pkg>.<cls>} with the given id, whose solver is a
   * tenth of a gradient step, Δx = 0.1·Jᵀ(t − y), for any problem.
   *
   * @param pkg the package
   * @param cls the class name
   * @param id the provider id
   * @param constructorBody statements of the constructor (e.g. a throw), or ""
   * @param description the expression returned by description()
   * @return the source
   */
  static String solverSource(String pkg, String cls, String id, String constructorBody, String description) {
    return "package " + pkg + ";\n"
        + "import java.util.List;\n"
        + "import org.scaleinvariant.sip.api.*;\n"
        + "public final class " + cls + " implements InverseSolverProvider {\n"
        + "  public " + cls + "() { " + constructorBody + " }\n"
        + "  public String id() { return \"" + id + "\"; }\n"
        + "  public String description() { return " + description + "; }\n"
        + "  public List<ParameterSpec> parameters() { return List.of(); }\n"
        + "  public boolean supports(Problem problem) { return true; }\n"
        + "  public InverseSolver create(Problem problem, Options options) {\n"
        + "    options.resolve(parameters(), \"solver " + id + "\");\n"
        + "    return new InverseSolver() {\n"
        + "      public String id() { return \"" + id + "\"; }\n"
        + "      public Problem problem() { return problem; }\n"
        + "      public void step(double[] x, double[] y, double[] t, double[] dx, int batch, SolverDiagnostics d) {\n"
        + "        int m = problem.outputSize();\n"
        + "        double[] r = new double[batch * m];\n"
        + "        for (int i = 0; i < r.length; i++) { r[i] = 0.1 * (t[i] - y[i]); }\n"
        + "        problem.vectorJacobianProduct(x, r, dx, batch);\n"
        + "        d.addSamples(batch);\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * The source of a problem provider {@code <pkg>.<cls>} with the given id: the identity y = x on
   * R¹, targets uniform in [−1, 1].
   *
   * @param pkg the package
   * @param cls the class name
   * @param id the provider and problem id
   * @return the source
   */
  static String identityProblemSource(String pkg, String cls, String id) {
    return "package " + pkg + ";\n"
        + "import java.util.List;\n"
        + "import java.util.SplittableRandom;\n"
        + "import org.scaleinvariant.sip.api.*;\n"
        + "public final class " + cls + " implements ProblemProvider {\n"
        + "  public String id() { return \"" + id + "\"; }\n"
        + "  public String description() { return \"y = x on R^1\"; }\n"
        + "  public List<ParameterSpec> parameters() { return List.of(); }\n"
        + "  public Problem create(Options options) {\n"
        + "    options.resolve(parameters(), \"problem " + id + "\");\n"
        + "    return new Problem() {\n"
        + "      public String id() { return \"" + id + "\"; }\n"
        + "      public Options parameters() { return Options.empty(); }\n"
        + "      public int inputSize() { return 1; }\n"
        + "      public int outputSize() { return 1; }\n"
        + "      public void forward(double[] x, double[] y, int b) { System.arraycopy(x, 0, y, 0, b); }\n"
        + "      public void jacobian(double[] x, double[] j, int b) { java.util.Arrays.fill(j, 0, b, 1.0); }\n"
        + "      public void vectorJacobianProduct(double[] x, double[] v, double[] o, int b) { System.arraycopy(v, 0, o, 0, b); }\n"
        + "      public void weightedOutputHessian(double[] x, double[] w, double[] o, int b) { java.util.Arrays.fill(o, 0, b, 0.0); }\n"
        + "      public void sampleTargets(SplittableRandom r, double[] y, int b) { for (int i = 0; i < b; i++) { y[i] = r.nextDouble(-1, 1); } }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }
}
