package org.scaleinvariant.sip.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.HuberLoss;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.YLosses;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.Initialization;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.ProxyLoss;
import org.scaleinvariant.sip.nn.TrainingConfig;

/** The plain forms of a run that travel to Spark executors and back: complete, and serializable. */
class TrainingSettingsTests {
  /** A configuration with a value other than the default in every component. */
  private static TrainingConfig unusual() {
    return TrainingConfig.builder()
        .method(Method.DP)
        .optimizer("rmsprop")
        .learningRate(3e-5)
        .eta(0.5)
        .proxyLoss(ProxyLoss.L1)
        .nnUpdates(3)
        .yLoss(YLosses.create(HuberLoss.ID, Options.of(Map.of("delta", "0.25"))))
        .steps(123)
        .batch(7)
        .seed(42)
        .hidden(List.of(5, 6))
        .activation(Activation.TANH)
        .initialization(Initialization.XAVIER)
        .standardizeInput(Boolean.TRUE)
        .evalEvery(3)
        .testSetSize(17)
        .timeLimitSeconds(9.5)
        .evaluationSet(TrainingConfig.EvaluationSet.VALIDATION)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void everyComponentOfTheConfigurationSurvivesTheRoundTrip() {
    TrainingConfig config = unusual();
    TrainingConfig back = TrainingSettings.of(config, Map.of("delta", "0.25")).toConfig();
    // the y-loss is a new instance; its text names its parameters
    assertEquals(config.toString(), back.toString());
    assertEquals(config.yLoss().toString(), back.yLoss().toString());
    assertEquals(TrainingConfig.defaults().toString(), TrainingSettings.of(TrainingConfig.defaults(), Map.of())
        .toConfig().toString());
  }

  @Test
  void theSettingsMirrorEveryComponentOfTrainingConfig() {
    // A component added to TrainingConfig must be carried here too, or runs on Spark would silently
    // train with its default: the y-loss is the one component carried as two (id and options).
    assertEquals(TrainingConfig.class.getRecordComponents().length + 1,
        TrainingSettings.class.getRecordComponents().length,
        "TrainingConfig gained or lost a component: map it in TrainingSettings.of and toConfig");
  }

  @Test
  void specsAndResultsAreSerializable() throws Exception {
    RunSpec spec = new RunSpec("xi-1-adam-seed0", "rotated-sine", Map.of("xi", "1"), null, Map.of(),
        TrainingSettings.of(unusual(), Map.of("delta", "0.25")));
    assertEquals(spec, roundTrip(spec));
    RunResult result = new RunResult("r", "{\"steps\":3}", List.of(new CurvePoint(0, 0, 0.1, Double.NaN, 2, 3)),
        1e-3, 3, 2, 3, 0.5, false, null, 2);
    RunResult back = roundTrip(result);
    assertEquals(result, back);
    assertEquals(3, back.toJson().get("steps").asInt());
    RunResult failed = roundTrip(RunResult.failed("r", "java.lang.IllegalStateException: boom", 4));
    assertTrue(failed.failed());
    assertEquals(4, failed.attempts());
    assertFalse(result.failed());
  }
}
