package org.scaleinvariant.sip.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;

/**
 * Starts {@code sip sweep --engine spark} in a JVM of its own, on the class path of the {@code
 * sip-spark} module, and streams its standard output and error through: Spark has split packages
 * (deps.md P14), so it can live neither on the app's module path nor in its start-up.
 *
 * <p>What the JVM gets, all written by {@code sip-spark}'s build ({@value #BUILD_COMMAND}) into
 * {@code sip-spark/target}: the shaded job jar {@value #JOB_JAR} (the same jar {@code spark-submit}
 * takes on a cluster), Spark and its dependencies as {@code launch/classpath.txt} (jars in the local
 * Maven repository), the JVM options Spark needs on Java 17 and newer as {@code launch/jvm.options}
 * (Spark's own list, which {@code spark-submit} adds on a cluster), and a log
 * configuration that keeps Spark's log at warnings. Plugin jars ({@code --plugin-path}, {@code
 * SIP_PLUGIN_PATH}) are added to the class path, {@code SIP_JAVA_OPTS} to the JVM options, and for a
 * local master {@code SPARK_LOCAL_IP=127.0.0.1}, so Spark binds to loopback only.
 */
final class SparkProcess {
  /** The job's main class. */
  static final String MAIN_CLASS = "org.scaleinvariant.sip.spark.SparkSweep";
  /** The shaded job jar, relative to the project root. */
  static final String JOB_JAR = "sip-spark/target/sip-spark-job.jar";
  /** The folder of the launch files, relative to the project root. */
  static final String LAUNCH_FOLDER = "sip-spark/target/launch";
  /** The class path of Spark and its dependencies, one line, in {@link #LAUNCH_FOLDER}. */
  static final String CLASSPATH_FILE = "classpath.txt";
  /** The JVM options Spark needs, separated by white space, in {@link #LAUNCH_FOLDER}. */
  static final String JVM_OPTIONS_FILE = "jvm.options";
  /** The log configuration of the job, in {@link #LAUNCH_FOLDER}. */
  static final String LOG_CONFIGURATION_FILE = "log4j2.properties";
  /** How to build the Spark engine, from the project root. */
  static final String BUILD_COMMAND = "./mvnw -B -ntp -DskipTests -pl sip-app,sip-spark -am package";
  /** The environment variable that makes Spark bind to one address. */
  static final String LOCAL_IP_VARIABLE = "SPARK_LOCAL_IP";
  /** The loopback address local masters bind to. */
  static final String LOOPBACK = "127.0.0.1";
  /** The environment variable with extra JVM options of the launcher, also given to the job's JVM. */
  static final String JAVA_OPTIONS_VARIABLE = "SIP_JAVA_OPTS";
  /**
   * The environment variable with which the launcher asks, before it builds the Spark engine, only
   * whether the arguments are valid: set to {@code 1}, a sweep with {@code --engine spark} checks its
   * options and exits 0 without starting the engine (so a typo does not cost the engine's first
   * build, a download of about 270 MB).
   */
  static final String CHECK_ONLY_VARIABLE = "SIP_SPARK_CHECK_ONLY";
  /** How many folders above the app's jar the project root may be (target/modules/jar → root). */
  static final int ROOT_SEARCH_DEPTH = 4;

  private SparkProcess() {}

  /**
   * Runs the job and waits for it.
   *
   * @param sweepArgs the options of {@code sip sweep} for the job
   * @param pluginFolders the plugin folders, whose jars join the class path
   * @param localMaster whether the master is local (then Spark binds to loopback)
   * @param out where the job's standard output goes
   * @param err where the job's standard error goes
   * @return the job's exit code
   * @throws InterruptedException if interrupted while waiting (the job is stopped)
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if the Spark engine is not built, with the
   *     command that builds it; {@link ErrorCode#IO} if the JVM cannot be started
   */
  static int run(List<String> sweepArgs, List<Path> pluginFolders, boolean localMaster, PrintWriter out,
      PrintWriter err) throws InterruptedException {
    Path root = root();
    List<String> command = command(root, pluginFolders, System.getenv(JAVA_OPTIONS_VARIABLE));
    command.addAll(sweepArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (localMaster && !builder.environment().containsKey(LOCAL_IP_VARIABLE)) {
      builder.environment().put(LOCAL_IP_VARIABLE, LOOPBACK);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SipException(
          ErrorCode.IO, "cannot start the Spark engine (" + command.get(0) + "): " + e.getMessage(), e);
    }
    Thread stop = new Thread(process::destroy, "stop spark engine");
    Runtime.getRuntime().addShutdownHook(stop);
    Thread stdout = pump(process.getInputStream(), out);
    Thread stderr = pump(process.getErrorStream(), err);
    try {
      int code = process.waitFor();
      stdout.join();
      stderr.join();
      return code;
    } catch (InterruptedException e) {
      process.destroy();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook stops the job
      }
    }
  }

