package org.scaleinvariant.sip.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.nn.Trainer;

/**
 * Wires the app: every {@link ProblemProvider} and {@link InverseSolverProvider} found by {@link
 * Registries} (ServiceLoader) joins a Guice multibinding, from which the registries are built; one {@link
 * MeterRegistry} per process; the {@link Trainer} over it.
 */
final class SipModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder<ProblemProvider> problems = Multibinder.newSetBinder(binder(), ProblemProvider.class);
    for (ProblemProvider provider : Registries.discoverProblems().all()) {
      problems.addBinding().toInstance(provider);
    }
    Multibinder<InverseSolverProvider> solvers =
        Multibinder.newSetBinder(binder(), InverseSolverProvider.class);
    for (InverseSolverProvider provider : Registries.discoverSolvers().all()) {
      solvers.addBinding().toInstance(provider);
    }
  }

  @Provides
  @Singleton
  ProviderRegistry<ProblemProvider> problemRegistry(Set<ProblemProvider> providers) {
    return new ProviderRegistry<>("problem", providers);
  }

  @Provides
  @Singleton
  SolverRegistry solverRegistry(Set<InverseSolverProvider> providers) {
    return new SolverRegistry(providers);
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
}
