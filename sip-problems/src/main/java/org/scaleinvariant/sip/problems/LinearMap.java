package org.scaleinvariant.sip.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.scaleinvariant.sip.api.Checks;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;

/**
 * A linear map {@code y = P(x) = A·x} with an m×n matrix A, the simplest problem whose conditioning
 * can be set directly: for a linear P the loss {@code ½‖Ax − y*‖²} has the Hessian {@code AᵀA},
 * whose condition number is the square of A's, so gradient-based training slows down with it
 * while an inverse solver does not: for a linear P, Newton's step and the exact inverse coincide
 * and reach the target in one step (the scale invariance that SIP training builds on; Holl,
 * Koltun, Thuerey, <i>Scale-invariant Learning by Physics Inversion</i>, NeurIPS 2022).
 *
 * <h2>The matrix</h2>
 *
 * Either given as text ({@code matrix=1,2;3,4}: rows separated by {@code ;}, row-major; then n and
 * m are its shape) or generated from {@code matrixSeed} with a chosen condition number κ = {@code
 * condition}:
 *
 * <pre>
 *   A = U·diag(σ)·Vᵀ,   σ_i = κ^(−i/(r−1)),  i = 0 … r−1,  r = min(m, n)
 * </pre>
 *
 * (log-spaced from 1 down to 1/κ; σ = (1) if r = 1), with U (m×r) and V (n×r) the first r columns
 * of random orthogonal matrices drawn from the Haar distribution: the Q factor of the Hipparchus QR
 * decomposition of a matrix of independent standard normal numbers, with each column's sign set so
 * that R has a positive diagonal (F. Mezzadri, "How to generate random matrices from the classical
 * compact groups", <i>Notices of the AMS</i> 54(5), 2007). The normal numbers come from a {@link
 * SplittableRandom} seeded with {@code matrixSeed} through the Box–Muller transform with {@link
 * StrictMath}, and Hipparchus is pure Java, so the same seed gives the same matrix on every JVM.
 *
 * <h2>Derived quantities (computed once, at construction)</h2>
 *
 * The Hipparchus singular value decomposition {@code A = U_p S V_pᵀ} (p = min(m, n)) gives the
 * {@link #singularValues()}, the numerical {@link #rank()} (singular values above {@code
 * max(m, n)·σ_max·2⁻⁵²}, the rank tolerance of MATLAB and NumPy; smaller ones count as zero), the
 * Moore–Penrose {@link #pseudoInverse()} {@code A⁺ = V_r S_r⁻¹ U_rᵀ} and, if rank &lt; n, the
 * projector {@code I − A⁺A} onto the null space of A. A worked number: the matrix {@code 1,2;2,4}
 * has σ = (5, 0), rank 1 and {@code A⁺ = A/25}.
 *
 * <h2>Targets and ground truth</h2>
 *
 * {@code y* = A·x} with each component of x uniform in [−{@value #INPUT_HALF_WIDTH}, {@value
 * #INPUT_HALF_WIDTH}), so every target is reachable and that x is a ground-truth solution (one of
 * many if rank &lt; n).
 *
 * <h2>Layout and contract</h2>
 *
 * Batch-first, row-major arrays as in {@link Problem}: x is [B, n], y [B, m], the Jacobian [B, m,
 * n] (it is A for every x), Hessians [B, n, n] (zero: P is linear). Batch methods check shapes
 * with {@link Checks#requireShape}, do not check for NaN, and allocate nothing. Instances are
 * immutable and thread-safe.
 */
public final class LinearMap implements Problem {

  /** The problem id, {@value}. */
  public static final String ID = "linear";

  /** Name of the input size parameter n, {@value}. */
  public static final String PARAMETER_N = "n";

  /** Name of the output size parameter m, {@value}. */
  public static final String PARAMETER_M = "m";

  /** Name of the condition number parameter κ of a generated matrix, {@value}. */
  public static final String PARAMETER_CONDITION = "condition";

  /** Name of the seed parameter of a generated matrix, {@value}. */
  public static final String PARAMETER_MATRIX_SEED = "matrixSeed";

  /** Name of the parameter giving the matrix itself, {@value}. */
  public static final String PARAMETER_MATRIX = "matrix";

  /**
   * Default input size n = {@value}: large enough that the log-spaced spectrum has interior
   * singular values (with 2 there are only 1 and 1/κ), small enough that a dense network and the
   * {@code newton} solver's per-sample n×n decomposition stay cheap on two cores.
   */
  public static final int DEFAULT_N = 8;

  /** Default output size m = {@value} (square, so A is invertible). */
  public static final int DEFAULT_M = 8;

