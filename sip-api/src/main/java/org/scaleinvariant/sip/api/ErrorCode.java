package org.scaleinvariant.sip.api;

/**
 * Stable codes for the kinds of {@link SipException}. Tests and callers branch on the code, never on
 * the wording of a message.
 */
public enum ErrorCode {
  /** A provider id (problem, solver, loss, method) that no discovered provider has. */
  UNKNOWN_ID,
  /** Two discovered providers of the same kind share an id. */
  DUPLICATE_ID,
  /** A parameter or option value outside what is allowed (not a number, out of range, unknown key). */
  INVALID_ARGUMENT,
  /** An array whose length does not match the declared batch and problem sizes. */
  SHAPE_MISMATCH,
  /** NaN or an infinity where a finite number is required (inputs, not numerical outcomes). */
  NON_FINITE,
  /** A solver asked to work on a problem it does not support. */
  UNSUPPORTED,
  /** Training produced NaN or infinite losses or parameters. */
  DIVERGED,
  /** Reading or writing a file failed. */
  IO,
  /**
   * A provider, or the plugin jar that holds it, was found but could not be loaded or used (its
   * class is missing, its constructor or metadata methods threw, its module does not resolve).
   */
  LOAD_FAILED,
  /**
   * A file's content is not what its format allows: truncated, a checksum mismatch, an unknown
   * format version, a value out of range (checkpoints, saved models, CSV inputs).
   */
  INVALID_FILE,
  /**
   * A problem or solver provider broke its contract: it threw, reported an impossible size, or drew
   * non-finite targets. The message names the provider, the step and the phase.
   */
  PROVIDER_CONTRACT
}
