package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

class OptimizerTests {

  @Test
  void adamDefaultsAreThePapers() {
    // Kingma & Ba 2015, Algorithm 1: α = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8
    assertEquals(1e-3, Adam.DEFAULT_LEARNING_RATE);
    assertEquals(0.9, Adam.DEFAULT_BETA1);
    assertEquals(0.999, Adam.DEFAULT_BETA2);
    assertEquals(1e-8, Adam.DEFAULT_EPSILON);
    assertEquals(1e-3, Optimizers.create("adam", 1, Double.NaN).learningRate());
  }

  @Test
  void adamFirstThreeStepsMatchHandComputedValues() {
    // One parameter θ0 = 1, lr = 0.1, gradients g = 2, then -1, then 0.5.
    // t=1: m = 0.1*2 = 0.2; v = 0.001*4 = 0.004; m̂ = 0.2/0.1 = 2; v̂ = 0.004/0.001 = 4
    //      θ = 1 - 0.1*2/(2 + 1e-8) = 0.9 + 1e-9 (to first order: 0.1*2/(2+ε) = 0.1 - 5e-10)
    // t=2: m = 0.9*0.2 + 0.1*(-1) = 0.08; v = 0.999*0.004 + 0.001*1 = 0.004996
    //      m̂ = 0.08/(1 - 0.81) = 0.42105263; v̂ = 0.004996/(1 - 0.998001) = 2.49924962
    //      θ -= 0.1*0.42105263/(1.58090152 + 1e-8) = 0.02663370
    // t=3: m = 0.9*0.08 + 0.1*0.5 = 0.122; v = 0.999*0.004996 + 0.001*0.25 = 0.005241004
    //      m̂ = 0.122/(1 - 0.729) = 0.45018450; v̂ = 0.005241004/(1 - 0.999³) = 1.74874950
    //      θ -= 0.1*0.45018450/(1.32240293 + 1e-8) = 0.03404291
    Adam adam = new Adam(1, 0.1);
    double[] theta = {1.0};
    adam.step(theta, new double[] {2});
    double t1 = 1 - 0.1 * 2 / (2 + 1e-8);
    assertEquals(t1, theta[0], 1e-15);
    adam.step(theta, new double[] {-1});
    double m2 = 0.08 / (1 - 0.81);
    double v2 = 0.004996 / (1 - 0.998001);
    double t2 = t1 - 0.1 * m2 / (Math.sqrt(v2) + 1e-8);
    assertEquals(t2, theta[0], 1e-14);
    assertEquals(t1 - 0.02663370, theta[0], 1e-8);
    adam.step(theta, new double[] {0.5});
    double m3 = 0.122 / (1 - 0.729);
    double v3 = 0.005241004 / (1 - Math.pow(0.999, 3));
    double t3 = t2 - 0.1 * m3 / (Math.sqrt(v3) + 1e-8);
    assertEquals(t3, theta[0], 1e-14);
    assertEquals(t2 - 0.03404291, theta[0], 1e-8);
    assertEquals(3, adam.steps());
  }

  @Test
  void adamFirstStepIsLearningRateTimesSignForAnyGradientScale() {
    // After bias correction, step 1 is lr·g/(|g| + ε): scale-free in g.
    Adam adam = new Adam(3, 0.01);
    double[] theta = {0, 0, 0};
    adam.step(theta, new double[] {1e-3, -50, 7});
    assertArrayEquals(new double[] {-0.01, 0.01, -0.01}, theta, 1e-7);
  }

  @Test
  void gradientDescentStepsAgainstTheGradient() {
    GradientDescent sgd = new GradientDescent(2, 0.5);
    double[] theta = {1, 2};
    sgd.step(theta, new double[] {4, -2});
    assertArrayEquals(new double[] {-1, 3}, theta, 0);
  }

  @Test
  void invalidSettingsAreRejected() {
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(SipException.class, () -> new Adam(1, -1)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(SipException.class, () -> new Adam(1, 0.1, 1.0, 0.9, 1e-8)).code());
    SipException e = assertThrows(SipException.class, () -> Optimizers.create("lbfgs", 1, 0.1));
    assertEquals(ErrorCode.UNKNOWN_ID, e.code());
    assertEquals("unknown optimizer 'lbfgs'; known: adam, sgd", e.getMessage());
  }
}
