package org.scaleinvariant.sip.api;

/**
 * Argument checks shared by problems, solvers and trainers. Every method throws {@link SipException}
 * with a one-line message stating expected versus actual.
 */
public final class Checks {
  private Checks() {}

  /**
   * Checks that a batch-first array holds at least {@code batch} rows of {@code rowSize} values
   * (workspaces may be longer than needed).
   *
   * @param array the array, not null
   * @param name the array's name in the message, e.g. {@code "x"}
   * @param batch the number of samples B (at least 1)
   * @param rowSize the values per sample (n, m, n*n, ...)
   * @throws SipException {@link ErrorCode#SHAPE_MISMATCH} if {@code array.length < batch*rowSize},
   *     {@link ErrorCode#INVALID_ARGUMENT} if {@code batch < 1}
   */
  public static void requireShape(double[] array, String name, int batch, int rowSize) {
    if (batch < 1) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "batch = " + batch + " is not allowed; allowed: an integer >= 1");
    }
    if (array == null) {
      throw new SipException(ErrorCode.SHAPE_MISMATCH, name + " is null; expected an array");
    }
    long expected = (long) batch * rowSize;
    if (array.length < expected) {
      throw new SipException(
          ErrorCode.SHAPE_MISMATCH,
          name
              + " has length "
              + array.length
              + "; expected at least batch*"
              + rowSize
              + " = "
              + batch
              + "*"
              + rowSize
              + " = "
              + expected);
    }
  }

  /**
   * Checks that the first {@code count} values of an array are finite.
   *
   * @param array the array, not null
   * @param count how many leading values to check
   * @param name the array's name in the message
   * @throws SipException {@link ErrorCode#NON_FINITE} naming the first offending index and value
   */
  public static void requireFinite(double[] array, int count, String name) {
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(array[i])) {
        throw new SipException(
            ErrorCode.NON_FINITE,
            name + "[" + i + "] = " + array[i] + " is not allowed; allowed: a finite number");
      }
    }
  }

  /**
   * Checks that a scalar is finite and strictly positive.
   *
   * @param value the value
   * @param name its name in the message, e.g. {@code "eta"}
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  public static double requirePositive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          name + " = " + value + " is not allowed; allowed: a finite number > 0");
    }
    return value;
  }

  /**
   * Checks that an integer is at least {@code min}.
   *
   * @param value the value
   * @param min the smallest allowed value
   * @param name its name in the message
   * @return {@code value}
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  public static int requireAtLeast(int value, int min, String name) {
    if (value < min) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          name + " = " + value + " is not allowed; allowed: an integer >= " + min);
    }
    return value;
  }
}
