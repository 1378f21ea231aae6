package org.scaleinvariant.sip.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The discovered {@link InverseSolverProvider}s, with the rule that picks a solver for a problem. */
public final class SolverRegistry extends ProviderRegistry<InverseSolverProvider> {

  /**
   * Creates a registry over explicit providers.
   *
   * @param providers the providers
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two share an id
   */
  public SolverRegistry(Collection<? extends InverseSolverProvider> providers) {
    super("solver", providers);
  }

  /**
   * Creates a registry over explicit providers and the solver providers that failed to load.
   *
   * @param providers the providers
   * @param failures the providers (or plugin jars) that were found but failed to load
   * @throws SipException {@link ErrorCode#DUPLICATE_ID} if two share an id
   */
  public SolverRegistry(
      Collection<? extends InverseSolverProvider> providers, Collection<ProviderFailure> failures) {
    super("solver", providers, failures);
  }

  /**
   * Chooses the solver provider for a problem.
   *
   * <ul>
   *   <li>If {@code requestedId} is given, that provider, which must support the problem.
   *   <li>Otherwise the problem's {@link Problem#preferredSolver() preferred solver} if it is
   *       discovered and supports the problem.
   *   <li>Otherwise the first discovered provider (by id) that supports the problem.
   * </ul>
   *
   * @param problem the problem
   * @param requestedId the requested id, or null/empty for the default
   * @return the provider
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown requested id, {@link
   *     ErrorCode#UNSUPPORTED} if the requested provider does not support the problem or no provider
   *     does (the message lists the ones that do)
   */
  public InverseSolverProvider select(Problem problem, String requestedId) {
    if (requestedId != null && !requestedId.isEmpty()) {
      InverseSolverProvider provider = get(requestedId);
      if (!provider.supports(problem)) {
        throw new SipException(
            ErrorCode.UNSUPPORTED,
            "solver '"
                + requestedId
                + "' does not support problem '"
                + problem.id()
                + "'; solvers that do: "
                + supportingIds(problem));
      }
      return provider;
    }
    Optional<InverseSolverProvider> preferred =
        problem.preferredSolver().flatMap(this::find).filter(p -> supportsQuietly(p, problem));
    if (preferred.isPresent()) {
      return preferred.get();
    }
    for (InverseSolverProvider provider : all()) {
      if (supportsQuietly(provider, problem)) {
        return provider;
      }
    }
    throw new SipException(
        ErrorCode.UNSUPPORTED,
        "no discovered solver supports problem '" + problem.id() + "'; discovered: " + ids());
  }

  /**
   * The ids of the providers that support a problem (a provider whose {@code supports} throws is
   * left out).
   *
   * @param problem the problem
   * @return the ids, sorted
   */
  public List<String> supportingIds(Problem problem) {
    List<String> ids = new ArrayList<>();
    for (InverseSolverProvider provider : all()) {
      if (supportsQuietly(provider, problem)) {
        ids.add(provider.id());
      }
    }
    return ids;
  }

  /**
   * Whether a provider that was not asked for by id supports a problem; one whose {@code supports}
   * throws (a broken plugin) counts as not supporting it, so it cannot hide the answer about the
   * others. The provider asked for by id is called directly, so its failure is reported.
   */
  private static boolean supportsQuietly(InverseSolverProvider provider, Problem problem) {
    try {
      return provider.supports(problem);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
