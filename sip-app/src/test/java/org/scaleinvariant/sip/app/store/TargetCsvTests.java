package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

class TargetCsvTests {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, content);
    return file;
  }

  /** Reads the whole file in chunks of {@code chunk} rows. */
  static double[] readAll(Path file, int columns, int chunk) {
    double[] all = new double[0];
    double[] buffer = new double[chunk * columns];
    try (TargetCsv csv = new TargetCsv(file, columns)) {
      for (int n; (n = csv.read(buffer, chunk)) > 0; ) {
        int at = all.length;
        all = Arrays.copyOf(all, at + n * columns);
        System.arraycopy(buffer, 0, all, at, n * columns);
      }
    }
    return all;
  }

  private String rejected(String content) throws IOException {
    Path file = file(content);
    SipException e = assertThrows(SipException.class, () -> readAll(file, 2, 2));
    assertEquals(ErrorCode.INVALID_FILE, e.code());
    return e.getMessage().substring(file.toString().length());
  }

  @Test
  void headerQuotesSpacesEmptyLinesAndAByteOrderMarkAreRead() throws IOException {
    assertArrayEquals(new double[] {0.3, -0.5, 1, 2, -3e-2, 4, 5, 6, 0.5, 7},
        readAll(file("\uFEFFy0,y1\n0.3,-0.5\n\n 1 , 2\n\"-3e-2\",4\n5,6\r\n.5,+7\n"), 2, 2));
    assertArrayEquals(new double[] {1, 2}, readAll(file("\uFEFF1,2\n"), 2, 3), 0, "no header, a BOM");
  }

  @Test
  void wrongColumnCountsAreNamedWithTheLine() throws IOException {
    assertEquals(" line 3 has 3 columns; allowed: 2 (one per component of y*)", rejected("y0,y1\n1,2\n3,4,5\n"));
    assertEquals(" line 2 has 1 column; allowed: 2 (one per component of y*)", rejected("1,2\n3\n"));
    assertEquals(" line 1 has 3 columns; allowed: 2 (one per component of y*)", rejected("a,b,c\n1,2\n"));
  }

  @Test
  void nonNumbersAreNamedWithLineColumnAndValue() throws IOException {
    assertEquals(" line 4, column 2: 'abc' is not allowed; allowed: a finite number in decimal notation",
        rejected("1,2\n\n3,4\n5,abc\n"));
    for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1e999", ""}) {
      assertEquals(" line 2, column 1: '" + bad + "' is not allowed; allowed: a finite number in decimal notation",
          rejected("1,2\n" + bad + ",3\n"), bad);
    }
    assertEquals(" line 1, column 2: 'abc' is not allowed; allowed: a finite number in decimal notation",
        rejected("1,abc\n"), "a first line with a number is data, not a header");
  }

  @Test
  void emptyFilesHeaderOnlyBrokenQuotesAndBinaryAreRejected() throws IOException {
    assertEquals(" is empty; allowed: one line of 2 numbers per target, an optional header line first", rejected(""));
    assertEquals(" is empty; allowed: one line of 2 numbers per target, an optional header line first", rejected("\n\n"));
    assertEquals(" has a header but no rows; allowed: one line of 2 numbers per target, an optional header line first",
        rejected("y0,y1\n"));
    assertEquals(" near line 3: malformed CSV (Missing closing quote for value)", rejected("1,2\n3,\"4\n"));
    Path binary = dir.resolve("b.csv");
    Files.write(binary, new byte[] {'1', ',', (byte) 0xC3, (byte) 0x28, '\n'});
    SipException e = assertThrows(SipException.class, () -> readAll(binary, 2, 2));
    assertEquals(binary + " is not UTF-8 text (MalformedInputException after 0 rows)", e.getMessage());
  }

  @Test
  void aMissingFileOrAFolderIsAUsageError() {
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new TargetCsv(dir.resolve("none.csv"), 2)).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, () -> new TargetCsv(dir, 2)).code());
  }

  @Test
  void aLargeFileIsReadInChunks() throws IOException {
    Path file = dir.resolve("large.csv");
    int rows = 200_000;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("y0,y1\n");
      for (int i = 0; i < rows; i++) {
        out.write(i + "," + (-i * 0.5) + "\n");
      }
    }
    double[] buffer = new double[2 * 1000];
    long count = 0;
    double sum = 0;
    try (TargetCsv csv = new TargetCsv(file, 2)) {
      for (int n; (n = csv.read(buffer, 1000)) > 0; ) {
        count += n;
        for (int i = 0; i < 2 * n; i++) {
          sum += buffer[i];
        }
      }
      assertEquals(rows, csv.count());
    }
    assertEquals(rows, count);
    assertEquals(0.5 * (rows - 1.0) * rows / 2, sum, 1e-6);
  }
}
