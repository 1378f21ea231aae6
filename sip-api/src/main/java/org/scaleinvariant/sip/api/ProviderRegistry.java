package org.scaleinvariant.sip.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The discovered providers of one kind, looked up by id. Ids are unique; an unknown id is answered
 * with a message that lists the ids that exist.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <P> the provider type
 */
public class ProviderRegistry<P extends Provider> {
  private final String kind;
  private final Map<String, P> byId;

  /**
   * Creates a registry over explicit providers (tests, Guice, plugins).
   *
   * @param kind what the providers are, for messages, e.g. {@code "solver"}
   * @param providers the providers
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two providers share an id (the message
   *     names both and where they came from)
   */
  public ProviderRegistry(String kind, Collection<? extends P> providers) {
    this.kind = kind;
    Map<String, P> map = new TreeMap<>();
    for (P provider : providers) {
      P previous = map.putIfAbsent(provider.id(), provider);
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
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} with the list of known ids
   */
  public P get(String id) {
    P provider = byId.get(id);
    if (provider == null) {
      throw new SipException(
          ErrorCode.UNKNOWN_ID,
          "unknown "
              + kind
              + " '"
              + id
              + "'; known: "
              + (byId.isEmpty() ? "(none discovered)" : String.join(", ", byId.keySet())));
    }
    return provider;
  }

  /**
   * Looks a provider up by id without failing.
   *
   * @param id the id
   * @return the provider, or empty
   */
  public Optional<P> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The known ids, sorted.
   *
   * @return the ids
   */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /**
   * All providers, sorted by id.
   *
   * @return the providers
   */
  public List<P> all() {
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }
}
