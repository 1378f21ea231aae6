package org.scaleinvariant.sip.api;

import java.util.Objects;

/**
 * The one exception type of the SIP framework: a broken contract (wrong shapes, unknown ids, invalid
 * parameters, NaN inputs) or divergence. Expected numerical situations (singular or indefinite
 * Hessians, targets outside the range of the physics) are not exceptions; solvers report them in
 * {@link SolverDiagnostics}.
 *
 * <p>The message is a single line meant for a person: it names the offending value and what is
 * allowed. The {@link #code()} is stable and meant for programs.
 */
public final class SipException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * Creates an exception.
   *
   * @param code the kind of failure, not null
   * @param message one line naming the bad value and what is allowed
   */
  public SipException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the kind of failure, not null
   * @param message one line naming the bad value and what is allowed
   * @param cause the underlying failure
   */
  public SipException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns the stable code of this failure.
   *
   * @return the code, never null
   */
  public ErrorCode code() {
    return code;
  }
}
