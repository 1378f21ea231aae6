package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin end to end, as a solver author and a user meet it: {@code examples/lm-solver}
 * is built by its own Maven build (its tests run the conformance kit) against this reactor's fresh
 * jars, its plugin folder is dropped into a temporary plugin folder next to a broken jar, and the
 * packaged app lists it and trains with it ({@code java -p target/modules -m …}, as {@code ./sip}).
 *
 * <p>The reactor's artifacts are not installed when {@code ./mvnw verify} runs from a clean clone,
 * so this test installs the ones the example needs (the parent POM, sip-api, sip-problems, sip-nn,
 * sip-testkit: each jar and POM, as {@code install} lays them out) into a temporary local repository
 * and runs the nested build with {@code -Dmaven.repo.local=<temporary> -Dmaven.repo.local.tail=<this
 * build's local repository>} (Maven 3.9): everything else resolves, read-only, from the normal
 * repository, and nothing is written there. The nested build is offline when this one is.
 */
class PluginIT {
  private static final String VERSION = System.getProperty("sip.version", "0.1.0-SNAPSHOT");
  private static final Path ROOT = Path.of(System.getProperty("sip.root", "..")).toAbsolutePath().normalize();
  private static final List<String> INSTALLED = List.of("sip-api", "sip-problems", "sip-nn", "sip-testkit");

  @Test
  void theExamplePluginBuildsRunsTheKitAndTrainsThroughTheLauncher(@TempDir Path tmp) throws Exception {
    Path repository = installReactorJars(tmp.resolve("repository"));
    Path example = tmp.resolve("lm-solver");
    copyTree(ROOT.resolve("examples/lm-solver"), example);

    long start = System.nanoTime();
    Nested build = buildExample(example, repository);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, build.exitCode, "the example's build failed:\n" + build.tail());
    Matcher tests = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$", Pattern.MULTILINE).matcher(build.output);
    assertTrue(tests.find(), "no test summary:\n" + build.tail());
    assertTrue(Integer.parseInt(tests.group(1)) >= 400, "the conformance kit ran " + tests.group(1) + " tests");
    System.out.printf("PluginIT: examples/lm-solver built and tested in %.1f s (%s kit tests)%n", seconds, tests.group(1));

    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    try (Stream<Path> built = Files.list(example.resolve("target/plugin"))) {
      for (Path jar : built.collect(Collectors.toList())) {
        Files.copy(jar, plugins.resolve(jar.getFileName()));
      }
    }
    assertTrue(Files.exists(plugins.resolve("lm-solver-1.0.0.jar")));
    assertTrue(Files.exists(plugins.resolve("hipparchus-optim-4.0.3.jar")), "the plugin's own library");
    Path broken = brokenJar(plugins.resolve("broken.jar"));

    CommandLineIT.Outcome solvers = CommandLineIT.sip("--plugin-path", plugins.toString(), "solvers", "--json");
    assertEquals(0, solvers.exitCode(), solvers.stderr());
    assertEquals(
        "sip: warning: plugin " + broken + ": Provider org.example.Missing not found (skipped)",
        solvers.stderr().strip(),
        "one line naming the broken jar; the other plugin still loads");
    JsonNode json = solvers.lastLineJson();
    JsonNode lm = CommandLineIT.byId(json.get("results"), "levenberg-marquardt");
    assertEquals("1.0.0", lm.get("version").asText());
    assertEquals("org.example.sip.lm", lm.get("module").asText());
    assertEquals(plugins.resolve("lm-solver-1.0.0.jar").toString(), lm.get("jar").asText());
    assertTrue(lm.get("plugin").asBoolean());
    assertTrue(lm.get("supports").toString().contains("rotated-sine"), lm.toString());
    assertEquals("newton", CommandLineIT.byId(json.get("results"), "newton").get("id").asText(), "the app's own solvers stay");
    assertEquals(1, json.get("failures").size());
    assertTrue(
        solvers.stdout().stream().anyMatch(l -> l.startsWith("levenberg-marquardt ") && l.contains("lm-solver-1.0.0.jar (plugin, module org.example.sip.lm)")),
        String.join("\n", solvers.stdout()));

    CommandLineIT.Outcome train =
        CommandLineIT.sip(
            Map.of("SIP_PLUGIN_PATH", plugins.toString()),
            "train", "--solver", "levenberg-marquardt", "--steps", "30", "--batch", "32", "--json", "--quiet");
    assertEquals(0, train.exitCode(), train.stderr());
    JsonNode run = train.lastLineJson();
    assertEquals("levenberg-marquardt", run.get("solver").asText());
    assertEquals("rotated-sine", run.get("problem").asText());
    assertEquals(30, run.get("steps").asInt());
    assertTrue(run.get("testXDistance").asDouble() > 0 && !run.get("diverged").asBoolean(), run.toString());

    CommandLineIT.Outcome unknown =
        CommandLineIT.sip("--plugin-path", plugins.toString(), "train", "--solver", "nope", "--steps", "5", "--quiet");
    assertEquals(2, unknown.exitCode(), unknown.stderr());
    List<String> lines = unknown.stderr().lines().collect(Collectors.toList());
    assertEquals(2, lines.size(), unknown.stderr());
    assertTrue(lines.get(1).startsWith("sip train: unknown solver 'nope'; known: "), lines.get(1));
    assertTrue(lines.get(1).endsWith("; failed to load: " + broken + ": Provider org.example.Missing not found"), lines.get(1));
  }

  /** Lays the reactor's fresh jars and POMs out as {@code mvn install} would. */
  private static Path installReactorJars(Path repository) throws IOException {
    Path group = repository.resolve("org/scaleinvariant/sip");
    Path parent = Files.createDirectories(group.resolve("sip-parent").resolve(VERSION));
    Files.copy(ROOT.resolve("pom.xml"), parent.resolve("sip-parent-" + VERSION + ".pom"));
    for (String artifact : INSTALLED) {
      Path jar = ROOT.resolve(artifact).resolve("target").resolve(artifact + "-" + VERSION + ".jar");
      assertTrue(Files.isRegularFile(jar), jar + " is missing: run the reactor's package phase first");
      Path folder = Files.createDirectories(group.resolve(artifact).resolve(VERSION));
      Files.copy(jar, folder.resolve(jar.getFileName()));
      Files.copy(ROOT.resolve(artifact).resolve("pom.xml"), folder.resolve(artifact + "-" + VERSION + ".pom"));
    }
    return repository;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.collect(Collectors.toList())) {
        Path relative = from.relativize(file);
        if (relative.startsWith("target")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The output and exit code of the nested Maven build. */
  private static final class Nested {
    final int exitCode;
    final String output;

    Nested(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    String tail() {
      List<String> lines = output.lines().collect(Collectors.toList());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  private static Nested buildExample(Path example, Path repository) throws IOException, InterruptedException {
    boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
    command.addAll(List.of("-B", "-ntp", "-f", example.resolve("pom.xml").toString()));
    if (System.getProperty("sip.offline", "").equals("offline=true")) {
      command.add("-o");
    }
    command.add("-Dmaven.repo.local=" + repository);
    String userRepository = System.getProperty("sip.localRepository");
    if (userRepository != null && !userRepository.isBlank()) {
      command.add("-Dmaven.repo.local.tail=" + userRepository);
    }
    command.add("-Dsip.version=" + VERSION);
    command.add("package");
    ProcessBuilder builder = new ProcessBuilder(command).directory(example.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the example's build did not finish");
    return new Nested(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** A plain plugin jar whose services file names a class that is not in it. */
  private static Path brokenJar(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      zip.putNextEntry(new JarEntry("META-INF/services/org.scaleinvariant.sip.api.InverseSolverProvider"));
      zip.write("org.example.Missing\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }
}
