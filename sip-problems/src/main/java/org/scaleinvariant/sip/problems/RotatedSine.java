package org.scaleinvariant.sip.problems;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * The rotated sine, the synthetic two-dimensional problem of Holl, Koltun and Thuerey,
 * <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022 (arXiv 2109.15048), also the
 * example of the chapter "Scale Invariant Physics Training", section "SIP training in action".
 *
 * <h2>Formula</h2>
 *
 * With {@code x ∈ R²}, the rotated coordinates are {@code x̂ = R_φ·x}, where
 *
 * <pre>
 *   R_φ = [[cos φ, −sin φ],      x̂1 = cos φ·x1 − sin φ·x2
 *          [sin φ,  cos φ]],     x̂2 = sin φ·x1 + cos φ·x2
 * </pre>
 *
 * and φ is given in <b>degrees</b> (converted to radians once, at construction). The physics is
 * {@code P(x) = (A·sin(a·x̂1), B·x̂2)} with three constants fixed by the {@link Form}:
 *
 * <table>
 *   <caption>The two forms</caption>
 *   <tr><th>form</th><th>P(x)</th><th>A</th><th>a</th><th>B</th></tr>
 *   <tr><td>{@code paper} (default)</td><td>{@code (sin(γ·x̂1/ξ), γ·ξ·x̂2)}</td><td>1</td>
 *       <td>γ/ξ</td><td>γ·ξ</td></tr>
 *   <tr><td>{@code book}</td><td>{@code (sin(x̂1)/ξ, ξ·x̂2)}</td><td>1/ξ</td><td>1</td>
 *       <td>ξ</td></tr>
 * </table>
 *
 * <p>{@code paper} is what the published experiment's code computes; {@code book} is the chapter's
 * formula. The {@code book} form ignores γ. ξ sets the conditioning (ξ = 1 is perfectly conditioned
 * in the book form; the ill-conditioned case of the chapter's Fig. 22 is ξ = 32), φ couples x1 and
 * x2 (at φ = 0 the problem factors into two independent 1-D problems).
 *
 * <p>A worked number for the defaults (paper, ξ = {@value #DEFAULT_XI}, γ = {@value
 * #DEFAULT_GAMMA}): a = 10/32 = 0.3125 and B = 320, so y1 ∈ [−1, 1] needs x̂1 to move by π/a ≈ 10.05
 * while y2 ∈ [−1, 1] needs x̂2 to move by only 2/320 = 0.00625. The Jacobian scales x̂1 by at most
 * a = 0.3125 and x̂2 by B = 320, a ratio of 1024, so {@code JᵀJ} (the Gauss–Newton Hessian of
 * {@code ½‖P(x) − y*‖²}) has a condition number of about 1024² ≈ 10⁶: gradient steps that suit x̂2
 * barely move x̂1, which is the imbalance SIP training's inverse solver undoes.
 *
 * <h2>Layout and contract</h2>
 *
 * n = m = 2. All batch methods take batch-first, row-major arrays as described in {@link Problem}:
 * x and y are [B, 2], Jacobians and Hessians [B, 2, 2] (in shapes B is the batch size, in
 * formulas the gain of P2). They check shapes with {@link
 * Checks#requireShape} ({@link ErrorCode#SHAPE_MISMATCH} if an array is too short, {@link
 * ErrorCode#INVALID_ARGUMENT} if {@code batch < 1}), do not check for NaN, and allocate nothing.
 * Instances are immutable and thread-safe.
 */
public final class RotatedSine implements Problem {

  /** The problem id, {@value}. */
  public static final String ID = "rotated-sine";

  /** Name of the conditioning parameter ξ, {@value}. */
  public static final String PARAMETER_XI = "xi";

  /** Name of the rotation parameter φ (degrees), {@value}. */
  public static final String PARAMETER_PHI = "phi";

  /** Name of the form parameter ({@code paper} or {@code book}), {@value}. */
  public static final String PARAMETER_FORM = "form";

  /** Name of the frequency parameter γ of the {@code paper} form, {@value}. */
  public static final String PARAMETER_GAMMA = "gamma";

  /** Name of the number of sine branches ground-truth solutions are drawn from, {@value}. */
  public static final String PARAMETER_BRANCHES = "branches";

  /** Default number of branches of the ground truth, {@value}: the principal arcsin branch only. */
  public static final int DEFAULT_BRANCHES = 1;

  /** Largest number of branches of the ground truth, {@value}. */
  public static final int MAX_BRANCHES = 16;

  /**
   * A test prediction counts as near an exact solution if it is within this fraction ({@value}) of
   * the sine's period 2π/a of one (in x̂1); farther away it sits between branches.
   */
  public static final double NEAR_FRACTION_OF_PERIOD = 0.1;

  /** Default conditioning ξ = {@value}, the ill-conditioned case of the paper and the chapter. */
  public static final double DEFAULT_XI = 32;

  /** Default rotation φ = {@value} degrees. */
  public static final double DEFAULT_PHI_DEGREES = 45;

  /** Default form, {@value} (the published experiment's code). */
  public static final String DEFAULT_FORM = "paper";

  /** Default frequency factor γ = {@value} of the {@code paper} form. */
  public static final double DEFAULT_GAMMA = 10;

  /** Largest allowed |φ|, {@value} degrees. */
  public static final double MAX_ABS_PHI_DEGREES = 360;

  /**
   * The range of ξ and γ, [{@value #MIN_SCALE}, {@value #MAX_SCALE}]: far wider than the
   * published sweeps (ξ from 1 to 64), narrow enough that P(x) and its derivatives (which grow
   * with ξ², γ²) stay finite for any x a network produces, so a value outside is bad input rather
   * than a divergence at the first step.
   */
  public static final double MIN_SCALE = 1e-6;
  /** The largest ξ and γ; see {@link #MIN_SCALE}. */
  public static final double MAX_SCALE = 1e6;

  /**
   * Half-width h = {@value} of the {@code paper} form's target box: each component of y* is uniform
   * in [−h, h).
   */
  public static final double PAPER_TARGET_HALF_WIDTH = 1;

  /**
   * Half-width h = {@value} of the {@code book} form's input box: y* = P(x) with each component of
   * x uniform in [−h, h), so every {@code book} target is reachable.
   */
  public static final double BOOK_INPUT_HALF_WIDTH = 1;

  /**
   * The declared parameters: {@code xi} (a number in [{@value #MIN_SCALE}, {@value #MAX_SCALE}], default {@value #DEFAULT_XI}), {@code
   * phi} (degrees in [−{@value #MAX_ABS_PHI_DEGREES}, {@value #MAX_ABS_PHI_DEGREES}], default
   * {@value #DEFAULT_PHI_DEGREES}), {@code form} ({@code paper} or {@code book}, default {@value
   * #DEFAULT_FORM}) and {@code gamma} (a number in [{@value #MIN_SCALE}, {@value #MAX_SCALE}], default {@value #DEFAULT_GAMMA}; ignored by
   * {@code book}). Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.number(
              PARAMETER_XI,
              DEFAULT_XI,
              MIN_SCALE,
              false,
              MAX_SCALE,
              "conditioning ξ: P scales x̂1 and x̂2 by (1/ξ, ξ) (book) or (γ/ξ inside the sine, γξ) (paper)"),
          ParameterSpec.number(
              PARAMETER_PHI,
              DEFAULT_PHI_DEGREES,
              -MAX_ABS_PHI_DEGREES,
              false,
              MAX_ABS_PHI_DEGREES,
              "rotation angle φ of x̂ = R_φ·x in degrees; 0 decouples x1 and x2"),
          ParameterSpec.choice(
              PARAMETER_FORM,
              DEFAULT_FORM,
              "paper: P = (sin(γ·x̂1/ξ), γξ·x̂2), targets uniform in [-1,1]²; "
                  + "book: P = (sin(x̂1)/ξ, ξ·x̂2), targets P(x) for x uniform in [-1,1]²",
              "paper",
              "book"),
          ParameterSpec.number(
              PARAMETER_GAMMA,
              DEFAULT_GAMMA,
              MIN_SCALE,
              false,
              MAX_SCALE,
              "frequency factor γ of the paper form (ignored by form=book)"),
          ParameterSpec.integer(
              PARAMETER_BRANCHES,
              DEFAULT_BRANCHES,
              1,
              MAX_BRANCHES,
              "sine branches the ground-truth x of supervised training is drawn from, uniformly"
                  + " (1: the principal arcsin branch; more: a multimodal data set)"));

  private static final String OWNER = "problem " + ID;
  private static final double TWO_PI = 2 * Math.PI;
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("newton");
  private static final List<Integer> HIDDEN_LAYERS = List.of(32, 64, 32);

  /** Which formula the problem evaluates; see the table in {@link RotatedSine}. */
  public enum Form {
    /** {@code P(x) = (sin(γ·x̂1/ξ), γ·ξ·x̂2)}, the published experiment's code; the default. */
    PAPER,
    /** {@code P(x) = (sin(x̂1)/ξ, ξ·x̂2)}, the chapter's formula; ignores γ. */
    BOOK;

    /**
     * The parameter value naming this form.
     *
     * @return {@code "paper"} or {@code "book"}
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a form up by its parameter value, ignoring case.
     *
     * @param id {@code "paper"} or {@code "book"}
     * @return the form
     * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for any other value
     */
    public static Form fromId(String id) {
      for (Form form : values()) {
        if (form.id().equalsIgnoreCase(id)) {
          return form;
        }
      }
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          PARAMETER_FORM + " = '" + id + "' is not allowed; allowed: one of: paper, book");
    }
  }

  private final Options parameters;
  private final double xi;
  private final double phiDegrees;
  private final Form form;
  private final double gamma;
  private final int branches;
  private final double cosPhi;
  private final double sinPhi;
  private final double amplitude;
  private final double frequency;
  private final double gain;
  private final Optional<ExactSolutions> exactSolutions;

  /**
   * Creates a rotated sine from explicit values.
   *
   * @param xi the conditioning ξ, finite and &gt; 0
   * @param phiDegrees the rotation φ in degrees, in [−360, 360]
   * @param form the formula, not null
   * @param gamma the frequency factor γ, finite and &gt; 0 (checked even for {@link Form#BOOK},
   *     which ignores it)
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a value is outside its range or NaN
   */
  public RotatedSine(double xi, double phiDegrees, Form form, double gamma) {
    this(
        Options.empty()
            .with(PARAMETER_XI, Double.toString(xi))
            .with(PARAMETER_PHI, Double.toString(phiDegrees))
            .with(PARAMETER_FORM, form.id())
            .with(PARAMETER_GAMMA, Double.toString(gamma))
            .resolve(PARAMETERS, OWNER));
  }

  private RotatedSine(Options resolved) {
    this.parameters = resolved;
    this.xi = resolved.getDouble(PARAMETER_XI);
    this.phiDegrees = resolved.getDouble(PARAMETER_PHI);
    this.form = Form.fromId(resolved.getString(PARAMETER_FORM));
    this.gamma = resolved.getDouble(PARAMETER_GAMMA);
    this.branches = resolved.getInt(PARAMETER_BRANCHES);
    double phi = Math.toRadians(phiDegrees);
    this.cosPhi = Math.cos(phi);
    this.sinPhi = Math.sin(phi);
    if (form == Form.PAPER) {
      this.amplitude = 1;
      this.frequency = gamma / xi;
      this.gain = gamma * xi;
    } else {
      this.amplitude = 1 / xi;
      this.frequency = 1;
      this.gain = xi;
    }
    this.exactSolutions =
        Optional.of(
            new ExactSolutions() {
              @Override
              public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
                RotatedSine.this.closestSolution(x, yStar, closest, batch);
              }

              @Override
              public OptionalDouble nearTolerance() {
                return OptionalDouble.of(NEAR_FRACTION_OF_PERIOD * TWO_PI / frequency);
              }
            });
  }

  /**
   * Creates a rotated sine from parameters given as text (command line, configuration file).
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key or an invalid value
   */
  public static RotatedSine create(Options options) {
    return new RotatedSine(options.resolve(PARAMETERS, OWNER));
  }

  /**
   * The conditioning ξ.
   *
   * @return ξ, &gt; 0
   */
  public double xi() {
    return xi;
  }

  /**
   * The rotation angle φ in <b>degrees</b>, as given.
   *
   * @return φ in degrees, in [−360, 360]
   */
  public double phiDegrees() {
    return phiDegrees;
  }

  /**
   * Which formula this problem evaluates.
   *
   * @return the form
   */
  public Form form() {
    return form;
  }

  /**
   * The frequency factor γ as given (used only by {@link Form#PAPER}).
   *
   * @return γ, &gt; 0
   */
  public double gamma() {
    return gamma;
  }

  /**
   * The amplitude A of {@code P1 = A·sin(a·x̂1)}: 1 for {@code paper}, 1/ξ for {@code book}.
   *
   * @return A
   */
  public double amplitude() {
    return amplitude;
  }

  /**
   * The frequency a of {@code P1 = A·sin(a·x̂1)}: γ/ξ for {@code paper}, 1 for {@code book}.
   *
   * @return a, in radians per unit of x̂1
   */
  public double frequency() {
    return frequency;
  }

  /**
   * The gain B of {@code P2 = B·x̂2}: γ·ξ for {@code paper}, ξ for {@code book}.
   *
   * @return B
   */
  public double gain() {
    return gain;
  }

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} The keys are {@code xi}, {@code phi} (degrees), {@code form} and {@code gamma}.
   */
  @Override
  public Options parameters() {
    return parameters;
  }

  /** {@inheritDoc} Always 2. */
  @Override
  public int inputSize() {
    return 2;
  }

  /** {@inheritDoc} Always 2. */
  @Override
  public int outputSize() {
    return 2;
  }

  /**
   * Evaluates {@code y = P(x) = (A·sin(a·x̂1), B·x̂2)} with {@code x̂ = R_φ·x}.
   *
   * @param x the inputs, shape [B, 2]
   * @param y receives the outputs, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(y, "y", batch, 2);
    for (int b = 0; b < 2 * batch; b += 2) {
      double x1 = x[b];
      double x2 = x[b + 1];
      y[b] = amplitude * Math.sin(frequency * (cosPhi * x1 - sinPhi * x2));
      y[b + 1] = gain * (sinPhi * x1 + cosPhi * x2);
    }
  }

  /**
   * Evaluates the Jacobian per sample,
   *
   * <pre>
   *   J = [[ A·a·cos(a·x̂1)·cos φ, −A·a·cos(a·x̂1)·sin φ ],
   *        [ B·sin φ,              B·cos φ             ]].
   * </pre>
   *
   * @param x the inputs, shape [B, 2]
   * @param jacobian receives J, shape [B, 2, 2], entry (k, j) = ∂P_k/∂x_j at {@code 4b + 2k + j}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(jacobian, "jacobian", batch, 4);
    for (int b = 0; b < batch; b++) {
      double slope = sineSlope(x[2 * b], x[2 * b + 1]);
      int o = 4 * b;
      jacobian[o] = slope * cosPhi;
      jacobian[o + 1] = -slope * sinPhi;
      jacobian[o + 2] = gain * sinPhi;
      jacobian[o + 3] = gain * cosPhi;
    }
  }

  /**
   * Evaluates {@code Jᵀ·v} per sample directly (no Jacobian is formed): with {@code g = v1·A·a·cos(a
   * ·x̂1)}, {@code out = (g·cos φ + v2·B·sin φ, −g·sin φ + v2·B·cos φ)}.
   *
   * @param x the inputs, shape [B, 2]
   * @param cotangent the vector v in y-space, shape [B, 2]
   * @param out receives Jᵀ·v, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(cotangent, "cotangent", batch, 2);
    Checks.requireShape(out, "out", batch, 2);
    for (int b = 0; b < 2 * batch; b += 2) {
      double g = cotangent[b] * sineSlope(x[b], x[b + 1]);
      double linear = cotangent[b + 1] * gain;
      out[b] = g * cosPhi + linear * sinPhi;
      out[b + 1] = -g * sinPhi + linear * cosPhi;
    }
  }

  /**
   * Evaluates {@code Σ_k w_k ∇²P_k(x)} per sample. P2 is linear, so only P1 contributes:
   *
   * <pre>
   *   ∇²P1 = −A·a²·sin(a·x̂1)·r·rᵀ,  r = (cos φ, −sin φ) (the first row of R_φ),
   *   out  = w1·∇²P1 = −w1·A·a²·sin(a·x̂1)·[[cos²φ, −cos φ·sin φ], [−cos φ·sin φ, sin²φ]].
   * </pre>
   *
   * @param x the inputs, shape [B, 2]
   * @param weights the weights w in y-space, shape [B, 2] (only w1 matters)
   * @param out receives the symmetric 2×2 matrices, shape [B, 2, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(weights, "weights", batch, 2);
    Checks.requireShape(out, "out", batch, 4);
    for (int b = 0; b < batch; b++) {
      double rotated1 = cosPhi * x[2 * b] - sinPhi * x[2 * b + 1];
      double curvature =
          -weights[2 * b] * amplitude * frequency * frequency * Math.sin(frequency * rotated1);
      double offDiagonal = -curvature * cosPhi * sinPhi;
      int o = 4 * b;
      out[o] = curvature * cosPhi * cosPhi;
      out[o + 1] = offDiagonal;
      out[o + 2] = offDiagonal;
      out[o + 3] = curvature * sinPhi * sinPhi;
    }
  }

  /**
   * Draws a fresh batch of training targets (the generator advances, so every call differs).
   *
   * <ul>
   *   <li>{@code paper}: each component of y* is uniform in [−{@value #PAPER_TARGET_HALF_WIDTH},
   *       {@value #PAPER_TARGET_HALF_WIDTH}) (as in the experiment's code; y1 = ±1 is the edge of
   *       the range of P1, y2 is always reachable). Two draws per sample, y1 then y2.
   *   <li>{@code book}: y* = P(x) with each component of x uniform in [−{@value
   *       #BOOK_INPUT_HALF_WIDTH}, {@value #BOOK_INPUT_HALF_WIDTH}), so every target is reachable
   *       and the components have scales 1/ξ and ξ. Two draws per sample, x1 then x2.
   * </ul>
   *
   * @param random the generator to draw from (the caller owns its seed), not null
   * @param yStar receives the targets, shape [B, 2]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code yStar} is shorter than [B, 2]
   */
  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, 2);
    if (form == Form.PAPER) {
      for (int i = 0; i < 2 * batch; i++) {
        yStar[i] = random.nextDouble(-PAPER_TARGET_HALF_WIDTH, PAPER_TARGET_HALF_WIDTH);
      }
    } else {
      for (int b = 0; b < 2 * batch; b += 2) {
        double x1 = random.nextDouble(-BOOK_INPUT_HALF_WIDTH, BOOK_INPUT_HALF_WIDTH);
        double x2 = random.nextDouble(-BOOK_INPUT_HALF_WIDTH, BOOK_INPUT_HALF_WIDTH);
        yStar[b] = amplitude * Math.sin(frequency * (cosPhi * x1 - sinPhi * x2));
        yStar[b + 1] = gain * (sinPhi * x1 + cosPhi * x2);
      }
    }
  }

  /**
   * The number of sine branches the ground truth is drawn from.
   *
   * @return the branches, in [1, {@value #MAX_BRANCHES}]
   */
  public int branches() {
    return branches;
  }

  /**
   * Always true: every target has exact solutions in closed form.
   *
   * @return true
   */
  @Override
  public boolean hasGroundTruth() {
    return true;
  }

  /**
   * Draws targets with a ground-truth solution each. The targets are those of {@link
   * #sampleTargets} (the same draws, in the same order); then, if {@link #branches()} &gt; 1, one
   * more draw per sample picks the branch j uniformly in [0, branches). Branch j of the sine
   * argument u = a·x̂1 for s = y1/A: j = 0 is the principal {@code asin s}; j ≥ 1 is {@code
   * σ·⌈j/2⌉·π ± asin s} with σ = +1 for odd j, −1 for even j, and {@code +asin s} when ⌈j/2⌉ is
   * even, {@code −asin s} when odd (so j = 1, 2, 3, 4 are π − asin s, −π − asin s, 2π + asin s,
   * −2π + asin s: the branches nearest to the origin first). x̂2 = y2/B; x = R_φᵀ·x̂.
   *
   * <p>For {@code branches = 1} a supervised network learns the principal inverse; for more, one
   * target has several valid x in the data and a supervised L2 fit averages them (the chapter's
   * remark on multimodality).
   *
   * @param random the generator
   * @param yStar receives the targets, shape [B, 2]
   * @param xStar receives the solutions, shape [B, 2]
   * @param batch B
   */
  @Override
  public void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    Checks.requireShape(xStar, "xStar", batch, 2);
    sampleTargets(random, yStar, batch);
    for (int b = 0; b < 2 * batch; b += 2) {
      int j = branches == 1 ? 0 : random.nextInt(branches);
      double arcsin = Math.asin(Math.max(-1, Math.min(1, yStar[b] / amplitude)));
      int half = (j + 1) / 2;
      double sign = j % 2 == 1 ? 1 : -1;
      double u = half * sign * Math.PI + (half % 2 == 0 ? arcsin : -arcsin);
      double solution1 = u / frequency;
      double solution2 = yStar[b + 1] / gain;
      xStar[b] = cosPhi * solution1 + sinPhi * solution2;
      xStar[b + 1] = -sinPhi * solution1 + cosPhi * solution2;
    }
  }

  /**
   * The learning rates of the published experiment for the {@code paper} form (Holl et al. 2022,
   * rotated-sine experiment): Adam 10⁻³, SGD 10⁻²/ξ², AdaGrad 3·10⁻³, Adadelta 3·10⁻³, RMSprop
   * 3·10⁻⁵; and, not published but derived from them: AdamW as Adam, momentum and Nesterov SGD's
   * rate divided by 1/(1 − μ) = 10, the steady-state amplification of a step by momentum μ = 0.9
   * (with SGD's rate they diverge within a few steps). Empty for the {@code book} form.
   *
   * @param optimizerId the optimizer's id
   * @return the learning rate, or empty
   */
  @Override
  public OptionalDouble recommendedLearningRate(String optimizerId) {
    if (form != Form.PAPER) {
      return OptionalDouble.empty();
    }
    switch (optimizerId) {
      case "adam":
      case "adamw":
        return OptionalDouble.of(1e-3);
      case "sgd":
        return OptionalDouble.of(1e-2 / (xi * xi));
      case "momentum":
      case "nesterov":
        return OptionalDouble.of(1e-3 / (xi * xi));
      case "adagrad":
      case "adadelta":
        return OptionalDouble.of(3e-3);
      case "rmsprop":
        return OptionalDouble.of(3e-5);
      default:
        return OptionalDouble.empty();
    }
  }

  /**
   * The exact solution sets, whose closest point is computed by {@link #closestSolution}.
   *
   * @return always present
   */
  @Override
  public Optional<ExactSolutions> exactSolutions() {
    return exactSolutions;
  }

  /**
   * Finds, per sample, the exact solution of {@code P(x) = y*} closest to x, over all branches of
   * the sine.
   *
   * <p>In rotated coordinates the solutions are {@code x̂2 = y2/B} and {@code x̂1 ∈ {(asin s + 2πk)/a}
   * ∪ {(π − asin s + 2πk)/a}}, k ∈ Z, with {@code s = y1/A} clipped into [−1, 1] (a target outside
   * the range of P1 is replaced by the closest reachable one, as {@link ExactSolutions} requires).
   * Rotation preserves distances and x̂2 is fixed, so the closest solution is the candidate x̂1
   * nearest to the rotated x̂1 of x: for each family the nearest k is found by rounding, the
   * closer of the two is taken (the first family on a tie), and the result is rotated back, {@code
   * x = R_φᵀ·x̂}. Works for any x, including far branches and negative k.
   *
   * @param x the points, shape [B, 2]
   * @param yStar the targets, shape [B, 2]
   * @param closest receives the closest exact solutions, shape [B, 2]; may be the same array as
   *     {@code x}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
    Checks.requireShape(x, "x", batch, 2);
    Checks.requireShape(yStar, "yStar", batch, 2);
    Checks.requireShape(closest, "closest", batch, 2);
    double period = TWO_PI / frequency;
    for (int b = 0; b < 2 * batch; b += 2) {
      double rotated1 = cosPhi * x[b] - sinPhi * x[b + 1];
      double arcsin = Math.asin(Math.max(-1, Math.min(1, yStar[b] / amplitude)));
      double first = nearestOnLattice(rotated1, arcsin / frequency, period);
      double second = nearestOnLattice(rotated1, (Math.PI - arcsin) / frequency, period);
      double solution1 =
          Math.abs(second - rotated1) < Math.abs(first - rotated1) ? second : first;
      double solution2 = yStar[b + 1] / gain;
      closest[b] = cosPhi * solution1 + sinPhi * solution2;
      closest[b + 1] = -sinPhi * solution1 + cosPhi * solution2;
    }
  }

  /**
   * The paper trains this problem with a (saddle-free) Newton inverse solver: x is only
   * two-dimensional, so the per-sample 2×2 Hessian is cheap.
   *
   * @return {@code Optional.of("newton")}
   */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /**
   * Whether trainers should standardise y* by default: true for {@code book}, whose target
   * components have scales 1/ξ and ξ (ratio ξ², 1024 at the default ξ); false for {@code paper},
   * whose targets are uniform in [−1, 1]².
   *
   * @return {@code form() == Form.BOOK}
   */
  @Override
  public boolean recommendsInputStandardization() {
    return form == Form.BOOK;
  }

  /**
   * The default hidden-layer widths, {@code [32, 64, 32]}.
   *
   * @return the widths, input to output
   */
  @Override
  public List<Integer> defaultHiddenLayers() {
    return HIDDEN_LAYERS;
  }

  /**
   * Describes this problem, e.g. {@code rotated-sine{xi=32, phi=45, form=paper, gamma=10}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return ID + parameters;
  }

  /** {@code ∂P1/∂x̂1 = A·a·cos(a·x̂1)} at x. */
  private double sineSlope(double x1, double x2) {
    return amplitude * frequency * Math.cos(frequency * (cosPhi * x1 - sinPhi * x2));
  }

  /** The point {@code base + k·period} (k ∈ Z) nearest to {@code value}. */
  private static double nearestOnLattice(double value, double base, double period) {
    return base + Math.rint((value - base) / period) * period;
  }
}
