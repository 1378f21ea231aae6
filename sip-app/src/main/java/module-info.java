/** The sip command line. */
module org.scaleinvariant.sip.app {
  requires org.scaleinvariant.sip.api;
  requires org.scaleinvariant.sip.nn;
  requires com.google.guice;
  requires com.google.common;
  requires jakarta.inject;
  requires info.picocli;
  requires micrometer.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.jfree.jfreechart;
  requires org.jfree.svg;
  requires java.desktop;
}
