package org.scaleinvariant.sip.spark;

import java.util.List;
import org.apache.spark.TaskContext;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * A test-only inverse solver, {@value #ID}, registered through {@code META-INF/services} in the
 * test resources: saddle-free Newton, except that its step throws when the problem's {@code xi}
 * equals the option {@code failAt} (a run that fails on every attempt), or with {@code flaky=true}
 * on the first attempt of a Spark task (a run that Spark's retry rescues). Outside a Spark task it
 * never throws for {@code flaky}, so the local engine gives the reference results.
 */
public final class FaultySolverProvider implements InverseSolverProvider {
  /** The solver's id, {@value}. */
  public static final String ID = "test-faulty";
  /** The message of the injected failures starts with this. */
  public static final String FAILURE = "injected failure";

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public FaultySolverProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "test only: saddle-free Newton that throws at xi = failAt, or on a Spark task's first attempt";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.number("failAt", 0, 0, false, Double.POSITIVE_INFINITY, "the xi whose runs always fail (0: none)"),
        ParameterSpec.bool("flaky", false, "whether the first attempt of every Spark task fails"));
  }

  @Override
  public boolean supports(Problem problem) {
    return problem.parameters().has("xi");
  }

  @Override
  public InverseSolver create(Problem problem, Options options) {
    Options resolved = options.resolve(parameters(), "solver " + ID);
    InverseSolver newton = Registries.discoverSolvers().select(problem, "newton").create(problem, Options.empty());
    boolean fails = problem.parameters().getDouble("xi") == resolved.getDouble("failAt");
    boolean flaky = resolved.getBoolean("flaky");
    return new InverseSolver() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public Problem problem() {
        return problem;
      }

      @Override
      public boolean isScaleInvariant() {
        return newton.isScaleInvariant();
      }

      @Override
      public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
        if (fails) {
          throw new IllegalStateException(FAILURE + " at xi = " + problem.parameters().getString("xi"));
        }
        TaskContext task = TaskContext.get();
        if (flaky && task != null && task.attemptNumber() == 0) {
          throw new IllegalStateException(FAILURE + " on the first attempt");
        }
        newton.step(x, y, target, dx, batch, diagnostics);
      }
    };
  }
}
