package org.scaleinvariant.sip.app;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.Provider;
import org.scaleinvariant.sip.api.ProviderFailure;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;

/**
 * Loads the solver and problem providers of the jars in the plugin folders ({@code --plugin-path},
 * {@code SIP_PLUGIN_PATH}), next to those the app was started with.
 *
 * <h2>How a folder is read</h2>
 *
 * Every {@code *.jar} directly in a folder (not in sub-folders), in name order, is one of:
 *
 * <ul>
 *   <li><b>a modular plugin</b>: it has a {@code module-info} that {@code provides} an {@link
 *       InverseSolverProvider} or {@link ProblemProvider}. All modular plugins are resolved into one
 *       child {@link ModuleLayer} over the app's layer ({@link Configuration#resolve} with the app's
 *       configuration as parent, {@link ModuleLayer#defineModulesWithOneLoader}). Modules the app
 *       already has (sip-api, Hipparchus, ...) are taken from the app, so copying a plugin's
 *       dependencies into the folder does no harm. The plugins are added one by one: one that does
 *       not resolve (a missing module, a split package) is skipped with a warning, the others load.
 *   <li><b>a class-path plugin</b>: a plain jar with a {@code META-INF/services} entry for one of
 *       the two provider types. Each gets its own {@link URLClassLoader} over itself and the folder's
 *       libraries, whose parent is the app's loader.
 *   <li><b>a library</b>: any other jar (e.g. {@code hipparchus-optim-4.0.3.jar}); an automatic
 *       module (its name derived from the file name) for the modular plugins that require it, and on
 *       the class path of the class-path plugins.
 * </ul>
 *
 * The providers are then found with {@link java.util.ServiceLoader} through {@link Registries}
 * (sip-api declares the {@code uses}), and each one's {@code id()}, {@code description()}, {@code
 * version()} and {@code parameters()} are called once: a provider whose class is missing or whose
 * constructor or metadata methods throw is skipped and reported as a {@link Failure} (a warning on
 * standard error; asking for it by id fails with its reason).
 *
 * <p>Two modular plugin jars with the same module name are an error ({@link
 * ErrorCode#DUPLICATE_ID}); two providers with the same id are rejected by the registries, which
 * name both jars.
 *
 * <p>Immutable once loaded; the class loaders stay open for the life of the process.
 */
final class Plugins {
  /** The kind of a solver provider in {@link Failure#kind()}, {@value}. */
  static final String SOLVER = "solver";

  /** The kind of a problem provider in {@link Failure#kind()}, {@value}. */
  static final String PROBLEM = "problem";

  private static final Map<String, String> SERVICES =
      Map.of(InverseSolverProvider.class.getName(), SOLVER, ProblemProvider.class.getName(), PROBLEM);

  private static final Plugins NONE = new Plugins(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of());

  private final List<Path> folders;
  private final List<InverseSolverProvider> solvers;
  private final List<ProblemProvider> problems;
  private final List<Failure> failures;
  /** The jar of each plugin module (modular plugins) and of each plugin class loader (plain ones). */
  private final Map<String, Path> moduleJars;
  private final Map<String, Path> loaderJars;

  /**
   * A plugin jar, or one provider in it, that could not be loaded.
   *
   * @param where the jar, or the provider's module, jar and class, for people
   * @param kind {@value #SOLVER}, {@value #PROBLEM}, or null if it concerns both (a jar that
   *     provides both, or could not be read)
   * @param id the provider's id, if it could be read, else null
   * @param reason one line: what went wrong
   */
  record Failure(String where, String kind, String id, String reason) {
    /**
     * The warning printed on standard error.
     *
     * @return e.g. {@code "sip: warning: plugin /p/broken.jar: solver 'lm': description() threw
     *     IllegalStateException: no licence (skipped)"}
     */
    String warning() {
      return "sip: warning: plugin "
          + where
          + ": "
          + (id == null ? "" : (kind == null ? "" : kind + " ") + "'" + id + "': ")
          + reason
          + " (skipped)";
    }

    /**
     * The failure as the registries keep it.
     *
     * @return the failure with this id, place and reason
     */
    ProviderFailure toProviderFailure() {
      return new ProviderFailure(id, where, reason);
    }
  }

