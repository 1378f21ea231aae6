package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.Provider;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;

/**
 * Loading plugin folders: modular jars into a child module layer, plain jars through their own
 * class loaders, broken jars and providers reported without stopping the others, duplicate ids and
 * modules rejected with both jars named. The plugin jars are compiled here with javac.
 */
class PluginsTests {
  private static final String SOLVER_SERVICE = "META-INF/services/" + InverseSolverProvider.class.getName();
  private static final String PROBLEM_SERVICE = "META-INF/services/" + ProblemProvider.class.getName();

  @TempDir static Path root;
  static Path good;
  static Path broken;

  @BeforeAll
  static void buildPluginJars() throws IOException {
    good = Files.createDirectories(root.resolve("good"));
    PluginJars.build(
        good.resolve("modular.jar"),
        Map.of(
            "module-info.java",
            "module test.modular {\n  requires org.scaleinvariant.sip.api;\n"
                + "  provides org.scaleinvariant.sip.api.InverseSolverProvider with test.modular.Solver;\n"
                + "  provides org.scaleinvariant.sip.api.ProblemProvider with test.modular.Identity;\n}\n",
            "test/modular/Solver.java",
            PluginJars.solverSource("test.modular", "Solver", "modular-one", "", "\"a modular test solver\""),
            "test/modular/Identity.java",
            PluginJars.identityProblemSource("test.modular", "Identity", "identity-plugin")),
        Map.of(SOLVER_SERVICE, "test.modular.Solver\n", PROBLEM_SERVICE, "test.modular.Identity\n"),
        List.of());
    PluginJars.build(
        good.resolve("plain.jar"),
        Map.of("plain/Solver.java", PluginJars.solverSource("plain", "Solver", "plain-one", "", "\"a plain test solver\"")),
        Map.of(SOLVER_SERVICE, "plain.Solver\n"),
        List.of());

    broken = Files.createDirectories(root.resolve("broken"));
    PluginJars.build(
        broken.resolve("good-modular.jar"),
        Map.of(
            "module-info.java",
            "module test.good {\n  requires org.scaleinvariant.sip.api;\n"
                + "  provides org.scaleinvariant.sip.api.InverseSolverProvider with test.good.Solver;\n}\n",
            "test/good/Solver.java",
            PluginJars.solverSource("test.good", "Solver", "good-one", "", "\"works\"")),
        Map.of(),
        List.of());
    PluginJars.build(
        broken.resolve("throwing.jar"),
        Map.of(
            "thrower/Solver.java",
            PluginJars.solverSource(
                "thrower", "Solver", "thrower", "if (true) { throw new IllegalStateException(\"no licence\"); }", "\"x\"")),
        Map.of(SOLVER_SERVICE, "thrower.Solver\n"),
        List.of());
    PluginJars.build(
        broken.resolve("talkative.jar"),
        Map.of(
            "talk/Solver.java",
            PluginJars.solverSource("talk", "Solver", "talkative", "", "fail()")
                .replace("  public String id()", "  private static String fail() { throw new IllegalStateException(\"boom\"); }\n  public String id()")),
        Map.of(SOLVER_SERVICE, "talk.Solver\n"),
        List.of());
    PluginJars.build(broken.resolve("missing-class.jar"), Map.of(), Map.of(SOLVER_SERVICE, "gone.Solver\n"), List.of());
    PluginJars.build(broken.resolve("missing-problem.jar"), Map.of(), Map.of(PROBLEM_SERVICE, "gone.Problem\n"), List.of());
    Path stub = Files.createDirectories(root.resolve("stub"));
    Path stubJar =
        PluginJars.build(
            stub.resolve("not-there.jar"), Map.of("module-info.java", "module not.there {}\n"), Map.of(), List.of());
    PluginJars.build(
        broken.resolve("needy.jar"),
        Map.of(
            "module-info.java",
            "module test.needy {\n  requires org.scaleinvariant.sip.api;\n  requires not.there;\n"
                + "  provides org.scaleinvariant.sip.api.InverseSolverProvider with test.needy.Solver;\n}\n",
            "test/needy/Solver.java",
            PluginJars.solverSource("test.needy", "Solver", "needy", "", "\"x\"")),
        Map.of(),
        List.of(stubJar));
    Files.writeString(broken.resolve("garbage.jar"), "not a zip file");
  }

  private static List<String> ids(List<? extends Provider> providers) {
    return providers.stream().map(Provider::id).collect(Collectors.toList());
  }

