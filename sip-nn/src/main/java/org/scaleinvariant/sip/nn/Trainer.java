package org.scaleinvariant.sip.nn;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.ExactSolutions;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.api.YLoss;

/**
 * Trains a {@link DenseNetwork} {@code x = f(y*; θ)} to invert a {@link Problem}, by SIP or DP
 * training, single-threaded.
 *
 * <h2>One SIP iteration</h2>
 *
 * (Holl, Koltun, Thuerey, "Scale-invariant Learning by Physics Inversion", NeurIPS 2022, Alg. 1;
 * the chapter's "Scale-Invariant Physics (SIP) Training" box; DESIGN.md §1), for a mini-batch of B
 * targets y* drawn fresh from the problem's target distribution:
 *
 * <ol>
 *   <li>{@code x = f(y*; θ)} — timer phase {@code nn.forward}
 *   <li>{@code y = P(x)}, {@code t = y + Δy} with the y-loss Newton step ({@code Δy = η(y* − y)} for
 *       L2) — {@code physics.forward}
 *   <li>{@code Δx_PG = P⁻¹(t; x)} from the inverse solver — {@code inverse.solve}
 *   <li>proxy loss {@code L = (1/B) Σ_b ½‖x_b − x̃_b‖²}, {@code x̃ = x + Δx_PG} constant, back-propagated
 *       into θ — {@code loss.backward}
 *   <li>{@code θ ← optimizer(θ, ∂L/∂θ, η_NN)} — {@code optimizer.step}
 * </ol>
 *
 * With {@code nnUpdates = K > 1}, steps 1, 4 and 5 repeat K times towards the same x̃.
 *
 * <h2>One DP iteration</h2>
 *
 * {@code L = (1/B) Σ_b ℓ(P(f(y*_b)), y*_b)} (the chapter's equation (24) for the L2 y-loss),
 * back-propagated through the problem's vector-Jacobian product and the network; the VJP is timed
 * as part of {@code loss.backward}.
 *
 * <h2>Metrics and determinism</h2>
 *
 * Every {@link TrainingConfig#effectiveEvalEvery()} steps (and at step 0 and at the end) the network
 * is evaluated on a fixed held-out test set of {@link TrainingConfig#testSetSize()} targets drawn
 * with {@link #TEST_SET_SEED}, independent of the run's seed, so runs with different seeds and
 * methods are measured on the same targets. The run's seed splits into one generator for the
 * network initialisation and one for the training targets; the same seed gives bit-identical
 * results.
 *
 * <h2>Timers</h2>
 *
 * Micrometer timers {@value Phase#TIMER_NAME} (tags {@code phase}, {@code run}) and {@value
 * Phase#ITERATION_TIMER_NAME} (tag {@code run}) in the injected registry; time comes from the
 * registry's clock.
 *
 * <h2>Divergence</h2>
 *
 * If the network output, the physics output, the y-loss or the solver's step becomes NaN or
 * infinite, the run stops; the result is marked diverged, names the step and phase, and reports the
 * metrics of the last finite evaluation. Nothing is thrown.
 *
 * <p>A trainer is stateless apart from its registry and may run several trainings concurrently
 * (each call builds its own network and workspaces), provided the problem and solver are
 * thread-safe.
 */
public final class Trainer {
  /** Seed of the fixed held-out test set, {@value}. */
  public static final long TEST_SET_SEED = 0x7E57_5E7L;
  /** Seed of the fixed held-out validation set (learning-rate search), {@value}. */
  public static final long VALIDATION_SET_SEED = 0x7A11_DA7EL;
  /** Seed of the sample from which the input standardisation is estimated, {@value}. */
  public static final long STANDARDIZATION_SEED = 0x57A4_DA2DL;
  /** Size of the sample from which the input standardisation is estimated, {@value} targets. */
  public static final int STANDARDIZATION_SAMPLES = 10_000;

  private final MeterRegistry registry;

