package org.scaleinvariant.sip.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.RolloutProblem;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.app.sweep.RunExecutor;
import org.scaleinvariant.sip.app.sweep.RunSpec;
import org.scaleinvariant.sip.nn.Checkpointing;
import org.scaleinvariant.sip.nn.RolloutTrainer;
import org.scaleinvariant.sip.nn.Trainer;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;
import org.scaleinvariant.sip.nn.TrainingState;

/** Turns command-line options into problems, solvers and training runs, and runs them. */
final class Runs {
  private final ProviderRegistry<ProblemProvider> problems;
  private final Trainer trainer;
  private final RolloutTrainer rolloutTrainer;
  private final PrometheusMeterRegistry metrics;
  private final RunExecutor executor;

  @Inject
  Runs(
      ProviderRegistry<ProblemProvider> problems,
      SolverRegistry solvers,
      Trainer trainer,
      RolloutTrainer rolloutTrainer,
      PrometheusMeterRegistry metrics) {
    this.problems = problems;
    this.trainer = trainer;
    this.rolloutTrainer = rolloutTrainer;
    this.metrics = metrics;
    this.executor = new RunExecutor(problems, solvers, trainer, rolloutTrainer);
  }

  /**
   * Runs {@link RunSpec}s with this process's providers (plugins included) and trainer, so their
   * timers appear in {@link #metricsText()}.
   *
   * @return the executor
   */
  RunExecutor executor() {
    return executor;
  }

  /**
   * The timers recorded so far (per phase and iteration, tagged by run), in the Prometheus text
   * exposition format.
   *
   * @return the text
   */
  String metricsText() {
    return metrics.scrape();
  }

  /**
   * A run that is ready to start: the problem, its solver (SIP) and the settings; for a rollout
   * problem also the factory that creates the solver on the rollout trainer's control-sequence view
   * (the solver given is then bound to the rollout's own open-loop view and only checks the options).
   */
  record Planned(
      String name,
      Problem problem,
      InverseSolver solver,
      TrainingConfig config,
      Function<Problem, InverseSolver> solverFactory) {}

  /**
   * Creates the problem the options name.
   *
   * @param options the problem options
   * @return the problem
   */
  Problem problem(ProblemOptions options) {
    return problem(options.problem, options.toOptions());
  }

  /**
   * The declared parameters of a problem provider.
   *
   * @param id the problem id (case-insensitive)
   * @return the parameters
   */
  List<ParameterSpec> problemParameters(String id) {
    return problems.get(id.trim().toLowerCase(Locale.ROOT)).parameters();
  }

  /**
   * Creates a problem.
   *
   * @param id the problem id (case-insensitive)
   * @param parameters its parameters
   * @return the problem
   */
  Problem problem(String id, Options parameters) {
    return executor.problem(id, parameters);
  }

  /**
   * Plans a run.
   *
   * @param name the run's name (timer tag, file names)
   * @param problem the problem
   * @param config the settings
   * @param solverId the requested solver, or null for the default
   * @param solverOptions the solver's options
   * @return the planned run; the solver is null for DP training
   */
  Planned plan(String name, Problem problem, TrainingConfig config, String solverId, Map<String, String> solverOptions) {
    return new Planned(
        name,
        problem,
        executor.solver(problem, config.method(), solverId, solverOptions),
        config,
        executor.solverFactory(problem, config.method(), solverId, solverOptions));
  }

  /**
   * Runs a planned run: a {@link RolloutProblem} with the {@link RolloutTrainer} (closed loop), any
   * other problem with the {@link Trainer}.
   *
   * @param run the run
   * @param listener progress events
   * @return the result
   */
  TrainingResult execute(Planned run, TrainingListener listener) {
    if (run.problem() instanceof RolloutProblem) {
      return rolloutTrainer.train(
          run.name(), (RolloutProblem) run.problem(), run.solverFactory(), run.config(), listener);
    }
    return trainer.train(run.name(), run.problem(), run.solver(), run.config(), listener);
  }

  /**
   * Runs a planned run from a saved state (or afresh), handing out checkpoints.
   *
   * @param run the run
   * @param listener progress events
   * @param from the state to continue from, or null
   * @param checkpointing when and where snapshots go
   * @return the result
   */
  TrainingResult execute(Planned run, TrainingListener listener, TrainingState from, Checkpointing checkpointing) {
    if (run.problem() instanceof RolloutProblem) {
      return rolloutTrainer.train(run.name(), (RolloutProblem) run.problem(), run.solverFactory(), run.config(),
          listener, from, checkpointing);
    }
    return trainer.train(run.name(), run.problem(), run.solver(), run.config(), listener, from, checkpointing);
  }
}
