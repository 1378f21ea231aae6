package org.scaleinvariant.sip.nn;

import java.util.Locale;

/** How the network is trained. */
public enum Method {
  /**
   * Scale-invariant physics training: the network is trained on a proxy loss towards the inverse
   * solver's update (Holl, Koltun, Thuerey, NeurIPS 2022, Alg. 1; DESIGN.md §1).
   */
  SIP,
  /**
   * Differentiable-physics training: the y-space loss ½‖P(f(y*)) − y*‖² is back-propagated through
   * the problem's vector-Jacobian product into the network (the chapter's equation (24)).
   */
  DP,
  /**
   * Supervised training on ground-truth solutions: {@code L = (1/B) Σ_b ½‖f(y*_b) − x*_b‖²} with x*
   * drawn by {@link org.scaleinvariant.sip.api.Problem#sampleTrainingPairs} (the chapter's
   * "Similarities to supervised training"). Needs a problem with ground truth.
   */
  SUPERVISED;

  /**
   * The lower-case name.
   *
   * @return {@code "sip"}, {@code "dp"} or {@code "supervised"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
