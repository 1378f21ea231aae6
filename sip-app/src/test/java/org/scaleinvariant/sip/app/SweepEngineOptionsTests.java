package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine;

/**
 * {@code sip sweep --engine} and {@code --master}: the one-line errors (in this JVM, before anything
 * starts), the options handed to the Spark engine's JVM, and that JVM's command line.
 */
class SweepEngineOptionsTests {
  private static final String[] SWEEP = {"sweep", "--param", "xi", "--values", "1,32", "--steps", "5", "--quiet"};

  private record Outcome(int code, String err) {}

  private static Outcome sip(String... extra) {
    String[] args = new String[SWEEP.length + extra.length];
    System.arraycopy(SWEEP, 0, args, 0, SWEEP.length);
    System.arraycopy(extra, 0, args, SWEEP.length, extra.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownEngineIsOneLineNamingTheAllowedOnes() {
    Outcome run = sip("--engine", "flink");
    assertEquals(2, run.code());
    assertEquals("sip sweep: --engine 'flink' is not allowed; allowed: local, spark\n", run.err());
  }

  @Test
  void theSparkEngineNeedsAValidMaster() {
    Outcome missing = sip("--engine", "spark");
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("sip sweep: --master missing for --engine spark; allowed: local, local[N]"),
        missing.err());
    Outcome invalid = sip("--engine", "spark", "--master", "local[two]");
    assertEquals(2, invalid.code());
    assertTrue(invalid.err().startsWith("sip sweep: --master 'local[two]' is not allowed; allowed: local"),
        invalid.err());
    Outcome local = sip("--master", "local[2]");
    assertEquals(2, local.code());
    assertTrue(local.err().contains("--master given with --engine local"), local.err());
  }

  @Test
  void theSparkEnginesJvmGetsTheSweepOptionsButNotThePluginPath() {
    CommandLine cmd = new CommandLine(new SweepCommand(null, null));
    CommandLine.ParseResult parsed = cmd.parseArgs("--param", "xi", "--values=1,32", "-q", "--json",
        "-S", "maxLossChange=0.2", "-S", "eigenvalueFloor=1e-9", "--engine", "spark", "--master", "local[2]");
    List<String> args = SweepCommand.forwardedArguments(parsed);
    assertEquals(List.of("--param", "xi", "--values", "1,32", "--quiet", "--json", "--solver-option",
        "maxLossChange=0.2", "--solver-option", "eigenvalueFloor=1e-9", "--engine", "spark", "--master", "local[2]"),
        args);
  }

  @Test
  void withoutABuiltSparkEngineTheMessageGivesTheBuildCommand(@TempDir Path root) {
    SipException e = assertThrows(SipException.class, () -> SparkProcess.command(root, List.of(), null));
    assertEquals(ErrorCode.UNSUPPORTED, e.code());
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("the Spark engine is not built (sip-spark/target/sip-spark-job.jar is missing)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("cd " + root + " && " + SparkProcess.BUILD_COMMAND), e.getMessage());
  }

  @Test
  void theSparkEnginesJvmRunsTheJobJarWithSparksFlagsAndThePlugins(@TempDir Path root) throws Exception {
    Path launch = Files.createDirectories(root.resolve(SparkProcess.LAUNCH_FOLDER));
    Files.writeString(Files.createDirectories(root.resolve("sip-spark/target")).resolve("sip-spark-job.jar"), "");
    Files.writeString(launch.resolve(SparkProcess.CLASSPATH_FILE), "/m2/spark-core.jar:/m2/scala-library.jar");
    Files.writeString(launch.resolve(SparkProcess.JVM_OPTIONS_FILE),
        "# comment\n--add-opens=java.base/java.lang=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true\n");
    Files.writeString(launch.resolve(SparkProcess.LOG_CONFIGURATION_FILE), "");
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    Files.writeString(plugins.resolve("b.jar"), "");
    Files.writeString(plugins.resolve("a.jar"), "");
    Files.writeString(plugins.resolve("notes.txt"), "");

    List<String> command = SparkProcess.command(root, List.of(plugins), " -Xmx2g  -Dx=y ");
    assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.configurationFile=" + launch.resolve(SparkProcess.LOG_CONFIGURATION_FILE), "-Xmx2g", "-Dx=y", "-cp",
        root.resolve(SparkProcess.JOB_JAR) + ":/m2/spark-core.jar:/m2/scala-library.jar:" + plugins.resolve("a.jar")
            + ":" + plugins.resolve("b.jar"),
        SparkProcess.MAIN_CLASS), command.subList(1, command.size()));
  }
}
