/**
 * Reference physics problems for SIP training (Holl, Koltun, Thuerey, <i>Scale-invariant Learning
 * by Physics Inversion</i>, NeurIPS 2022).
 *
 * <p>{@link org.scaleinvariant.sip.problems.RotatedSine} is the paper's synthetic 2-D problem,
 * created by {@link org.scaleinvariant.sip.problems.RotatedSineProvider} under the id {@code
 * rotated-sine}. All problems follow the conventions of {@link org.scaleinvariant.sip.api.Problem}:
 * batch-first, row-major {@code double[]} arrays, immutable, thread-safe, no allocation in the
 * batch methods.
 */
package org.scaleinvariant.sip.problems;
