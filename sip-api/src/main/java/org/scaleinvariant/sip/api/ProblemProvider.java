package org.scaleinvariant.sip.api;

/**
 * Creates {@link Problem}s; found with {@link java.util.ServiceLoader} ({@code provides
 * org.scaleinvariant.sip.api.ProblemProvider with …} in {@code module-info.java}, and a {@code
 * META-INF/services} entry for class-path use).
 */
public interface ProblemProvider extends Provider {

  /**
   * Creates a problem.
   *
   * @param options the parameters; keys not in {@link #parameters()} are rejected, missing ones take
   *     their defaults
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or invalid values
   */
  Problem create(Options options);
}
