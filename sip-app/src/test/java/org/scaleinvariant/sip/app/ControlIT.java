package org.scaleinvariant.sip.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control problem through the packaged app: {@code train} runs the rollout trainer with the
 * preferred solver (or {@code analytic-control} on the drag-free task), {@code --steps-per-rollout}
 * sets the horizon, {@code testGoalDistance} is in the JSON, and {@code compare} runs SIP against DP
 * optimizers.
 */
class ControlIT {

  @Test
  void trainingOnTheControlTaskReportsTheGoalDistance() throws Exception {
    CommandLineIT.Outcome run =
        CommandLineIT.sip("train", "--problem", "control", "--steps-per-rollout", "8", "--steps", "40",
            "--batch", "16", "--json", "--quiet");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.lastLineJson();
    assertEquals("control", json.get("problem").asText());
    assertEquals(8, json.get("parameters").get("stepsPerRollout").asInt());
    assertEquals("newton", json.get("solver").asText(), "the control task's preferred solver");
    assertTrue(json.get("testGoalDistance").asDouble() > 0, json.toString());
    assertTrue(json.get("testXDistance").isNull(), "no x-distance for control: " + json);
    assertTrue(json.get("phases").get("inverse.solve").isNumber(), json.toString());
    assertTrue(String.join("\n", run.stdout()).contains("test goal-dist"), String.join("\n", run.stdout()));
  }

  @Test
  void theDragFreeTaskTrainsWithTheAnalyticInverseAndCompareRunsSeveralMethods() throws Exception {
    CommandLineIT.Outcome analytic =
        CommandLineIT.sip("train", "--problem", "control", "-P", "drag=0", "--solver", "analytic-control",
            "--steps", "20", "--batch", "16", "--json", "--quiet");
    assertEquals(0, analytic.exitCode(), analytic.stderr());
    assertEquals("analytic-control", analytic.lastLineJson().get("solver").asText());

    CommandLineIT.Outcome compare =
        CommandLineIT.sip("compare", "--problem", "control", "--methods", "sip,adam,sgd", "--steps", "20",
            "--batch", "16", "--lr", "default", "--json", "--quiet");
    assertEquals(0, compare.exitCode(), compare.stderr());
    JsonNode results = compare.lastLineJson().get("results");
    assertEquals(3, results.size());
    for (JsonNode r : results) {
      assertTrue(r.get("testGoalDistance").isNumber(), r.toString());
      assertFalse(r.get("diverged").asBoolean(), r.toString());
    }
    assertEquals(List.of("sip", "adam", "sgd"),
        List.of(results.get(0).get("method").asText(), results.get(1).get("method").asText(),
            results.get(2).get("method").asText()));
  }
}
