package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code NUMBER_LIST} and {@code MATRIX} parameter kinds and their {@link Options} getters. */
class NumberListParameterTests {
  private static final ParameterSpec WEIGHTS =
      ParameterSpec.numberList("weights", null, 0, true, Double.POSITIVE_INFINITY, "one per component");
  private static final ParameterSpec MATRIX = ParameterSpec.matrix("matrix", null, "rows are outputs");
  private static final List<ParameterSpec> SPECS = List.of(WEIGHTS, MATRIX);

  @Test
  void listsAreCanonicalisedWithoutSpacesAndReadBackAsArrays() {
    assertEquals("1,100,0.5,0.001", WEIGHTS.parse(" 1, 100.0 ,.5,1e-3 "));
    Options resolved = Options.of(Map.of("weights", "2, 0.25")).resolve(SPECS, "y-loss t");
    assertEquals("2,0.25", resolved.getString("weights"));
    assertArrayEquals(new double[] {2, 0.25}, resolved.getNumbers("weights"), 0);
    assertFalse(resolved.has("matrix"), "no default: absent unless given");
  }

  @Test
  void matricesAreCanonicalisedRowMajorAndReadBackAsRows() {
    assertEquals("1,2;3,4", MATRIX.parse("1, 2 ; 3,4.0"));
    assertEquals("-1.5,0,2", MATRIX.parse("-1.5,0,2"));
    Options resolved = Options.of(Map.of("matrix", "1,2,3;4,5,6")).resolve(SPECS, "problem t");
    double[][] rows = resolved.getMatrix("matrix");
    assertEquals(2, rows.length);
    assertArrayEquals(new double[] {1, 2, 3}, rows[0], 0);
    assertArrayEquals(new double[] {4, 5, 6}, rows[1], 0);
  }

  @Test
  void canonicalTextRoundTripsEveryDouble() {
    double awkward = 0.1 + 0.2;
    String text = MATRIX.parse(awkward + "," + Math.PI);
    assertArrayEquals(
        new double[] {awkward, Math.PI},
        Options.of(Map.of("matrix", text)).getMatrix("matrix")[0],
        0);
  }

  @Test
  void allowedValuesAreDescribedWithTheEntryRange() {
    assertEquals("finite numbers separated by ',', each > 0", WEIGHTS.allowed());
    assertEquals(
        "rows separated by ';' of equally many finite numbers separated by ','", MATRIX.allowed());
    assertEquals(
        "finite numbers separated by ',', each in [-1, 1]",
        ParameterSpec.numberList("c", null, -1, false, 1, "d").allowed());
  }

  @ParameterizedTest(name = "weights = ''{0}'' is rejected")
  @ValueSource(strings = {"", "1,,2", "1,", "a", "1;2", "0", "1,-2", "NaN", "1,Infinity", "1e999", "0x10"})
  void invalidListsAreRejectedWithWhatIsAllowed(String raw) {
    SipException e = assertThrows(SipException.class, () -> WEIGHTS.parse(raw));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("weights = '" + raw + "' is not allowed"), e.getMessage());
    assertTrue(e.getMessage().endsWith("allowed: finite numbers separated by ',', each > 0"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void messagesNameTheOffendingEntryOrRow() {
    assertEquals(
        "weights = '1,-2' is not allowed (entry 2 is -2); allowed: finite numbers separated by ','"
            + ", each > 0",
        assertThrows(SipException.class, () -> WEIGHTS.parse("1,-2")).getMessage());
    assertEquals(
        "matrix = '1,2;3' is not allowed (row 2 has 1 entries, row 1 has 2); allowed: rows separated"
            + " by ';' of equally many finite numbers separated by ','",
        assertThrows(SipException.class, () -> MATRIX.parse("1,2;3")).getMessage());
    assertTrue(
        assertThrows(SipException.class, () -> MATRIX.parse("1,2;3,x"))
            .getMessage()
            .contains("(row 2: entry 2 is 'x')"));
    assertTrue(
        assertThrows(SipException.class, () -> MATRIX.parse("1,2;"))
            .getMessage()
            .contains("(row 2: entry 1 is empty)"));
  }

  @Test
  void gettersRejectTextThatWasNotResolved() {
    Options raw = Options.of(Map.of("weights", "1,x", "matrix", "1;2,3"));
    SipException list = assertThrows(SipException.class, () -> raw.getNumbers("weights"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, list.code());
    assertTrue(list.getMessage().contains("entry 2 is 'x'"), list.getMessage());
    SipException matrix = assertThrows(SipException.class, () -> raw.getMatrix("matrix"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, matrix.code());
    assertTrue(matrix.getMessage().contains("row 2 has 2 entries"), matrix.getMessage());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> raw.getNumbers("absent")).code());
  }
}
