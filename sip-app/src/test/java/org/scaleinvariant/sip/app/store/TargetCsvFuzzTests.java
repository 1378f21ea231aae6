package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Feeds seeded random content to the CSV reader and asserts that it either reads finite targets or
 * fails with one {@link SipException} of code {@link ErrorCode#INVALID_FILE} on one line; never
 * another exception. The seed of each case is in its name.
 *
 * <p>Content: 0 to 30 lines of 0 to 4 fields joined by commas (the reader expects 2), each field a
 * number (±m·10^e, e in [−330, 330]), a piece from a pool of tricky strings (NaN, Infinity, quotes,
 * hexadecimal, spaces, a byte-order mark, unicode), or random bytes (invalid UTF-8 and control
 * characters included); line ends \n or \r\n.
 */
class TargetCsvFuzzTests {
  /** Cases, {@value}. */
  static final int CASES = 300;

  private static final String[] TRICKY = {
    "", " ", "NaN", "Infinity", "-Infinity", "1e999", "0x1p3", "1d", "\"", "\"1\"", "\"1,2\"", "\"\"", "'1'", "\uFEFF1",
    "١", "1 2", "+.5", "-.", "e3", "1e", "--1", "y0", "\t3\t", "\"a\nb\"", "\\"
  };

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  private static byte[] content(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int line = r.nextInt(31); line > 0; line--) {
      int fields = r.nextInt(10) < 7 ? 2 : r.nextInt(5);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          bytes.write(',');
        }
        int kind = r.nextInt(10);
        if (kind < 6) {
          double value = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * Math.pow(10, r.nextInt(-330, 331));
          bytes.writeBytes(Double.toString(value).getBytes(StandardCharsets.UTF_8));
        } else if (kind < 9) {
          bytes.writeBytes(TRICKY[r.nextInt(TRICKY.length)].getBytes(StandardCharsets.UTF_8));
        } else {
          for (int b = r.nextInt(1, 6); b > 0; b--) {
            bytes.write(r.nextInt(256));
          }
        }
      }
      bytes.writeBytes(r.nextInt(4) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    }
    return bytes.toByteArray();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyContentGivesFiniteTargetsOrOneCleanError(long seed) throws IOException {
    Path file = dir.resolve("fuzz-" + seed + ".csv");
    Files.write(file, content(seed));
    try {
      double[] all = TargetCsvTests.readAll(file, 2, 3);
      assertEquals(0, all.length % 2);
      for (double v : all) {
        assertTrue(Double.isFinite(v), "only finite targets come out");
      }
    } catch (SipException e) {
      assertEquals(ErrorCode.INVALID_FILE, e.code(), e.getMessage());
      assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line: " + e.getMessage());
      assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
  }
}
