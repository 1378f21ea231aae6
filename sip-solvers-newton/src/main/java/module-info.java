/** Saddle-free Newton inverse solver. */
module org.scaleinvariant.sip.solvers.newton {
  requires org.scaleinvariant.sip.api;
  requires hipparchus.core;
}
