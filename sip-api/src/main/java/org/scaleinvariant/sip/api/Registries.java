package org.scaleinvariant.sip.api;

import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Discovers providers with {@link ServiceLoader}. This class lives in the API module because the
 * module that calls {@code ServiceLoader.load} must declare the {@code uses} clause (deps.md P7):
 * {@code org.scaleinvariant.sip.api} declares it for {@link InverseSolverProvider} and {@link
 * ProblemProvider}, so those are the two service types every method here accepts.
 *
 * <p>Plugins: {@link #providersIn(ModuleLayer, Class, Consumer)} looks in one module layer (modular
 * plugin jars), {@link #providersDefinedBy(ClassLoader, Class, Consumer)} in the {@code
 * META-INF/services} files of one class loader (plain plugin jars). Both skip a provider that
 * cannot be created and report it as a {@link ProviderFailure} instead of failing the whole lookup.
 */
public final class Registries {
  /** After this many failures in a row a lookup gives up (a defence against a looping iterator). */
  private static final int MAX_FAILURES = 1000;

  private Registries() {}

  /**
   * Discovers the solver providers visible to this module (the boot layer on the module path, or the
   * class path through {@code META-INF/services}).
   *
   * @return the registry
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id
   */
  public static SolverRegistry discoverSolvers() {
    return new SolverRegistry(load(ServiceLoader.load(InverseSolverProvider.class)));
  }

  /**
   * Discovers the solver providers of a module layer and its parents (plugins).
   *
   * @param layer the layer
   * @return the registry
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id
   */
  public static SolverRegistry discoverSolvers(ModuleLayer layer) {
    return new SolverRegistry(load(ServiceLoader.load(layer, InverseSolverProvider.class)));
  }

  /**
   * Discovers the problem providers visible to this module.
   *
   * @return the registry
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id
   */
  public static ProviderRegistry<ProblemProvider> discoverProblems() {
    return new ProviderRegistry<>("problem", load(ServiceLoader.load(ProblemProvider.class)));
  }

  /**
   * Discovers the problem providers of a module layer and its parents (plugins).
   *
   * @param layer the layer
   * @return the registry
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id
   */
  public static ProviderRegistry<ProblemProvider> discoverProblems(ModuleLayer layer) {
    return new ProviderRegistry<>("problem", load(ServiceLoader.load(layer, ProblemProvider.class)));
  }

  /**
   * Creates the providers of a service that are declared ({@code provides}) by the modules of one
   * layer, not of its parents: the modular plugins of a plugin layer. A provider whose class cannot
   * be loaded or whose constructor throws is skipped and reported.
   *
   * @param <P> the service type
   * @param layer the layer, e.g. a plugin layer over the boot layer
   * @param service {@link InverseSolverProvider} or {@link ProblemProvider}
   * @param failures receives one {@link ProviderFailure} per provider that could not be created (id
   *     null, origin the module and jar where known)
   * @return the providers, in {@link ServiceLoader} order
   * @throws IllegalArgumentException if {@code service} is another type (this module declares no
   *     {@code uses} for it)
   */
  public static <P extends Provider> List<P> providersIn(
      ModuleLayer layer, Class<P> service, Consumer<ProviderFailure> failures) {
    checkService(service);
    return create(ServiceLoader.load(layer, service), type -> type.getModule().getLayer() == layer, failures);
  }

  /**
   * Creates the providers of a service that the {@code META-INF/services} files seen by a class
   * loader name and that this loader itself defines (not its parents): the plain plugin jars of a
   * plugin class loader. A provider that cannot be loaded or created is skipped and reported.
   *
   * @param <P> the service type
   * @param loader the class loader, e.g. a {@link java.net.URLClassLoader} over one plugin jar
   * @param service {@link InverseSolverProvider} or {@link ProblemProvider}
   * @param failures receives one {@link ProviderFailure} per provider that could not be created (id
   *     null; origin null when the class itself could not be loaded)
   * @return the providers, in {@link ServiceLoader} order
   * @throws IllegalArgumentException if {@code service} is another type
   */
  public static <P extends Provider> List<P> providersDefinedBy(
      ClassLoader loader, Class<P> service, Consumer<ProviderFailure> failures) {
    checkService(service);
    return create(ServiceLoader.load(service, loader), type -> type.getClassLoader() == loader, failures);
  }

