package org.scaleinvariant.sip.app.store;

import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.YLosses;
import org.scaleinvariant.sip.nn.Adam;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.OnDivergence;
import org.scaleinvariant.sip.nn.SolverStatistics;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingState;

/** Hand-made definitions and states with values that are easy to get wrong (−0, subnormals, 51/7, NaN). */
final class Fixtures {
  /** θ with −0, the smallest subnormal, a value near the top of the range and one that 1/(1/v) changes. */
  static final double[] THETA = {0.1, -0.0, Double.MIN_VALUE, 1e308, 51 / 7.0};

  private Fixtures() {}

  static TrainingState state(int step, boolean finished) {
    Adam adam = new Adam(THETA.length, 1e-3);
    adam.step(THETA.clone(), new double[] {1, 2, 3, 4, 5});
    List<CurvePoint> curve = List.of(
        new CurvePoint(0, 0, 0.01, Double.NaN, 1.5, 2.5),
        new CurvePoint(step, 0.2, 0.3, 0.7, 0.4, 0.9));
    return new TrainingState(step, step, finished, THETA, new double[] {0.5, -1}, new double[] {51 / 7.0, 2},
        adam.saveState(), curve, new SolverStatistics(10, 1, 2, 3, 4), 0.125, 1, 0.5, 1, 123_456_789L,
        987_654_321L, new long[] {1, 2, 3, 4, 5});
  }

  static RunDefinition definition() {
    TrainingConfig config = TrainingConfig.builder()
        .steps(100)
        .batch(8)
        .hidden(List.of(4, 3))
        .yLoss(YLosses.create("huber", Options.of(Map.of("delta", "0.5"))))
        .learningRate(3e-4)
        .timeLimitSeconds(60)
        .onDivergence(OnDivergence.SKIP_BATCH)
        .build();
    return new RunDefinition("sip", "rotated-sine", Options.of(Map.of("xi", "32", "phi", "45")), "newton",
        Map.of("maxLossChange", "0.2"), config, Map.of("delta", "0.5"), 10, 30.0);
  }
}
