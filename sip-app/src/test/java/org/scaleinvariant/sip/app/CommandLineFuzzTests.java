package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds seeded random option values to the command line, in-process, and asserts a clean outcome:
 * exit code 0 with the JSON line last, exit code 2 with exactly one line on standard error, or exit
 * code 1 only for a run that diverged; never a stack trace or an "internal error". Each case's seed
 * is in its name, so a failure re-runs alone.
 *
 * <p>Ranges, chosen so that every accepted value trains in milliseconds. Each replaced option gets,
 * with probability ½, a valid value from the option's own pool (names it accepts; counts in [1, 5];
 * real numbers in a sensible range for the option), else an arbitrary one: counts (steps, batch,
 * widths, network updates) from [−3, 6] or beyond the int range, never large but valid; real numbers
 * ±m·10^e with m in [0, 1), e in [−320, 320], and the special spellings; text from a pool of tricky
 * strings (empty, NaN, hexadecimal, separators, unicode) and random printable strings of length 0 to
 * 12.
 */
class CommandLineFuzzTests {
  /** Cases, {@value}. */
  static final int CASES = 300;

  private static final String[] TRICKY = {
    "", " ", "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-1e309", "0", "-0", "1", "-1", "2147483647",
    "2147483648", "-2147483649", "9223372036854775808", "0x10", "1d", "1f", "1e-320", "3.", ".5", "+4", "1,2", ",",
    ",,", "abc", "ünïcødé", "\t", "1 2", "--steps", "=", "a=b", "-", "1e", "e5", "1_000", "١٢", "null", "true",
    "../x", "%s", "${DEFAULT-VALUE}"
  };

  /** Options of {@code train} whose values are numbers of any size, and the range of valid ones. */
  private static final Object[][] REAL = {
    {"--lr", 1e-5, 1e-1}, {"--eta", 0.1, 2.0}, {"--xi", 0.5, 64.0}, {"--phi", -90.0, 90.0}, {"--gamma", 1.0, 20.0},
    {"--time-limit", 0.01, 5.0}, {"--checkpoint-interval", 1e-3, 10.0}
  };
  /** Options of {@code train} whose values are counts (valid ones are 1 to 5). */
  private static final String[] COUNT = {"--steps", "--batch", "--nn-updates", "--eval-every", "--seed",
    "--checkpoint-every"};
  /** Options of {@code train} whose values are names, each with names it accepts. */
  private static final String[][] NAME = {
    {"--method", "sip", "adam", "sgd", "supervised", "rmsprop"}, {"--optimizer", "adam", "sgd", "momentum", "adamw"},
    {"--solver", "newton", "analytic-rotated-sine"}, {"--activation", "relu", "tanh", "sigmoid", "identity"},
    {"--init", "he", "xavier", "pytorch"}, {"--proxy-loss", "l1", "l2"}, {"--y-loss", "l2", "huber"},
    {"--standardize", "auto", "on", "off"}, {"--form", "book", "paper"}, {"--problem", "rotated-sine", "simple", "linear"},
    {"--on-divergence", "stop", "skip-batch"}
  };
  /** Names worth drawing for {@link #NAME} options besides random text. */
  private static final String[] NAMES = {"sip", "adam", "sgd", "supervised", "newton", "analytic-rotated-sine",
    "relu", "tanh", "he", "pytorch", "l1", "l2", "huber", "weighted-l2", "on", "off", "auto", "book", "paper",
    "rotated-sine", "linear", "simple", "skip-batch", "stop", "SKIP-BATCH", "Adam"};
  /** Repeatable NAME=VALUE options. */
  private static final String[] PAIRS = {"-P", "-S", "-Y"};
  private static final String[] KEYS = {"xi", "phi", "branches", "matrix", "condition", "size", "delta", "weights",
    "eigenvalueFloor", "maxLossChange", "zeta", ""};

