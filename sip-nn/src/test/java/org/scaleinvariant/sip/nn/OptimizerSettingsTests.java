package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Defaults pinned to their sources, the registry, and the rejection of invalid settings. */
class OptimizerSettingsTests {

  @Test
  void adamDefaultsAreThePapers() {
    // Kingma & Ba 2015, Algorithm 1: α = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8 (= PyTorch's)
    assertEquals(1e-3, Adam.DEFAULT_LEARNING_RATE);
    assertEquals(0.9, Adam.DEFAULT_BETA1);
    assertEquals(0.999, Adam.DEFAULT_BETA2);
    assertEquals(1e-8, Adam.DEFAULT_EPSILON);
  }

  @Test
  void gradientDescentDefaultIsKerasSgds() {
    // tf.keras.optimizers.SGD(learning_rate=0.01); PyTorch ≥ 2.2 uses 1e-3, earlier had none
    assertEquals(1e-2, GradientDescent.DEFAULT_LEARNING_RATE);
  }

  @Test
  void momentumDefaultsAreTheUsualOnes() {
    // μ = 0.9: Sutskever et al. 2013 (0.9 to 0.999), PyTorch's examples; η as for sgd
    assertEquals(0.9, Momentum.DEFAULT_MOMENTUM);
    assertEquals(1e-2, Momentum.DEFAULT_LEARNING_RATE);
    assertEquals(0.9, Nesterov.DEFAULT_MOMENTUM);
    assertEquals(1e-2, Nesterov.DEFAULT_LEARNING_RATE);
  }

  @Test
  void adaGradDefaultsArePyTorchs() {
    // torch.optim.Adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)
    assertEquals(1e-2, AdaGrad.DEFAULT_LEARNING_RATE);
    assertEquals(1e-10, AdaGrad.DEFAULT_EPSILON);
    assertEquals(0.0, AdaGrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE);
  }

  @Test
  void rmsPropDefaultsArePyTorchs() {
    // torch.optim.RMSprop(lr=1e-2, alpha=0.99, eps=1e-8, centered=False, momentum=0)
    // (Tieleman & Hinton's lecture used a decay of 0.9)
    assertEquals(1e-2, RmsProp.DEFAULT_LEARNING_RATE);
    assertEquals(0.99, RmsProp.DEFAULT_ALPHA);
    assertEquals(1e-8, RmsProp.DEFAULT_EPSILON);
  }

  @Test
  void adadeltaDefaultsArePyTorchs() {
    // torch.optim.Adadelta(lr=1.0, rho=0.9, eps=1e-6); Zeiler 2012 has no learning rate (= 1)
    // and used ε = 1e-6 with ρ = 0.95 on MNIST
    assertEquals(1.0, Adadelta.DEFAULT_LEARNING_RATE);
    assertEquals(0.9, Adadelta.DEFAULT_RHO);
    assertEquals(1e-6, Adadelta.DEFAULT_EPSILON);
  }

  @Test
  void adamWDefaultsArePyTorchs() {
    // torch.optim.AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)
    assertEquals(1e-3, AdamW.DEFAULT_LEARNING_RATE);
    assertEquals(1e-2, AdamW.DEFAULT_WEIGHT_DECAY);
    AdamW adamW = new AdamW(1, AdamW.DEFAULT_LEARNING_RATE);
    assertEquals(1e-2, adamW.weightDecay());
  }