  /**
   * Default condition number κ = {@value} of a generated matrix: the Hessian {@code AᵀA} then has
   * condition 10⁶, about that of the rotated sine's defaults.
   */
  public static final double DEFAULT_CONDITION = 1e3;

  /** Default seed {@value} of a generated matrix. */
  public static final int DEFAULT_MATRIX_SEED = 0;

  /** Largest allowed n and m, {@value} (the decomposition at construction costs O(m·n·min(m, n))). */
  public static final int MAX_SIZE = 1024;

  /**
   * Largest allowed condition number, {@value}: beyond it the smallest singular value of the
   * generated matrix approaches the rounding error of the others ({@code ε·σ_max ≈ 2.2e-16}) and
   * would be counted as zero.
   */
  public static final double MAX_CONDITION = 1e12;

  /** Half-width h = {@value} of the input box: targets are A·x with x uniform in [−h, h)ⁿ. */
  public static final double INPUT_HALF_WIDTH = 1;

  /**
   * The declared parameters: {@code n} and {@code m} (integers in [1, {@value #MAX_SIZE}], defaults
   * {@value #DEFAULT_N} and {@value #DEFAULT_M}), {@code condition} (κ in [1, {@value
   * #MAX_CONDITION}], default {@value #DEFAULT_CONDITION}), {@code matrixSeed} (an integer &gt;= 0,
   * default {@value #DEFAULT_MATRIX_SEED}) and {@code matrix} (rows separated by {@code ;}, no
   * default; when given, it sets n and m, and condition and matrixSeed are ignored). Unmodifiable.
   */
  public static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.integer(
              PARAMETER_N, DEFAULT_N, 1, MAX_SIZE, "input size n (network output); set by matrix if given"),
          ParameterSpec.integer(
              PARAMETER_M, DEFAULT_M, 1, MAX_SIZE, "output size m (network input); set by matrix if given"),
          ParameterSpec.number(
              PARAMETER_CONDITION,
              DEFAULT_CONDITION,
              1,
              false,
              MAX_CONDITION,
              "condition number κ of the generated A = U·diag(σ)·Vᵀ, σ log-spaced from 1 to 1/κ"
                  + " (ignored if matrix is given)"),
          ParameterSpec.integer(
              PARAMETER_MATRIX_SEED,
              DEFAULT_MATRIX_SEED,
              0,
              Integer.MAX_VALUE,
              "seed of the generated matrix's random orthogonal U and V (ignored if matrix is given)"),
          ParameterSpec.matrix(
              PARAMETER_MATRIX,
              null,
              "A itself, row-major, m rows of n numbers, rows separated by ';', e.g. 1,2;3,4"));

  private static final String OWNER = "problem " + ID;
  private static final Optional<String> PREFERRED_SOLVER = Optional.of("analytic-linear");
  private static final List<Integer> HIDDEN_LAYERS = List.of(64, 64);

  private final Options parameters;
  private final int n;
  private final int m;
  /** A, m×n row-major. */
  private final double[] matrix;
  /** A⁺, n×m row-major. */
  private final double[] pseudoInverse;
  /** I − A⁺A, n×n row-major, or null if rank = n (then it is zero). */
  private final double[] nullProjector;
  private final double[] singularValues;
  private final int rank;
  private final Optional<ExactSolutions> exactSolutions;

  /**
   * Creates a linear map with a generated matrix.
   *
   * @param n the input size, in [1, {@value #MAX_SIZE}]
   * @param m the output size, in [1, {@value #MAX_SIZE}]
   * @param condition the condition number κ, in [1, {@value #MAX_CONDITION}]
   * @param matrixSeed the seed, &gt;= 0
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a value is outside its range
   */
  public LinearMap(int n, int m, double condition, int matrixSeed) {
    this(
        Options.empty()
            .with(PARAMETER_N, Integer.toString(n))
            .with(PARAMETER_M, Integer.toString(m))
            .with(PARAMETER_CONDITION, Double.toString(condition))
            .with(PARAMETER_MATRIX_SEED, Integer.toString(matrixSeed)));
  }

  /**
   * Creates a linear map with a given matrix.
   *
   * @param matrix the rows of A (m rows of n finite numbers each, 1 ≤ m, n ≤ {@value #MAX_SIZE}),
   *     copied
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the rows are empty, ragged, too many
   *     or not finite
   */
  public LinearMap(double[][] matrix) {
    this(Options.empty().with(PARAMETER_MATRIX, toText(matrix)));
  }

  private LinearMap(Options options) {
    Options resolved = options.resolve(PARAMETERS, OWNER);
    double[] a;
    if (resolved.has(PARAMETER_MATRIX)) {
      double[][] rows = resolved.getMatrix(PARAMETER_MATRIX);
      this.m = requireSize(rows.length, "rows", options, resolved, PARAMETER_M);
      this.n = requireSize(rows[0].length, "columns", options, resolved, PARAMETER_N);
      a = new double[m * n];
      for (int k = 0; k < m; k++) {
        System.arraycopy(rows[k], 0, a, k * n, n);
      }
      resolved =
          resolved.with(PARAMETER_N, Integer.toString(n)).with(PARAMETER_M, Integer.toString(m));
    } else {
      this.n = resolved.getInt(PARAMETER_N);
      this.m = resolved.getInt(PARAMETER_M);
      a =
          generate(
              n, m, resolved.getDouble(PARAMETER_CONDITION), resolved.getInt(PARAMETER_MATRIX_SEED));
    }
    this.parameters = resolved;
    this.matrix = a;
    SingularValueDecomposition svd =
        new SingularValueDecomposition(MatrixUtils.createRealMatrix(rows(a, m, n)));
    this.singularValues = svd.getSingularValues();
    double tolerance = Math.max(m, n) * singularValues[0] * Math.ulp(1.0);
    int r = 0;
    while (r < singularValues.length && singularValues[r] > tolerance) {
      r++;
    }
    this.rank = r;
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    this.pseudoInverse = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < m; k++) {
        double sum = 0;
        for (int l = 0; l < rank; l++) {
          sum += v.getEntry(i, l) * u.getEntry(k, l) / singularValues[l];
        }
        pseudoInverse[i * m + k] = sum;
      }
    }
    if (rank < n) {
      this.nullProjector = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double sum = i == j ? 1 : 0;
          for (int l = 0; l < rank; l++) {
            sum -= v.getEntry(i, l) * v.getEntry(j, l);
          }
          nullProjector[i * n + j] = sum;
        }
      }
    } else {
      this.nullProjector = null;
    }
    this.exactSolutions = Optional.of(this::closestSolution);
  }

  /**
   * Creates a linear map from parameters given as text (command line, configuration file).
   *
   * @param options values for any of {@link #PARAMETERS}; missing ones take their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for an unknown key, an invalid value, a
   *     matrix larger than {@value #MAX_SIZE} in either direction, or an {@code n} or {@code m} given
   *     together with a matrix of another shape
   */
  public static LinearMap create(Options options) {
    return new LinearMap(options);
  }

  /**
   * The matrix A.
   *
   * @return a copy, m×n row-major (entry (k, j) at {@code k*n + j})
   */
  public double[] matrix() {
    return matrix.clone();
  }

  /**
   * The Moore–Penrose pseudo-inverse A⁺ (the inverse A⁻¹ when A is square and of full rank).
   *
   * @return a copy, n×m row-major (entry (i, k) at {@code i*m + k})
   */
  public double[] pseudoInverse() {
    return pseudoInverse.clone();
  }

  /**
   * The singular values of A.
   *
   * @return a copy, min(m, n) values in descending order
   */
  public double[] singularValues() {
    return singularValues.clone();
  }

  /**
   * The numerical rank of A: how many singular values exceed {@code max(m, n)·σ_max·2⁻⁵²}.
   *
   * @return the rank, in [0, min(m, n)]
   */
  public int rank() {
    return rank;
  }

  /** {@inheritDoc} Always {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} The keys are {@code n}, {@code m}, {@code condition}, {@code matrixSeed} and, if
   * the matrix was given, {@code matrix}; n and m are always A's shape.
   */
  @Override
  public Options parameters() {
    return parameters;
  }

  /** {@inheritDoc} The number of columns of A. */
  @Override
  public int inputSize() {
    return n;
  }

  /** {@inheritDoc} The number of rows of A. */
  @Override
  public int outputSize() {
    return m;
  }

  /**
   * Evaluates {@code y = A·x} per sample.
   *
   * @param x the inputs, shape [B, n]
   * @param y receives the outputs, shape [B, m]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void forward(double[] x, double[] y, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(y, "y", batch, m);
    for (int b = 0; b < batch; b++) {
      int xOffset = b * n;
      for (int k = 0; k < m; k++) {
        double sum = 0;
        int row = k * n;
        for (int j = 0; j < n; j++) {
          sum += matrix[row + j] * x[xOffset + j];
        }
        y[b * m + k] = sum;
      }
    }
  }

  /**
   * Writes the Jacobian, which is A for every x.
   *
   * @param x the inputs, shape [B, n] (only the shape is used)
   * @param jacobian receives A per sample, shape [B, m, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void jacobian(double[] x, double[] jacobian, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(jacobian, "jacobian", batch, m * n);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(matrix, 0, jacobian, b * m * n, m * n);
    }
  }

  /**
   * Evaluates {@code Aᵀ·v} per sample.
   *
   * @param x the inputs, shape [B, n] (only the shape is used)
   * @param cotangent the vector v in y-space, shape [B, m]
   * @param out receives Aᵀv, shape [B, n]; must not alias {@code cotangent}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void vectorJacobianProduct(double[] x, double[] cotangent, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(cotangent, "cotangent", batch, m);
    Checks.requireShape(out, "out", batch, n);
    for (int b = 0; b < batch; b++) {
      int o = b * n;
      Arrays.fill(out, o, o + n, 0.0);
      for (int k = 0; k < m; k++) {
        double vk = cotangent[b * m + k];
        int row = k * n;
        for (int j = 0; j < n; j++) {
          out[o + j] += matrix[row + j] * vk;
        }
      }
    }
  }

  /**
   * Writes zeros: every output of a linear map has a zero Hessian.
   *
   * @param x the inputs, shape [B, n] (only the shape is used)
   * @param weights the weights, shape [B, m] (only the shape is used)
   * @param out receives zeros, shape [B, n, n]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  @Override
  public void weightedOutputHessian(double[] x, double[] weights, double[] out, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(weights, "weights", batch, m);
    Checks.requireShape(out, "out", batch, n * n);
    Arrays.fill(out, 0, batch * n * n, 0.0);
  }

  /**
   * Draws targets {@code y* = A·x}, x uniform in [−{@value #INPUT_HALF_WIDTH}, {@value
   * #INPUT_HALF_WIDTH})ⁿ (n draws per sample, x_0 first). The draws and the result are exactly those
   * of {@link #sampleTrainingPairs} with the same generator state, and each y* equals {@link
   * #forward} of its x bit for bit.
   *
   * @param random the generator to draw from (the caller owns its seed), not null
   * @param yStar receives the targets, shape [B, m]
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code yStar} is too short
   */
  @Override
  public void sampleTargets(SplittableRandom random, double[] yStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, m);
    sample(random, yStar, null, batch);
  }

  /** {@inheritDoc} Always true: the drawn x is a solution. */
  @Override
  public boolean hasGroundTruth() {
    return true;
  }

  /**
   * Draws targets as {@link #sampleTargets} does, together with the x each was computed from.
   *
   * @param random the generator to draw from, not null
   * @param yStar receives the targets, shape [B, m]
   * @param xStar receives the drawn inputs, shape [B, n]; {@code A·xStar = yStar} exactly
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is too short
   */
  @Override
  public void sampleTrainingPairs(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    Checks.requireShape(yStar, "yStar", batch, m);
    Checks.requireShape(xStar, "xStar", batch, n);
    sample(random, yStar, xStar, batch);
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
   * Finds, per sample, the point of {@code {x' : A·x' = y*}} closest to x:
   *
   * <pre>
   *   x' = x + A⁺(y* − A·x) = (I − A⁺A)·x + A⁺·y*,
   * </pre>
   *
   * the minimum-norm change of x. If y* is outside the range of A (m &gt; rank), it is first
   * replaced by its orthogonal projection {@code AA⁺y*} onto the range, the closest reachable
   * target, and the same formula holds. For a square A of full rank this is {@code A⁻¹y*},
   * whatever x is.
   *
   * @param x the points, shape [B, n]
   * @param yStar the targets, shape [B, m]
   * @param closest receives the closest solutions, shape [B, n]; must not alias {@code x}
   * @param batch the number of samples B, at least 1
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if an array is shorter than its shape
   */
  public void closestSolution(double[] x, double[] yStar, double[] closest, int batch) {
    Checks.requireShape(x, "x", batch, n);
    Checks.requireShape(yStar, "yStar", batch, m);
    Checks.requireShape(closest, "closest", batch, n);
    for (int b = 0; b < batch; b++) {
      int xOffset = b * n;
      int yOffset = b * m;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int k = 0; k < m; k++) {
          sum += pseudoInverse[i * m + k] * yStar[yOffset + k];
        }
        if (nullProjector != null) {
          for (int j = 0; j < n; j++) {
            sum += nullProjector[i * n + j] * x[xOffset + j];
          }
        }
        closest[xOffset + i] = sum;
      }
    }
  }

  /**
   * The id of the closed-form inverse, {@code analytic-linear} ({@code Δx = A⁺(t − y)}), used when
   * that solver is discovered.
   *
   * @return {@code Optional.of("analytic-linear")}
   */
  @Override
  public Optional<String> preferredSolver() {
    return PREFERRED_SOLVER;
  }

  /**
   * The default hidden-layer widths, {@code [64, 64]}: the inverse {@code y* → A⁺y*} is linear, so
   * depth matters less than width for n = m = {@value #DEFAULT_N}.
   *
   * @return the widths, input to output
   */
  @Override
  public List<Integer> defaultHiddenLayers() {
    return HIDDEN_LAYERS;
  }

  /**
   * Describes this problem, e.g. {@code linear{n=8, m=8, condition=1000, matrixSeed=0}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return ID + parameters;
  }

  /** Draws x per sample and accumulates y = A·x column by column (no workspace needed). */
  private void sample(SplittableRandom random, double[] yStar, double[] xStar, int batch) {
    for (int b = 0; b < batch; b++) {
      int yOffset = b * m;
      Arrays.fill(yStar, yOffset, yOffset + m, 0.0);
      for (int j = 0; j < n; j++) {
        double xj = random.nextDouble(-INPUT_HALF_WIDTH, INPUT_HALF_WIDTH);
        if (xStar != null) {
          xStar[b * n + j] = xj;
        }
        for (int k = 0; k < m; k++) {
          yStar[yOffset + k] += matrix[k * n + j] * xj;
        }
      }
    }
  }

  /** Checks a given matrix's dimension against the limit and against an explicitly given n or m. */
  private static int requireSize(
      int size, String what, Options given, Options resolved, String parameter) {
    if (size > MAX_SIZE) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          PARAMETER_MATRIX + " has " + size + " " + what + "; allowed: at most " + MAX_SIZE);
    }
    if (given.has(parameter) && resolved.getInt(parameter) != size) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          parameter
              + " = '"
              + given.getString(parameter)
              + "' is not allowed; allowed: "
              + size
              + ", the number of "
              + what
              + " of the given "
              + PARAMETER_MATRIX);
    }
    return size;
  }

  /** A = U·diag(σ)·Vᵀ as described in the class comment; m×n row-major. */
  private static double[] generate(int n, int m, double condition, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RealMatrix u = randomOrthogonal(random, m);
    RealMatrix v = randomOrthogonal(random, n);
    int r = Math.min(m, n);
    double[] sigma = new double[r];
    for (int i = 0; i < r; i++) {
      sigma[i] = r == 1 ? 1 : StrictMath.pow(condition, -(double) i / (r - 1));
    }
    double[] a = new double[m * n];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int i = 0; i < r; i++) {
          sum += u.getEntry(k, i) * sigma[i] * v.getEntry(j, i);
        }
        a[k * n + j] = sum;
      }
    }
    return a;
  }

  /** A Haar-distributed orthogonal size×size matrix (Mezzadri 2007): Q of QR(G), signs from R. */
  private static RealMatrix randomOrthogonal(SplittableRandom random, int size) {
    double[][] gaussian = new double[size][size];
    for (double[] row : gaussian) {
      for (int j = 0; j < size; j++) {
        row[j] = standardNormal(random);
      }
    }
    QRDecomposition qr = new QRDecomposition(MatrixUtils.createRealMatrix(gaussian));
    RealMatrix q = qr.getQ().copy();
    RealMatrix r = qr.getR();
    for (int j = 0; j < size; j++) {
      if (r.getEntry(j, j) < 0) {
        for (int i = 0; i < size; i++) {
          q.setEntry(i, j, -q.getEntry(i, j));
        }
      }
    }
    return q;
  }

  /** Box–Muller with StrictMath, so the draws are the same on every JVM. */
  private static double standardNormal(SplittableRandom random) {
    double u1 = 1 - random.nextDouble(); // in (0, 1]: the logarithm is finite
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static double[][] rows(double[] a, int m, int n) {
    double[][] rows = new double[m][];
    for (int k = 0; k < m; k++) {
      rows[k] = Arrays.copyOfRange(a, k * n, (k + 1) * n);
    }
    return rows;
  }

  /** The matrix as parameter text (Double.toString round-trips every double exactly). */
  private static String toText(double[][] matrix) {
    if (matrix == null || matrix.length == 0) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, PARAMETER_MATRIX + " has no rows; allowed: at least one row");
    }
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < matrix.length; k++) {
      text.append(k == 0 ? "" : ";");
      for (int j = 0; j < matrix[k].length; j++) {
        text.append(j == 0 ? "" : ",").append(matrix[k][j]);
      }
    }
    return text.toString();
  }
}
