package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Export and import of optimizer state: what checkpoints and skip-batch rely on. */
class OptimizerStateTests {
  private static final int SIZE = 13;

  static Stream<String> ids() {
    return Optimizers.ids().stream();
  }

  /** Applies {@code count} updates with gradients drawn from {@code random}. */
  private static void steps(Optimizer optimizer, double[] theta, SplittableRandom random, int count) {
    double[] gradient = new double[theta.length];
    for (int s = 0; s < count; s++) {
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] = 2 * random.nextDouble() - 1;
      }
      optimizer.step(theta, gradient);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void aRestoredOptimizerContinuesBitForBitAsTheOriginal(String id) {
    Optimizer original = Optimizers.create(id, SIZE, Double.NaN);
    double[] theta = new SplittableRandom(1).doubles(SIZE).toArray();
    steps(original, theta, new SplittableRandom(2), 7);
    OptimizerState saved = original.saveState();
    double[] thetaCopy = theta.clone();

    Optimizer restored = Optimizers.create(id, SIZE, Double.NaN);
    restored.restoreState(saved);
    assertEquals(7, restored.steps());
    steps(original, theta, new SplittableRandom(3), 5);
    steps(restored, thetaCopy, new SplittableRandom(3), 5);
    assertArrayEquals(theta, thetaCopy, 0, "same state, same gradients: identical updates");
    assertEquals(12, restored.steps());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void saveStateIntoOverwritesASnapshotWithTheCurrentValues(String id) {
    Optimizer optimizer = Optimizers.create(id, SIZE, Double.NaN);
    double[] theta = new double[SIZE];
    OptimizerState snapshot = optimizer.saveState();
    steps(optimizer, theta, new SplittableRandom(4), 3);
    optimizer.saveState(snapshot);
    OptimizerState fresh = optimizer.saveState();
    assertEquals(3, snapshot.steps());
    assertEquals(fresh.names(), snapshot.names());
    for (int i = 0; i < fresh.names().size(); i++) {
      assertArrayEquals(fresh.arrays().get(i), snapshot.arrays().get(i), 0);
    }
  }

  @Test
  void stateArraysAreNamedAsInTheUpdateRules() {
    assertEquals(List.of("m", "v"), new Adam(3, 1e-3).saveState().names());
    assertEquals(List.of("m", "v"), new AdamW(3, 1e-3).saveState().names());
    assertEquals(List.of(), new GradientDescent(3, 1e-3).saveState().names());
    assertEquals(List.of("sum"), new AdaGrad(3, 1e-3).saveState().names());
    assertEquals(List.of("v", "u"), new Adadelta(3, 1e-3).saveState().names());
    assertEquals(List.of("b"), new Momentum(3, 1e-3).saveState().names());
    assertEquals(List.of("b"), new Nesterov(3, 1e-3).saveState().names());
    assertEquals(List.of("v"), new RmsProp(3, 1e-3).saveState().names());
  }

  @Test
  void aStateOfAnotherOptimizerOrSizeIsRejectedAndNothingChanges() {
    Adam adam = new Adam(SIZE, 1e-3);
    steps(adam, new double[SIZE], new SplittableRandom(5), 2);
    OptimizerState before = adam.saveState();

    SipException other = assertThrows(SipException.class, () -> adam.restoreState(new RmsProp(SIZE, 1e-3).saveState()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, other.code());
    assertEquals("optimizer state of 'rmsprop' is not allowed for optimizer 'adam'; allowed: a state of 'adam'",
        other.getMessage());

    SipException size = assertThrows(SipException.class, () -> adam.restoreState(new Adam(SIZE + 1, 1e-3).saveState()));
    assertEquals("optimizer state array 'm' has 14 values; allowed: one per parameter, 13", size.getMessage());

    double[] bad = new double[SIZE];
    bad[4] = Double.NaN;
    SipException nan = assertThrows(SipException.class,
        () -> adam.restoreState(new OptimizerState("adam", 3, List.of("m", "v"), List.of(new double[SIZE], bad))));
    assertEquals(ErrorCode.NON_FINITE, nan.code());
    assertEquals("optimizer state v[4] = NaN is not allowed; allowed: a finite number", nan.getMessage());

    assertEquals(before.steps(), adam.steps());
    assertArrayEquals(before.arrays().get(1), adam.saveState().arrays().get(1), 0);
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new OptimizerState("adam", -1, List.of(), List.of())).code());
  }
}
