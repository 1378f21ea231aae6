/**
 * The SIP conformance kit: abstract JUnit 5 test classes that an inverse-solver author extends in
 * their own tests ({@link org.scaleinvariant.sip.testkit.InverseSolverContract}), and the helpers
 * they use (allclose assertions, rescaled and degenerate problems, a gradient-step solver, a check
 * of the two service registrations).
 *
 * <p>An open module: JUnit creates the test classes and calls the inherited test methods
 * reflectively. Solver modules add the kit at test scope only and do not {@code requires} it (deps.md
 * P10): surefire then puts it on the class path, where it runs the same way.
 */
open module org.scaleinvariant.sip.testkit {
  requires transitive org.scaleinvariant.sip.api;
  requires transitive org.junit.jupiter.api;
  requires org.scaleinvariant.sip.problems;
  requires org.scaleinvariant.sip.nn;

  exports org.scaleinvariant.sip.testkit;
}
