package org.scaleinvariant.sip.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * A fully-connected (dense) network {@code f(y; θ)}: hidden layers with an {@link Activation} and a
 * linear output layer, with batched forward and backward passes and an optional fixed per-component
 * standardisation of its input.
 *
 * <h2>Layout</h2>
 *
 * Layer sizes are {@code [s_0, s_1, …, s_L]} ({@code s_0} inputs, {@code s_L} outputs). All
 * parameters θ live in one flat array ({@link #parameters()}), layer by layer: the weights of layer
 * l as an {@code s_{l−1} × s_l} row-major matrix (entry (i, o) connects input unit i to output unit
 * o, at {@code weightOffset(l) + i*s_l + o}), then its {@code s_l} biases. {@link #gradient()} has
 * the same layout. Inputs and outputs are batch-first, row-major: {@code [B, s_0]} and {@code [B,
 * s_L]}.
 *
 * <h2>Standardisation</h2>
 *
 * If set, the input is mapped to {@code (y − mean)/std} per component before the first layer. These
 * values are constants (not trained), part of the model.
 *
 * <p>Workspaces grow to the largest batch seen and are reused, so repeated calls allocate nothing.
 * Not thread-safe: one network per training thread.
 */
public final class DenseNetwork {
  /** The most parameters (and values per workspace array) a network may have, {@value}: Java's array limit. */
  public static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private final int[] sizes;
  private final Activation activation;
  private final double[] parameters;
  private final double[] gradient;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private double[] inputMean;
  private double[] inputStd; // as given, so that a saved and reloaded network computes 1/std identically
  private double[] inputInvStd;

  private int capacity;
  private double[][] activations; // activations[l] = output of layer l, [B, s_l]; [0] = (standardised) input
  private double[][] deltas; // deltas[l] = ∂L/∂(pre-activation of layer l), [B, s_l]
  private final double[][] transposed; // transposed[l] = W_lᵀ, s_l × s_{l−1}, refreshed in backward
  private int[] nonzero = new int[0]; // indices of the non-zero coefficients of one row or column
  private double[] column = new double[0]; // one column of an activation matrix

  /**
   * Creates a network with all parameters zero; call {@link #initialize} next.
   *
   * @param sizes the layer sizes {@code [inputs, hidden…, outputs]}, at least two, each ≥ 1
   * @param activation the hidden-layer activation (the output layer is linear)
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for fewer than two sizes, a size &lt; 1,
   *     or more than {@value #MAX_PARAMETERS} parameters
   */
  public DenseNetwork(int[] sizes, Activation activation) {
    if (sizes.length < 2) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "network sizes " + Arrays.toString(sizes) + " are not allowed; allowed: at least [inputs, outputs]");
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "network layer size " + s + " in " + Arrays.toString(sizes) + " is not allowed; allowed: >= 1");
      }
    }
    long count = 0;
    for (int l = 1; l < sizes.length; l++) {
      count += ((long) sizes[l - 1] + 1) * sizes[l];
    }
    if (count > MAX_PARAMETERS) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "network sizes " + Arrays.toString(sizes) + " give " + count + " parameters; allowed: at most "
              + MAX_PARAMETERS);
    }
    this.sizes = sizes.clone();
    this.activation = activation;
    int layers = sizes.length - 1;
    weightOffsets = new int[layers + 1];
    biasOffsets = new int[layers + 1];
    int offset = 0;
    for (int l = 1; l <= layers; l++) {
      weightOffsets[l] = offset;
      offset += sizes[l - 1] * sizes[l];
      biasOffsets[l] = offset;
      offset += sizes[l];
    }
    parameters = new double[offset];
    gradient = new double[offset];
    activations = new double[layers + 1][];
    deltas = new double[layers + 1][];
    transposed = new double[layers + 1][];
    int widest = 0;
    for (int l = 1; l <= layers; l++) {
      transposed[l] = new double[sizes[l - 1] * sizes[l]];
      widest = Math.max(widest, Math.max(sizes[l - 1], sizes[l]));
    }
    nonzero = new int[widest];
  }

  /** A workspace of {@code owner}: shares θ, ∂L/∂θ, the layout and the standardisation. */
  private DenseNetwork(DenseNetwork owner) {
    this.sizes = owner.sizes;
    this.activation = owner.activation;
    this.parameters = owner.parameters;
    this.gradient = owner.gradient;
    this.weightOffsets = owner.weightOffsets;
    this.biasOffsets = owner.biasOffsets;
    this.inputMean = owner.inputMean;
    this.inputInvStd = owner.inputInvStd;
    int layers = sizes.length - 1;
    activations = new double[layers + 1][];
    deltas = new double[layers + 1][];
    transposed = new double[layers + 1][];
    for (int l = 1; l <= layers; l++) {
      transposed[l] = new double[sizes[l - 1] * sizes[l]];
    }
    nonzero = new int[owner.nonzero.length];
  }

  /**
   * A workspace of this network for applying it several times before one backward pass (a network
   * acting at every step of a rollout, backpropagation through time): the workspace shares this
   * network's parameters θ and gradient ∂L/∂θ arrays (the same objects) and its current input
   * standardisation, and has its own activation storage, so each application keeps its activations
   * for its own {@link #backwardAccumulate}. Set the standardisation before creating workspaces (a
   * later {@link #setInputStandardization} on either is not seen by the other).
   *
   * @return a new workspace; not thread-safe, like the network
   */
  public DenseNetwork workspace() {
    return new DenseNetwork(this);
  }

  /**
   * Creates a network {@code inputs → hidden… → outputs}.
   *
   * @param inputs the input size (m of the problem: the network reads y*)
   * @param hidden the hidden-layer widths
   * @param outputs the output size (n of the problem: the network predicts x)
   * @param activation the hidden-layer activation
   * @return the network, parameters zero
   */
  public static DenseNetwork of(int inputs, List<Integer> hidden, int outputs, Activation activation) {
    int[] sizes = new int[hidden.size() + 2];
    sizes[0] = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      sizes[i + 1] = hidden.get(i);
    }
    sizes[sizes.length - 1] = outputs;
    return new DenseNetwork(sizes, activation);
  }

  /**
   * Draws all weights and biases.
   *
   * @param scheme the initialisation scheme
   * @param random the generator (the caller owns the seed)
   */
  public void initialize(Initialization scheme, SplittableRandom random) {
    for (int l = 1; l < sizes.length; l++) {
      int fanIn = sizes[l - 1];
      int fanOut = sizes[l];
      double wb = scheme.weightBound(fanIn, fanOut);
      for (int k = weightOffsets[l], end = biasOffsets[l]; k < end; k++) {
        parameters[k] = (2 * random.nextDouble() - 1) * wb;
      }
      double bb = scheme.biasBound(fanIn);
      for (int k = biasOffsets[l], end = biasOffsets[l] + fanOut; k < end; k++) {
        parameters[k] = bb == 0 ? 0 : (2 * random.nextDouble() - 1) * bb;
      }
    }
  }

  /**
   * Sets a fixed per-component standardisation of the input, {@code (y − mean)/std}.
   *
   * @param mean the means, length {@code inputSize()}
   * @param std the standard deviations, length {@code inputSize()}, each finite and &gt; 0
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} or {@link ErrorCode#INVALID_ARGUMENT}
   */
  public void setInputStandardization(double[] mean, double[] std) {
    Checks.requireShape(mean, "mean", 1, inputSize());
    Checks.requireShape(std, "std", 1, inputSize());
    Checks.requireFinite(mean, inputSize(), "mean");
    double[] inv = new double[inputSize()];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = 1.0 / Checks.requirePositive(std[i], "std[" + i + "]");
    }
    inputMean = Arrays.copyOf(mean, inputSize());
    inputStd = Arrays.copyOf(std, inputSize());
    inputInvStd = inv;
  }

  /**
   * Whether an input standardisation is set.
   *
   * @return true if set
   */
  public boolean hasInputStandardization() {
    return inputMean != null;
  }

  /**
   * The input means of the standardisation (a copy), or null.
   *
   * @return the means
   */
  public double[] inputMean() {
    return inputMean == null ? null : inputMean.clone();
  }

  /**
   * The input standard deviations of the standardisation (a copy), or null.
   *
   * @return the standard deviations
   */
  public double[] inputStd() {
    return inputStd == null ? null : inputStd.clone();
  }

  /**
   * Computes {@code output = f(input; θ)} and keeps the activations for {@link #backward}.
   *
   * @param input the inputs, shape [B, s_0]
   * @param output receives the outputs, shape [B, s_L]
   * @param batch B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  public void forward(double[] input, double[] output, int batch) {
    Checks.requireShape(input, "network input", batch, sizes[0]);
    Checks.requireShape(output, "network output", batch, outputSize());
    ensureCapacity(batch);
    double[] a0 = activations[0];
    int in = sizes[0];
    if (inputMean == null) {
      System.arraycopy(input, 0, a0, 0, batch * in);
    } else {
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < in; i++) {
          a0[b * in + i] = (input[b * in + i] - inputMean[i]) * inputInvStd[i];
        }
      }
    }
    int last = sizes.length - 1;
    for (int l = 1; l <= last; l++) {
      affine(l, activations[l - 1], activations[l], batch);
      if (l < last) {
        double[] a = activations[l];
        for (int k = 0, end = batch * sizes[l]; k < end; k++) {
          a[k] = activation.apply(a[k]);
        }
      }
    }
    System.arraycopy(activations[last], 0, output, 0, batch * outputSize());
  }

  /** out[b, o] = bias[o] + Σ_i in[b, i]·W[i, o]: per row, the non-zero inputs times the rows of W. */
  private void affine(int l, double[] in, double[] out, int batch) {
    int nIn = sizes[l - 1];
    int nOut = sizes[l];
    for (int b = 0; b < batch; b++) {
      int row = b * nOut;
      System.arraycopy(parameters, biasOffsets[l], out, row, nOut);
      int count = nonZeros(in, b * nIn, 1, nIn);
      accumulateRows(in, b * nIn, nonzero, count, parameters, weightOffsets[l], nOut, out, row);
    }
  }

  /**
   * The kernel of the forward and backward passes: {@code out[outOffset + o] += Σ_k c_k·M[r_k, o]}
   * for o in [0, rowLength), over the rows r_k = {@code rows[k]} (k &lt; count) of the row-major
   * matrix M at {@code matrixOffset} with coefficients c_k = {@code coefficients[coefficientOffset +
   * r_k]}. Four rows at a time, so each element of {@code out} is loaded and stored once per four
   * fused multiply-adds ({@link Math#fma}, which the JIT vectorises over o). Skipping zero
   * coefficients (ReLU activations and their gradients are about half zeros) halves the work.
   * Measured on this project's 2-core machine (AMD EPYC, JDK 17) against the previous
   * one-row-at-a-time loop: 1.3× to 2× faster depending on widths and batch.
   */
  private static void accumulateRows(
      double[] coefficients,
      int coefficientOffset,
      int[] rows,
      int count,
      double[] matrix,
      int matrixOffset,
      int rowLength,
      double[] out,
      int outOffset) {
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      int r0 = rows[k];
      int r1 = rows[k + 1];
      int r2 = rows[k + 2];
      int r3 = rows[k + 3];
      double c0 = coefficients[coefficientOffset + r0];
      double c1 = coefficients[coefficientOffset + r1];
      double c2 = coefficients[coefficientOffset + r2];
      double c3 = coefficients[coefficientOffset + r3];
      int m0 = matrixOffset + r0 * rowLength;
      int m1 = matrixOffset + r1 * rowLength;
      int m2 = matrixOffset + r2 * rowLength;
      int m3 = matrixOffset + r3 * rowLength;
      for (int o = 0; o < rowLength; o++) {
        double acc = Math.fma(c0, matrix[m0 + o], out[outOffset + o]);
        acc = Math.fma(c1, matrix[m1 + o], acc);
        acc = Math.fma(c2, matrix[m2 + o], acc);
        out[outOffset + o] = Math.fma(c3, matrix[m3 + o], acc);
      }
    }
    for (; k < count; k++) {
      int r = rows[k];
      double c = coefficients[coefficientOffset + r];
      int m = matrixOffset + r * rowLength;
      for (int o = 0; o < rowLength; o++) {
        out[outOffset + o] = Math.fma(c, matrix[m + o], out[outOffset + o]);
      }
    }
  }

  /**
   * Collects into {@link #nonzero} the indices j in [0, length) with {@code values[offset +
   * j·stride] != 0}.
   *
   * @return how many
   */
  private int nonZeros(double[] values, int offset, int stride, int length) {
    int count = 0;
    for (int j = 0; j < length; j++) {
      if (values[offset + j * stride] != 0) {
        nonzero[count++] = j;
      }
    }
    return count;
  }

  /**
   * Back-propagates the gradient of a loss with respect to the outputs of the last {@link #forward}
   * call, and <em>overwrites</em> {@link #gradient()} with ∂L/∂θ.
   *
   * @param outputGradient ∂L/∂output, shape [B, s_L] (the same B as the last forward call)
   * @param batch B
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if the array is too short or B exceeds the
   *     last forward's capacity
   */
  public void backward(double[] outputGradient, int batch) {
    Arrays.fill(gradient, 0.0);
    backwardAccumulate(outputGradient, null, batch);
  }

  /**
   * Back-propagates the gradient of a loss with respect to the outputs of the last {@link #forward}
   * call of this network (or workspace), <em>adds</em> ∂L/∂θ to {@link #gradient()} (shared with the
   * network's {@link #workspace() workspaces}; clear it first), and writes the gradient with respect
   * to the input: {@code ∂L/∂input[b, i] = (1/std_i)·Σ_o δ_1[b, o]·W_1[i, o]}, where δ_1 is the
   * gradient at the first layer's pre-activation and {@code 1/std_i} = 1 without standardisation.
   *
   * @param outputGradient ∂L/∂output, shape [B, s_L] (the same B as the last forward call)
   * @param inputGradient receives ∂L/∂input, shape [B, s_0]; null to skip it
   * @param batch B
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short or B exceeds the
   *     last forward's capacity
   */
  public void backwardAccumulate(double[] outputGradient, double[] inputGradient, int batch) {
    Checks.requireShape(outputGradient, "output gradient", batch, outputSize());
    if (inputGradient != null) {
      Checks.requireShape(inputGradient, "input gradient", batch, inputSize());
    }
    if (batch > capacity) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH, "backward batch " + batch + " exceeds the last forward's " + capacity);
    }
    int last = sizes.length - 1;
    System.arraycopy(outputGradient, 0, deltas[last], 0, batch * outputSize());
    for (int l = last; l >= 1; l--) {
      int nIn = sizes[l - 1];
      int nOut = sizes[l];
      double[] delta = deltas[l];
      double[] in = activations[l - 1];
      // ∂L/∂bias[o] = Σ_b delta[b, o]
      int bias = biasOffsets[l];
      for (int b = 0; b < batch; b++) {
        int dRow = b * nOut;
        for (int o = 0; o < nOut; o++) {
          gradient[bias + o] += delta[dRow + o];
        }
      }
      // ∂L/∂W[i, ·] = Σ_b in[b, i]·delta[b, ·]: per column i of the input, its non-zero entries
      // times the rows of delta
      int w = weightOffsets[l];
      for (int i = 0; i < nIn; i++) {
        for (int b = 0; b < batch; b++) {
          column[b] = in[b * nIn + i];
        }
        int count = nonZeros(column, 0, 1, batch);
        accumulateRows(column, 0, nonzero, count, delta, 0, nOut, gradient, w + i * nOut);
      }
      if (l > 1 || inputGradient != null) {
        // ∂L/∂z_{l−1}[b, ·] = σ'(a[b, ·])·Σ_o delta[b, o]·Wᵀ[o, ·]; for l = 1 the input gradient
        double[] wt = transposed[l];
        for (int i = 0; i < nIn; i++) {
          for (int o = 0; o < nOut; o++) {
            wt[o * nIn + i] = parameters[w + i * nOut + o];
          }
        }
        double[] prev = l > 1 ? deltas[l - 1] : inputGradient;
        for (int b = 0; b < batch; b++) {
          int row = b * nIn;
          Arrays.fill(prev, row, row + nIn, 0.0);
          int count = nonZeros(delta, b * nOut, 1, nOut);
          accumulateRows(delta, b * nOut, nonzero, count, wt, 0, nIn, prev, row);
          for (int i = 0; i < nIn; i++) {
            prev[row + i] *= l > 1 ? activation.derivativeFromOutput(in[row + i]) : inputScale(i);
          }
        }
      }
    }
  }

  /** The derivative of the standardised input component i by the raw one: 1/std_i, or 1. */
  private double inputScale(int i) {
    return inputInvStd == null ? 1.0 : inputInvStd[i];
  }

  private void ensureCapacity(int batch) {
    if (batch <= capacity) {
      return;
    }
    for (int l = 0; l < sizes.length; l++) {
      activations[l] = new double[batch * sizes[l]];
      deltas[l] = new double[batch * sizes[l]];
    }
    column = new double[batch];
    if (nonzero.length < batch) {
      nonzero = new int[batch];
    }
    capacity = batch;
  }

  /**
   * The flat parameter array θ (live, not a copy; see the class comment for the layout).
   *
   * @return θ
   */
  public double[] parameters() {
    return parameters;
  }

  /**
   * Replaces θ by a copy of saved values (a checkpoint or a saved model).
   *
   * @param values θ in the layout of the class comment, length {@link #parameterCount()}, all finite
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} for another length, {@link
   *     ErrorCode#NON_FINITE} naming the first NaN or infinite value; θ is unchanged then
   */
  public void setParameters(double[] values) {
    if (values == null || values.length != parameters.length) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          "parameters have length " + (values == null ? "null" : values.length) + "; expected "
              + parameters.length + " for network sizes " + Arrays.toString(sizes));
    }
    Checks.requireFinite(values, values.length, "parameters");
    System.arraycopy(values, 0, parameters, 0, values.length);
  }

  /**
   * The flat gradient ∂L/∂θ of the last {@link #backward} call (live, same layout as θ).
   *
   * @return the gradient
   */
  public double[] gradient() {
    return gradient;
  }

  /**
   * The number of parameters.
   *
   * @return |θ|
   */
  public int parameterCount() {
    return parameters.length;
  }

  /**
   * The offset of layer l's weight matrix in θ.
   *
   * @param layer l in [1, L]
   * @return the offset
   */
  public int weightOffset(int layer) {
    return weightOffsets[layer];
  }

  /**
   * The offset of layer l's biases in θ.
   *
   * @param layer l in [1, L]
   * @return the offset
   */
  public int biasOffset(int layer) {
    return biasOffsets[layer];
  }

  /**
   * The layer sizes {@code [s_0, …, s_L]} (a copy).
   *
   * @return the sizes
   */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * The input size s_0.
   *
   * @return s_0
   */
  public int inputSize() {
    return sizes[0];
  }

  /**
   * The output size s_L.
   *
   * @return s_L
   */
  public int outputSize() {
    return sizes[sizes.length - 1];
  }

  /**
   * The hidden-layer activation.
   *
   * @return the activation
   */
  public Activation activation() {
    return activation;
  }
}
