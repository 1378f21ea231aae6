package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.ProxyLoss;
import org.scaleinvariant.sip.nn.TrainingConfig;
import picocli.CommandLine;

class TrainingOptionsTests {

  /** Parses the options the way picocli does for {@code sip train}. */
  private static TrainingOptions parse(String... args) {
    TrainingOptions options = new TrainingOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void defaultsAreSipWithAdamAndTheDocumentedValues() {
    TrainingConfig config = parse().toConfig();
    assertEquals(Method.SIP, config.method());
    assertEquals("adam", config.optimizer());
    assertTrue(Double.isNaN(config.learningRate()), "the problem's recommendation, else the optimizer's default");
    assertEquals(1.0, config.eta(), "the chapter's recommendation");
    assertEquals(TrainingConfig.DEFAULT_STEPS, config.steps());
    assertEquals(TrainingConfig.DEFAULT_BATCH, config.batch());
    assertEquals(ProxyLoss.L2, config.proxyLoss());
    assertNull(config.hidden(), "the problem's default network");
    assertNull(config.standardizeInput(), "the problem's recommendation");
  }

  @Test
  void optionsMapOntoTheConfig() {
    TrainingConfig config =
        parse("--method", "ADAM", "--lr", "3e-4", "--steps", "10", "--batch", "7", "--seed", "5",
                "--hidden", "4,8", "--proxy-loss", "l1", "--standardize", "on", "--time-limit", "2.5")
            .toConfig();
    assertEquals(Method.DP, config.method());
    assertEquals("adam", config.label());
    assertEquals(3e-4, config.learningRate());
    assertEquals(10, config.steps());
    assertEquals(7, config.batch());
    assertEquals(5, config.seed());
    assertEquals(List.of(4, 8), config.hidden());
    assertEquals(ProxyLoss.L1, config.proxyLoss());
    assertEquals(Boolean.TRUE, config.standardizeInput());
    assertEquals(2.5, config.timeLimitSeconds());
  }

  @Test
  void badValuesNameTheOptionAndWhatIsAllowed() {
    assertEquals("--lr = '-1' is not allowed; allowed: a finite number > 0",
        assertThrows(SipException.class, () -> parse("--lr", "-1").toConfig()).getMessage());
    assertEquals("--batch = '0' is not allowed; allowed: an integer >= 1 (at most 2147483647)",
        assertThrows(SipException.class, () -> parse("--batch", "0").toConfig()).getMessage());
    assertEquals(
        "--hidden = '32,,32' is not allowed; allowed: comma-separated layer widths, each an integer >= 1",
        assertThrows(SipException.class, () -> parse("--hidden", "32,,32").toConfig()).getMessage());
    SipException method = assertThrows(SipException.class, () -> parse("--method", "newton").toConfig());
    assertEquals(ErrorCode.UNKNOWN_ID, method.code());
    assertTrue(method.getMessage().endsWith("allowed: " + String.join(", ", Methods.ids())), method.getMessage());
    assertTrue(method.getMessage().contains("allowed: sip, supervised, adam, sgd"), method.getMessage());
    assertEquals(List.of("--solver", "--eta"), parse("--method", "adam", "--solver", "newton", "--eta", "2").sipOnlyOptionsGiven());
    assertEquals("--standardize = 'maybe' is not allowed; allowed: one of: auto, on, off",
        assertThrows(SipException.class, () -> parse("--standardize", "maybe").toConfig()).getMessage());
  }
}