  @Test
  void idsAreListedInTheDocumentedOrder() {
    assertEquals(
        List.of("adam", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adamw"),
        Optimizers.ids());
  }

  static Stream<Arguments> registry() {
    return Stream.of(
        Arguments.of("adam", Adam.class, 1e-3),
        Arguments.of("sgd", GradientDescent.class, 1e-2),
        Arguments.of("momentum", Momentum.class, 1e-2),
        Arguments.of("nesterov", Nesterov.class, 1e-2),
        Arguments.of("adagrad", AdaGrad.class, 1e-2),
        Arguments.of("rmsprop", RmsProp.class, 1e-2),
        Arguments.of("adadelta", Adadelta.class, 1.0),
        Arguments.of("adamw", AdamW.class, 1e-3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registry")
  void createBuildsTheNamedOptimizerWithItsDefaultLearningRate(
      String id, Class<? extends Optimizer> type, double defaultLearningRate) {
    assertEquals(defaultLearningRate, Optimizers.defaultLearningRate(id));
    Optimizer byDefault = Optimizers.create(id, 3, Double.NaN);
    assertInstanceOf(type, byDefault);
    assertEquals(id, byDefault.id());
    assertEquals(defaultLearningRate, byDefault.learningRate());
    assertEquals(0, byDefault.steps());
    assertEquals(0.25, Optimizers.create(id, 3, 0.25).learningRate());
  }

  @Test
  void anUnknownIdNamesTheKnownOnes() {
    SipException e = assertThrows(SipException.class, () -> Optimizers.create("lbfgs", 1, 0.1));
    assertEquals(ErrorCode.UNKNOWN_ID, e.code());
    assertEquals(
        "unknown optimizer 'lbfgs'; known: adam, sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adamw",
        e.getMessage());
    assertEquals(
        ErrorCode.UNKNOWN_ID,
        assertThrows(SipException.class, () -> Optimizers.defaultLearningRate("lbfgs")).code());
  }

  static List<String> ids() {
    return Optimizers.ids();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void everyOptimizerRejectsABadLearningRateOrParameterCount(String id) {
    for (double lr : new double[] {0, -1e-3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertInvalid(() -> Optimizers.create(id, 2, lr));
    }
    assertInvalid(() -> Optimizers.create(id, 0, 0.1));
    assertInvalid(() -> Optimizers.create(id, -1, 0.1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void everyOptimizerRejectsShortArraysWithAShapeMismatch(String id) {
    Optimizer optimizer = Optimizers.create(id, 3, Double.NaN);
    SipException shortTheta =
        assertThrows(SipException.class, () -> optimizer.step(new double[2], new double[3]));
    assertEquals(ErrorCode.SHAPE_MISMATCH, shortTheta.code());
    SipException shortGradient =
        assertThrows(SipException.class, () -> optimizer.step(new double[3], new double[2]));
    assertEquals(ErrorCode.SHAPE_MISMATCH, shortGradient.code());
    assertEquals(0, optimizer.steps(), "a rejected step is not counted");
  }

  @Test
  void aNotANumberLearningRateIsRejectedByEveryConstructor() {
    // (Optimizers.create reads NaN as "the default"; the constructors have no such convention.)
    double nan = Double.NaN;
    assertInvalid(() -> new Adam(1, nan));
    assertInvalid(() -> new GradientDescent(1, nan));
    assertInvalid(() -> new Momentum(1, nan));
    assertInvalid(() -> new Nesterov(1, nan));
    assertInvalid(() -> new AdaGrad(1, nan));
    assertInvalid(() -> new RmsProp(1, nan));
    assertInvalid(() -> new Adadelta(1, nan));
    assertInvalid(() -> new AdamW(1, nan));
  }

  @Test
  void decayRatesAndMomentaOutsideTheirRangesAreRejected() {
    double nan = Double.NaN;
    // Adam β in [0, 1)
    assertInvalid(() -> new Adam(1, 0.1, 1.0, 0.9, 1e-8));
    assertInvalid(() -> new Adam(1, 0.1, 0.9, -0.1, 1e-8));
    assertInvalid(() -> new Adam(1, 0.1, nan, 0.9, 1e-8));
    assertInvalid(() -> new Adam(1, 0.1, 0.9, 0.999, 0));
    // momentum μ in [0, 1); Nesterov μ in (0, 1), as PyTorch rejects nesterov=True without momentum
    assertInvalid(() -> new Momentum(1, 0.1, 1.0));
    assertInvalid(() -> new Momentum(1, 0.1, -0.5));
    assertInvalid(() -> new Momentum(1, 0.1, nan));
    assertInvalid(() -> new Nesterov(1, 0.1, 0));
    assertInvalid(() -> new Nesterov(1, 0.1, 1.0));
    assertInvalid(() -> new Nesterov(1, 0.1, nan));
    // AdaGrad ε > 0, initial accumulator ≥ 0
    assertInvalid(() -> new AdaGrad(1, 0.1, 0, 0));
    assertInvalid(() -> new AdaGrad(1, 0.1, 1e-10, -0.1));
    assertInvalid(() -> new AdaGrad(1, 0.1, 1e-10, nan));
    // RMSProp α in [0, 1), ε > 0
    assertInvalid(() -> new RmsProp(1, 0.1, 1.0, 1e-8));
    assertInvalid(() -> new RmsProp(1, 0.1, nan, 1e-8));
    assertInvalid(() -> new RmsProp(1, 0.1, 0.99, -1e-8));
    // Adadelta ρ in [0, 1), ε > 0
    assertInvalid(() -> new Adadelta(1, 1.0, 1.0, 1e-6));
    assertInvalid(() -> new Adadelta(1, 1.0, -0.1, 1e-6));
    assertInvalid(() -> new Adadelta(1, 1.0, 0.9, 0));
    assertInvalid(() -> new Adadelta(1, 1.0, 0.9, nan));
    // AdamW λ ≥ 0 and η·λ < 1; β and ε as Adam
    assertInvalid(() -> new AdamW(1, 0.1, 0.9, 0.999, 1e-8, -0.01));
    assertInvalid(() -> new AdamW(1, 0.1, 0.9, 0.999, 1e-8, nan));
    assertInvalid(() -> new AdamW(1, 0.1, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY));
    assertInvalid(() -> new AdamW(1, 0.5, 0.9, 0.999, 1e-8, 2));
    assertInvalid(() -> new AdamW(1, 0.1, 1.0, 0.999, 1e-8, 0.01));
  }

  @Test
  void boundaryValuesInsideTheRangesAreAccepted() {
    assertEquals(0, new Momentum(1, 0.1, 0).momentum());
    assertEquals(0.5, new Nesterov(1, 0.1, 0.5).momentum());
    assertEquals(0, new AdamW(1, 0.1, 0, 0, 1e-8, 0).weightDecay());
    assertEquals(9.99, new AdamW(1, 0.1, 0.9, 0.999, 1e-8, 9.99).weightDecay());
    assertEquals("adagrad", new AdaGrad(1, 0.1, 1e-10, 0.1).id());
    assertEquals("rmsprop", new RmsProp(1, 0.1, 0, 1e-8).id());
    assertEquals("adadelta", new Adadelta(1, 1.0, 0, 1e-6).id());
  }

  private static void assertInvalid(Executable construction) {
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, construction).code());
  }
}
