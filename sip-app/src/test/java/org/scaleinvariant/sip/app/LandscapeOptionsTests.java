package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine;

/**
 * The options of {@code sip landscape}: documented defaults, parsing, and the one-line messages for
 * bad values (also end to end through {@link Main#run}, in this JVM).
 */
class LandscapeOptionsTests {

  /** Parses the options the way picocli does for {@code sip landscape}. */
  private static LandscapeOptions parse(String... args) {
    LandscapeOptions options = new LandscapeOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  private static String message(Runnable call) {
    SipException e = assertThrows(SipException.class, call::run);
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void defaultsAreTheDocumentedValues() {
    LandscapeOptions options = parse("--target", "0.3,-0.5");
    assertArrayEquals(new double[] {0.3, -0.5}, options.target(2, "rotated-sine"));
    assertArrayEquals(new double[] {1, 1}, options.start());
    assertNull(options.box(), "the default rule");
    assertEquals(200, options.resolution());
    assertEquals(50, options.iterations());
    assertEquals(List.of("gd", "adam", "solver"), options.methods());
    assertTrue(Double.isNaN(options.gdLearningRate()), "auto");
    assertEquals(0.1, options.adamLearningRate());
    assertEquals(1.0, options.eta(), "the chapter's full step");
    assertEquals(List.of(), options.unusedOptionsGiven());
  }

  @Test
  void optionsMapOntoValues() {
    LandscapeOptions options = parse("--target=0.3,-0.5", "--start", "-1,2.5", "--box", "-3,3,-2,4",
        "--resolution", "10", "--iterations", "7", "--trajectories", "SOLVER, gd", "--gd-lr", "1e-3",
        "--adam-lr", "0.05", "--eta", "0.5");
    assertArrayEquals(new double[] {-1, 2.5}, options.start());
    assertEquals(new Landscape.Box(-3, 3, -2, 4), options.box());
    assertEquals(10, options.resolution());
    assertEquals(7, options.iterations());
    assertEquals(List.of("gd", "solver"), options.methods(), "drawing order, not the given order");
    assertEquals(1e-3, options.gdLearningRate());
    assertEquals(0.05, options.adamLearningRate());
    assertEquals(0.5, options.eta());
    assertEquals(List.of("--adam-lr"), options.unusedOptionsGiven());
    assertEquals(List.of(), parse("--target", "0", "--trajectories", "None").methods());
    assertTrue(Double.isNaN(parse("--target", "0", "--gd-lr", "AUTO").gdLearningRate()));
  }

  @Test
  void badValuesNameTheOptionTheValueAndWhatIsAllowed() {
    assertEquals(
        "--target = '0.3,abc' is not allowed: 'abc' is not a finite number; allowed: Y1,Y2,... (finite numbers)",
        message(() -> parse("--target", "0.3,abc").target(2, "rotated-sine")));
    assertEquals(
        "--target = '0.3,NaN' is not allowed: 'NaN' is not a finite number; allowed: Y1,Y2,... (finite numbers)",
        message(() -> parse("--target", "0.3,NaN").target(2, "rotated-sine")));
    assertEquals(
        "--target = '0.3' has 1 value; allowed: 2 values (the size m of problem 'rotated-sine')",
        message(() -> parse("--target", "0.3").target(2, "rotated-sine")));
    assertEquals(
        "--target = '1,2,3' has 3 values; allowed: 2 values (the size m of problem 'rotated-sine')",
        message(() -> parse("--target", "1,2,3").target(2, "rotated-sine")));
    assertEquals(
        "--box = '1,0,0,1' is not allowed; allowed: X1MIN,X1MAX,X2MIN,X2MAX (four finite numbers, X1MIN < X1MAX,"
            + " X2MIN < X2MAX)",
        message(() -> parse("--target", "0", "--box", "1,0,0,1").box()));
    assertTrue(message(() -> parse("--target", "0", "--box", "0,1,0").box()).startsWith("--box = '0,1,0' is not allowed"));
    assertEquals(
        "--box = '0,1,0,Infinity' is not allowed: 'Infinity' is not a finite number; allowed: X1MIN,X1MAX,X2MIN,X2MAX"
            + " (four finite numbers, X1MIN < X1MAX, X2MIN < X2MAX)",
        message(() -> parse("--target", "0", "--box", "0,1,0,Infinity").box()));
    assertEquals("--start = '1' is not allowed; allowed: X1,X2 (two finite numbers)",
        message(() -> parse("--target", "0", "--start", "1").start()));
    assertEquals("--resolution = '5' is not allowed; allowed: an integer in [10, 1000]",
        message(() -> parse("--target", "0", "--resolution", "5").resolution()));
    assertEquals("--iterations = '0' is not allowed; allowed: an integer in [1, 100000]",
        message(() -> parse("--target", "0", "--iterations", "0").iterations()));
    assertEquals(
        "--trajectories = 'gd,newton' is not allowed; allowed: comma-separated, each once: gd, adam, solver; or 'none'",
        message(() -> parse("--target", "0", "--trajectories", "gd,newton").methods()));
    assertTrue(message(() -> parse("--target", "0", "--trajectories", "gd,gd").methods()).startsWith("--trajectories = 'gd,gd'"));
    assertEquals("--gd-lr = '0' is not allowed; allowed: a finite number > 0, or 'auto'",
        message(() -> parse("--target", "0", "--gd-lr", "0").gdLearningRate()));
    assertEquals("--adam-lr = '-1' is not allowed; allowed: a finite number > 0",
        message(() -> parse("--target", "0", "--adam-lr", "-1").adamLearningRate()));
    assertEquals("--eta = 'NaN' is not allowed; allowed: a finite number > 0",
        message(() -> parse("--target", "0", "--eta", "NaN").eta()));
    assertThrows(SipException.class, () -> parse("--target", "0", "--resolution", "2000").validate());
  }

  @Test
  void optionsForTrajectoriesThatAreNotDrawnAreReported() {
    assertEquals(List.of("--gd-lr", "--eta", "--solver", "--solver-option"),
        parse("--target", "0", "--trajectories", "adam", "--gd-lr", "1", "--eta", "2", "--solver", "newton",
            "-S", "maxLossChange=0.2").unusedOptionsGiven());
    assertEquals(List.of("--adam-lr", "--iterations"),
        parse("--target", "0", "--trajectories", "none", "--adam-lr", "1", "--iterations", "3").unusedOptionsGiven());
  }

  /** Runs {@code sip} in this JVM; returns exit code, stdout and stderr. */
  private static String[] sip(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "landscape",
        "landscape --target 0.3",
        "landscape --target 0.3,x",
        "landscape --target 0.3,-0.5 --box 1,0,0,1",
        "landscape --target 0.3,-0.5 --resolution 5",
        "landscape --target 0.3,-0.5 --trajectories newton",
        "landscape --target 0.3,-0.5 --gd-lr -1",
        "landscape --target 0.3,-0.5 --solver nope",
        "landscape --target 0.3,-0.5 --xi -1"
      })
  void badInputIsOneLineAndExitCodeTwo(String args) {
    String[] run = sip(args.split(" "));
    assertEquals("2", run[0], run[2]);
    String[] lines = run[2].strip().split("\n");
    assertEquals(1, lines.length, "one line: " + run[2]);
    assertTrue(lines[0].startsWith("sip landscape: "), lines[0]);
    assertTrue(!run[2].contains("Exception"), run[2]);
  }

  @Test
  void theTableNamesEachTrajectoryAndItsDistanceToTheClosestSolution() {
    String[] run = sip("landscape", "--target", "0.3,-0.5", "--form", "book", "--xi", "1", "--phi", "15",
        "--resolution", "20", "--iterations", "10");
    assertEquals("0", run[0], run[2]);
    String out = run[1];
    assertTrue(out.contains("box [-2, 4] x [-2, 4] (default), 20 x 20 points"), out);
    assertTrue(out.contains("GD, lr 1.0e+00"), out);
    assertTrue(out.contains("Adam, lr 1.0e-01"), out);
    assertTrue(out.contains("inverse solver newton, η 1"), out);
    assertTrue(out.contains("x-distance"), out);
  }
}
