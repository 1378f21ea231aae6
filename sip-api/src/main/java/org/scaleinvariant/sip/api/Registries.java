package org.scaleinvariant.sip.api;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Discovers providers with {@link ServiceLoader}. This class lives in the API module because the
 * module that calls {@code ServiceLoader.load} must declare the {@code uses} clause (deps.md P7).
 */
public final class Registries {
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
   */
  public static ProviderRegistry<ProblemProvider> discoverProblems(ModuleLayer layer) {
    return new ProviderRegistry<>("problem", load(ServiceLoader.load(layer, ProblemProvider.class)));
  }

  private static <P> List<P> load(ServiceLoader<P> loader) {
    List<P> providers = new ArrayList<>();
    for (P provider : loader) {
      providers.add(provider);
    }
    return providers;
  }

  /**
   * Describes where a provider came from: its named module, or else its jar or folder.
   *
   * @param provider the provider
   * @return e.g. {@code "org.scaleinvariant.sip.solvers.newton (NewtonSolverProvider)"}
   */
  public static String origin(Object provider) {
    Class<?> type = provider.getClass();
    String where;
    if (type.getModule().isNamed()) {
      where = "module " + type.getModule().getName();
    } else {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      where = location == null ? "unknown location" : location.toString();
    }
    return type.getName() + " from " + where;
  }
}
