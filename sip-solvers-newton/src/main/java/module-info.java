/**
 * Saddle-free Newton inverse solver: the step {@code Δx = −V|Λ|⁻¹Vᵀ∇ℓ} from the eigen-decomposition
 * of the exact Hessian of the per-sample loss {@code ℓ(x) = ½‖P(x) − t‖²} (Dauphin et al., NeurIPS
 * 2014; the inverse solver of Holl, Koltun, Thuerey, NeurIPS 2022).
 *
 * <p>The module exports nothing: it is found through {@link java.util.ServiceLoader} as the solver
 * provider with id {@code newton} (declared here and in {@code META-INF/services} for class-path
 * use). Hipparchus is an implementation detail and appears in no public signature.
 */
module org.scaleinvariant.sip.solvers.newton {
  requires org.scaleinvariant.sip.api;
  requires hipparchus.core;

  provides org.scaleinvariant.sip.api.InverseSolverProvider with
      org.scaleinvariant.sip.solvers.newton.NewtonSolverProvider;
}
