package org.scaleinvariant.sip.nn;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.scaleinvariant.sip.api.Checkpoints;
import org.scaleinvariant.sip.api.ControlSequenceProblem;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.RolloutProblem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.api.YLoss;

/**
 * Trains a {@link DenseNetwork} that acts at every step of a {@link RolloutProblem} (closed-loop
 * control), by SIP or DP training, single-threaded: SIP over time, the chapter's section
 * "Iterations and time dependence" (Holl, Koltun, Thuerey, NeurIPS 2022).
 *
 * <h2>The rollout</h2>
 *
 * For a batch of B tasks (start state s_0 and targets y*, drawn fresh by {@link
 * RolloutProblem#sampleTasks}), for t = 0 … T−1:
 *
 * <pre>
 *   u_t     = f(i_t; θ),   i_t = (s_t, y*, (T − t)/T)      (network input size S + m + 1)
 *   s_{t+1} = P(s_t, u_t)
 * </pre>
 *
 * The network input is the current state, all targets of the task (unless the problem hides them:
 * correction tasks, {@link RolloutProblem#targetsAreNetworkInput()}) and the fraction of the
 * horizon that remains (a finite-horizon policy depends on the time to go). The observations y (size m)
 * are the observed state components at the checkpoints ({@link Checkpoints}). One parameter array
 * θ serves every step; each step's activations are kept in its own {@link
 * DenseNetwork#workspace() workspace} for backpropagation through time.
 *
 * <h2>One DP iteration</h2>
 *
 * {@code L = (1/B) Σ_b ℓ(y_b, y*_b)} with the configured y-loss (a sum over the checkpoints),
 * back-propagated through the whole rollout: through the physics ({@link
 * RolloutProblem#stepVectorJacobianProduct}) and through the network at every step, including the
 * network's dependence on the state ({@link DenseNetwork#backwardAccumulate}'s input gradient).
 *
 * <h2>One SIP iteration</h2>
 *
 * <ol>
 *   <li>the closed-loop rollout above — phases {@code nn.forward} (the network's share) and {@code
 *       physics.forward} (the transitions, the y-loss and its Newton step {@code t = y + Δy})
 *   <li>per task (one solver call each, batch 1), the inverse solver on the {@link
 *       ControlSequenceProblem} conditioned on the task's start state computes the update Δu of the whole control sequence {@code u = (u_0, …,
 *       u_{T−1})} (n = T·U) that moves the final state (and waypoints) towards t — {@code
 *       inverse.solve}
 *   <li>the proxy loss {@code L = (1/B) Σ_b Σ_t ½‖u_{b,t} − ũ_{b,t}‖²}, {@code ũ = u + Δu} held
 *       constant (or the L1 proxy), back-propagated through the network at every step and through
 *       the state chain (u_t depends on θ directly and through s_t) — {@code loss.backward}
 *   <li>{@code θ ← optimizer(θ, ∂L/∂θ, η_NN)} — {@code optimizer.step}
 * </ol>
 *
 * With {@code nnUpdates = K > 1}, the rollout, steps 3 and 4 repeat K times towards the same ũ.
 * The solver is created once, on a view that the trainer owns and re-conditions every iteration;
 * nothing is allocated per iteration (the solver may allocate inside, e.g. Hipparchus'
 * eigen-decompositions for n &gt; 2).
 *
 * <h2>Metrics</h2>
 *
 * Every {@link TrainingConfig#effectiveEvalEvery()} steps (and at step 0 and at the end) the
 * network is rolled out in closed loop on a fixed set of {@link TrainingConfig#testSetSize()} tasks
 * drawn with {@link Trainer#TEST_SET_SEED} ({@link Trainer#VALIDATION_SET_SEED} for the
 * validation set). {@link CurvePoint#testGoalDistance()} is the mean Euclidean distance of the
 * final checkpoint's observed state components to the goal, {@code (1/N) Σ_b ‖s_T[observed] −
 * g_b‖}; {@link CurvePoint#testYLoss()} the mean y-loss over all checkpoints; the x-distance is NaN
 * (a control sequence has no unique exact solution to measure against). The JSON key of the metric
 * is {@code testGoalDistance}.
 *
 * <h2>Timers, determinism, divergence</h2>
 *
 * As {@link Trainer}: Micrometer timers {@value Phase#TIMER_NAME} (tags {@code phase}, {@code run};
 * each phase recorded once per iteration with its total time; the listener's {@link
 * TrainingListener#onPhase} is called for every slice instead, as the network and physics phases
 * alternate T times per rollout) and {@value
 * Phase#ITERATION_TIMER_NAME}; the seed splits into the initialisation and the task generators;
 * NaN or infinity stops the run, which then reports the last finite evaluation. The input
 * standardisation of {@link TrainingConfig#standardizeInput()} is not available here (the inputs
 * are states and targets of order 1): {@code true} is rejected, null and false mean none.
 *
 * <p>A trainer is stateless apart from its registry and may run several trainings concurrently.
 */
