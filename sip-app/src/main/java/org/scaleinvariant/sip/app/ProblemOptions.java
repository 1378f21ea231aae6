package org.scaleinvariant.sip.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import picocli.CommandLine.Option;

/**
 * The problem options shared by every run command: which problem, and its parameters. The named
 * options ({@code --xi}, ...) are shortcuts for {@code -P name=value} ({@code --problem-param}); values are checked by the
 * problem's declared parameters, so an invalid value or a parameter the problem does not have is a
 * one-line error.
 */
final class ProblemOptions {
  /** The default problem, {@value}: the paper's rotated sine. */
  static final String DEFAULT_PROBLEM = "rotated-sine";

  @Option(
      names = "--problem",
      paramLabel = "ID",
      defaultValue = DEFAULT_PROBLEM,
      description = "Problem id (see 'sip problems'). Default: ${DEFAULT-VALUE}.")
  String problem;

  @Option(
      names = "--xi",
      paramLabel = "XI",
      description = "Rotated sine: conditioning ξ > 0 (default 32).")
  String xi;

  @Option(
      names = "--phi",
      paramLabel = "DEGREES",
      description = "Rotated sine: rotation φ in degrees, coupling of x1 and x2 (default 45).")
  String phi;

  @Option(
      names = "--form",
      paramLabel = "FORM",
      description =
          "Rotated sine: 'paper' (the published experiment: P = (sin(γ·x̂1/ξ), γ·ξ·x̂2)) or 'book'"
              + " (the chapter: P = (sin(x̂1)/ξ, ξ·x̂2)). Default: paper.")
  String form;

  @Option(
      names = "--gamma",
      paramLabel = "GAMMA",
      description = "Rotated sine, paper form: frequency scale γ > 0 (default 10).")
  String gamma;

  @Option(
      names = "--steps-per-rollout",
      paramLabel = "T",
      description = "Control: horizon T, the steps per rollout (default 16); same as -P stepsPerRollout=T.")
  String stepsPerRollout;

  @Option(
      names = {"-P", "--problem-param"},
      paramLabel = "NAME=VALUE",
      description = "Any other problem parameter (repeatable); see 'sip problems'.")
  Map<String, String> params = new LinkedHashMap<>();

  /**
   * The problem settings of a comparison: one per combination of the comma-separated values of
   * {@code --xi} and {@code --phi} (xi varies slowest), each with the other parameters.
   *
   * @return the settings, at least one
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if a list gives one value twice
   */
  List<Options> settings() {
    List<Options> result = new ArrayList<>();
    for (String xiValue : list("--xi", xi)) {
      for (String phiValue : list("--phi", phi)) {
        ProblemOptions one = new ProblemOptions();
        one.problem = problem;
        one.form = form;
        one.gamma = gamma;
        one.params = params;
        one.stepsPerRollout = stepsPerRollout;
        one.xi = xiValue;
        one.phi = phiValue;
        result.add(one.toOptions());
      }
    }
    return result;
  }

  private static List<String> list(String option, String value) {
    List<String> values = new ArrayList<>();
    if (value == null) {
      values.add(null);
    } else {
      for (String part : value.split(",", -1)) {
        if (!part.isBlank() && values.contains(part.trim())) {
          throw new SipException(ErrorCode.INVALID_ARGUMENT,
              option + " lists " + part.trim() + " twice; allowed: distinct values");
        }
        values.add(part.trim());
      }
    }
    return values;
  }

  /**
   * The problem parameters given on the command line, unchecked (the problem checks them).
   *
   * @return the options
   */
  Options toOptions() {
    Map<String, String> values = new LinkedHashMap<>(params);
    put(values, "xi", xi);
    put(values, "phi", phi);
    put(values, "form", form);
    put(values, "gamma", gamma);
    put(values, "stepsPerRollout", stepsPerRollout);
    return Options.of(values);
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      if (values.containsKey(key)) {
        throw new SipException(
            ErrorCode.INVALID_ARGUMENT,
            "--" + (key.equals("stepsPerRollout") ? "steps-per-rollout" : key) + " and -P " + key + "=" + values.get(key) + " both given; allowed: one of them");
      }
      values.put(key, value);
    }
  }
}
