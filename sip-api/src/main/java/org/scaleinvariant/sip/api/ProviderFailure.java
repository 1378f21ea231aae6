package org.scaleinvariant.sip.api;

import java.util.Objects;

/**
 * A service provider, or a plugin jar, that was found but cannot be used: its class is missing or
 * does not implement the service, its constructor or one of its metadata methods ({@link
 * Provider#id()}, {@link Provider#description()}, ...) threw, or its module did not resolve.
 * Registries keep these next to the working providers, so that asking for a broken provider by id
 * answers with the reason instead of "unknown id".
 *
 * @param id the provider's id if it could be read, else null (the failure then concerns every id)
 * @param origin where it came from, for people: a jar path, a module, a class name; null if unknown
 * @param reason one line: what went wrong, e.g. {@code "constructor threw IllegalStateException:
 *     no licence"}
 */
public record ProviderFailure(String id, String origin, String reason) {

  /**
   * Validates the components.
   *
   * @param id the provider's id, or null
   * @param origin where it came from, or null
   * @param reason what went wrong, not null
   * @throws NullPointerException if {@code reason} is null
   */
  public ProviderFailure {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns a copy with another origin (e.g. the plugin jar when the lookup could not tell).
   *
   * @param newOrigin the origin
   * @return the copy
   */
  public ProviderFailure withOrigin(String newOrigin) {
    return new ProviderFailure(id, newOrigin, reason);
  }

  /**
   * One line for messages: {@code "'ID' from ORIGIN: REASON"}, or {@code "ORIGIN: REASON"} when the
   * id is unknown, leaving out what is unknown.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (id != null) {
      text.append('\'').append(id).append('\'').append(origin == null ? "" : " from ");
    }
    if (origin != null) {
      text.append(origin);
    }
    if (text.length() > 0) {
      text.append(": ");
    }
    return text.append(reason).toString();
  }
}