  private static void checkService(Class<?> service) {
    if (service != InverseSolverProvider.class && service != ProblemProvider.class) {
      throw new IllegalArgumentException(
          "service " + service.getName() + " is not allowed; allowed: InverseSolverProvider, ProblemProvider");
    }
  }

  private static <P> List<P> create(
      ServiceLoader<P> loader, Predicate<Class<?>> wanted, Consumer<ProviderFailure> failures) {
    List<P> providers = new ArrayList<>();
    Iterator<ServiceLoader.Provider<P>> found = loader.stream().iterator();
    int failuresInARow = 0;
    while (failuresInARow < MAX_FAILURES) {
      ServiceLoader.Provider<P> next;
      try {
        if (!found.hasNext()) {
          break;
        }
        next = found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        failures.accept(new ProviderFailure(null, null, reason(e)));
        failuresInARow++;
        continue;
      }
      failuresInARow = 0;
      Class<? extends P> type = next.type();
      if (!wanted.test(type)) {
        continue;
      }
      try {
        providers.add(next.get());
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        failures.accept(new ProviderFailure(null, where(type) + " (" + type.getName() + ")", reason(e)));
      }
    }
    return providers;
  }

  /**
   * One line describing why a provider failed: the error's message without the service-name prefix
   * that {@link ServiceLoader} adds, followed by the innermost cause (type and message).
   *
   * @param error the error
   * @return e.g. {@code "Provider com.example.Broken could not be instantiated: IllegalStateException:
   *     no licence"}
   */
  public static String reason(Throwable error) {
    String message = String.valueOf(error.getMessage());
    int prefix = message.indexOf(": ");
    if (error instanceof ServiceConfigurationError && prefix > 0 && !message.substring(0, prefix).contains(" ")) {
      message = message.substring(prefix + 2);
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        root == error
            ? (error instanceof ServiceConfigurationError ? message : error.getClass().getSimpleName() + ": " + message)
            : message + ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
    return text.replace('\n', ' ').replace('\r', ' ').trim();
  }

  private static <P> List<P> load(ServiceLoader<P> loader) {
    List<P> providers = new ArrayList<>();
    for (P provider : loader) {
      providers.add(provider);
    }
    return providers;
  }

  /**
   * Describes where a provider came from: its class, and its named module with the module's jar or
   * folder, or else (class path, plain plugin jar) the jar or folder of its class.
   *
   * @param provider the provider
   * @return e.g. {@code "org.scaleinvariant.sip.solvers.newton.NewtonSolverProvider from module
   *     org.scaleinvariant.sip.solvers.newton (/opt/sip/modules/sip-solvers-newton-0.1.0.jar)"}
   */
  public static String origin(Object provider) {
    Class<?> type = provider.getClass();
    return type.getName() + " from " + where(type);
  }

  /**
   * Describes where a class was loaded from: {@code "module NAME (LOCATION)"} for a named module
   * (the location left out for JDK modules), else its jar or folder.
   *
   * @param type the class
   * @return the description, e.g. {@code "module org.example.lm (/plugins/lm.jar)"}, or {@code
   *     "unknown location"}
   */
  public static String where(Class<?> type) {
    Module module = type.getModule();
    Optional<Path> location = location(type);
    if (module.isNamed()) {
      return "module " + module.getName() + location.map(p -> " (" + p + ")").orElse("");
    }
    return location.map(Path::toString).orElse("unknown location");
  }

  /**
   * The jar or folder a class was loaded from: for a named module the location its layer resolved
   * it from, else the code source of the class.
   *
   * @param type the class
   * @return the file-system path, or empty (JDK modules, generated classes, other URL schemes)
   */
  public static Optional<Path> location(Class<?> type) {
    Module module = type.getModule();
    if (module.isNamed() && module.getLayer() != null) {
      Optional<URI> uri =
          module.getLayer().configuration().findModule(module.getName()).flatMap(Registries::uri);
      if (uri.isPresent()) {
        return asPath(uri.get());
      }
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    if (url == null) {
      return Optional.empty();
    }
    try {
      return asPath(url.toURI());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Optional<URI> uri(ResolvedModule module) {
    return module.reference().location();
  }

  private static Optional<Path> asPath(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(uri));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }
}
