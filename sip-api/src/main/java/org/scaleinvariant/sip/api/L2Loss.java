package org.scaleinvariant.sip.api;

/**
 * The squared-error loss {@code ℓ(y, y*) = ½‖y − y*‖²}. Its gradient is {@code y − y*} and its
 * Hessian the identity, so the Newton step is {@code Δy = η·(y* − y)} (the chapter, section "Loss
 * functions", with equation (21)).
 */
public final class L2Loss implements YLoss {
  /** The id, {@value}. */
  public static final String ID = "l2";

  /** The shared instance (the class is stateless). */
  public static final L2Loss INSTANCE = new L2Loss();

  private L2Loss() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * The id, so configurations print stably.
   *
   * @return {@value #ID}
   */
  @Override
  public String toString() {
    return ID;
  }

  @Override
  public double value(double[] y, double[] yStar, int batch, int size) {
    int count = batch * size;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double r = y[i] - yStar[i];
      sum += r * r;
    }
    return 0.5 * sum / batch;
  }

  @Override
  public void gradient(double[] y, double[] yStar, double[] gradient, int batch, int size) {
    int count = batch * size;
    for (int i = 0; i < count; i++) {
      gradient[i] = y[i] - yStar[i];
    }
  }

  @Override
  public void newtonTarget(double[] y, double[] yStar, double eta, double[] target, int batch, int size) {
    int count = batch * size;
    for (int i = 0; i < count; i++) {
      target[i] = y[i] + eta * (yStar[i] - y[i]);
    }
  }
}
