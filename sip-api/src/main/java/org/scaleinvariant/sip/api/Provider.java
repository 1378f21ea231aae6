package org.scaleinvariant.sip.api;

import java.util.List;

/**
 * What every discoverable provider declares: a stable id, a version, a description and its
 * parameters. Implementations need a public no-argument constructor (so that {@link
 * java.util.ServiceLoader} can create them on the class path as well as the module path).
 */
public interface Provider {

  /**
   * The stable id used on the command line, e.g. {@code "newton"}. Lower case, digits and {@code -}.
   *
   * @return the id
   */
  String id();

  /**
   * A one-line description for {@code sip solvers} / {@code sip problems}.
   *
   * @return the description
   */
  String description();

  /**
   * The provider's version: by default the version of its named module (set at compile time), else
   * the implementation version in its jar's manifest, else {@code "dev"}.
   *
   * @return the version
   */
  default String version() {
    Module module = getClass().getModule();
    if (module.isNamed() && module.getDescriptor() != null) {
      java.util.Optional<String> raw = module.getDescriptor().rawVersion();
      if (raw.isPresent()) {
        return raw.get();
      }
    }
    Package pkg = getClass().getPackage();
    String v = pkg == null ? null : pkg.getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The parameters this provider accepts, with defaults and allowed ranges.
   *
   * @return the declared parameters, possibly empty
   */
  List<ParameterSpec> parameters();
}