  @Test
  void modularAndPlainPluginsAreFoundWithTheirJars() {
    Plugins plugins = Plugins.load(List.of(good));
    assertEquals(List.of(), plugins.failures());
    assertEquals(List.of("modular-one", "plain-one"), ids(plugins.solvers()));
    assertEquals(List.of("identity-plugin"), ids(plugins.problems()));

    InverseSolverProvider modular = plugins.solvers().get(0);
    Module module = modular.getClass().getModule();
    assertEquals("test.modular", module.getName());
    assertNotSame(ModuleLayer.boot(), module.getLayer(), "a child layer");
    assertEquals(good.resolve("modular.jar"), Registries.location(modular.getClass()).orElseThrow());
    assertEquals("module test.modular (" + good.resolve("modular.jar") + ")", Registries.where(modular.getClass()));

    InverseSolverProvider plain = plugins.solvers().get(1);
    assertTrue(!plain.getClass().getModule().isNamed());
    assertEquals("sip-plugin:" + good.resolve("plain.jar"), plain.getClass().getClassLoader().getName());
    assertEquals(good.resolve("plain.jar"), Registries.location(plain.getClass()).orElseThrow());

    SipModule registries = new SipModule(plugins);
    assertTrue(Listing.from(modular, true).equals("modular.jar (plugin, module test.modular)"), Listing.from(modular, true));
    assertEquals("plain.jar (plugin)", Listing.from(plain, true));
    assertTrue(registries.solverRegistry().ids().containsAll(List.of("newton", "modular-one", "plain-one")));
    assertTrue(registries.problemRegistry().ids().containsAll(List.of("rotated-sine", "identity-plugin")));
  }

  @Test
  void brokenPluginsAreReportedAndTheOthersStillLoad() {
    Plugins plugins = Plugins.load(List.of(broken));
    assertEquals(List.of("good-one"), ids(plugins.solvers()));
    List<String> warnings = plugins.failures().stream().map(Plugins.Failure::warning).collect(Collectors.toList());
    String plugin = "sip: warning: plugin " + broken + java.io.File.separator;
    // in the order met: unreadable jars, then the module layer, then the class-path jars by name
    assertEquals(
        List.of(
            plugin + "garbage.jar: not a readable jar: zip END header not found (skipped)",
            plugin + "needy.jar: module test.needy does not resolve: Module not.there not found, required by test.needy (skipped)",
            plugin + "missing-class.jar: Provider gone.Solver not found (skipped)",
            plugin + "missing-problem.jar: Provider gone.Problem not found (skipped)",
            plugin + "talkative.jar (talk.Solver): solver 'talkative': description() threw IllegalStateException: boom (skipped)",
            plugin + "throwing.jar (thrower.Solver): Provider thrower.Solver could not be instantiated: IllegalStateException:"
                + " no licence (skipped)"),
        warnings);

    SipModule registries = new SipModule(plugins);
    SipException talkative = assertThrows(SipException.class, () -> registries.solverRegistry().get("talkative"));
    assertEquals(ErrorCode.LOAD_FAILED, talkative.code());
    assertEquals(
        "solver 'talkative' failed to load from " + broken.resolve("talkative.jar")
            + " (talk.Solver): description() threw IllegalStateException: boom",
        talkative.getMessage());
    SipException unknown = assertThrows(SipException.class, () -> registries.solverRegistry().get("thrower"));
    assertTrue(unknown.getMessage().startsWith("unknown solver 'thrower'; known: "), unknown.getMessage());
    assertTrue(
        unknown.getMessage().contains("; " + broken.resolve("throwing.jar") + " (thrower.Solver): Provider"
            + " thrower.Solver could not be instantiated: IllegalStateException: no licence"),
        unknown.getMessage());
    assertEquals(ErrorCode.LOAD_FAILED, unknown.code());
  }

  @Test
  void twoPluginsWithTheSameIdAreAnErrorNamingBothJars(@TempDir Path twins) {
    for (String name : List.of("twin-a.jar", "twin-b.jar")) {
      PluginJars.build(
          twins.resolve(name),
          Map.of("twin/Solver.java", PluginJars.solverSource("twin", "Solver", "twin", "", "\"twin\"")),
          Map.of(SOLVER_SERVICE, "twin.Solver\n"),
          List.of());
    }
    Plugins plugins = Plugins.load(List.of(twins));
    SipException e = assertThrows(SipException.class, () -> new SipModule(plugins));
    assertEquals(ErrorCode.DUPLICATE_ID, e.code());
    assertEquals(
        "two solver providers have the id 'twin': twin.Solver from " + twins.resolve("twin-a.jar") + " and twin.Solver from "
            + twins.resolve("twin-b.jar"),
        e.getMessage());
  }

