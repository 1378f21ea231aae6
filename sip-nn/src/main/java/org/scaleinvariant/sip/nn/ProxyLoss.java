package org.scaleinvariant.sip.nn;

import java.util.Locale;

/**
 * The proxy loss in x-space that connects the inverse solver's update to the network (step 4 of SIP
 * training): with {@code x̃ = x + Δx_PG} held constant, per sample.
 */
public enum ProxyLoss {
  /**
   * {@code L = ½‖x − x̃‖²}, gradient {@code x − x̃ = −Δx_PG} (the chapter's choice, the default).
   */
  L2,
  /**
   * {@code L = ‖x − x̃‖₁}, gradient {@code sign(x − x̃) = −sign(Δx_PG)} (the published code's choice).
   */
  L1;

  /**
   * Writes the gradient of the batch-mean proxy loss, {@code ∂/∂x (1/B) Σ_b L_b(x_b, x̃_b)}.
   *
   * @param x the current network outputs, shape [B, n]
   * @param xTilde the constant targets x̃ = x₀ + Δx_PG, shape [B, n]
   * @param gradient receives ∂L/∂x, shape [B, n]
   * @param count B·n
   * @param batch B
   */
  public void gradient(double[] x, double[] xTilde, double[] gradient, int count, int batch) {
    double scale = 1.0 / batch;
    if (this == L2) {
      for (int i = 0; i < count; i++) {
        gradient[i] = (x[i] - xTilde[i]) * scale;
      }
    } else {
      for (int i = 0; i < count; i++) {
        gradient[i] = Math.signum(x[i] - xTilde[i]) * scale;
      }
    }
  }

  /**
   * The lower-case name used on the command line.
   *
   * @return {@code "l2"} or {@code "l1"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
