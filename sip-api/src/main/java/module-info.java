/**
 * The SIP service-provider interfaces.
 *
 * <p>A physics model implements {@link org.scaleinvariant.sip.api.Problem} and is published by a
 * {@link org.scaleinvariant.sip.api.ProblemProvider}; a local inverse of the physics implements
 * {@link org.scaleinvariant.sip.api.InverseSolver} and is published by an {@link
 * org.scaleinvariant.sip.api.InverseSolverProvider}. Both provider types are looked up with
 * {@link java.util.ServiceLoader} by {@link org.scaleinvariant.sip.api.Registries}, which is why this
 * module (the caller of {@code ServiceLoader.load}) declares the {@code uses} clauses.
 */
module org.scaleinvariant.sip.api {
  exports org.scaleinvariant.sip.api;

  uses org.scaleinvariant.sip.api.InverseSolverProvider;
  uses org.scaleinvariant.sip.api.ProblemProvider;
}
