package org.scaleinvariant.sip.api;

import java.util.OptionalDouble;

/**
 * The exact solution sets {@code S(y*) = {x : P(x) = y*}} of a {@link Problem} that knows them in
 * closed form. Implementations are immutable, thread-safe and allocate nothing.
 */
public interface ExactSolutions {

  /**
   * Finds, per sample, the point of {@code S(y*)} closest (in Euclidean distance) to a given x.
   * Targets outside the range of P are first clipped into the range (the closest reachable target),
   * so a result always exists.
   *
   * @param x the points, shape [B, n]
   * @param yStar the targets, shape [B, m]
   * @param closest receives the closest exact solutions, shape [B, n]
   * @param batch the number of samples B
   */
  void closestSolution(double[] x, double[] yStar, double[] closest, int batch);

  /**
   * For problems with several separated solution branches: the distance within which a point
   * counts as near a solution. A prediction farther from every solution sits between branches — the
   * signature of a network that averaged several valid solutions. Empty if the notion does not
   * apply.
   *
   * @return the tolerance in x units, or empty
   */
  default OptionalDouble nearTolerance() {
    return OptionalDouble.empty();
  }
}
