/** Dense networks, optimizers and trainers. */
module org.scaleinvariant.sip.nn {
  requires transitive org.scaleinvariant.sip.api;
  requires micrometer.core;
}
