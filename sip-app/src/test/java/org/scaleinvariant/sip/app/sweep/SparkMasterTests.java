package org.scaleinvariant.sip.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** The master URLs that {@code --master} accepts, and the retries of local masters. */
class SparkMasterTests {

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[2]", "local[*]", "local[2,3]", "local[*,4]", "spark://host:7077",
      "spark://a.example.org:7077,b.example.org:7077", "yarn", "k8s://https://10.0.0.1:6443", " local[2] "})
  void acceptedMastersAreReturnedTrimmed(String master) {
    assertEquals(master.trim(), SparkMaster.check(master));
  }

  @ParameterizedTest
  @ValueSource(strings = {"local[0]", "local[2", "local[x]", "local[2,0]", "spark://host", "mesos://host:5050",
      "k8s://", "foo"})
  void otherMastersAreRejectedWithTheAllowedForms(String master) {
    SipException e = assertThrows(SipException.class, () -> SparkMaster.check(master));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("--master '" + master + "' is not allowed; allowed: " + SparkMaster.ALLOWED, e.getMessage());
  }

  @Test
  void aMissingMasterIsNamed() {
    SipException e = assertThrows(SipException.class, () -> SparkMaster.check(null));
    assertTrue(e.getMessage().startsWith("--master missing for --engine spark; allowed: local"), e.getMessage());
  }

  @Test
  void localMastersGetRetriesUnlessTheyNameTheirAttempts() {
    assertEquals("local[2,4]", SparkMaster.withAttempts("local[2]", 4));
    assertEquals("local[*,4]", SparkMaster.withAttempts("local[*]", 4));
    assertEquals("local[1,2]", SparkMaster.withAttempts("local", 2));
    assertEquals("local[2,1]", SparkMaster.withAttempts("local[2,1]", 4), "given attempts are kept");
    assertEquals("yarn", SparkMaster.withAttempts("yarn", 4), "clusters read spark.task.maxFailures");
    assertTrue(SparkMaster.isLocal("local[2,4]"));
    assertFalse(SparkMaster.isLocal("spark://host:7077"));
  }
}
