package org.scaleinvariant.sip.nn;

/**
 * Seeded initialisation schemes for the weights and biases of a {@link DenseNetwork} layer with
 * {@code fanIn} inputs and {@code fanOut} outputs.
 */
public enum Initialization {
  /**
   * He (Kaiming) uniform: W ~ U(−√(6/fanIn), √(6/fanIn)), b = 0. He, Zhang, Ren, Sun, "Delving Deep
   * into Rectifiers", ICCV 2015, eq. (10). The default for ReLU networks.
   */
  HE,
  /**
   * Xavier (Glorot) uniform: W ~ U(−√(6/(fanIn + fanOut)), √(6/(fanIn + fanOut))), b = 0. Glorot &amp;
   * Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS
   * 2010, eq. (16). The default for tanh and sigmoid networks.
   */
  XAVIER,
  /**
   * PyTorch's default for {@code torch.nn.Linear}: W and b ~ U(−1/√fanIn, 1/√fanIn) (He/Kaiming
   * uniform with negative slope a = √5, i.e. gain √(2/(1 + 5)) = √(1/3)), which the published
   * experiment's PyTorch code used; the default of every activation (see {@link #defaultFor}).
   */
  PYTORCH;

  /**
   * The half-width of the uniform weight distribution.
   *
   * @param fanIn inputs of the layer
   * @param fanOut outputs of the layer
   * @return the bound
   */
  public double weightBound(int fanIn, int fanOut) {
    switch (this) {
      case HE:
        return Math.sqrt(6.0 / fanIn);
      case XAVIER:
        return Math.sqrt(6.0 / (fanIn + fanOut));
      case PYTORCH:
      default:
        return 1.0 / Math.sqrt(fanIn);
    }
  }

  /**
   * The half-width of the uniform bias distribution (0: biases start at zero).
   *
   * @param fanIn inputs of the layer
   * @return the bound
   */
  public double biasBound(int fanIn) {
    return this == PYTORCH ? 1.0 / Math.sqrt(fanIn) : 0.0;
  }

  /**
   * The default scheme: {@link #PYTORCH}, for every activation, so that the published learning
   * rates (tuned on PyTorch's default initialisation) carry over. Measured on the rotated sine
   * (paper form, ξ = 32, φ = 45°, 3000 steps): with {@link #HE}, DP training with SGD at the
   * published rate 10⁻²/ξ² diverges within 10 steps; with {@link #PYTORCH} it trains.
   *
   * @param activation the hidden activation (not used: one default for all)
   * @return the scheme
   */
  public static Initialization defaultFor(Activation activation) {
    return PYTORCH;
  }

  /**
   * The lower-case name used on the command line.
   *
   * @return e.g. {@code "he"}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
