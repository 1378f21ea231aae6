package org.scaleinvariant.sip.nn;

/**
 * The timed phases of a training iteration (DESIGN.md §6): each is a Micrometer timer {@code
 * sip.phase} with tag {@code phase} = {@link #tag()}.
 */
public enum Phase {
  /** Network forward pass x = f(y*; θ). */
  NN_FORWARD("nn.forward"),
  /** Physics forward pass y = P(x), and (SIP) the y-loss Newton step t = y + Δy. */
  PHYSICS_FORWARD("physics.forward"),
  /** The inverse solver's update Δx_PG (SIP only). */
  INVERSE_SOLVE("inverse.solve"),
  /** The loss gradient back to θ: proxy-loss gradient (SIP) or vector-Jacobian product (DP), then the network's backward pass. */
  LOSS_BACKWARD("loss.backward"),
  /** The optimizer's parameter update. */
  OPTIMIZER_STEP("optimizer.step");

  /** The Micrometer name of the per-phase timers, {@value}. */
  public static final String TIMER_NAME = "sip.phase";
  /** The Micrometer name of the whole-iteration timer, {@value}. */
  public static final String ITERATION_TIMER_NAME = "sip.iteration";

  private final String tag;

  Phase(String tag) {
    this.tag = tag;
  }

  /**
   * The value of the {@code phase} tag, e.g. {@code "nn.forward"}.
   *
   * @return the tag
   */
  public String tag() {
    return tag;
  }
}