  /**
   * Creates a trainer.
   *
   * @param registry where the phase timers are recorded
   */
  public Trainer(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Runs one training.
   *
   * @param run the run's name, used as the {@code run} tag of the timers
   * @param problem the physics
   * @param solver the inverse solver (required for SIP, ignored for DP; may be null then)
   * @param config the settings
   * @param listener receives progress events
   * @return the result; never null, also when the run diverged
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if SIP is requested without a solver
   *     or with a solver bound to another problem, {@link ErrorCode#UNKNOWN_ID} for an unknown
   *     optimizer
   */
  public TrainingResult train(
      String run, Problem problem, InverseSolver solver, TrainingConfig config, TrainingListener listener) {
    if (config.method() == Method.SIP) {
      if (solver == null) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "SIP training needs an inverse solver; none given");
      }
      if (solver.problem() != problem) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "solver '" + solver.id() + "' is bound to another problem instance than the one trained");
      }
    }
    if (config.method() == Method.SUPERVISED && !problem.hasGroundTruth()) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "supervised training needs ground-truth solutions; problem '" + problem.id() + "' has none");
    }
    return new Run(run, problem, config.method() == Method.SIP ? solver : null, config, listener).execute();
  }

  /**
   * A fixed held-out set: targets, and ground-truth solutions when the problem has them but no
   * closed-form solution sets (then the x-distance is measured to the ground truth).
   *
   * @param targets the targets, shape [size, m]
   * @param truth the ground-truth solutions, shape [size, n], or null
   */
  record HeldOut(double[] targets, double[] truth) {}

  static HeldOut heldOut(Problem problem, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] targets = new double[size * problem.outputSize()];
    if (problem.exactSolutions().isEmpty() && problem.hasGroundTruth()) {
      double[] truth = new double[size * problem.inputSize()];
      problem.sampleTrainingPairs(random, targets, truth, size);
      return new HeldOut(targets, truth);
    }
    problem.sampleTargets(random, targets, size);
    return new HeldOut(targets, null);
  }

  /**
   * Draws the fixed held-out test targets of a problem.
   *
   * @param problem the problem
   * @param size the number of targets
   * @return the targets, shape [size, m]
   */
  public static double[] testTargets(Problem problem, int size) {
    return heldOut(problem, size, TEST_SET_SEED).targets();
  }

  /**
   * Estimates the per-component mean and standard deviation of a problem's targets from {@value
   * #STANDARDIZATION_SAMPLES} draws with {@link #STANDARDIZATION_SEED}. A component with zero spread
   * gets standard deviation 1.
   *
   * @param problem the problem
   * @return {@code {mean, std}}, each of length m
   */
  public static double[][] targetStatistics(Problem problem) {
    int m = problem.outputSize();
    double[] sample = new double[STANDARDIZATION_SAMPLES * m];
    problem.sampleTargets(new SplittableRandom(STANDARDIZATION_SEED), sample, STANDARDIZATION_SAMPLES);
    double[] mean = new double[m];
    double[] std = new double[m];
    for (int k = 0; k < m; k++) {
      double sum = 0;
      for (int b = 0; b < STANDARDIZATION_SAMPLES; b++) {
        sum += sample[b * m + k];
      }
      double mu = sum / STANDARDIZATION_SAMPLES;
      double squares = 0;
      for (int b = 0; b < STANDARDIZATION_SAMPLES; b++) {
        double d = sample[b * m + k] - mu;
        squares += d * d;
      }
      double sigma = Math.sqrt(squares / STANDARDIZATION_SAMPLES);
      mean[k] = mu;
      std[k] = sigma > 0 && Double.isFinite(sigma) ? sigma : 1.0;
    }
    return new double[][] {mean, std};
  }

  /** The state of one run: network, optimizer, buffers, timers. */
  private final class Run {
    private final String name;
    private final Problem problem;
    private final InverseSolver solver;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final YLoss yLoss;
    private final int n;
    private final int m;
    private final int batch;
    private final DenseNetwork network;
    private final Optimizer optimizer;
    private final SplittableRandom data;
    private final SolverDiagnostics diagnostics = new SolverDiagnostics();
    private final Clock clock;
    private final Timer[] phaseTimers = new Timer[Phase.values().length];
    private final long[] phaseNanos = new long[Phase.values().length];
    private final Timer iterationTimer;
    private final List<CurvePoint> curve = new ArrayList<>();

    // training buffers, batch-first
    private final double[] yStar;
    private final double[] x;
    private final double[] y;
    private final double[] target;
    private final double[] dx;
    private final double[] xTilde;
    private final double[] gradX;
    private final double[] gradY;
    private final double[] xStar;

    // evaluation buffers
    private final Optional<ExactSolutions> solutions;
    private final double[] testTargets;
    private final double[] testTruth;
    private final double[] testX;
    private final double[] testY;
    private final double[] testClosest;

    private double betweenBranches = Double.NaN;
    private long trainingNanos;
    private double lossSinceEvaluation;
    private int stepsSinceEvaluation;

    Run(String name, Problem problem, InverseSolver solver, TrainingConfig config, TrainingListener listener) {
      this.name = name;
      this.problem = problem;
      this.solver = solver;
      this.config = config;
      this.listener = listener == null ? TrainingListener.NONE : listener;
      this.yLoss = config.yLoss();
      this.n = problem.inputSize();
      this.m = problem.outputSize();
      this.batch = config.batch();

      SplittableRandom root = new SplittableRandom(config.seed());
      SplittableRandom init = root.split();
      this.data = root.split();

      List<Integer> hidden = config.hidden() != null ? config.hidden() : problem.defaultHiddenLayers();
      network = DenseNetwork.of(m, hidden, n, config.activation());
      Initialization scheme =
          config.initialization() != null
              ? config.initialization()
              : Initialization.defaultFor(config.activation());
      network.initialize(scheme, init);
      boolean standardize =
          config.standardizeInput() != null
              ? config.standardizeInput()
              : problem.recommendsInputStandardization();
      if (standardize) {
        double[][] stats = targetStatistics(problem);
        network.setInputStandardization(stats[0], stats[1]);
      }
      optimizer =
          Optimizers.create(config.optimizer(), network.parameterCount(), config.effectiveLearningRate(problem));

      clock = registry.config().clock();
      for (Phase phase : Phase.values()) {
        phaseTimers[phase.ordinal()] =
            Timer.builder(Phase.TIMER_NAME)
                .description("time of one training phase per call")
                .tag("phase", phase.tag())
                .tag("run", name)
                .register(registry);
      }
      iterationTimer =
          Timer.builder(Phase.ITERATION_TIMER_NAME)
              .description("time of one training iteration")
              .tag("run", name)
              .register(registry);

      yStar = new double[batch * m];
      x = new double[batch * n];
      y = new double[batch * m];
      target = new double[batch * m];
      dx = new double[batch * n];
      xTilde = new double[batch * n];
      gradX = new double[batch * n];
      gradY = new double[batch * m];
      xStar = config.method() == Method.SUPERVISED ? new double[batch * n] : null;

      solutions = problem.exactSolutions();
      int testSize = config.testSetSize();
      HeldOut held =
          heldOut(
              problem,
              testSize,
              config.evaluationSet() == TrainingConfig.EvaluationSet.TEST ? TEST_SET_SEED : VALIDATION_SET_SEED);
      testTargets = held.targets();
      testTruth = held.truth();
      testX = new double[testSize * n];
      testY = new double[testSize * m];
      testClosest = new double[testSize * n];
    }

    TrainingResult execute() {
      long start = clock.monotonicTime();
      double timeLimitNanos = config.timeLimitSeconds() * 1e9;
      evaluate(0, start);
      String divergence = null;
      int completed = 0;
      int evalEvery = config.effectiveEvalEvery();
      for (int step = 1; step <= config.steps(); step++) {
        long iterationStart = clock.monotonicTime();
        Phase failedPhase;
        switch (config.method()) {
          case SIP:
            problem.sampleTargets(data, yStar, batch);
            failedPhase = sipIteration();
            break;
          case SUPERVISED:
            problem.sampleTrainingPairs(data, yStar, xStar, batch);
            failedPhase = supervisedIteration();
            break;
          case DP:
          default:
            problem.sampleTargets(data, yStar, batch);
            failedPhase = dpIteration();
            break;
        }
        long iterationNanos = clock.monotonicTime() - iterationStart;
        if (failedPhase != null) {
          divergence =
              "training diverged at step "
                  + step
                  + " in phase "
                  + failedPhase.tag()
                  + " (NaN or infinite values); reporting the last finite evaluation, step "
                  + lastFinite().step();
          break;
        }
        iterationTimer.record(iterationNanos, TimeUnit.NANOSECONDS);
        listener.onIteration(name, step, iterationNanos);
        trainingNanos += iterationNanos;
        completed = step;
        boolean outOfTime = clock.monotonicTime() - start >= timeLimitNanos;
        if (step % evalEvery == 0 || step == config.steps() || outOfTime) {
          evaluate(step, start);
          if (!isFinite(curve.get(curve.size() - 1))) {
            divergence =
                "training diverged by step "
                    + step
                    + " (test metrics are NaN or infinite); reporting the last finite evaluation, step "
                    + lastFinite().step();
            break;
          }
        }
        if (outOfTime) {
          break;
        }
      }
      double wallSeconds = (clock.monotonicTime() - start) / 1e9;
      CurvePoint last = lastFinite();
      Map<String, Double> phases = new LinkedHashMap<>();
      for (Phase phase : Phase.values()) {
        if (!usesPhase(config.method(), phase)) {
          continue;
        }
        phases.put(phase.tag(), completed == 0 ? 0.0 : phaseNanos[phase.ordinal()] / 1e6 / completed);
      }
      double msPerIteration = completed == 0 ? 0.0 : trainingNanos / 1e6 / completed;
      return new TrainingResult(
          name,
          problem.id(),
          problem.parameters(),
          config.label(),
          solver == null ? null : solver.id(),
          optimizer.id(),
          optimizer.learningRate(),
          config.eta(),
          completed,
          last.testXDistance(),
          last.testYLoss(),
          last.trainLoss(),
          msPerIteration,
          wallSeconds,
          phases,
          divergence != null,
          divergence,
          curve,
          solver == null ? SolverStatistics.NONE : SolverStatistics.of(diagnostics),
          betweenBranches,
          network,
          config);
    }

    /** One supervised iteration; returns the phase that produced non-finite values, or null. */
    private Phase supervisedIteration() {
      long t0 = clock.monotonicTime();
      network.forward(yStar, x, batch);
      long t1 = record(Phase.NN_FORWARD, t0);
      if (!allFinite(x, batch * n)) {
        return Phase.NN_FORWARD;
      }
      int count = batch * n;
      double loss = 0;
      double scale = 1.0 / batch;
      for (int i = 0; i < count; i++) {
        double r = x[i] - xStar[i];
        loss += r * r;
        gradX[i] = r * scale;
      }
      network.backward(gradX, batch);
      long t2 = record(Phase.LOSS_BACKWARD, t1);
      if (!Double.isFinite(loss)) {
        return Phase.LOSS_BACKWARD;
      }
      optimizer.step(network.parameters(), network.gradient());
      record(Phase.OPTIMIZER_STEP, t2);
      lossSinceEvaluation += 0.5 * loss * scale;
      stepsSinceEvaluation++;
      return null;
    }

    /** One SIP iteration; returns the phase that produced non-finite values, or null. */
    private Phase sipIteration() {
      long t0 = clock.monotonicTime();
      network.forward(yStar, x, batch);
      long t1 = record(Phase.NN_FORWARD, t0);
      if (!allFinite(x, batch * n)) {
        return Phase.NN_FORWARD;
      }
      problem.forward(x, y, batch);
      double loss = yLoss.value(y, yStar, batch, m);
      yLoss.newtonTarget(y, yStar, config.eta(), target, batch, m);
      long t2 = record(Phase.PHYSICS_FORWARD, t1);
      if (!Double.isFinite(loss) || !allFinite(target, batch * m)) {
        return Phase.PHYSICS_FORWARD;
      }
      solver.step(x, y, target, dx, batch, diagnostics);
      long t3 = record(Phase.INVERSE_SOLVE, t2);
      if (!allFinite(dx, batch * n)) {
        return Phase.INVERSE_SOLVE;
      }
      int count = batch * n;
      for (int i = 0; i < count; i++) {
        xTilde[i] = x[i] + dx[i];
      }
      long t = t3;
      for (int k = 0; k < config.nnUpdates(); k++) {
        if (k > 0) {
          network.forward(yStar, x, batch);
          t = record(Phase.NN_FORWARD, t);
        }
        config.proxyLoss().gradient(x, xTilde, gradX, count, batch);
        network.backward(gradX, batch);
        t = record(Phase.LOSS_BACKWARD, t);
        optimizer.step(network.parameters(), network.gradient());
        t = record(Phase.OPTIMIZER_STEP, t);
      }
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    /** One DP iteration; returns the phase that produced non-finite values, or null. */
    private Phase dpIteration() {
      long t0 = clock.monotonicTime();
      network.forward(yStar, x, batch);
      long t1 = record(Phase.NN_FORWARD, t0);
      if (!allFinite(x, batch * n)) {
        return Phase.NN_FORWARD;
      }
      problem.forward(x, y, batch);
      double loss = yLoss.value(y, yStar, batch, m);
      long t2 = record(Phase.PHYSICS_FORWARD, t1);
      if (!Double.isFinite(loss)) {
        return Phase.PHYSICS_FORWARD;
      }
      yLoss.gradient(y, yStar, gradY, batch, m);
      double scale = 1.0 / batch;
      for (int i = 0, count = batch * m; i < count; i++) {
        gradY[i] *= scale;
      }
      problem.vectorJacobianProduct(x, gradY, gradX, batch);
      if (!allFinite(gradX, batch * n)) {
        record(Phase.LOSS_BACKWARD, t2);
        return Phase.LOSS_BACKWARD;
      }
      network.backward(gradX, batch);
      long t3 = record(Phase.LOSS_BACKWARD, t2);
      optimizer.step(network.parameters(), network.gradient());
      record(Phase.OPTIMIZER_STEP, t3);
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    private long record(Phase phase, long since) {
      long now = clock.monotonicTime();
      long nanos = now - since;
      phaseTimers[phase.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
      phaseNanos[phase.ordinal()] += nanos;
      listener.onPhase(name, phase, nanos);
      return now;
    }

    private void evaluate(int step, long start) {
      int size = config.testSetSize();
      network.forward(testTargets, testX, size);
      problem.forward(testX, testY, size);
      double yLossValue = yLoss.value(testY, testTargets, size, m);
      double xDistance = Double.NaN;
      double[] reference = null;
      if (solutions.isPresent()) {
        solutions.get().closestSolution(testX, testTargets, testClosest, size);
        reference = testClosest;
      } else if (testTruth != null) {
        reference = testTruth;
      }
      if (reference != null) {
        double tolerance =
            solutions.isPresent() ? solutions.get().nearTolerance().orElse(Double.NaN) : Double.NaN;
        double sum = 0;
        int far = 0;
        for (int b = 0; b < size; b++) {
          double squares = 0;
          for (int j = 0; j < n; j++) {
            double d = testX[b * n + j] - reference[b * n + j];
            squares += d * d;
          }
          double distance = Math.sqrt(squares);
          sum += distance;
          if (distance > tolerance) {
            far++;
          }
        }
        xDistance = sum / size;
        betweenBranches = Double.isNaN(tolerance) ? Double.NaN : (double) far / size;
      }
      double trainLoss = stepsSinceEvaluation == 0 ? Double.NaN : lossSinceEvaluation / stepsSinceEvaluation;
      lossSinceEvaluation = 0;
      stepsSinceEvaluation = 0;
      CurvePoint point =
          new CurvePoint(
              step,
              trainingNanos / 1e9,
              (clock.monotonicTime() - start) / 1e9,
              trainLoss,
              xDistance,
              yLossValue);
      curve.add(point);
      listener.onEvaluation(name, point, config.steps());
    }

    private CurvePoint lastFinite() {
      for (int i = curve.size() - 1; i >= 0; i--) {
        if (isFinite(curve.get(i))) {
          return curve.get(i);
        }
      }
      return curve.get(0);
    }

    private boolean isFinite(CurvePoint point) {
      boolean xKnown = solutions.isPresent() || testTruth != null;
      return Double.isFinite(point.testYLoss()) && (!xKnown || Double.isFinite(point.testXDistance()));
    }
  }

  /**
   * Whether a method has a phase: SIP has all; DP has no inverse solve; supervised has neither the
   * physics nor the inverse solve.
   *
   * @param method the method
   * @param phase the phase
   * @return true if the method times the phase
   */
  static boolean usesPhase(Method method, Phase phase) {
    switch (method) {
      case DP:
        return phase != Phase.INVERSE_SOLVE;
      case SUPERVISED:
        return phase != Phase.INVERSE_SOLVE && phase != Phase.PHYSICS_FORWARD;
      case SIP:
      default:
        return true;
    }
  }

  private static boolean allFinite(double[] values, int count) {
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }
}