  @Test
  void aPluginWithTheIdOfABuiltInSolverIsAnErrorNamingBothJars(@TempDir Path clash) {
    PluginJars.build(
        clash.resolve("fake-newton.jar"),
        Map.of("fake/Solver.java", PluginJars.solverSource("fake", "Solver", "newton", "", "\"not newton\"")),
        Map.of(SOLVER_SERVICE, "fake.Solver\n"),
        List.of());
    SipException e = assertThrows(SipException.class, () -> new SipModule(Plugins.load(List.of(clash))));
    assertEquals(ErrorCode.DUPLICATE_ID, e.code());
    assertTrue(e.getMessage().startsWith("two solver providers have the id 'newton': "), e.getMessage());
    assertTrue(e.getMessage().contains("sip-solvers-newton"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" and fake.Solver from " + clash.resolve("fake-newton.jar")), e.getMessage());
  }

  @Test
  void twoJarsHoldingTheSameModuleAreAnError(@TempDir Path same) {
    for (String name : List.of("one.jar", "two.jar")) {
      PluginJars.build(
          same.resolve(name),
          Map.of(
              "module-info.java",
              "module test.same {\n  requires org.scaleinvariant.sip.api;\n"
                  + "  provides org.scaleinvariant.sip.api.InverseSolverProvider with test.same.Solver;\n}\n",
              "test/same/Solver.java",
              PluginJars.solverSource("test.same", "Solver", "same-" + name.charAt(0), "", "\"x\"")),
          Map.of(),
          List.of());
    }
    SipException e = assertThrows(SipException.class, () -> Plugins.load(List.of(same)));
    assertEquals(ErrorCode.DUPLICATE_ID, e.code());
    assertEquals(
        "two plugin jars hold module test.same: " + same.resolve("one.jar") + " and " + same.resolve("two.jar") + "; remove one",
        e.getMessage());
  }

