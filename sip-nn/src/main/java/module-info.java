/**
 * Dense networks with backpropagation, network optimizers, and the SIP and DP trainers with
 * Micrometer timers (DESIGN.md §1, §6).
 */
module org.scaleinvariant.sip.nn {
  requires transitive org.scaleinvariant.sip.api;
  requires transitive micrometer.core;

  exports org.scaleinvariant.sip.nn;
}