  private static Injector injector;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  @BeforeAll
  static void wire() {
    injector = Guice.createInjector(new SipModule());
  }

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  /** A random text: a tricky string, a known name, or random printable characters. */
  private static String text(SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0:
        return TRICKY[r.nextInt(TRICKY.length)];
      case 1:
        return NAMES[r.nextInt(NAMES.length)];
      default:
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(13); i > 0; i--) {
          s.append((char) (r.nextInt(3) == 0 ? 0x20 + r.nextInt(95) : "0123456789.,-+eE".charAt(r.nextInt(16))));
        }
        return s.toString();
    }
  }

  private static String real(SplittableRandom r) {
    if (r.nextInt(3) == 0) {
      return text(r);
    }
    double value = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * Math.pow(10, r.nextInt(-320, 321));
    return r.nextBoolean() ? Double.toString(value) : String.format(Locale.ROOT, "%.3g", value);
  }

  private static String count(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return notLarge(text(r));
      case 1:
        return Long.toString(r.nextLong(Integer.MAX_VALUE - 2L, Long.MAX_VALUE)); // too large, or int-max-ish
      default:
        return Integer.toString(r.nextInt(-3, 7));
    }
  }

  /**
   * Keeps a count from being valid and large (a run of 2³¹ − 1 steps would never end): an integer
   * above 6 becomes one beyond the int range.
   */
  private static String notLarge(String text) {
    if (text.trim().matches("\\+?\\d{1,18}") && Long.parseLong(text.trim()) > 6) {
      return "2147483648";
    }
    return text;
  }

  /** One random command line: a base run of 3 tiny steps with one to three options replaced or added. */
  static List<String> arguments(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int kind = r.nextInt(10);
    if (kind == 0) {
      List<String> args = new ArrayList<>(List.of("resume", text(r)));
      if (r.nextBoolean()) {
        args.add("--json");
      }
      return args;
    }
    if (kind == 1) {
      List<String> args = new ArrayList<>(List.of("predict", "--model", r.nextBoolean() ? text(r) : dir.toString()));
      args.addAll(r.nextBoolean() ? List.of("--y", text(r)) : List.of("--input", text(r)));
      return args;
    }
    List<String> args = new ArrayList<>(List.of("train", "--steps", "3", "--batch", "4", "--hidden", "4",
        "--eval-every", "2", "--quiet", "--json"));
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      boolean valid = r.nextBoolean();
      switch (r.nextInt(5)) {
        case 0:
          Object[] real = REAL[r.nextInt(REAL.length)];
          set(args, (String) real[0], valid ? Double.toString(r.nextDouble((Double) real[1], (Double) real[2])) : real(r));
          break;
        case 1:
          set(args, COUNT[r.nextInt(COUNT.length)], valid ? Integer.toString(r.nextInt(1, 6)) : count(r));
          break;
        case 2:
          String[] name = NAME[r.nextInt(NAME.length)];
          set(args, name[0], valid ? name[1 + r.nextInt(name.length - 1)]
              : r.nextInt(3) == 0 ? text(r) : NAMES[r.nextInt(NAMES.length)]);
          break;
        case 3:
          args.add(PAIRS[r.nextInt(PAIRS.length)]);
          args.add(KEYS[r.nextInt(KEYS.length)] + (r.nextInt(8) == 0 ? "" : "=") + notLarge(text(r)));
          break;
        default:
          StringBuilder hidden = new StringBuilder();
          for (int w = 1 + r.nextInt(3); w > 0; w--) {
            String width = valid ? Integer.toString(r.nextInt(1, 6)) : r.nextInt(5) == 0 ? notLarge(text(r)) : count(r);
            hidden.append(hidden.length() == 0 ? "" : ",").append(width);
          }
          set(args, "--hidden", hidden.toString());
          break;
      }
    }
    if (args.contains("--checkpoint-every") || args.contains("--checkpoint-interval") || r.nextInt(10) == 0) {
      set(args, "--out", dir.resolve("run-" + seed).toString());
    }
    return args;
  }

  private static void set(List<String> args, String option, String value) {
    int at = args.indexOf(option);
    if (at >= 0) {
      args.set(at + 1, value);
    } else {
      args.add(option);
      args.add(value);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyOptionValuesGiveSuccessOrOneLineAndExitCodeTwo(long seed) throws IOException {
    List<String> args = arguments(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.commandLine(injector, o, e).execute(args.toArray(new String[0]));
    }
    String stderr = err.toString(StandardCharsets.UTF_8).strip();
    String stdout = out.toString(StandardCharsets.UTF_8).strip();
    String context = args + " -> exit " + code + "\nstderr: " + stderr;
    assertFalse(stderr.contains("internal error") || stderr.contains("Exception") || stderr.contains("\tat "), context);
    if (code == 0) {
      if (args.contains("--json")) {
        String[] lines = stdout.split("\n");
        assertTrue(JSON.readTree(lines[lines.length - 1]).isObject(), context);
      }
      return;
    }
    if (code == 1) {
      assertTrue(stderr.contains("training diverged"), "exit code 1 only for a diverged run: " + context);
      return;
    }
    assertEquals(2, code, context);
    List<String> lines = stderr.lines().filter(line -> !line.contains(": note: ")).toList();
    assertEquals(1, lines.size(), "one line: " + context);
    assertTrue(lines.get(0).startsWith("sip "), context);
    assertTrue(Files.isDirectory(dir), "the temporary folder survives");
  }
}
