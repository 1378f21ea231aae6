/**
 * An example SIP solver plugin: Levenberg–Marquardt on each sample's least-squares problem, with
 * Hipparchus' optimizer. Exports nothing; found by ServiceLoader through the {@code provides} clause
 * (module path, {@code sip --plugin-path}) and {@code META-INF/services} (class path).
 */
module org.example.sip.lm {
  requires org.scaleinvariant.sip.api;
  requires hipparchus.core;
  requires hipparchus.optim;

  provides org.scaleinvariant.sip.api.InverseSolverProvider with
      org.example.sip.lm.LevenbergMarquardtSolverProvider;
}
