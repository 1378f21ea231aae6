package org.scaleinvariant.sip.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.nn.RolloutTrainer;
import org.scaleinvariant.sip.nn.Trainer;

/**
 * Wires the app: every {@link ProblemProvider} and {@link InverseSolverProvider} found by {@link
 * Registries} (ServiceLoader on the app's module path) or loaded from the plugin folders ({@link
 * Plugins}) joins a Guice multibinding and the registries; one {@link MeterRegistry} per process; the
 * {@link Trainer} over it.
 *
 * <p>The registries are built in the constructor, before Guice runs, so that two providers with
 * the same id fail there with one line naming both jars ({@link Main} reports it), not inside a
 * Guice provision error.
 */
final class SipModule extends AbstractModule {
  private final Plugins plugins;
  private final ProviderRegistry<ProblemProvider> problems;
  private final SolverRegistry solvers;

  /** The app's own providers, no plugins. */
  SipModule() {
    this(Plugins.none());
  }

  /**
   * The app's own providers and those of the plugins.
   *
   * @param plugins the loaded plugins (their failures are kept by the registries)
   * @throws org.scaleinvariant.sip.api.SipException {@link
   *     org.scaleinvariant.sip.api.ErrorCode#DUPLICATE_ID} if two providers of a kind share an id
   */
  SipModule(Plugins plugins) {
    this.plugins = plugins;
    List<ProblemProvider> problemProviders = new ArrayList<>(Registries.discoverProblems().all());
    problemProviders.addAll(plugins.problems());
    this.problems = new ProviderRegistry<>("problem", problemProviders, plugins.failures(Plugins.PROBLEM));
    List<InverseSolverProvider> solverProviders = new ArrayList<>(Registries.discoverSolvers().all());
    solverProviders.addAll(plugins.solvers());
    this.solvers = new SolverRegistry(solverProviders, plugins.failures(Plugins.SOLVER));
  }

  @Override
  protected void configure() {
    Multibinder<ProblemProvider> problemBindings = Multibinder.newSetBinder(binder(), ProblemProvider.class);
    for (ProblemProvider provider : problems.all()) {
      problemBindings.addBinding().toInstance(provider);
    }
    Multibinder<InverseSolverProvider> solverBindings =
        Multibinder.newSetBinder(binder(), InverseSolverProvider.class);
    for (InverseSolverProvider provider : solvers.all()) {
      solverBindings.addBinding().toInstance(provider);
    }
    bind(Plugins.class).toInstance(plugins);
  }

  @Provides
  @Singleton
  ProviderRegistry<ProblemProvider> problemRegistry() {
    return problems;
  }

  @Provides
  @Singleton
  SolverRegistry solverRegistry() {
    return solvers;
  }

  /** The process's metrics: Prometheus-backed, so {@code --out} can write them in its text format. */
  @Provides
  @Singleton
  PrometheusMeterRegistry prometheusRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Provides
  @Singleton
  MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
    return registry;
  }

  @Provides
  @Singleton
  Trainer trainer(MeterRegistry registry) {
    return new Trainer(registry);
  }

  @Provides
  @Singleton
  RolloutTrainer rolloutTrainer(MeterRegistry registry) {
    return new RolloutTrainer(registry);
  }
}
