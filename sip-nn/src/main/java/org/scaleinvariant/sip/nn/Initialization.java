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
   * PyTorch's default for {@code torch.nn.Linear}: W and b ~ U(−1/√fanIn, 1/√fanIn) (kaiming_uniform
   * with a = √5), which the published experiment's PyTorch code used.
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
   * The scheme recommended for an activation: {@link #HE} for ReLU, {@link #XAVIER} otherwise.
   *
   * @param activation the hidden activation
   * @return the scheme
   */
  public static Initialization defaultFor(Activation activation) {
    return activation == Activation.RELU ? HE : XAVIER;
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
