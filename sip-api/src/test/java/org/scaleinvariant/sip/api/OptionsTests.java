package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTests {
  private static final List<ParameterSpec> SPECS =
      List.of(
          ParameterSpec.number("xi", 32, 0, true, Double.POSITIVE_INFINITY, "conditioning"),
          ParameterSpec.number("phi", 0, -360, false, 360, "rotation in degrees"),
          ParameterSpec.integer("n", 2, 1, 100, "size"),
          ParameterSpec.choice("form", "paper", "which formula", "paper", "book"),
          ParameterSpec.bool("flag", false, "a switch"));

  @Test
  void resolveFillsDefaultsAndCanonicalisesValues() {
    Options resolved = Options.of(Map.of("xi", " 4.50 ", "form", "BOOK")).resolve(SPECS, "problem t");
    assertEquals(0.001, Options.of(Map.of("xi", ".1e-2")).resolve(SPECS, "p").getDouble("xi"));
    assertEquals(3, Options.of(Map.of("xi", "+3.")).resolve(SPECS, "p").getDouble("xi"));
    assertEquals(4.5, resolved.getDouble("xi"));
    assertEquals(0.0, resolved.getDouble("phi"));
    assertEquals(2, resolved.getInt("n"));
    assertEquals("book", resolved.getString("form"));
    assertFalse(resolved.getBoolean("flag"));
    assertEquals("32", Options.empty().resolve(SPECS, "p").getString("xi"));
  }

  @Test
  void unknownKeyIsRejectedWithTheKnownKeys() {
    SipException e =
        assertThrows(SipException.class, () -> Options.of(Map.of("zeta", "1")).resolve(SPECS, "problem t"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("zeta"), e.getMessage());
    assertTrue(e.getMessage().contains("xi, phi, n, form, flag"), e.getMessage());
  }

  @ParameterizedTest(name = "xi = ''{0}'' is rejected")
  @ValueSource(strings = {"0", "-1", "NaN", "Infinity", "abc", "", "1e999", "8f", "1e-3d", "0x1p3", "1,5"})
  void invalidNumbersAreRejectedWithWhatIsAllowed(String raw) {
    SipException e =
        assertThrows(SipException.class, () -> Options.of(Map.of("xi", raw)).resolve(SPECS, "p"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("a finite number > 0"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void integerRangeAndChoicesAreEnforced() {
    assertEquals(
        "n = '101' is not allowed; allowed: an integer in [1, 100]",
        assertThrows(SipException.class, () -> SPECS.get(2).parse("101")).getMessage());
    assertThrows(SipException.class, () -> SPECS.get(2).parse("1.5"));
    assertEquals(
        "form = 'fancy' is not allowed; allowed: one of: paper, book",
        assertThrows(SipException.class, () -> SPECS.get(3).parse("fancy")).getMessage());
    assertEquals("phi = '400' is not allowed; allowed: a finite number in [-360, 360]",
        assertThrows(SipException.class, () -> SPECS.get(1).parse("400")).getMessage());
  }
}
