package org.scaleinvariant.sip.app.sweep;

import org.scaleinvariant.sip.nn.RolloutTrainer;

import org.scaleinvariant.sip.api.RolloutProblem;

import java.util.function.Function;

import org.scaleinvariant.sip.api.Provider;

import org.scaleinvariant.sip.api.InverseSolverProvider;

import org.scaleinvariant.sip.api.ErrorCode;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.Trainer;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Trains the run a {@link RunSpec} describes: the problem and the inverse solver come from provider
 * registries, the configuration from the spec's settings, and the {@link Trainer} runs it on the
 * calling thread (single-threaded, so the result depends on the spec alone).
 *
 * <p>The command line builds one over its registries (its own providers and the plugins'); a class
 * path without the command line (a Spark executor) uses {@link #onClassPath}, which finds the
 * providers through {@code META-INF/services} with {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe if the providers are (the registries are read-only, the trainer is stateless apart
 * from its meter registry).
 */
public final class RunExecutor {
  private final ProviderRegistry<ProblemProvider> problems;
  private final SolverRegistry solvers;
  private final Trainer trainer;
  private final RolloutTrainer rolloutTrainer;

  /**
   * Creates an executor.
   *
   * @param problems the problem providers
   * @param solvers the inverse-solver providers
   * @param trainer the trainer (its meter registry receives the runs' timers)
   * @param rolloutTrainer the closed-loop trainer of {@link RolloutProblem}s
   */
  public RunExecutor(
      ProviderRegistry<ProblemProvider> problems,
      SolverRegistry solvers,
      Trainer trainer,
      RolloutTrainer rolloutTrainer) {
    this.problems = Objects.requireNonNull(problems, "problems");
    this.solvers = Objects.requireNonNull(solvers, "solvers");
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.rolloutTrainer = Objects.requireNonNull(rolloutTrainer, "rolloutTrainer");
  }

  /**
   * An executor over the providers that {@link java.util.ServiceLoader} finds through the thread's
   * context class loader (on a Spark executor: the job jar and the jars shipped with it).
   *
   * @param registry where the runs' timers go
   * @return the executor
   * @throws SipException {@link org.scaleinvariant.sip.api.ErrorCode#DUPLICATE_ID} if two providers
   *     share an id
   */
  public static RunExecutor onClassPath(MeterRegistry registry) {
    return new RunExecutor(
        Registries.discoverProblems(), Registries.discoverSolvers(), new Trainer(registry), new RolloutTrainer(registry));
  }

  /**
   * The problem providers.
   *
   * @return the registry
   */
  public ProviderRegistry<ProblemProvider> problems() {
    return problems;
  }

  /**
   * Creates a problem.
   *
   * @param id the problem provider's id (case-insensitive)
   * @param parameters its parameters
   * @return the problem
   * @throws SipException {@link org.scaleinvariant.sip.api.ErrorCode#UNKNOWN_ID} for an unknown id,
   *     or the provider's error for invalid parameters
   */
  public Problem problem(String id, Options parameters) {
    ProblemProvider provider = problems.get(id.trim().toLowerCase(Locale.ROOT));
    return create(() -> provider.create(parameters), provider, "problem");
  }

  /**
   * The inverse solver of a run: for SIP, the requested one (or the problem's preferred one)
   * created with the options; none for DP and supervised training.
   *
   * @param problem the problem the solver is bound to
   * @param method the training method
   * @param solverId the requested solver (case-insensitive), or null for the default
   * @param solverOptions the solver's options
   * @return the solver, or null unless the method is SIP
   * @throws SipException if the solver is unknown, does not support the problem, or rejects its
   *     options
   */
  public InverseSolver solver(Problem problem, Method method, String solverId, Map<String, String> solverOptions) {
    if (method != Method.SIP) {
      return null;
    }
    InverseSolverProvider provider =
        solvers.select(problem, solverId == null ? null : solverId.trim().toLowerCase(Locale.ROOT));
    return create(() -> provider.create(problem, Options.of(solverOptions)), provider, "solver");
  }

  /**
   * For a rollout problem trained by SIP: the factory that creates the solver on the rollout
   * trainer's control-sequence views (see {@link RolloutTrainer}); null otherwise.
   *
   * @param problem the problem
   * @param method the training method
   * @param solverId the requested solver (case-insensitive), or null for the default
   * @param solverOptions the solver's options
   * @return the factory, or null
   */
  public Function<Problem, InverseSolver> solverFactory(
      Problem problem, Method method, String solverId, Map<String, String> solverOptions) {
    if (method != Method.SIP || !(problem instanceof RolloutProblem)) {
      return null;
    }
    InverseSolverProvider provider =
        solvers.select(problem, solverId == null ? null : solverId.trim().toLowerCase(Locale.ROOT));
    Options options = Options.of(solverOptions);
    return view -> create(() -> provider.create(view, options), provider, "solver");
  }

  /**
   * Runs a provider's factory. A provider (perhaps a plugin) that throws anything but a {@link
   * SipException}, or returns null, broke its contract: that becomes a one-line {@link
   * ErrorCode#PROVIDER_CONTRACT} error naming it and where it came from.
   */
  private static <T> T create(Supplier<T> factory, Provider provider, String what) {
    T made;
    try {
      made = factory.get();
    } catch (SipException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SipException(ErrorCode.PROVIDER_CONTRACT, what + " provider '" + provider.id() + "' ("
          + Registries.origin(provider) + ") failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    if (made == null) {
      throw new SipException(ErrorCode.PROVIDER_CONTRACT, what + " provider '" + provider.id() + "' ("
          + Registries.origin(provider) + ") returned no " + what + "; allowed: a " + what + " or a SipException");
    }
    return made;
  }

  /**
   * Trains the run a spec describes.
   *
   * @param spec the run
   * @param listener progress events
   * @return the trainer's result (also when the run diverged)
   * @throws SipException for a spec the providers reject, or an error of a provider during training
   */
  public TrainingResult train(RunSpec spec, TrainingListener listener) {
    Problem problem = problem(spec.problem(), Options.of(spec.problemParameters()));
    TrainingConfig config = spec.settings().toConfig();
    if (problem instanceof RolloutProblem) {
      return rolloutTrainer.train(spec.name(), (RolloutProblem) problem,
          solverFactory(problem, config.method(), spec.solver(), spec.solverOptions()), config, listener);
    }
    InverseSolver solver = solver(problem, config.method(), spec.solver(), spec.solverOptions());
    return trainer.train(spec.name(), problem, solver, config, listener);
  }

  /**
   * Trains the run a spec describes and keeps what a report needs.
   *
   * @param spec the run
   * @return the result
   * @throws SipException as {@link #train}
   */
  public RunResult run(RunSpec spec) {
    return RunResult.of(train(spec, TrainingListener.NONE));
  }
}
