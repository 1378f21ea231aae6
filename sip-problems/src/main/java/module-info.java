/**
 * Reference physics problems for SIP training.
 *
 * <p>Exports {@link org.scaleinvariant.sip.problems} (so that analytic solvers and the app can use
 * the concrete problems and their accessors) and provides the problems to {@link
 * java.util.ServiceLoader} through {@link org.scaleinvariant.sip.api.ProblemProvider}s. The same
 * providers are listed in {@code META-INF/services} for class-path users.
 */
module org.scaleinvariant.sip.problems {
  // transitive: the exported classes implement and return API types (Problem, Options, ...)
  requires transitive org.scaleinvariant.sip.api;
  requires hipparchus.core;
  requires hipparchus.fft;

  exports org.scaleinvariant.sip.problems;

  provides org.scaleinvariant.sip.api.ProblemProvider with
      org.scaleinvariant.sip.problems.RotatedSineProvider,
      org.scaleinvariant.sip.problems.LinearMapProvider,
      org.scaleinvariant.sip.problems.SimpleExampleProvider,
      org.scaleinvariant.sip.problems.HeatEquationProvider,
      org.scaleinvariant.sip.problems.PoissonEquationProvider,
      org.scaleinvariant.sip.problems.PointMassControlProvider,
      org.scaleinvariant.sip.problems.HeatCorrectionProvider;
}
