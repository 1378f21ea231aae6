package org.scaleinvariant.sip.app.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines one training run, as plain serializable values: which problem (provider
 * id and parameters), which inverse solver (SIP only), the training settings (seed included) and
 * the run's name. A {@link RunExecutor} turns it into a problem, a solver and a configuration
 * through the provider registries, wherever it runs; equal specs give bit-identical results.
 *
 * @param name the run's name (the {@code run} tag of its timers)
 * @param problem the problem provider's id, lower case
 * @param problemParameters the problem's parameters as given (the provider checks them)
 * @param solver the inverse solver's id, or null for the problem's preferred one (ignored unless the
 *     method is SIP)
 * @param solverOptions the solver's options, empty for none
 * @param settings the training settings
 */
public record RunSpec(
    String name,
    String problem,
    Map<String, String> problemParameters,
    String solver,
    Map<String, String> solverOptions,
    TrainingSettings settings)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks for nulls and copies the maps into serializable, unmodifiable ones (order kept). */
  public RunSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(settings, "settings");
    problemParameters = Collections.unmodifiableMap(new LinkedHashMap<>(problemParameters));
    solverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(solverOptions));
  }
}