  private Plugins(
      List<Path> folders,
      List<InverseSolverProvider> solvers,
      List<ProblemProvider> problems,
      List<Failure> failures,
      Map<String, Path> moduleJars,
      Map<String, Path> loaderJars) {
    this.folders = List.copyOf(folders);
    this.solvers = List.copyOf(solvers);
    this.problems = List.copyOf(problems);
    this.failures = List.copyOf(failures);
    this.moduleJars = Map.copyOf(moduleJars);
    this.loaderJars = Map.copyOf(loaderJars);
  }

  /**
   * No plugins.
   *
   * @return the empty result
   */
  static Plugins none() {
    return NONE;
  }

  /**
   * Loads the plugins of some folders (see the class comment).
   *
   * @param folders the plugin folders, existing directories
   * @return the providers that loaded and the failures
   * @throws SipException {@link ErrorCode#IO} if a folder cannot be listed, {@link
   *     ErrorCode#DUPLICATE_ID} if two plugin jars hold modules of the same name
   */
  static Plugins load(List<Path> folders) {
    if (folders.isEmpty()) {
      return NONE;
    }
    return new Loader(folders).load();
  }

  /**
   * The plugin folders these plugins came from.
   *
   * @return the folders, possibly empty
   */
  List<Path> folders() {
    return folders;
  }

  /**
   * The solver providers that loaded.
   *
   * @return the providers, in the order found
   */
  List<InverseSolverProvider> solvers() {
    return solvers;
  }

  /**
   * The problem providers that loaded.
   *
   * @return the providers, in the order found
   */
  List<ProblemProvider> problems() {
    return problems;
  }

  /**
   * Every failure, in the order met.
   *
   * @return the failures
   */
  List<Failure> failures() {
    return failures;
  }

