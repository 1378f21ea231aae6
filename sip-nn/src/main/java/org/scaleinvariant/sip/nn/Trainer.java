package org.scaleinvariant.sip.nn;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * If the network output, the physics output, the y-loss, the solver's step, the gradient or the
 * updated parameters become NaN or infinite, the step has diverged. With {@link OnDivergence#STOP}
 * (the default) the run stops; the result is marked diverged, names the step, the phase and what
 * was not finite, and reports the metrics of the last finite evaluation. With {@link
 * OnDivergence#SKIP_BATCH} the batch is dropped: θ, the optimizer state and the solver counters go
 * back to their values before the step (a copy taken before every step) and the run goes on; the
 * result counts the dropped batches. Nothing is thrown for divergence.
 *
 * <h2>Providers</h2>
 *
 * Problems and solvers may come from plugins, so their contract is checked where it is cheap: the
 * sizes n and m must be at least 1, drawn targets (and ground truths) finite, and the held-out
 * targets finite; an exception thrown by a problem or solver is wrapped into a {@link SipException}
 * ({@link ErrorCode#PROVIDER_CONTRACT} unless it already was one) whose message names the provider,
 * the step and the phase. A solver that leaves Δx unwritten is caught too: Δx is filled with NaN
 * before every call, so an unwritten value is reported as a non-finite step of that solver.
 *
 * <h2>Checkpoints and resuming</h2>
 *
 * With a {@link Checkpointing}, the trainer hands out {@link TrainingState} snapshots at the given
 * intervals and at the end. A run started from such a state continues it: same parameters,
 * optimizer state, curve and counters; the data generator is re-created from the seed and the
 * state's draws are replayed (sampling into the training buffers, cheap next to training). The
 * resumed run produces bit-identical parameters and curve values (steps, losses, x-distances) to one
 * that never stopped; times continue from the saved totals but are not reproducible.
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

  /**
   * The most batches in a row that {@link OnDivergence#SKIP_BATCH} drops, {@value}; one more and
   * the run stops as diverged (every batch failing means the run cannot recover).
   */
  public static final int MAX_CONSECUTIVE_SKIPS = 100;

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
   *     optimizer, {@link ErrorCode#PROVIDER_CONTRACT} if the problem or solver breaks its contract
   */
  public TrainingResult train(
      String run, Problem problem, InverseSolver solver, TrainingConfig config, TrainingListener listener) {
    return train(run, problem, solver, config, listener, null, Checkpointing.NONE);
  }

  /**
   * Runs one training, or continues one from a saved state, handing out snapshots of its state.
   *
   * @param run the run's name, used as the {@code run} tag of the timers
   * @param problem the physics (for a resumed run: equal to the one the state was saved from)
   * @param solver the inverse solver (required for SIP, ignored for DP; may be null then)
   * @param config the settings (for a resumed run: the ones the state was saved with)
   * @param listener receives progress events
   * @param from the state to continue from, or null to start afresh; a {@link
   *     TrainingState#finished() finished} state trains nothing and returns its result
   * @param checkpointing when and where snapshots go ({@link Checkpointing#NONE} for none)
   * @return the result; never null, also when the run diverged
   * @throws SipException as {@link #train(String, Problem, InverseSolver, TrainingConfig,
   *     TrainingListener)}, and {@link ErrorCode#INVALID_ARGUMENT} (or {@link ErrorCode#NON_FINITE})
   *     if the state does not fit the configuration (parameter count, optimizer, standardisation,
   *     step beyond the configured steps); whatever the checkpoint sink throws
   */
  public TrainingResult train(
      String run,
      Problem problem,
      InverseSolver solver,
      TrainingConfig config,
      TrainingListener listener,
      TrainingState from,
      Checkpointing checkpointing) {
    Objects.requireNonNull(checkpointing, "checkpointing");
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
    requireSizes(problem, config);
    Run r = new Run(run, problem, config.method() == Method.SIP ? solver : null, config, listener, checkpointing);
    if (from != null) {
      r.restore(from);
    }
    return r.execute(from);
  }

  /**
   * Checks the problem's sizes and that every array of a run fits into a Java array.
   *
   * @throws SipException {@link ErrorCode#PROVIDER_CONTRACT} for a size below 1, {@link
   *     ErrorCode#INVALID_ARGUMENT} for arrays beyond {@link DenseNetwork#MAX_PARAMETERS} values
   */
  private static void requireSizes(Problem problem, TrainingConfig config) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    if (n < 1 || m < 1) {
      throw new SipException(
          ErrorCode.PROVIDER_CONTRACT,
          "problem '" + problem.id() + "' reports inputSize n = " + n + " and outputSize m = " + m
              + "; allowed: both >= 1");
    }
    int widest = Math.max(n, m);
    List<Integer> hidden = config.hidden() != null ? config.hidden() : problem.defaultHiddenLayers();
    for (int width : hidden) {
      widest = Math.max(widest, width);
    }
    requireFits("batch", config.batch(), widest);
    requireFits("test set size", config.testSetSize(), widest);
  }

  private static void requireFits(String name, int rows, int rowSize) {
    long values = (long) rows * rowSize;
    if (values > DenseNetwork.MAX_PARAMETERS) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          name + " = " + rows + " is not allowed: with " + rowSize + " values per sample its arrays would hold "
              + values + " values; allowed: at most " + DenseNetwork.MAX_PARAMETERS / rowSize);
    }
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
    private final Checkpointing checkpointing;
    private final YLoss yLoss;
    private final int n;
    private final int m;
    private final int batch;
    private final DenseNetwork network;
    private final Optimizer optimizer;
    private final SplittableRandom data;
    private final SolverDiagnostics diagnostics = new SolverDiagnostics();
    private final Clock clock;
    private final PhaseTimers timers;
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
    private long restoredWallNanos;
    private double lossSinceEvaluation;
    private int stepsSinceEvaluation;
    private long batchesDrawn;
    private int skippedBatches;
    /** The phase running now (null while drawing targets), for naming a failing provider. */
    private Phase phase;
    /** What was not finite in the step that diverged, for the message. */
    private String failure;
    /** The clock reading at the end of the last {@link #forward} or {@link #backwardAndUpdate}. */
    private long lastPhaseEnd;

    Run(
        String name,
        Problem problem,
        InverseSolver solver,
        TrainingConfig config,
        TrainingListener listener,
        Checkpointing checkpointing) {
      this.name = name;
      this.problem = problem;
      this.solver = solver;
      this.config = config;
      this.listener = listener == null ? TrainingListener.NONE : listener;
      this.checkpointing = checkpointing;
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
      timers = new PhaseTimers(registry, name, "time of one training phase per call");

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
      requireFiniteDraws(testTargets, "held-out target y*", 0);
      if (testTruth != null) {
        requireFiniteDraws(testTruth, "held-out ground truth x*", 0);
      }
      testX = new double[testSize * n];
      testY = new double[testSize * m];
      testClosest = new double[testSize * n];
    }

    /**
     * Puts the run into a saved state: θ, standardisation, optimizer, curve and counters, and the
     * data generator advanced by replaying the state's draws.
     */
    void restore(TrainingState state) {
      Resumption.requireFits(state, network, config.steps());
      if ((state.inputMean() != null) != network.hasInputStandardization()) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "saved state " + (state.inputMean() != null ? "has" : "has no") + " input standardisation; the"
                + " configuration " + (network.hasInputStandardization() ? "has" : "has none"));
      }
      optimizer.restoreState(state.optimizer());
      network.setParameters(state.parameters());
      if (state.inputMean() != null) {
        network.setInputStandardization(state.inputMean(), state.inputStd());
      }
      curve.addAll(state.curve());
      SolverStatistics counts = state.solverStatistics();
      setDiagnostics(counts.samples(), counts.regularized(), counts.clipped(), counts.indefinite(), counts.failed());
      lossSinceEvaluation = state.lossSinceEvaluation();
      stepsSinceEvaluation = state.stepsSinceEvaluation();
      betweenBranches = state.betweenBranchesFraction();
      skippedBatches = state.skippedBatches();
      trainingNanos = state.trainingNanos();
      restoredWallNanos = state.wallNanos();
      timers.restoreTotals(state.phaseNanos());
      if (!state.finished()) {
        for (long i = 0; i < state.batchesDrawn(); i++) {
          draw(0);
        }
      }
      batchesDrawn = state.batchesDrawn();
    }

    TrainingResult execute(TrainingState from) {
      if (from != null && from.finished()) {
        return result(from.step(), null, from.wallNanos());
      }
      long start = clock.monotonicTime() - restoredWallNanos;
      long lastCheckpoint = clock.monotonicTime();
      double timeLimitNanos = config.timeLimitSeconds() * 1e9;
      int first = from == null ? 1 : from.step() + 1;
      if (from == null) {
        evaluate(0, start);
      }
      boolean skip = config.onDivergence() == OnDivergence.SKIP_BATCH;
      StepUndo undo = skip ? new StepUndo(network.parameters(), optimizer, diagnostics) : null;
      int consecutiveSkips = 0;
      String divergence = null;
      int completed = first - 1;
      int evalEvery = config.effectiveEvalEvery();
      for (int step = first; step <= config.steps(); step++) {
        long iterationStart = clock.monotonicTime();
        if (skip) {
          undo.save();
        }
        Phase failedPhase;
        try {
          draw(step);
          switch (config.method()) {
            case SIP:
              failedPhase = sipIteration();
              break;
            case SUPERVISED:
              failedPhase = supervisedIteration();
              break;
            case DP:
            default:
              failedPhase = dpIteration();
              break;
          }
        } catch (RuntimeException e) {
          throw providerFailure("step " + step + ", " + (phase == null ? "drawing targets" : "phase " + phase.tag()), e);
        }
        batchesDrawn++;
        long iterationNanos = clock.monotonicTime() - iterationStart;
        if (failedPhase != null) {
          if (skip && consecutiveSkips < MAX_CONSECUTIVE_SKIPS) {
            undo.undo();
            skippedBatches++;
            consecutiveSkips++;
          } else {
            divergence =
                "training diverged at step "
                    + step
                    + " in phase "
                    + failedPhase.tag()
                    + " ("
                    + failure
                    + ")"
                    + (skip ? "; " + MAX_CONSECUTIVE_SKIPS + " batches in a row were dropped before (skip-batch)" : "")
                    + "; reporting the last finite evaluation, step "
                    + lastFinite().step();
            break;
          }
        } else {
          consecutiveSkips = 0;
        }
        timers.recordIteration(iterationNanos);
        listener.onIteration(name, step, iterationNanos);
        trainingNanos += iterationNanos;
        completed = step;
        long now = clock.monotonicTime();
        boolean outOfTime = now - start >= timeLimitNanos;
        boolean last = step == config.steps() || outOfTime;
        if (step % evalEvery == 0 || last) {
          evaluate(step, start);
          if (!isFinite(curve.get(curve.size() - 1))) {
            boolean network = firstNonFinite(testX, testX.length) >= 0;
            divergence =
                "training diverged by step "
                    + step
                    + " in phase "
                    + (network ? Phase.NN_FORWARD : Phase.PHYSICS_FORWARD).tag()
                    + " of the test-set evaluation ("
                    + (network ? "non-finite network output x" : "non-finite test y-loss or x-distance")
                    + "); reporting the last finite evaluation, step "
                    + lastFinite().step();
            break;
          }
          now = clock.monotonicTime();
        }
        if (last) {
          break;
        }
        if (checkpointing.isDue(step, now - lastCheckpoint)) {
          checkpointing.sink().accept(snapshot(step, false, now - start));
          lastCheckpoint = clock.monotonicTime();
        }
      }
      long wallNanos = clock.monotonicTime() - start;
      if (divergence == null && checkpointing.active()) {
        checkpointing.sink().accept(snapshot(completed, true, wallNanos));
      }
      return result(completed, divergence, wallNanos);
    }

    private TrainingResult result(int completed, String divergence, long wallNanos) {
      CurvePoint last = lastFinite();
      Map<String, Double> phases = timers.millisPerIteration(completed, p -> usesPhase(config.method(), p));
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
          wallNanos / 1e9,
          phases,
          divergence != null,
          divergence,
          curve,
          solver == null ? SolverStatistics.NONE : SolverStatistics.of(diagnostics),
          betweenBranches,
          network,
          config,
          skippedBatches);
    }

    private TrainingState snapshot(int step, boolean finished, long wallNanos) {
      return new TrainingState(
          step,
          batchesDrawn,
          finished,
          network.parameters(),
          network.inputMean(),
          network.inputStd(),
          optimizer.saveState(),
          curve,
          solver == null ? SolverStatistics.NONE : SolverStatistics.of(diagnostics),
          lossSinceEvaluation,
          stepsSinceEvaluation,
          betweenBranches,
          skippedBatches,
          trainingNanos,
          wallNanos,
          timers.totals());
    }

    /** Draws the next training batch into yStar (and xStar), checking it is finite. */
    private void draw(int step) {
      phase = null;
      if (config.method() == Method.SUPERVISED) {
        problem.sampleTrainingPairs(data, yStar, xStar, batch);
        requireFiniteDraws(xStar, "ground truth x*", step);
      } else {
        problem.sampleTargets(data, yStar, batch);
      }
      requireFiniteDraws(yStar, "training target y*", step);
    }

    private void requireFiniteDraws(double[] values, String what, int step) {
      int bad = firstNonFinite(values, values.length);
      if (bad >= 0) {
        throw new SipException(
            ErrorCode.PROVIDER_CONTRACT,
            "problem '" + problem.id() + "' drew a non-finite " + what + "[" + bad + "] = " + values[bad]
                + (step > 0 ? " at step " + step : "") + "; allowed: finite values");
      }
    }

    /** Wraps an exception thrown by a provider (or anything else) during a step or evaluation. */
    private SipException providerFailure(String where, RuntimeException e) {
      String who;
      if (phase == null) {
        who = "problem '" + problem.id() + "'";
      } else {
        switch (phase) {
          case INVERSE_SOLVE:
            who = "solver '" + solver.id() + "'";
            break;
          case OPTIMIZER_STEP:
            who = "optimizer '" + optimizer.id() + "'";
            break;
          case NN_FORWARD:
            who = "the network";
            break;
          case PHYSICS_FORWARD:
          case LOSS_BACKWARD:
          default:
            who = "problem '" + problem.id() + "'";
            break;
        }
      }
      if (e instanceof SipException) {
        SipException sip = (SipException) e;
        if (sip.code() == ErrorCode.PROVIDER_CONTRACT) {
          return sip;
        }
        return new SipException(sip.code(), where + ": " + who + ": " + sip.getMessage(), e);
      }
      return new SipException(
          ErrorCode.PROVIDER_CONTRACT,
          where + ": " + who + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }

    private void setDiagnostics(long samples, long regularized, long clipped, long indefinite, long failed) {
      Resumption.setDiagnostics(diagnostics, samples, regularized, clipped, indefinite, failed);
    }

    /** Backward pass into ∂L/∂θ and the optimizer update, with their checks; returns a failed phase or null. */
    private Phase backwardAndUpdate(long since, double[] outputGradient) {
      phase = Phase.LOSS_BACKWARD;
      network.backward(outputGradient, batch);
      long t = record(Phase.LOSS_BACKWARD, since);
      if (!allFinite(network.gradient(), network.parameterCount())) {
        failure = "non-finite gradient dL/dtheta";
        return Phase.LOSS_BACKWARD;
      }
      phase = Phase.OPTIMIZER_STEP;
      optimizer.step(network.parameters(), network.gradient());
      lastPhaseEnd = record(Phase.OPTIMIZER_STEP, t);
      if (!allFinite(network.parameters(), network.parameterCount())) {
        failure = "non-finite parameters theta after the update";
        return Phase.OPTIMIZER_STEP;
      }
      return null;
    }

    private Phase forward(long since) {
      phase = Phase.NN_FORWARD;
      network.forward(yStar, x, batch);
      lastPhaseEnd = record(Phase.NN_FORWARD, since);
      if (!allFinite(x, batch * n)) {
        failure = "non-finite network output x";
        return Phase.NN_FORWARD;
      }
      return null;
    }

    /** One supervised iteration; returns the phase that produced non-finite values, or null. */
    private Phase supervisedIteration() {
      Phase failed = forward(clock.monotonicTime());
      if (failed != null) {
        return failed;
      }
      long t1 = lastPhaseEnd;
      phase = Phase.LOSS_BACKWARD;
      int count = batch * n;
      double loss = 0;
      double scale = 1.0 / batch;
      for (int i = 0; i < count; i++) {
        double r = x[i] - xStar[i];
        loss += r * r;
        gradX[i] = r * scale;
      }
      if (!Double.isFinite(loss)) {
        record(Phase.LOSS_BACKWARD, t1);
        failure = "non-finite loss";
        return Phase.LOSS_BACKWARD;
      }
      failed = backwardAndUpdate(t1, gradX);
      if (failed != null) {
        return failed;
      }
      lossSinceEvaluation += 0.5 * loss * scale;
      stepsSinceEvaluation++;
      return null;
    }

    /** One SIP iteration; returns the phase that produced non-finite values, or null. */
    private Phase sipIteration() {
      Phase failed = forward(clock.monotonicTime());
      if (failed != null) {
        return failed;
      }
      long t1 = lastPhaseEnd;
      phase = Phase.PHYSICS_FORWARD;
      problem.forward(x, y, batch);
      double loss = yLoss.value(y, yStar, batch, m);
      yLoss.newtonTarget(y, yStar, config.eta(), target, batch, m);
      long t2 = record(Phase.PHYSICS_FORWARD, t1);
      if (!Double.isFinite(loss) || !allFinite(target, batch * m)) {
        failure = "non-finite y-loss or Newton target";
        return Phase.PHYSICS_FORWARD;
      }
      phase = Phase.INVERSE_SOLVE;
      int count = batch * n;
      java.util.Arrays.fill(dx, 0, count, Double.NaN); // a value the solver does not write stays NaN
      solver.step(x, y, target, dx, batch, diagnostics);
      long t3 = record(Phase.INVERSE_SOLVE, t2);
      int bad = firstNonFinite(dx, count);
      if (bad >= 0) {
        failure = "solver '" + solver.id() + "' returned dx[" + bad + "] = " + dx[bad] + " (NaN, infinite or not"
            + " written) for finite x, y and t";
        return Phase.INVERSE_SOLVE;
      }
      for (int i = 0; i < count; i++) {
        xTilde[i] = x[i] + dx[i];
      }
      long t = t3;
      for (int k = 0; k < config.nnUpdates(); k++) {
        if (k > 0) {
          failed = forward(t);
          if (failed != null) {
            return failed;
          }
          t = lastPhaseEnd;
        }
        phase = Phase.LOSS_BACKWARD;
        config.proxyLoss().gradient(x, xTilde, gradX, count, batch);
        failed = backwardAndUpdate(t, gradX);
        if (failed != null) {
          return failed;
        }
        t = lastPhaseEnd;
      }
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    /** One DP iteration; returns the phase that produced non-finite values, or null. */
    private Phase dpIteration() {
      Phase failed = forward(clock.monotonicTime());
      if (failed != null) {
        return failed;
      }
      long t1 = lastPhaseEnd;
      phase = Phase.PHYSICS_FORWARD;
      problem.forward(x, y, batch);
      double loss = yLoss.value(y, yStar, batch, m);
      long t2 = record(Phase.PHYSICS_FORWARD, t1);
      if (!Double.isFinite(loss)) {
        failure = "non-finite y-loss";
        return Phase.PHYSICS_FORWARD;
      }
      phase = Phase.LOSS_BACKWARD;
      yLoss.gradient(y, yStar, gradY, batch, m);
      double scale = 1.0 / batch;
      for (int i = 0, count = batch * m; i < count; i++) {
        gradY[i] *= scale;
      }
      problem.vectorJacobianProduct(x, gradY, gradX, batch);
      if (!allFinite(gradX, batch * n)) {
        record(Phase.LOSS_BACKWARD, t2);
        failure = "non-finite vector-Jacobian product";
        return Phase.LOSS_BACKWARD;
      }
      failed = backwardAndUpdate(t2, gradX);
      if (failed != null) {
        return failed;
      }
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    private long record(Phase p, long since) {
      long now = clock.monotonicTime();
      long nanos = now - since;
      timers.record(p, nanos);
      listener.onPhase(name, p, nanos);
      return now;
    }

    private void evaluate(int step, long start) {
      int size = config.testSetSize();
      double yLossValue;
      double xDistance = Double.NaN;
      try {
        phase = Phase.NN_FORWARD;
        network.forward(testTargets, testX, size);
        phase = Phase.PHYSICS_FORWARD;
        problem.forward(testX, testY, size);
        yLossValue = yLoss.value(testY, testTargets, size, m);
        double[] reference = null;
        if (solutions.isPresent()) {
          phase = null;
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
      } catch (RuntimeException e) {
        throw providerFailure("evaluation at step " + step, e);
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
      return PhaseTimers.lastFinite(curve, this::isFinite);
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
    return firstNonFinite(values, count) < 0;
  }

  /** The index of the first NaN or infinite value among the first {@code count}, or −1. */
  private static int firstNonFinite(double[] values, int count) {
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }
}
