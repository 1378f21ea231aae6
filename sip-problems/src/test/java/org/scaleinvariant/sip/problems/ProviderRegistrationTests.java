package org.scaleinvariant.sip.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.Registries;

/**
 * The module's two registrations agree: {@code provides} in module-info (module path) and {@code
 * META-INF/services} (class path) list the same providers, and ServiceLoader finds each of them.
 */
class ProviderRegistrationTests {
  private static final String SERVICE = ProblemProvider.class.getName();

  @Test
  void metaInfServicesListsExactlyTheProvidersOfTheModuleDescriptor() throws IOException {
    Module module = LinearMapProvider.class.getModule();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertNotNull(descriptor, "tests run inside the named module");
    Set<String> declared =
        descriptor.provides().stream()
            .filter(p -> p.service().equals(SERVICE))
            .flatMap(p -> p.providers().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    try (InputStream in = module.getResourceAsStream("META-INF/services/" + SERVICE)) {
      assertNotNull(in, "META-INF/services/" + SERVICE + " is missing");
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .collect(Collectors.toList());
      assertEquals(lines.size(), new TreeSet<>(lines).size(), "no duplicates: " + lines);
      assertEquals(declared, new TreeSet<>(lines));
    }
    assertTrue(declared.contains(LinearMapProvider.class.getName()), declared.toString());
    assertTrue(declared.contains(SimpleExampleProvider.class.getName()), declared.toString());
  }

  @Test
  void serviceLoaderFindsTheLinearAndSimpleProblems() {
    var problems = Registries.discoverProblems();
    assertEquals(LinearMapProvider.class, problems.get("linear").getClass());
    assertEquals(SimpleExampleProvider.class, problems.get("simple").getClass());
    assertTrue(problems.ids().containsAll(List.of("linear", "rotated-sine", "simple")), problems.ids().toString());
  }
}