  /**
   * The plugin jar whose code threw an exception: the jar of the first stack frame (of the error
   * or its causes) in a plugin module or a plugin class loader. Libraries in the plugin folders do
   * not count: the plugin that called them does.
   *
   * @param error the exception
   * @return the jar, or empty if no plugin code is on the stack
   */
  Optional<Path> blame(Throwable error) {
    if (moduleJars.isEmpty() && loaderJars.isEmpty()) {
      return Optional.empty();
    }
    Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        Path jar = frame.getModuleName() == null ? null : moduleJars.get(frame.getModuleName());
        if (jar == null && frame.getClassLoaderName() != null) {
          jar = loaderJars.get(frame.getClassLoaderName());
        }
        if (jar != null) {
          return Optional.of(jar);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The failures that concern one kind of provider, as the registries keep them.
   *
   * @param kind {@value #SOLVER} or {@value #PROBLEM}
   * @return the failures of that kind and those of whole jars
   */
  List<ProviderFailure> failures(String kind) {
    List<ProviderFailure> result = new ArrayList<>();
    for (Failure failure : failures) {
      if (failure.kind() == null || failure.kind().equals(kind)) {
        result.add(failure.toProviderFailure());
      }
    }
    return result;
  }

  /** One jar of a plugin folder, as far as it could be read. */
  private static final class Jar {
    final Path path;
    /** The explicit module descriptor, or null for a plain jar. */
    ModuleDescriptor module;
    /** The automatic module name of a plain jar, or null if none can be derived. */
    String automaticName;
    /** The provider kinds it registers ({@code provides} or {@code META-INF/services}). */
    final Set<String> kinds = new LinkedHashSet<>();

    Jar(Path path) {
      this.path = path;
    }

    String kind() {
      return kinds.size() == 1 ? kinds.iterator().next() : null;
    }
  }

  /** The work of one {@link #load}. */
  private static final class Loader {
    private final List<Path> folders;
    private final List<InverseSolverProvider> solvers = new ArrayList<>();
    private final List<ProblemProvider> problems = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Path> moduleJars = new LinkedHashMap<>();
    private final Map<String, Path> loaderJars = new LinkedHashMap<>();
    private final ModuleLayer parentLayer;
    private final ClassLoader parentLoader = InverseSolverProvider.class.getClassLoader();

    Loader(List<Path> folders) {
      this.folders = folders;
      Module api = InverseSolverProvider.class.getModule();
      this.parentLayer = api.isNamed() && api.getLayer() != null ? api.getLayer() : ModuleLayer.boot();
    }

    Plugins load() {
      List<Jar> modular = new ArrayList<>();
      List<Jar> classPath = new ArrayList<>();
      List<Jar> libraries = new ArrayList<>();
      for (Path path : jars()) {
        Jar jar = inspect(path);
        if (jar == null) {
          continue;
        }
        if (jar.module != null) {
          if (parentLayer.findModule(jar.module.name()).isPresent()) {
            if (!jar.kinds.isEmpty()) {
              fail(jar, null, "module " + jar.module.name() + " is already part of the app; the copy in the plugin folder is not loaded");
            }
          } else if (jar.kinds.isEmpty()) {
            libraries.add(jar);
          } else {
            modular.add(jar);
          }
        } else if (jar.kinds.isEmpty()) {
          libraries.add(jar);
        } else {
          classPath.add(jar);
        }
      }
      checkUniqueModules(modular);
      if (!modular.isEmpty()) {
        loadLayer(modular, libraries);
      }
      for (Jar jar : classPath) {
        loadClassPathPlugin(jar, libraries);
      }
      return new Plugins(folders, solvers, problems, failures, moduleJars, loaderJars);
    }

    /** The jars of all folders, each folder's in name order, each file once. */
    private List<Path> jars() {
      Set<Path> jars = new LinkedHashSet<>();
      for (Path folder : folders) {
        List<Path> inFolder = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
          for (Path entry : entries) {
            if (Files.isRegularFile(entry)) {
              inFolder.add(entry.toAbsolutePath().normalize());
            }
          }
        } catch (IOException e) {
          throw new SipException(ErrorCode.IO, "plugin folder " + folder + " cannot be read: " + e.getMessage(), e);
        }
        Collections.sort(inFolder);
        jars.addAll(inFolder);
      }
      return new ArrayList<>(jars);
    }

    /** Reads a jar's module descriptor and service registrations; null (and a failure) if unreadable. */
    private Jar inspect(Path path) {
      Jar jar = new Jar(path);
      boolean hasModuleInfo;
      try (JarFile file = new JarFile(path.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
        hasModuleInfo = file.getEntry("module-info.class") != null;
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
          if (file.getEntry("META-INF/services/" + service.getKey()) != null) {
            jar.kinds.add(service.getValue());
          }
        }
      } catch (IOException | SecurityException e) {
        fail(jar, null, "not a readable jar: " + oneLine(e.getMessage()));
        return null;
      }
      try {
        Optional<ModuleReference> reference = ModuleFinder.of(path).findAll().stream().findFirst();
        ModuleDescriptor descriptor = reference.map(ModuleReference::descriptor).orElse(null);
        if (descriptor != null && !descriptor.isAutomatic()) {
          jar.module = descriptor;
          jar.kinds.clear();
          for (ModuleDescriptor.Provides provides : descriptor.provides()) {
            String kind = SERVICES.get(provides.service());
            if (kind != null) {
              jar.kinds.add(kind);
            }
          }
        } else if (descriptor != null) {
          jar.automaticName = descriptor.name();
        }
      } catch (FindException e) {
        if (hasModuleInfo) {
          fail(jar, null, "invalid module: " + oneLine(message(e)));
          return null;
        }
        // a plain jar whose file name gives no module name: still usable on a class path
      }
      return jar;
    }

    private void checkUniqueModules(List<Jar> modular) {
      Map<String, Path> byName = new TreeMap<>();
      for (Jar jar : modular) {
        Path previous = byName.putIfAbsent(jar.module.name(), jar.path);
        if (previous != null) {
          throw new SipException(
              ErrorCode.DUPLICATE_ID,
              "two plugin jars hold module " + jar.module.name() + ": " + previous + " and " + jar.path + "; remove one");
        }
      }
    }

    /** Resolves the modular plugins (and the libraries they need) into one child layer. */
    private void loadLayer(List<Jar> modular, List<Jar> libraries) {
      List<Path> located = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (Jar jar : modular) {
        located.add(jar.path);
        names.add(jar.module.name());
      }
      for (Jar library : libraries) {
        String name = library.module != null ? library.module.name() : library.automaticName;
        if (name != null && !parentLayer.findModule(name).isPresent() && names.add(name)) {
          located.add(library.path);
        }
      }
      ModuleFinder finder = ModuleFinder.of(located.toArray(new Path[0]));
      Configuration parent = parentLayer.configuration();
      List<String> accepted = new ArrayList<>();
      Map<String, Jar> byName = new LinkedHashMap<>();
      for (Jar jar : modular) {
        byName.put(jar.module.name(), jar);
        List<String> roots = new ArrayList<>(accepted);
        roots.add(jar.module.name());
        try {
          parent.resolve(ModuleFinder.of(), finder, roots);
          accepted.add(jar.module.name());
        } catch (FindException | ResolutionException e) {
          fail(jar, jar.kind(), "module " + jar.module.name() + " does not resolve: " + oneLine(message(e)));
        }
      }
      if (accepted.isEmpty()) {
        return;
      }
      ModuleLayer layer;
      try {
        Configuration configuration = parent.resolve(ModuleFinder.of(), finder, accepted);
        layer = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(parentLayer), parentLoader).layer();
      } catch (RuntimeException e) {
        for (String name : accepted) {
          Jar jar = byName.get(name);
          fail(jar, jar.kind(), "the plugin layer could not be created: " + oneLine(message(e)));
        }
        return;
      }
      for (String name : accepted) {
        moduleJars.put(name, byName.get(name).path);
      }
      String fallback = "a modular plugin in " + folders;
      solvers.addAll(
          probe(Registries.providersIn(layer, InverseSolverProvider.class, failed(SOLVER, fallback)), SOLVER));
      problems.addAll(probe(Registries.providersIn(layer, ProblemProvider.class, failed(PROBLEM, fallback)), PROBLEM));
    }

    /** Loads the providers of one plain jar through its own class loader. */
    private void loadClassPathPlugin(Jar jar, List<Jar> libraries) {
      List<URL> urls = new ArrayList<>();
      try {
        urls.add(jar.path.toUri().toURL());
        for (Jar library : libraries) {
          urls.add(library.path.toUri().toURL());
        }
      } catch (MalformedURLException e) {
        fail(jar, jar.kind(), "not a valid location: " + e.getMessage());
        return;
      }
      String name = "sip-plugin:" + jar.path;
      URLClassLoader loader = new URLClassLoader(name, urls.toArray(new URL[0]), parentLoader);
      loaderJars.put(name, jar.path);
      String where = jar.path.toString();
      if (jar.kinds.contains(SOLVER)) {
        solvers.addAll(
            probe(Registries.providersDefinedBy(loader, InverseSolverProvider.class, failed(SOLVER, where)), SOLVER));
      }
      if (jar.kinds.contains(PROBLEM)) {
        problems.addAll(probe(Registries.providersDefinedBy(loader, ProblemProvider.class, failed(PROBLEM, where)), PROBLEM));
      }
    }

    private Consumer<ProviderFailure> failed(String kind, String fallback) {
      return failure ->
          failures.add(
              new Failure(failure.origin() == null ? fallback : failure.origin(), kind, failure.id(), failure.reason()));
    }

    /**
     * Calls each provider's metadata methods once; keeps those that answer, reports the others.
     */
    private <P extends Provider> List<P> probe(List<P> found, String kind) {
      List<P> kept = new ArrayList<>();
      for (P provider : found) {
        String where = Registries.where(provider.getClass()) + " (" + provider.getClass().getName() + ")";
        String id = null;
        String method = "id()";
        try {
          id = provider.id();
          if (id == null || id.isBlank()) {
            failures.add(new Failure(where, kind, null, "id() returned " + (id == null ? "null" : "a blank id")));
            continue;
          }
          method = "description()";
          provider.description();
          method = "version()";
          provider.version();
          method = "parameters()";
          provider.parameters();
          kept.add(provider);
        } catch (RuntimeException | LinkageError e) {
          failures.add(new Failure(where, kind, id, method + " threw " + Registries.reason(e)));
        }
      }
      return kept;
    }

    private void fail(Jar jar, String kind, String reason) {
      failures.add(new Failure(jar.path.toString(), kind, null, reason));
    }
  }

  private static String message(Throwable e) {
    String text = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && (text == null || !text.contains(cause.getMessage()))) {
      text = (text == null ? "" : text + ": ") + cause.getMessage();
    }
    return text == null ? e.getClass().getSimpleName() : text;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
