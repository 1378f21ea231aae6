package org.scaleinvariant.sip.app.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scaleinvariant.sip.nn.TrainingConfig;

/**
 * What a sweep is, checked: one parameter over a list of values, every method, several seeds, and
 * everything the runs share. The command line builds it from its options (and checks them); {@link
 * Sweep} plans, runs and reports it on any {@link RunEngine}.
 *
 * @param param the swept parameter: a numeric problem parameter, or one of {@link
 *     Sweep#TRAINING_PARAMETERS}
 * @param values the swept values, canonical text (as the problem's parameter parses them), distinct
 * @param methods the methods in report order, each with its configuration (method and optimizer set,
 *     the base seed, the given learning rate or NaN; the swept training parameter not yet applied)
 * @param seeds the number of seeds per point: base seed, base seed + 1, ...
 * @param problem the problem provider's id, lower case
 * @param problemLabel the problem's own id, for reports
 * @param problemParameters the problem parameters every run shares (the swept one not among them)
 * @param solver the inverse solver's id, or null for the problem's preferred one
 * @param solverOptions the solver's options
 * @param yLossOptions the options the y-loss of the configurations was created from
 * @param lrMode how the learning rates are chosen
 * @param grid the learning-rate grid ({@link LearningRateSearch.Mode#AUTO})
 * @param searchSteps the steps per grid point ({@link LearningRateSearch.Mode#AUTO})
 * @param pin the settings a resumed sweep must share with the first start (written to {@value
 *     SweepFiles#DEFINITION_FILE})
 * @param legacyPin the same settings as the first version of that file wrote them (the training
 *     configuration as text), so a folder from then still resumes (and its file is rewritten); or
 *     null
 */
public record SweepDefinition(
    String param,
    List<String> values,
    Map<String, TrainingConfig> methods,
    int seeds,
    String problem,
    String problemLabel,
    Map<String, String> problemParameters,
    String solver,
    Map<String, String> solverOptions,
    Map<String, String> yLossOptions,
    LearningRateSearch.Mode lrMode,
    LearningRateSearch.Grid grid,
    int searchSteps,
    ObjectNode pin,
    ObjectNode legacyPin) {

  /** Checks for nulls and copies the collections (order kept). */
  public SweepDefinition {
    Objects.requireNonNull(param, "param");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(lrMode, "lrMode");
    Objects.requireNonNull(pin, "pin");
    values = List.copyOf(values);
    methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    problemParameters = Collections.unmodifiableMap(new LinkedHashMap<>(problemParameters));
    solverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(solverOptions));
    yLossOptions = Collections.unmodifiableMap(new LinkedHashMap<>(yLossOptions));
    if (values.isEmpty() || methods.isEmpty() || seeds < 1) {
      throw new IllegalArgumentException("a sweep needs at least one value, method and seed");
    }
  }

  /**
   * Whether the swept parameter is a training parameter ({@link Sweep#TRAINING_PARAMETERS}) rather
   * than a problem parameter.
   *
   * @return true for eta, lr and batch
   */
  public boolean sweepsTraining() {
    return Sweep.TRAINING_PARAMETERS.contains(param);
  }

  /**
   * The configuration every method starts from: the first method's (steps, batch and seed are the
   * same for all).
   *
   * @return the configuration
   */
  public TrainingConfig base() {
    return methods.values().iterator().next();
  }
}
