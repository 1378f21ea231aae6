package org.scaleinvariant.sip.problems;

import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.SipException;

/**
 * Publishes the book's {@link SimpleExample} {@code y = (x0, x1²)} under the id {@value
 * SimpleExample#ID}.
 *
 * <p>Found by {@link java.util.ServiceLoader} through {@code provides} in this module's descriptor
 * and through {@code META-INF/services} on the class path. Stateless and thread-safe.
 */
public final class SimpleExampleProvider implements ProblemProvider {

  /** Creates the provider (public and without arguments, for {@link java.util.ServiceLoader}). */
  public SimpleExampleProvider() {}

  /** {@inheritDoc} Always {@value SimpleExample#ID}. */
  @Override
  public String id() {
    return SimpleExample.ID;
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    return "the book's simple example y = (x0, x1²) (Physics-based Deep Learning); targets y0 in"
        + " [-1,1], y1 in [0,1], ground truth x1 = ±√y1 with a random branch";
  }

  /**
   * {@inheritDoc} None: the problem has no parameters.
   *
   * @return an empty list
   */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Creates a {@link SimpleExample}.
   *
   * @param options must be empty
   * @return the problem
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} for any key
   */
  @Override
  public SimpleExample create(Options options) {
    return SimpleExample.create(options);
  }
}
