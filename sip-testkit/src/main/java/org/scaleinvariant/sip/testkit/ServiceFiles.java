package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks that providers are registered twice (DESIGN.md §2, deps.md P7): {@code provides … with …}
 * in {@code module-info.java} for the module path, and a {@code META-INF/services/<service>} file for
 * the class path, listing the same classes.
 */
public final class ServiceFiles {
  private ServiceFiles() {}

  /**
   * Asserts that a named module's {@code META-INF/services} file for a service lists exactly the
   * providers its module descriptor {@code provides} for that service, each once.
   *
   * @param module a named module (in tests: the module under test, patched by surefire)
   * @param service the service type, e.g. {@code InverseSolverProvider.class}
   * @return the declared provider class names, sorted
   * @throws AssertionError if the module is unnamed, declares no provider, the file is missing, or
   *     the two lists differ
   */
  public static Set<String> assertServicesFileMatchesModule(Module module, Class<?> service) {
    ModuleDescriptor descriptor = module.getDescriptor();
    assertNotNull(descriptor, module + " is not a named module (is the test running on the class path?)");
    Set<String> declared =
        descriptor.provides().stream()
            .filter(p -> p.service().equals(service.getName()))
            .flatMap(p -> p.providers().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(!declared.isEmpty(), "module " + module.getName() + " declares no 'provides " + service.getName() + " with …'");
    String name = "META-INF/services/" + service.getName();
    List<String> listed;
    try (InputStream in = module.getResourceAsStream(name)) {
      assertNotNull(in, name + " is missing from module " + module.getName() + " (class-path users would not find " + declared + ")");
      listed = lines(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(listed.size(), new TreeSet<>(listed).size(), name + " lists a class twice: " + listed);
    assertEquals(declared, new TreeSet<>(listed), name + " must list exactly what module-info provides");
    return declared;
  }

  /**
   * Asserts that a provider class is registered for a service where it lives: in its module
   * descriptor and the module's {@code META-INF/services} file if its module is named (see {@link
   * #assertServicesFileMatchesModule}), else in a {@code META-INF/services} file visible to its class
   * loader.
   *
   * @param providerClass the provider's class
   * @param service the service type
   * @throws AssertionError if a registration is missing
   */
  public static void assertRegisteredTwice(Class<?> providerClass, Class<?> service) {
    Module module = providerClass.getModule();
    if (module.isNamed()) {
      Set<String> declared = assertServicesFileMatchesModule(module, service);
      assertTrue(
          declared.contains(providerClass.getName()),
          "module "
              + module.getName()
              + " does not declare 'provides "
              + service.getName()
              + " with "
              + providerClass.getName()
              + "'; it declares "
              + declared);
      return;
    }
    String name = "META-INF/services/" + service.getName();
    try {
      ClassLoader loader = providerClass.getClassLoader();
      Enumeration<URL> files = loader.getResources(name);
      List<String> all = new ArrayList<>();
      while (files.hasMoreElements()) {
        try (InputStream in = files.nextElement().openStream()) {
          all.addAll(lines(in));
        }
      }
      if (!all.contains(providerClass.getName())) {
        fail("no " + name + " file names " + providerClass.getName() + " (ServiceLoader would not find it on the class path)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8)
        .lines()
        .map(line -> line.replaceAll("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toList());
  }
}