  /**
   * The command that starts the job, without its arguments.
   *
   * @param root the project root
   * @param pluginFolders the plugin folders
   * @param javaOptions the launcher's extra JVM options ({@value #JAVA_OPTIONS_VARIABLE}), or null
   * @return the command
   * @throws SipException {@link ErrorCode#UNSUPPORTED} if a file of the Spark engine is missing
   */
  static List<String> command(Path root, List<Path> pluginFolders, String javaOptions) {
    Path jobJar = root.resolve(JOB_JAR);
    Path launch = root.resolve(LAUNCH_FOLDER);
    Path classPathFile = launch.resolve(CLASSPATH_FILE);
    Path jvmOptionsFile = launch.resolve(JVM_OPTIONS_FILE);
    for (Path file : List.of(jobJar, classPathFile, jvmOptionsFile, launch.resolve(LOG_CONFIGURATION_FILE))) {
      if (!Files.isRegularFile(file)) {
        throw notBuilt(root, root.relativize(file).toString());
      }
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String line : lines(jvmOptionsFile)) {
      command.addAll(List.of(line.split("\\s+")));
    }
    command.add("-Dlog4j2.configurationFile=" + launch.resolve(LOG_CONFIGURATION_FILE));
    if (javaOptions != null && !javaOptions.isBlank()) { // last, so they can override the ones above
      command.addAll(List.of(javaOptions.trim().split("\\s+")));
    }
    StringBuilder classPath = new StringBuilder(jobJar.toString());
    for (String entry : lines(classPathFile)) {
      classPath.append(java.io.File.pathSeparatorChar).append(entry);
    }
    for (Path jar : pluginJars(pluginFolders)) {
      classPath.append(java.io.File.pathSeparatorChar).append(jar);
    }
    command.addAll(List.of("-cp", classPath.toString(), MAIN_CLASS));
    return command;
  }

  /** The project root: the nearest folder above the app's jar that holds the sip-spark module. */
  private static Path root() {
    Optional<Path> location = Registries.location(SparkProcess.class);
    Path folder = location.map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
    for (int i = 0; folder != null && i < ROOT_SEARCH_DEPTH; i++, folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("sip-spark").resolve("pom.xml"))) {
        return folder;
      }
    }
    throw new SipException(ErrorCode.UNSUPPORTED, "--engine spark needs the project's sip-spark module next to the app"
        + " (the app runs from " + location.map(Path::toString).orElse("an unknown location")
        + "); allowed: --engine local, or the app of a checkout built with " + BUILD_COMMAND);
  }

  private static SipException notBuilt(Path root, String missing) {
    return new SipException(ErrorCode.UNSUPPORTED, "--engine spark: the Spark engine is not built (" + missing
        + " is missing); build it once with: cd " + root + " && " + BUILD_COMMAND
        + " (the first build downloads about 280 MB of Spark), or start the sweep through ./sip, which builds it");
  }

  /** The non-blank lines of a file that do not start with '#'. */
  private static List<String> lines(Path file) {
    try {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.trim().startsWith("#")) {
          lines.add(line.trim());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> pluginJars(List<Path> folders) {
    List<Path> jars = new ArrayList<>();
    for (Path folder : folders) {
      TreeSet<Path> sorted = new TreeSet<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.jar")) {
        found.forEach(sorted::add);
      } catch (IOException e) {
        throw new SipException(ErrorCode.IO, "cannot list " + folder + ": " + e.getMessage(), e);
      }
      jars.addAll(sorted);
    }
    return jars;
  }

  /** Copies a stream of the job to a writer, as it comes, on a thread of its own. */
  private static Thread pump(InputStream from, PrintWriter to) {
    Thread thread = new Thread(() -> {
      char[] buffer = new char[8192];
      try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
          to.write(buffer, 0, n);
          to.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "spark engine output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
