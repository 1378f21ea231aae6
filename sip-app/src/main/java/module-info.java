/**
 * The {@code sip} command line: Guice wires the discovered providers, the registries and the
 * trainer; picocli parses the commands; Jackson writes JSON and CSV; JFreeChart draws the plots.
 */
module org.scaleinvariant.sip.app {
  requires org.scaleinvariant.sip.api;
  requires org.scaleinvariant.sip.nn;
  requires com.google.guice;
  // Guice 7 is an automatic module and declares no requires (deps.md P5)
  requires com.google.common;
  requires jakarta.inject;
  requires info.picocli;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.jfree.jfreechart;
  requires org.jfree.svg;
  requires java.desktop;
  // com.sun.management.ThreadMXBean: heap bytes allocated per thread (sip bench)
  requires jdk.management;

  // picocli sets option fields and Guice calls package-private constructors (deps.md P6)
  opens org.scaleinvariant.sip.app to
      info.picocli,
      com.google.guice;
  // Jackson writes the sweep's shared settings (a record) into sweep-definition.json
  opens org.scaleinvariant.sip.app.sweep to
      com.fasterxml.jackson.databind;
}