  @Test
  void pluginFoldersComeFromTheEnvironmentAndTheOptionInOrder(@TempDir Path a) throws IOException {
    Path b = Files.createDirectories(a.resolve("b"));
    Path c = Files.createDirectories(a.resolve("c"));
    String[] args = {"--plugin-path", b.toString(), "solvers", "--plugin-path=" + c, "--", "--plugin-path", "/nowhere"};
    assertEquals(
        List.of(a, b, c),
        PluginPath.folders(args, Map.of("SIP_PLUGIN_PATH", a + java.io.File.pathSeparator + b + java.io.File.pathSeparator)));
    assertEquals(List.of(), PluginPath.folders(new String[] {"solvers", "--plugin-path"}, Map.of()));
    SipException e =
        assertThrows(SipException.class, () -> PluginPath.folders(new String[] {"--plugin-path", a.resolve("nope").toString()}, Map.of()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals(
        "--plugin-path '" + a.resolve("nope") + "' is not allowed: no such folder; allowed: a folder holding plugin jars",
        e.getMessage());
  }

  /** Runs the command line in this JVM; returns exit code, stdout and stderr. */
  private static String[] sip(Map<String, String> environment, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            environment,
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code), out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8)
    };
  }

  @Test
  void sipSolversListsThePluginsWithTheirJarsAndTrainsWithOne() throws Exception {
    String[] run = sip(Map.of("SIP_PLUGIN_PATH", good.toString()), "solvers", "--json");
    assertEquals("0", run[0], run[2]);
    assertEquals("", run[2], "no warnings");
    String[] lines = run[1].split("\n");
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
    com.fasterxml.jackson.databind.JsonNode plugin = CommandLineIT.byId(json.get("results"), "modular-one");
    assertEquals(good.resolve("modular.jar").toString(), plugin.get("jar").asText());
    assertEquals("test.modular", plugin.get("module").asText());
    assertTrue(plugin.get("plugin").asBoolean());
    assertTrue(plugin.get("supports").toString().contains("identity-plugin"), plugin.toString());
    com.fasterxml.jackson.databind.JsonNode newton = CommandLineIT.byId(json.get("results"), "newton");
    assertTrue(!newton.get("plugin").asBoolean());
    assertEquals(0, json.get("failures").size());
    assertTrue(
        run[1].lines().anyMatch(l -> l.startsWith("plain-one ") && l.contains(" plain.jar (plugin) ") && l.endsWith(" a plain test solver")),
        run[1]);

    String[] train =
        sip(Map.of(), "--plugin-path", good.toString(), "train", "--problem", "identity-plugin", "--solver", "modular-one",
            "--steps", "3", "--batch", "4", "--quiet", "--json");
    assertEquals("0", train[0], train[2]);
    String[] trainLines = train[1].split("\n");
    com.fasterxml.jackson.databind.JsonNode result =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(trainLines[trainLines.length - 1]);
    assertEquals("modular-one", result.get("solver").asText());
    assertEquals("identity-plugin", result.get("problem").asText());
    assertEquals(3, result.get("steps").asInt());
  }

  @Test
  void aRunAskingForABrokenPluginFailsWithExitCodeTwoAndTheReason() {
    String[] run = sip(Map.of(), "--plugin-path", broken.toString(), "train", "--solver", "talkative", "--steps", "2", "--quiet");
    assertEquals("2", run[0], run[2]);
    List<String> lines = run[2].lines().collect(Collectors.toList());
    assertEquals(7, lines.size(), run[2]);
    assertEquals(6, lines.stream().filter(l -> l.startsWith("sip: warning: plugin ")).count(), run[2]);
    assertEquals(
        "sip train: solver 'talkative' failed to load from " + broken.resolve("talkative.jar")
            + " (talk.Solver): description() threw IllegalStateException: boom",
        lines.get(6));
    String[] problem = sip(Map.of("SIP_PLUGIN_PATH", broken.toString()), "train", "--problem", "ghost", "--steps", "2", "--quiet");
    assertEquals("2", problem[0], problem[2]);
    String last = problem[2].strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("sip train: unknown problem 'ghost'; known: "), last);
    assertTrue(last.contains("; failed to load: ") && last.endsWith("; " + broken.resolve("missing-problem.jar") + ": Provider gone.Problem not found"), last);
    String[] solvers = sip(Map.of(), "solvers", "--plugin-path", broken.toString());
    assertEquals("0", solvers[0], solvers[2]);
    assertTrue(solvers[1].contains("\nFailed to load (skipped):\n"), solvers[1]);
    assertTrue(solvers[1].lines().anyMatch(l -> l.startsWith("good-one ")), solvers[1]);
  }

  @Test
  void aMissingPluginFolderOrADuplicateIdIsOneLineAndExitCodeTwo(@TempDir Path empty) {
    String[] run = sip(Map.of(), "solvers", "--plugin-path", empty.resolve("nope").toString());
    assertEquals("2", run[0]);
    assertEquals(
        "sip: --plugin-path '" + empty.resolve("nope") + "' is not allowed: no such folder; allowed: a folder holding plugin jars\n",
        run[2]);
    String[] env = sip(Map.of("SIP_PLUGIN_PATH", empty.resolve("gone").toString()), "problems");
    assertEquals("2", env[0]);
    assertTrue(env[2].startsWith("sip: SIP_PLUGIN_PATH '"), env[2]);
  }

  @Test
  void anExceptionFromPluginCodeDuringARunNamesTheJarWithExitCodeTwo(@TempDir Path crashing) {
    String crash = "throw new IllegalStateException(\"step failed\");";
    PluginJars.build(
        crashing.resolve("crash-modular.jar"),
        Map.of(
            "module-info.java",
            "module test.crash {\n  requires org.scaleinvariant.sip.api;\n"
                + "  provides org.scaleinvariant.sip.api.InverseSolverProvider with test.crash.Solver;\n}\n",
            "test/crash/Solver.java",
            PluginJars.solverSource("test.crash", "Solver", "crash-modular", "", "\"x\"").replace("d.addSamples(batch);", crash)),
        Map.of(),
        List.of());
    PluginJars.build(
        crashing.resolve("crash-plain.jar"),
        Map.of("crash/Solver.java", PluginJars.solverSource("crash", "Solver", "crash-plain", "", "\"x\"").replace("d.addSamples(batch);", crash)),
        Map.of(SOLVER_SERVICE, "crash.Solver\n"),
        List.of());
    for (String id : List.of("crash-modular", "crash-plain")) {
      String[] run = sip(Map.of(), "--plugin-path", crashing.toString(), "train", "--solver", id, "--steps", "2", "--quiet");
      assertEquals("2", run[0], run[2]);
      assertEquals(
          "sip train: step 1, phase inverse.solve: solver '" + id + "' failed: IllegalStateException: step failed"
              + " (plugin " + crashing.resolve(id + ".jar") + ")\n",
          run[2]);
    }
  }
}
