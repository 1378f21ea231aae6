package org.scaleinvariant.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YLossesTests {

  @Test
  void theThreeIdsAreKnownAndEachLossReportsItsOwnId() {
    assertEquals(List.of("l2", "weighted-l2", "huber"), YLosses.ids());
    Map<String, Options> options =
        Map.of("l2", Options.empty(), "weighted-l2", Options.of(Map.of("weights", "1")), "huber", Options.empty());
    for (String id : YLosses.ids()) {
      assertEquals(id, YLosses.create(id, options.get(id)).id());
      assertTrue(!YLosses.description(id).isBlank() && !YLosses.description(id).contains("\n"));
    }
  }

  @Test
  void l2IsTheSharedInstanceAndTakesNoParameters() {
    assertSame(L2Loss.INSTANCE, YLosses.create("l2", Options.empty()));
    assertEquals(List.of(), YLosses.parameters("l2"));
    SipException e =
        assertThrows(SipException.class, () -> YLosses.create("l2", Options.of(Map.of("delta", "1"))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("y-loss l2"), e.getMessage());
  }

  @Test
  void weightedL2ReadsItsWeights() {
    YLoss loss = YLosses.create("weighted-l2", Options.of(Map.of("weights", "1, 100")));
    assertArrayEquals(new double[] {1, 100}, assertInstanceOf(WeightedL2Loss.class, loss).weights(), 0);
    assertEquals("weights", YLosses.parameters("weighted-l2").get(0).name());
  }

  @Test
  void weightedL2WithoutWeightsSaysWhatIsNeeded() {
    SipException e = assertThrows(SipException.class, () -> YLosses.create("weighted-l2", Options.empty()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("weights=1,100"), e.getMessage());
  }

  @Test
  void weightedL2RejectsNonPositiveWeights() {
    SipException e =
        assertThrows(
            SipException.class,
            () -> YLosses.create("weighted-l2", Options.of(Map.of("weights", "1,0"))));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("each > 0"), e.getMessage());
  }

  @Test
  void huberDefaultsToDeltaOneAndReadsDelta() {
    assertEquals(1, HuberLoss.DEFAULT_DELTA);
    assertEquals(1, assertInstanceOf(HuberLoss.class, YLosses.create("huber", Options.empty())).delta());
    HuberLoss loss =
        assertInstanceOf(HuberLoss.class, YLosses.create("huber", Options.of(Map.of("delta", "0.25"))));
    assertEquals(0.25, loss.delta());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> YLosses.create("huber", Options.of(Map.of("delta", "0"))))
            .code());
  }

  @Test
  void unknownIdsAreAnsweredWithTheKnownOnes() {
    for (String bad : new String[] {"l1", "L2", "", null}) {
      SipException e = assertThrows(SipException.class, () -> YLosses.create(bad, Options.empty()));
      assertEquals(ErrorCode.UNKNOWN_ID, e.code());
      assertTrue(e.getMessage().endsWith("known: l2, weighted-l2, huber"), e.getMessage());
      assertEquals(ErrorCode.UNKNOWN_ID, assertThrows(SipException.class, () -> YLosses.parameters(bad)).code());
    }
  }
}
