package org.scaleinvariant.sip.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

class RunDefinitionTests {
  private static String rejected(ObjectNode json) {
    SipException e = assertThrows(SipException.class, () -> RunDefinition.fromJson(json, "c.bin"));
    assertEquals(ErrorCode.INVALID_FILE, e.code());
    return e.getMessage();
  }

  private static ObjectNode training(ObjectNode root) {
    return (ObjectNode) root.get("training");
  }

  @Test
  void aRoundTripGivesTheSameConfiguration() {
    RunDefinition definition = Fixtures.definition();
    RunDefinition back = RunDefinition.fromJson(definition.toJson(), "c.bin");
    assertEquals(definition.toJson(), back.toJson());
    assertEquals(definition.config().toBuilder().yLoss(back.config().yLoss()).build(), back.config());
  }

  @Test
  void everyBadFieldIsNamedWithWhatIsAllowed() {
    ObjectNode batch = Fixtures.definition().toJson();
    training(batch).put("batch", -3);
    assertEquals("c.bin: training.batch = -3 is not allowed; allowed: an integer in [1, 2147483647]", rejected(batch));

    ObjectNode method = Fixtures.definition().toJson();
    training(method).put("method", "magic");
    assertEquals("c.bin: training.method = \"magic\" is not allowed; allowed: one of sip, dp, supervised",
        rejected(method));

    ObjectNode eta = Fixtures.definition().toJson();
    training(eta).put("eta", 0.0);
    assertEquals("c.bin: training: eta = 0.0 is not allowed; allowed: a finite number > 0", rejected(eta));

    ObjectNode loss = Fixtures.definition().toJson();
    ((ObjectNode) training(loss).get("yLoss").get("options")).put("delta", "-1");
    assertEquals("c.bin: training: delta = '-1' is not allowed; allowed: a finite number > 0", rejected(loss));

    ObjectNode solver = Fixtures.definition().toJson();
    solver.putNull("solver");
    assertEquals("c.bin: solver = null is not allowed; allowed: a solver object for SIP training", rejected(solver));
  }
}
