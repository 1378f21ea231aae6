package org.scaleinvariant.sip.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;

/**
 * A problem in other units: {@code P'(x') = c·P(s·x')} with output scale c and input scale s, so
 * that x = s·x' and y' = c·y. The derivatives follow by the chain rule: {@code J' = c·s·J(s·x')},
 * {@code J'ᵀv = c·s·J(s·x')ᵀv}, {@code Σₖ wₖ∇²P'ₖ = c·s²·Σₖ wₖ∇²Pₖ(s·x')}; targets are {@code c·t}.
 *
 * <p>A scale-invariant solver (Holl, Koltun, Thuerey, NeurIPS 2022, §3) returns the same Δx on
 * {@code (P', x, c·t)} as on {@code (P, x, t)} when s = 1, and {@code Δx/s} on {@code (P', x/s, t)}
 * when c = 1. The id, preferred solver and hidden layers are the wrapped problem's; the parameters
 * add {@code outputScale} and {@code inputScale}.
 *
 * <p>Thread-safe; unlike the project's problems it allocates a scaled copy of x per call (it is a
 * test helper).
 */
public final class RescaledProblem implements Problem {
  private final Problem base;
  private final double c;
  private final double s;
  private final int n;
  private final int m;

  /**
   * Wraps a problem.
   *
   * @param base the problem in its own units
   * @param outputScale c, finite and non-zero
   * @param inputScale s, finite and non-zero
   * @throws IllegalArgumentException if a scale is zero or not finite
   */
  public RescaledProblem(Problem base, double outputScale, double inputScale) {
    this.base = Objects.requireNonNull(base, "base");
    if (!Double.isFinite(outputScale) || outputScale == 0 || !Double.isFinite(inputScale) || inputScale == 0) {
      throw new IllegalArgumentException(
          "scales c = " + outputScale + ", s = " + inputScale + " are not allowed; allowed: finite and non-zero");
    }
    this.c = outputScale;
    this.s = inputScale;
    this.n = base.inputSize();
    this.m = base.outputSize();
  }

  /**
   * The wrapped problem.
   *
   * @return the problem in its own units
   */
  public Problem base() {
    return base;
  }

  /**
   * The output scale c.
   *
   * @return c
   */
  public double outputScale() {
    return c;
  }

  /**
   * The input scale s.
   *
   * @return s
   */
  public double inputScale() {
    return s;
  }

  @Override
  public String id() {
    return base.id();
  }

  @Override
  public Options parameters() {
    return base.parameters().with("outputScale", Double.toString(c)).with("inputScale", Double.toString(s));
  }

  @Override
  public int inputSize() {
    return n;
  }

  @Override
  public int outputSize() {
    return m;
  }

  private double[] inner(double[] x, int batch) {
    Checks.requireShape(x, "x", batch, n);
    double[] xs = new double[batch * n];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = s * x[i];
    }
    return xs;
  }

  private static void scale(double[] values, int count, double factor) {
    for (int i = 0; i < count; i++) {
      values[i] *= factor;
    }
  }

  /**
   * {@code y' = c·P(s·x')}.
   *
   * @param x the inputs x', shape [B, n]
   * @param y receives y', shape [B, m]
   * @param batch B
   */
  @Override
  public void forward(double[] x, double[] y, int batch) {
    base.forward(inner(x, batch), y, batch);
    scale(y, batch * m, c);
  }

  /**
   * {@code J' = c·s·J(s·x')}.
   *
   * @param x the inputs x', shape [B, n]
   * @param jacobian receives J', shape [B, m, n]
   * @param batch B
   */
  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    base.jacobian(inner(x, batch), jacobian, batch);
    scale(jacobian, batch * m * n, c * s);
  }

  /**
   * {@code J'ᵀv = c·s·J(s·x')ᵀv}.
   *
   * @param x the inputs x', shape [B, n]
   * @param cotangent v, shape [B, m]
   * @param out receives J'ᵀv, shape [B, n]
   * @param batch B
   */
  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    base.vectorJacobianProduct(inner(x, batch), cotangent, out, batch);
    scale(out, batch * n, c * s);
  }

  /**
   * {@code Σₖ wₖ∇²P'ₖ = c·s²·Σₖ wₖ∇²Pₖ(s·x')}.
   *
   * @param x the inputs x', shape [B, n]
   * @param weights w, shape [B, m]
   * @param out receives the n×n matrices, shape [B, n, n]
   * @param batch B
   */
  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    base.weightedOutputHessian(inner(x, batch), weights, out, batch);
    scale(out, batch * n * n, c * s * s);
  }

  /**
   * The wrapped problem's targets times c.
   *
   * @param random the generator
   * @param yStar receives c·y*, shape [B, m]
   * @param batch B
   */
  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    base.sampleTargets(random, yStar, batch);
    scale(yStar, batch * m, c);
  }

  @Override
  public Optional<String> preferredSolver() {
    return base.preferredSolver();
  }

  @Override
  public List<Integer> defaultHiddenLayers() {
    return base.defaultHiddenLayers();
  }

  @Override
  public String toString() {
    return base.id() + " rescaled (c = " + c + ", s = " + s + ")";
  }
}
