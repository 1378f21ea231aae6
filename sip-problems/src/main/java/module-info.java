/** Reference physics problems for SIP training. */
module org.scaleinvariant.sip.problems {
  requires org.scaleinvariant.sip.api;
  requires hipparchus.core;
}