public final class RolloutTrainer {
  private final MeterRegistry registry;

  /**
   * Creates a trainer.
   *
   * @param registry where the phase timers are recorded
   */
  public RolloutTrainer(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * The network input size for a rollout problem: {@code S + m + 1} (state, targets, time to go),
   * or {@code S + 1} if the problem hides its targets from the network ({@link
   * RolloutProblem#targetsAreNetworkInput()}, correction tasks).
   *
   * @param problem the problem
   * @return the input size
   */
  public static int networkInputSize(RolloutProblem problem) {
    return problem.stateSize() + inputTargetSize(problem) + 1;
  }

  /**
   * How many target values the network reads: m, or 0 if the problem hides its targets.
   *
   * @param problem the problem
   * @return m or 0
   */
  public static int inputTargetSize(RolloutProblem problem) {
    return problem.targetsAreNetworkInput() ? problem.outputSize() : 0;
  }

  /**
   * Writes the network inputs of step t: {@code (s_t, y*, (T − t)/T)} per sample (without y* if
   * {@code targetSize} is 0).
   *
   * @param state the states s_t, shape [B, S]
   * @param targets the targets y*, shape [B, targetSize]
   * @param input receives the inputs, shape [B, S + targetSize + 1]
   * @param step t in [0, T)
   * @param horizon T
   * @param stateSize S
   * @param targetSize m, or 0 to leave the targets out ({@link #inputTargetSize})
   * @param batch B
   */
  public static void networkInput(
      double[] state, double[] targets, double[] input, int step, int horizon, int stateSize, int targetSize,
      int batch) {
    int width = stateSize + targetSize + 1;
    double remaining = (double) (horizon - step) / horizon;
    for (int b = 0; b < batch; b++) {
      int row = b * width;
      System.arraycopy(state, b * stateSize, input, row, stateSize);
      System.arraycopy(targets, b * targetSize, input, row + stateSize, targetSize);
      input[row + width - 1] = remaining;
    }
  }

  /**
   * Runs one training.
   *
   * @param run the run's name, used as the {@code run} tag of the timers
   * @param problem the rollout problem
   * @param solvers creates the inverse solver on the trainer's {@link ControlSequenceProblem}
   *     (required for SIP, e.g. {@code view -> provider.create(view, options)}; ignored for DP, may
   *     be null then)
   * @param config the settings (method SIP or DP)
   * @param listener receives progress events, or null
   * @return the result; never null, also when the run diverged
   * @throws SipException {@link ErrorCode#UNSUPPORTED} for supervised training or input
   *     standardisation, {@link ErrorCode#INVALID_ARGUMENT} if SIP is requested without a solver
   *     factory or the solver is bound to another problem, {@link ErrorCode#UNKNOWN_ID} for an
   *     unknown optimizer
   */
  public TrainingResult train(
      String run,
      RolloutProblem problem,
      Function<? super Problem, ? extends InverseSolver> solvers,
      TrainingConfig config,
      TrainingListener listener) {
    return train(run, problem, solvers, config, listener, null, Checkpointing.NONE);
  }

  /**
   * Runs one training, or continues one from a saved state, handing out snapshots of its state
   * (checkpoints), exactly as {@link Trainer#train(String, Problem, InverseSolver, TrainingConfig,
   * TrainingListener, TrainingState, Checkpointing)} does for single-step problems: a run resumed
   * from step k ends with the same parameters and curve values, bit for bit, as one that was never
   * interrupted (the task generator is advanced by replaying the state's draws).
   *
   * @param run the run's name, used as the {@code run} tag of the timers
   * @param problem the rollout problem (for a resumed run: equal to the one the state was saved from)
   * @param solvers creates the inverse solver on the trainer's {@link ControlSequenceProblem}
   *     (required for SIP)
   * @param config the settings (for a resumed run: the ones the state was saved with)
   * @param listener receives progress events, or null
   * @param from the state to continue from, or null to start afresh; a {@link
   *     TrainingState#finished() finished} state trains nothing and returns its result
   * @param checkpointing when and where snapshots go ({@link Checkpointing#NONE} for none)
   * @return the result; never null, also when the run diverged
   * @throws SipException as {@link #train(String, RolloutProblem, Function, TrainingConfig,
   *     TrainingListener)}, and {@link ErrorCode#INVALID_ARGUMENT} if the state does not fit the
   *     configuration (parameter count, optimizer, standardisation, step beyond the configured
   *     steps); whatever the checkpoint sink throws
   */
  public TrainingResult train(
      String run,
      RolloutProblem problem,
      Function<? super Problem, ? extends InverseSolver> solvers,
      TrainingConfig config,
      TrainingListener listener,
      TrainingState from,
      Checkpointing checkpointing) {
    Objects.requireNonNull(checkpointing, "checkpointing");
    if (config.method() == Method.SUPERVISED) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "supervised training needs ground-truth controls; rollout problem '" + problem.id()
              + "' has none; allowed: sip or a DP optimizer");
    }
    if (Boolean.TRUE.equals(config.standardizeInput())) {
      throw new SipException(
          ErrorCode.UNSUPPORTED,
          "input standardisation is not available for rollout problem '" + problem.id() + "'; allowed: auto or off");
    }
    if (config.method() == Method.SIP && solvers == null) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "SIP training needs an inverse solver; none given");
    }
    Run r = new Run(run, problem, solvers, config, listener, checkpointing);
    if (from != null) {
      r.restore(from);
    }
    return r.execute(from);
  }

  /** The state of one run: network and its step workspaces, optimizer, buffers, timers. */
  private final class Run {
    private final String name;
    private final RolloutProblem problem;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final YLoss yLoss;
    private final Checkpoints checkpoints;
    private final int stateSize;
    private final int controlSize;
    private final int horizon;
    private final int m;
    private final int n;
    private final int width;
    private final int batch;
    private final DenseNetwork network;
    private final ClosedLoopRollout rollout;
    private final Optimizer optimizer;
    private final SplittableRandom data;
    private final ControlSequenceProblem view;
    private final InverseSolver solver;
    private final SolverDiagnostics diagnostics = new SolverDiagnostics();
    private final Clock clock;
    private final PhaseTimers timers;
    private final long[] iterationPhaseNanos = new long[Phase.values().length];
    private final List<CurvePoint> curve = new ArrayList<>();

    // training buffers, batch-first (the rollout's own are in ClosedLoopRollout)
    private final double[] start;
    private final double[] targets;
    private final double[] y;
    private final double[] sequence;
    private final double[] newtonTarget;
    private final double[] gradY;
    private final double[] dx;
    private final double[] sequenceTilde;
    private final double[] gradSequence;
    private final double[] rowX;
    private final double[] rowY;
    private final double[] rowTarget;
    private final double[] rowDx;

    // evaluation buffers
    private final int testSize;
    private final double[] testStart;
    private final double[] testTargets;
    private double[] testState;
    private double[] testNext;
    private final double[] testInput;
    private final double[] testControl;
    private final double[] testY;

    private final Checkpointing checkpointing;
    private long trainingNanos;
    private double lossSinceEvaluation;
    private int stepsSinceEvaluation;
    private long batchesDrawn;
    private long restoredWallNanos;
    private int skippedBatches;

    Run(
        String name,
        RolloutProblem problem,
        Function<? super Problem, ? extends InverseSolver> solvers,
        TrainingConfig config,
        TrainingListener listener,
        Checkpointing checkpointing) {
      this.name = name;
      this.problem = problem;
      this.checkpointing = checkpointing;
      this.config = config;
      this.listener = listener == null ? TrainingListener.NONE : listener;
      this.yLoss = config.yLoss();
      this.checkpoints = Checkpoints.of(problem);
      this.stateSize = problem.stateSize();
      this.controlSize = problem.controlSize();
      this.horizon = problem.horizon();
      this.m = checkpoints.size();
      this.n = horizon * controlSize;
      this.width = networkInputSize(problem);
      this.batch = config.batch();

      SplittableRandom root = new SplittableRandom(config.seed());
      SplittableRandom init = root.split();
      this.data = root.split();

      List<Integer> hidden = config.hidden() != null ? config.hidden() : problem.defaultHiddenLayers();
      network = DenseNetwork.of(width, hidden, controlSize, config.activation());
      Initialization scheme =
          config.initialization() != null
              ? config.initialization()
              : Initialization.defaultFor(config.activation());
      network.initialize(scheme, init);
      optimizer =
          Optimizers.create(config.optimizer(), network.parameterCount(), config.effectiveLearningRate(problem));

      if (config.method() == Method.SIP) {
        view = new ControlSequenceProblem(problem, 1);
        solver = solvers.apply(view);
        if (solver == null || solver.problem() != view) {
          throw new SipException(
              ErrorCode.INVALID_ARGUMENT,
              "the inverse solver must be created for the trainer's control-sequence view of '" + problem.id()
                  + "'; got " + (solver == null ? "none" : "one bound to " + solver.problem()));
        }
      } else {
        view = null;
        solver = null;
      }

      clock = registry.config().clock();
      timers = new PhaseTimers(registry, name, "time of one training phase per iteration");

      rollout = new ClosedLoopRollout(problem, network, batch, clock, this::add);
      start = rollout.start();
      targets = rollout.targets();
      y = rollout.observations();
      sequence = rollout.sequence();
      newtonTarget = new double[batch * m];
      gradY = new double[batch * m];
      dx = new double[batch * n];
      sequenceTilde = new double[batch * n];
      gradSequence = new double[batch * n];
      rowX = new double[n];
      rowY = new double[m];
      rowTarget = new double[m];
      rowDx = new double[n];

      testSize = config.testSetSize();
      testStart = new double[testSize * stateSize];
      testTargets = new double[testSize * m];
      long seed =
          config.evaluationSet() == TrainingConfig.EvaluationSet.TEST
              ? Trainer.TEST_SET_SEED
              : Trainer.VALIDATION_SET_SEED;
      problem.sampleTasks(new SplittableRandom(seed), testStart, testTargets, testSize);
      testState = new double[testSize * stateSize];
      testNext = new double[testSize * stateSize];
      testInput = new double[testSize * width];
      testControl = new double[testSize * controlSize];
      testY = new double[testSize * m];
    }

    /**
     * Puts the run into a saved state: θ, optimizer, curve and counters, and the task generator
     * advanced by replaying the state's draws.
     */
    void restore(TrainingState state) {
      Resumption.requireFits(state, network, config.steps());
      if (state.inputMean() != null) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT, "saved state has input standardisation; rollout training uses none");
      }
      optimizer.restoreState(state.optimizer());
      network.setParameters(state.parameters());
      curve.addAll(state.curve());
      SolverStatistics counts = state.solverStatistics();
      Resumption.setDiagnostics(
          diagnostics, counts.samples(), counts.regularized(), counts.clipped(), counts.indefinite(), counts.failed());
      lossSinceEvaluation = state.lossSinceEvaluation();
      stepsSinceEvaluation = state.stepsSinceEvaluation();
      skippedBatches = state.skippedBatches();
      trainingNanos = state.trainingNanos();
      restoredWallNanos = state.wallNanos();
      timers.restoreTotals(state.phaseNanos());
      if (!state.finished()) {
        for (long i = 0; i < state.batchesDrawn(); i++) {
          problem.sampleTasks(data, start, targets, batch);
        }
      }
      batchesDrawn = state.batchesDrawn();
    }

    TrainingResult execute(TrainingState from) {
      if (from != null && from.finished()) {
        return result(from.step(), null, from.wallNanos());
      }
      long begin = clock.monotonicTime() - restoredWallNanos;
      long lastCheckpoint = clock.monotonicTime();
      double timeLimitNanos = config.timeLimitSeconds() * 1e9;
      int first = from == null ? 1 : from.step() + 1;
      if (from == null) {
        evaluate(0, begin);
      }
      String divergence = null;
      int completed = first - 1;
      int evalEvery = config.effectiveEvalEvery();
      // --on-divergence skip-batch: θ, optimizer state and solver counters before each step, to go back to
      boolean skip = config.onDivergence() == OnDivergence.SKIP_BATCH;
      StepUndo undo = skip ? new StepUndo(network.parameters(), optimizer, diagnostics) : null;
      int consecutiveSkips = 0;
      for (int step = first; step <= config.steps(); step++) {
        long iterationStart = clock.monotonicTime();
        Arrays.fill(iterationPhaseNanos, 0L);
        if (skip) {
          undo.save();
        }
        problem.sampleTasks(data, start, targets, batch);
        batchesDrawn++;
        Phase failedPhase = config.method() == Method.SIP ? sipIteration() : dpIteration();
        long iterationNanos = clock.monotonicTime() - iterationStart;
        recordPhases();
        if (failedPhase != null) {
          if (skip && consecutiveSkips < Trainer.MAX_CONSECUTIVE_SKIPS) {
            undo.undo();
            skippedBatches++;
            consecutiveSkips++;
          } else {
            divergence =
                "training diverged at step " + step + " in phase " + failedPhase.tag() + " (NaN or infinite values)"
                    + (skip ? "; " + Trainer.MAX_CONSECUTIVE_SKIPS + " batches in a row were dropped before (skip-batch)"
                        : "")
                    + "; reporting the last finite evaluation, step " + lastFinite().step();
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
        boolean outOfTime = now - begin >= timeLimitNanos;
        boolean last = step == config.steps() || outOfTime;
        if (step % evalEvery == 0 || last) {
          evaluate(step, begin);
          if (!isFinite(curve.get(curve.size() - 1))) {
            divergence =
                "training diverged by step " + step
                    + " (test metrics are NaN or infinite); reporting the last finite evaluation, step "
                    + lastFinite().step();
            break;
          }
          now = clock.monotonicTime();
        }
        if (last) {
          break;
        }
        if (checkpointing.isDue(step, now - lastCheckpoint)) {
          checkpointing.sink().accept(snapshot(step, false, now - begin));
          lastCheckpoint = clock.monotonicTime();
        }
      }
      long wallNanos = clock.monotonicTime() - begin;
      if (divergence == null && checkpointing.active()) {
        checkpointing.sink().accept(snapshot(completed, true, wallNanos));
      }
      return result(completed, divergence, wallNanos);
    }

    private TrainingResult result(int completed, String divergence, long wallNanos) {
      CurvePoint last = lastFinite();
      Map<String, Double> phases = timers.millisPerIteration(completed, this::usesPhase);
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
          Double.NaN,
          last.testYLoss(),
          last.trainLoss(),
          completed == 0 ? 0.0 : trainingNanos / 1e6 / completed,
          wallNanos / 1e9,
          phases,
          divergence != null,
          divergence,
          curve,
          solver == null ? SolverStatistics.NONE : SolverStatistics.of(diagnostics),
          Double.NaN,
          network,
          config,
          skippedBatches,
          last.testGoalDistance());
    }

    private TrainingState snapshot(int step, boolean finished, long wallNanos) {
      return new TrainingState(
          step,
          batchesDrawn,
          finished,
          network.parameters(),
          null,
          null,
          optimizer.saveState(),
          curve,
          solver == null ? SolverStatistics.NONE : SolverStatistics.of(diagnostics),
          lossSinceEvaluation,
          stepsSinceEvaluation,
          Double.NaN,
          skippedBatches,
          trainingNanos,
          wallNanos,
          timers.totals());
    }

    private boolean usesPhase(Phase phase) {
      return config.method() == Method.SIP || phase != Phase.INVERSE_SOLVE;
    }

    /** The closed-loop rollout of the current tasks (its slices are reported to {@link #add}). */
    private Phase rollout() {
      return rollout.forward();
    }

    /** One DP iteration; returns the phase that produced non-finite values, or null. */
    private Phase dpIteration() {
      Phase failed = rollout();
      if (failed != null) {
        return failed;
      }
      long now = clock.monotonicTime();
      double loss = yLoss.value(y, targets, batch, m);
      now = spend(Phase.PHYSICS_FORWARD, now);
      if (!Double.isFinite(loss)) {
        return Phase.PHYSICS_FORWARD;
      }
      yLoss.gradient(y, targets, gradY, batch, m);
      double scale = 1.0 / batch;
      for (int i = 0, count = batch * m; i < count; i++) {
        gradY[i] *= scale;
      }
      rollout.backward(gradY, null);
      now = spend(Phase.LOSS_BACKWARD, now);
      if (!ClosedLoopRollout.allFinite(network.gradient(), network.parameterCount())) {
        return Phase.LOSS_BACKWARD;
      }
      optimizer.step(network.parameters(), network.gradient());
      spend(Phase.OPTIMIZER_STEP, now);
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    /** One SIP iteration; returns the phase that produced non-finite values, or null. */
    private Phase sipIteration() {
      Phase failed = rollout();
      if (failed != null) {
        return failed;
      }
      long now = clock.monotonicTime();
      double loss = yLoss.value(y, targets, batch, m);
      yLoss.newtonTarget(y, targets, config.eta(), newtonTarget, batch, m);
      now = spend(Phase.PHYSICS_FORWARD, now);
      if (!Double.isFinite(loss) || !ClosedLoopRollout.allFinite(newtonTarget, batch * m)) {
        return Phase.PHYSICS_FORWARD;
      }
      rollout.gatherSequence();
      solvePerTask();
      now = spend(Phase.INVERSE_SOLVE, now);
      if (!ClosedLoopRollout.allFinite(dx, batch * n)) {
        return Phase.INVERSE_SOLVE;
      }
      for (int i = 0, count = batch * n; i < count; i++) {
        sequenceTilde[i] = sequence[i] + dx[i];
      }
      for (int k = 0; k < config.nnUpdates(); k++) {
        if (k > 0) {
          failed = rollout();
          if (failed != null) {
            return failed;
          }
          rollout.gatherSequence();
          now = clock.monotonicTime();
        }
        config.proxyLoss().gradient(sequence, sequenceTilde, gradSequence, batch * n, batch);
        rollout.backward(null, gradSequence);
        now = spend(Phase.LOSS_BACKWARD, now);
        if (!ClosedLoopRollout.allFinite(network.gradient(), network.parameterCount())) {
          return Phase.LOSS_BACKWARD;
        }
        optimizer.step(network.parameters(), network.gradient());
        now = spend(Phase.OPTIMIZER_STEP, now);
      }
      lossSinceEvaluation += loss;
      stepsSinceEvaluation++;
      return null;
    }

    /**
     * Δu of every task: the view conditioned on the task's start state, the solver on its row (see
     * {@link ControlSequenceProblem}'s pitfall: a batch call would let a per-sample solver see the
     * first task's start for all).
     */
    private void solvePerTask() {
      for (int b = 0; b < batch; b++) {
        view.setStartState(start, b);
        System.arraycopy(sequence, b * n, rowX, 0, n);
        System.arraycopy(y, b * m, rowY, 0, m);
        System.arraycopy(newtonTarget, b * m, rowTarget, 0, m);
        solver.step(rowX, rowY, rowTarget, rowDx, 1, diagnostics);
        System.arraycopy(rowDx, 0, dx, b * n, n);
      }
    }

    /** Adds the time since {@code since} to a phase of this iteration; returns now. */
    private long spend(Phase phase, long since) {
      long now = clock.monotonicTime();
      add(phase, now - since);
      return now;
    }

    /**
     * One timed slice of a phase: added to this iteration's total of the phase and reported to the
     * listener at once (so per-phase probes, e.g. allocation, see the slices in order).
     */
    private void add(Phase phase, long nanos) {
      iterationPhaseNanos[phase.ordinal()] += nanos;
      listener.onPhase(name, phase, nanos);
    }

    /** Records each phase of the method once in its timer, with its total time in this iteration. */
    private void recordPhases() {
      for (Phase phase : Phase.values()) {
        if (!usesPhase(phase)) {
          continue;
        }
        timers.record(phase, iterationPhaseNanos[phase.ordinal()]);
      }
    }

    private void evaluate(int step, long begin) {
      System.arraycopy(testStart, 0, testState, 0, testSize * stateSize);
      for (int t = 0; t < horizon; t++) {
        networkInput(testState, testTargets, testInput, t, horizon, stateSize, inputTargetSize(problem), testSize);
        network.forward(testInput, testControl, testSize);
        problem.step(testState, testControl, testNext, testSize);
        checkpoints.observe(t + 1, testNext, testY, testSize);
        double[] swap = testState;
        testState = testNext;
        testNext = swap;
      }
      double yLossValue = yLoss.value(testY, testTargets, testSize, m);
      int last = checkpoints.count() - 1;
      int offset = checkpoints.offset(last);
      int goalWidth = checkpoints.width(last);
      double sum = 0;
      for (int b = 0; b < testSize; b++) {
        double squares = 0;
        for (int c = 0; c < goalWidth; c++) {
          double d = testY[b * m + offset + c] - testTargets[b * m + offset + c];
          squares += d * d;
        }
        sum += Math.sqrt(squares);
      }
      double trainLoss = stepsSinceEvaluation == 0 ? Double.NaN : lossSinceEvaluation / stepsSinceEvaluation;
      lossSinceEvaluation = 0;
      stepsSinceEvaluation = 0;
      CurvePoint point =
          new CurvePoint(
              step,
              trainingNanos / 1e9,
              (clock.monotonicTime() - begin) / 1e9,
              trainLoss,
              Double.NaN,
              yLossValue,
              sum / testSize);
      curve.add(point);
      listener.onEvaluation(name, point, config.steps());
    }

    private CurvePoint lastFinite() {
      return PhaseTimers.lastFinite(curve, this::isFinite);
    }

    private boolean isFinite(CurvePoint point) {
      return Double.isFinite(point.testYLoss()) && Double.isFinite(point.testGoalDistance());
    }
  }
}
