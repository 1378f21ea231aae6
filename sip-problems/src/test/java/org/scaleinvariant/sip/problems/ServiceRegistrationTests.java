package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ProblemProvider;

/**
 * JPMS declared twice (DESIGN.md §2): the {@code META-INF/services} file lists exactly the
 * providers that {@code module-info.java} {@code provides}, so class-path users find the same ones.
 */
class ServiceRegistrationTests {

  @Test
  void metaInfServicesListsExactlyTheProvidersOfTheModuleDescriptor() throws IOException {
    Module module = HeatEquationProvider.class.getModule();
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> declared =
        descriptor.provides().stream()
            .filter(p -> p.service().equals(ProblemProvider.class.getName()))
            .flatMap(p -> p.providers().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(
        declared.containsAll(
            Set.of(
                RotatedSineProvider.class.getName(),
                HeatEquationProvider.class.getName(),
                PoissonEquationProvider.class.getName())),
        "module-info provides " + declared);
    String name = "META-INF/services/" + ProblemProvider.class.getName();
    try (InputStream in = module.getResourceAsStream(name)) {
      assertTrue(in != null, name + " is missing");
      Set<String> listed =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(declared, listed);
    }
  }
}
