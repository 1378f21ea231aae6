package org.scaleinvariant.sip.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The discovered providers of one kind, looked up by id. Ids are matched ignoring case ({@link
 * Locale#ROOT}), so a plugin's {@code MyGN} is found as {@code mygn}, and are unique in that sense;
 * an unknown id is answered with a message that lists the ids that exist. Providers that were found but failed to load
 * ({@link ProviderFailure}s, e.g. from a broken plugin jar) are kept too: asking for one of them by
 * id fails with {@link ErrorCode#LOAD_FAILED} and the reason, and the unknown-id message lists the
 * failures whose id is not known.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <P> the provider type
 */
public class ProviderRegistry<P extends Provider> {
  private final String kind;
  private final Map<String, P> byId;
  private final List<ProviderFailure> failures;

  /**
   * Creates a registry over explicit providers (tests, Guice, plugins).
   *
   * @param kind what the providers are, for messages, e.g. {@code "solver"}
   * @param providers the providers
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id (the message
   *     names both and where they came from)
   */
  public ProviderRegistry(String kind, Collection<? extends P> providers) {
    this(kind, providers, List.of());
  }

  /**
   * Creates a registry over explicit providers and the providers of the same kind that failed to
   * load.
   *
   * @param kind what the providers are, for messages, e.g. {@code "solver"}
   * @param providers the providers
   * @param failures the providers (or plugin jars) that were found but failed to load
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id (the message
   *     names both and where they came from, with their jars)
   */
  public ProviderRegistry(
      String kind, Collection<? extends P> providers, Collection<ProviderFailure> failures) {
    this.kind = kind;
    this.failures = List.copyOf(failures);
    Map<String, P> map = new TreeMap<>();
    for (P provider : providers) {
      P previous = map.putIfAbsent(key(provider.id()), provider);
      if (previous != null && previous != provider) {
        throw new SipException(
            ErrorCode.DUPLICATE_ID,
            "two "
                + kind
                + " providers have the id '"
                + provider.id()
                + "': "
                + Registries.origin(previous)
                + " and "
                + Registries.origin(provider));
      }
    }
    this.byId = Collections.unmodifiableMap(map);
  }

  /**
   * What kind of providers this registry holds, e.g. {@code "solver"}.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * Looks a provider up by id.
   *
   * @param id the id
   * @return the provider
   * @throws SipException {@link ErrorCode#LOAD_FAILED} with the reason if a provider with this id
   *     was found but failed to load, else {@link ErrorCode#UNKNOWN_ID} with the list of known ids
   *     (and the failures whose ids are not known, since the id may be one of theirs)
   */
  public P get(String id) {
    P provider = id == null ? null : byId.get(key(id));
    if (provider == null) {
      for (ProviderFailure failure : failures) {
        if (id != null && failure.id() != null && key(id).equals(key(failure.id()))) {
          throw new SipException(
              ErrorCode.LOAD_FAILED,
              kind
                  + " '"
                  + id
                  + "' failed to load"
                  + (failure.origin() == null ? "" : " from " + failure.origin())
                  + ": "
                  + failure.reason());
        }
      }
      StringBuilder unattributed = new StringBuilder();
      for (ProviderFailure failure : failures) {
        if (failure.id() == null) {
          unattributed.append(unattributed.length() == 0 ? "; failed to load: " : "; ").append(failure.describe());
        }
      }
      throw new SipException(
          unattributed.length() == 0 ? ErrorCode.UNKNOWN_ID : ErrorCode.LOAD_FAILED,
          "unknown "
              + kind
              + " '"
              + id
              + "'; known: "
              + (byId.isEmpty() ? "(none discovered)" : String.join(", ", ids()))
              + unattributed);
    }
    return provider;
  }

  /**
   * The providers of this kind that were found but failed to load, in the order reported.
   *
   * @return the failures, immutable, possibly empty
   */
  public List<ProviderFailure> failures() {
    return failures;
  }

  /**
   * Looks a provider up by id without failing.
   *
   * @param id the id
   * @return the provider, or empty
   */
  public Optional<P> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(key(id)));
  }

  /**
   * The known ids as the providers spell them, sorted ignoring case.
   *
   * @return the ids
   */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (P provider : byId.values()) {
      ids.add(provider.id());
    }
    return List.copyOf(ids);
  }

  /** The lookup key of an id: lower case, {@link Locale#ROOT}. */
  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /**
   * All providers, sorted by id ignoring case.
   *
   * @return the providers
   */
  public List<P> all() {
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }
}
