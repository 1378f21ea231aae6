package org.scaleinvariant.sip.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first three updates of each optimizer against values computed by hand from its update rule.
 * Each test writes the arithmetic in a comment, asserts θ against the same formula evaluated in
 * double precision (to 1e-12 or tighter), and against the rounded number that python3 printed for
 * the rule (to 1e-12).
 */
class OptimizerTests {

  static List<String> ids() {
    return Optimizers.ids();
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
    // python3: θ1 = 0.9000000005, θ2 = 0.873366296702432, θ3 = 0.839323382138943
    Adam adam = new Adam(1, 0.1);
    double[] theta = {1.0};
    adam.step(theta, new double[] {2});
    double t1 = 1 - 0.1 * 2 / (2 + 1e-8);
    assertEquals(t1, theta[0], 1e-15);
    assertEquals(0.9000000005, theta[0], 1e-12);
    adam.step(theta, new double[] {-1});
    double m2 = 0.08 / (1 - 0.81);
    double v2 = 0.004996 / (1 - 0.998001);
    double t2 = t1 - 0.1 * m2 / (Math.sqrt(v2) + 1e-8);
    assertEquals(t2, theta[0], 1e-14);
    assertEquals(t1 - 0.02663370, theta[0], 1e-8);
    assertEquals(0.873366296702432, theta[0], 1e-12);
    adam.step(theta, new double[] {0.5});
    double m3 = 0.122 / (1 - 0.729);
    double v3 = 0.005241004 / (1 - Math.pow(0.999, 3));
    double t3 = t2 - 0.1 * m3 / (Math.sqrt(v3) + 1e-8);
    assertEquals(t3, theta[0], 1e-14);
    assertEquals(t2 - 0.03404291, theta[0], 1e-8);
    assertEquals(0.839323382138943, theta[0], 1e-12);
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
  void gradientDescentFirstThreeStepsMatchHandComputedValues() {
    // θ0 = (1, 2), lr = 0.5; every value is a dyadic fraction, so the results are exact.
    // t=1: g = (4, -2):  θ = (1 - 0.5*4, 2 + 0.5*2) = (-1, 3)
    // t=2: g = (1, 1):   θ = (-1 - 0.5, 3 - 0.5) = (-1.5, 2.5)
    // t=3: g = (-2, 0.5): θ = (-1.5 + 1, 2.5 - 0.25) = (-0.5, 2.25)
    GradientDescent sgd = new GradientDescent(2, 0.5);
    double[] theta = {1, 2};
    sgd.step(theta, new double[] {4, -2});
    assertArrayEquals(new double[] {-1, 3}, theta, 0);
    sgd.step(theta, new double[] {1, 1});
    assertArrayEquals(new double[] {-1.5, 2.5}, theta, 0);
    sgd.step(theta, new double[] {-2, 0.5});
    assertArrayEquals(new double[] {-0.5, 2.25}, theta, 0);
    assertEquals(3, sgd.steps());
  }

  @Test
  void momentumFirstThreeStepsMatchHandComputedValues() {
    // θ0 = 1, lr = 0.1, μ = 0.9 (default), gradients 2, -1, 0.5; b starts at 0.
    // t=1: b = 0.9*0 + 2 = 2 (PyTorch: b = copy of g); θ = 1 - 0.1*2 = 0.8
    // t=2: b = 0.9*2 - 1 = 0.8;                          θ = 0.8 - 0.1*0.8 = 0.72
    // t=3: b = 0.9*0.8 + 0.5 = 1.22;                     θ = 0.72 - 0.1*1.22 = 0.598
    // python3: θ = 0.8, 0.72, 0.598
    Momentum momentum = new Momentum(1, 0.1);
    double[] theta = {1.0};
    momentum.step(theta, new double[] {2});
    assertEquals(1 - 0.1 * 2, theta[0], 1e-15);
    assertEquals(0.8, theta[0], 1e-12);
    momentum.step(theta, new double[] {-1});
    assertEquals(0.8 - 0.1 * (0.9 * 2 - 1), theta[0], 1e-15);
    assertEquals(0.72, theta[0], 1e-12);
    momentum.step(theta, new double[] {0.5});
    assertEquals(0.72 - 0.1 * (0.9 * 0.8 + 0.5), theta[0], 1e-15);
    assertEquals(0.598, theta[0], 1e-12);
    assertEquals(3, momentum.steps());
  }

  @Test
  void nesterovFirstThreeStepsMatchHandComputedValues() {
    // θ0 = 1, lr = 0.1, μ = 0.9 (default), gradients 2, -1, 0.5; b as for momentum (2, 0.8, 1.22).
    // t=1: θ = 1 - 0.1*(2 + 0.9*2)       = 1 - 0.38     = 0.62
    // t=2: θ = 0.62 - 0.1*(-1 + 0.9*0.8) = 0.62 + 0.028 = 0.648
    // t=3: θ = 0.648 - 0.1*(0.5 + 0.9*1.22) = 0.648 - 0.1598 = 0.4882
    // python3: θ = 0.62, 0.648, 0.4882
    Nesterov nesterov = new Nesterov(1, 0.1);
    double[] theta = {1.0};
    nesterov.step(theta, new double[] {2});
    assertEquals(1 - 0.1 * (2 + 0.9 * 2), theta[0], 1e-15);
    assertEquals(0.62, theta[0], 1e-12);
    nesterov.step(theta, new double[] {-1});
    assertEquals(0.62 - 0.1 * (-1 + 0.9 * 0.8), theta[0], 1e-15);
    assertEquals(0.648, theta[0], 1e-12);
    nesterov.step(theta, new double[] {0.5});
    assertEquals(0.648 - 0.1 * (0.5 + 0.9 * 1.22), theta[0], 1e-15);
    assertEquals(0.4882, theta[0], 1e-12);
    assertEquals(3, nesterov.steps());
  }

  @Test
  void adaGradFirstThreeStepsMatchHandComputedValues() {
    // θ0 = (1, 1), lr = 0.1, ε = 1e-10, accumulator s starts at 0 (PyTorch).
    // Gradients (3, 0), (4, 2), (12, -1.5): the first parameter's √s run through 3, 5, 13.
    // t=1: s = (9, 0):       θ0 -= 0.1*3/(3 + 1e-10) = 0.1 - 3.3e-12; θ1 -= 0.1*0/(0 + 1e-10) = 0
    // t=2: s = (25, 4):      θ0 -= 0.1*4/(5 + 1e-10) = 0.08;          θ1 -= 0.1*2/(2 + 1e-10) = 0.1
    // t=3: s = (169, 6.25):  θ0 -= 0.1*12/(13 + 1e-10) = 0.0923077;  θ1 -= 0.1*(-1.5)/(2.5 + 1e-10) = -0.06
    // python3: θ = (0.900000000003333, 1), (0.820000000004933, 0.900000000005),
    //              (0.727692307697951, 0.9600000000026)
    AdaGrad adaGrad = new AdaGrad(2, 0.1);
    double[] theta = {1.0, 1.0};
    adaGrad.step(theta, new double[] {3, 0});
    double a1 = 1 - 0.1 * 3 / (3 + 1e-10);
    assertArrayEquals(new double[] {a1, 1}, theta, 1e-15);
    assertArrayEquals(new double[] {0.900000000003333, 1}, theta, 1e-12);
    adaGrad.step(theta, new double[] {4, 2});
    double a2 = a1 - 0.1 * 4 / (5 + 1e-10);
    double b2 = 1 - 0.1 * 2 / (2 + 1e-10);
    assertArrayEquals(new double[] {a2, b2}, theta, 1e-15);
    assertArrayEquals(new double[] {0.820000000004933, 0.900000000005}, theta, 1e-12);
    adaGrad.step(theta, new double[] {12, -1.5});
    double a3 = a2 - 0.1 * 12 / (13 + 1e-10);
    double b3 = b2 + 0.1 * 1.5 / (2.5 + 1e-10);
    assertArrayEquals(new double[] {a3, b3}, theta, 1e-15);
    assertArrayEquals(new double[] {0.727692307697951, 0.9600000000026}, theta, 1e-12);
    assertEquals(3, adaGrad.steps());
  }

  @Test
  void rmsPropFirstThreeStepsMatchHandComputedValues() {
    // θ0 = 1, lr = 0.01, α = 0.99, ε = 1e-8 (defaults), gradients 1, -2, 3; v starts at 0.
    // t=1: v = 0.01*1 = 0.01;                  √v = 0.1;            θ -= 0.01*1/(0.1 + 1e-8) = 0.09999999
    // t=2: v = 0.99*0.01 + 0.01*4 = 0.0499;    √v = 0.223383079037; θ -= 0.01*(-2)/(√v + 1e-8) = -0.0895322921992
    // t=3: v = 0.99*0.0499 + 0.01*9 = 0.139401; √v = 0.373364433228; θ -= 0.01*3/(√v + 1e-8) = 0.0803504472483
    // python3: θ = 0.900000009999999, 0.989532302199152, 0.909181854950901
    RmsProp rmsProp = new RmsProp(1, 0.01);
    double[] theta = {1.0};
    rmsProp.step(theta, new double[] {1});
    double t1 = 1 - 0.01 / (0.1 + 1e-8);
    assertEquals(t1, theta[0], 1e-15);
    assertEquals(0.900000009999999, theta[0], 1e-12);
    rmsProp.step(theta, new double[] {-2});
    double t2 = t1 + 0.02 / (Math.sqrt(0.0499) + 1e-8);
    assertEquals(t2, theta[0], 1e-15);
    assertEquals(0.989532302199152, theta[0], 1e-12);
    rmsProp.step(theta, new double[] {3});
    double t3 = t2 - 0.03 / (Math.sqrt(0.139401) + 1e-8);
    assertEquals(t3, theta[0], 1e-15);
    assertEquals(0.909181854950901, theta[0], 1e-12);
    assertEquals(3, rmsProp.steps());
  }

  @Test
  void adadeltaFirstThreeStepsMatchHandComputedValues() {
    // θ0 = 1, lr = 1, ρ = 0.9, ε = 1e-6 (defaults), gradients 1, -2, 3; v and u start at 0.
    // t=1: v = 0.1*1 = 0.1
    //      Δ = √(0 + 1e-6)/√(0.1 + 1e-6)*1 = 0.001/0.316229347152 = 0.0031622618489
    //      u = 0.1*Δ² = 9.999900001e-7;                     θ = 1 - Δ
    // t=2: v = 0.9*0.1 + 0.1*4 = 0.49
    //      Δ = √(u + 1e-6)/√(0.49 + 1e-6)*(-2) = 0.00141421002687/0.700000714285*(-2) = -0.00404059595372
    //      u = 0.9*9.999900001e-7 + 0.1*Δ² = 2.53263256621e-6
    // t=3: v = 0.9*0.49 + 0.1*9 = 1.341
    //      Δ = √(u + 1e-6)/√(1.341 + 1e-6)*3 = 0.00187952987904/1.15801597571*3 = 0.00486918121632
    // python3: θ = 0.996837738151101, 1.00087833410482, 0.9960091528885
    Adadelta adadelta = new Adadelta(1, 1.0);
    double[] theta = {1.0};
    adadelta.step(theta, new double[] {1});
    double d1 = Math.sqrt(1e-6) / Math.sqrt(0.1 + 1e-6);
    double u1 = 0.1 * d1 * d1;
    assertEquals(1 - d1, theta[0], 1e-15);
    assertEquals(0.996837738151101, theta[0], 1e-12);
    adadelta.step(theta, new double[] {-2});
    double d2 = Math.sqrt(u1 + 1e-6) / Math.sqrt(0.49 + 1e-6) * -2;
    double u2 = 0.9 * u1 + 0.1 * d2 * d2;
    assertEquals(1 - d1 - d2, theta[0], 1e-15);
    assertEquals(1.00087833410482, theta[0], 1e-12);
    adadelta.step(theta, new double[] {3});
    double d3 = Math.sqrt(u2 + 1e-6) / Math.sqrt(1.341 + 1e-6) * 3;
    assertEquals(1 - d1 - d2 - d3, theta[0], 1e-15);
    assertEquals(0.9960091528885, theta[0], 1e-12);
    assertEquals(3, adadelta.steps());
  }

  @Test
  void adamWFirstThreeStepsMatchHandComputedValues() {
    // Adam's problem (θ0 = 1, lr = 0.1, g = 2, -1, 0.5) with λ = 0.01 (default): each step first
    // shrinks θ by 1 - 0.1*0.01 = 0.999, then subtracts Adam's increment, which does not depend on θ
    // (0.0999999995, 0.0266337037976, 0.0340429145635: see adamFirstThreeSteps...).
    // t=1: θ = 1*0.999 - 0.0999999995               = 0.8990000005
    // t=2: θ = 0.8990000005*0.999 - 0.0266337037976 = 0.8981010004995 - 0.0266337037976 = 0.871467296701931
    // t=3: θ = 0.871467296701931*0.999 - 0.0340429145635 = 0.87059582940523 - 0.0340429145635 = 0.836552914841741
    AdamW adamW = new AdamW(1, 0.1);
    double[] theta = {1.0};
    double[] increments = {
      0.1 * 2 / (2 + 1e-8),
      0.1 * (0.08 / (1 - 0.81)) / (Math.sqrt(0.004996 / (1 - 0.998001)) + 1e-8),
      0.1 * (0.122 / (1 - 0.729)) / (Math.sqrt(0.005241004 / (1 - Math.pow(0.999, 3))) + 1e-8)
    };
    double[] gradients = {2, -1, 0.5};
    double[] rounded = {0.8990000005, 0.871467296701931, 0.836552914841741};
    double expected = 1;
    for (int k = 0; k < 3; k++) {
      adamW.step(theta, new double[] {gradients[k]});
      expected = expected * 0.999 - increments[k];
      assertEquals(expected, theta[0], 1e-14, "step " + (k + 1));
      assertEquals(rounded[k], theta[0], 1e-12, "step " + (k + 1));
    }
    assertEquals(3, adamW.steps());
  }

  @Test
  void adamWWithoutWeightDecayIsExactlyAdam() {
    AdamW adamW = new AdamW(2, 0.05, 0.8, 0.99, 1e-6, 0);
    Adam adam = new Adam(2, 0.05, 0.8, 0.99, 1e-6);
    double[] a = {0.3, -1.2};
    double[] b = a.clone();
    double[][] gradients = {{1, -2}, {0.5, 0.25}, {-3, 1e-4}, {0, 2}};
    for (double[] g : gradients) {
      adamW.step(a, g);
      adam.step(b, g);
    }
    assertArrayEquals(b, a, 0);
  }

  @Test
  void momentumWithZeroMomentumIsExactlyGradientDescent() {
    Momentum momentum = new Momentum(2, 0.3, 0);
    GradientDescent sgd = new GradientDescent(2, 0.3);
    double[] a = {0.3, -1.2};
    double[] b = a.clone();
    double[][] gradients = {{1, -2}, {0.5, 0.25}, {-3, 1e-4}};
    for (double[] g : gradients) {
      momentum.step(a, g);
      sgd.step(b, g);
    }
    assertArrayEquals(b, a, 0);
  }

  @Test
  void momentumMatchesPolyaksFormWithTheLearningRateInsideTheVelocity() {
    // Polyak / Sutskever et al. eq. 1–2: v ← μ·v + η·∇f(θ); θ ← θ − v. For a constant η this is
    // PyTorch's form with v = η·b. On f(θ) = ½·3·θ², ∇f = 3θ.
    Momentum momentum = new Momentum(1, 0.05, 0.9);
    double[] theta = {2.0};
    double polyak = 2.0;
    double v = 0;
    for (int k = 0; k < 20; k++) {
      momentum.step(theta, new double[] {3 * theta[0]});
      v = 0.9 * v + 0.05 * 3 * polyak;
      polyak -= v;
      assertEquals(polyak, theta[0], 1e-13, "step " + (k + 1));
    }
  }

  @Test
  void nesterovMatchesSutskeversLookAheadFormInTheShiftedVariable() {
    // Sutskever et al. 2013 eq. 3–4: v ← μ·v − η·∇f(φ + μ·v); φ ← φ + v. PyTorch's θ is the
    // look-ahead point φ + μ·v, where it evaluates the gradient. On f(θ) = ½·3·θ², ∇f = 3θ.
    Nesterov nesterov = new Nesterov(1, 0.05, 0.9);
    double[] theta = {2.0};
    double phi = 2.0;
    double v = 0;
    for (int k = 0; k < 20; k++) {
      nesterov.step(theta, new double[] {3 * theta[0]});
      v = 0.9 * v - 0.05 * 3 * (phi + 0.9 * v);
      phi += v;
      assertEquals(phi + 0.9 * v, theta[0], 1e-13, "step " + (k + 1));
    }
  }

  @Test
  void adaGradAndRmsPropTreatAZeroGradientAsNoMove() {
    // ε after the square root: 0/(√0 + ε) = 0, not NaN. Adadelta's ε sits inside both roots,
    // √ε/√ε·0 = 0.
    for (Optimizer optimizer :
        new Optimizer[] {new AdaGrad(1, 0.1), new RmsProp(1, 0.1), new Adadelta(1, 1.0)}) {
      double[] theta = {0.5};
      optimizer.step(theta, new double[] {0});
      assertEquals(0.5, theta[0], 0, optimizer.id());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void stepsAllocateNothing(String id) throws Exception {
    // HotSpot's per-thread allocation counter (com.sun.management.ThreadMXBean), reached through
    // reflection so that the module needs no 'requires java.management'. After warm-up, 10000
    // steps on 50 parameters must allocate less than 1 KiB in total. The reflective call is warmed
    // up too: the JDK generates an accessor class at about the 16th call, which allocates.
    Optimizer optimizer = Optimizers.create(id, 50, Double.NaN);
    double[] theta = new double[50];
    double[] g = new double[50];
    for (int i = 0; i < g.length; i++) {
      g[i] = Math.sin(i);
    }
    Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 10000; i++) {
      optimizer.step(theta, g);
      if (i < 32) {
        allocated.invoke(bean, thread);
      }
    }
    long before = (long) allocated.invoke(bean, thread);
    for (int i = 0; i < 10000; i++) {
      optimizer.step(theta, g);
    }
    long bytes = (long) allocated.invoke(bean, thread) - before;
    assertTrue(bytes < 1024, id + " allocated " + bytes + " bytes in 10000 steps");
  }
}
