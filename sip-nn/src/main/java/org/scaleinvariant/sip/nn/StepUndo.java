package org.scaleinvariant.sip.nn;

import org.scaleinvariant.sip.api.SolverDiagnostics;

/**
 * What {@link OnDivergence#SKIP_BATCH} needs to drop a batch: a copy of θ, the optimizer state and
 * the solver counters taken before each step, and putting them back. Shared by {@link Trainer} and
 * {@link RolloutTrainer}. The buffers are allocated once; {@link #save()} and {@link #undo()} do
 * not allocate.
 */
final class StepUndo {
  private final double[] parameters;
  private final double[] savedParameters;
  private final Optimizer optimizer;
  private final OptimizerState savedOptimizer;
  private final SolverDiagnostics diagnostics;
  private final long[] savedCounts = new long[5];

  /**
   * Prepares the copies for one run.
   *
   * @param parameters the network's live θ
   * @param optimizer the run's optimizer
   * @param diagnostics the run's solver counters
   */
  StepUndo(double[] parameters, Optimizer optimizer, SolverDiagnostics diagnostics) {
    this.parameters = parameters;
    this.savedParameters = new double[parameters.length];
    this.optimizer = optimizer;
    this.savedOptimizer = optimizer.saveState();
    this.diagnostics = diagnostics;
  }

  /** Copies θ, the optimizer state and the solver counters (before a step). */
  void save() {
    System.arraycopy(parameters, 0, savedParameters, 0, parameters.length);
    optimizer.saveState(savedOptimizer);
    savedCounts[0] = diagnostics.samples();
    savedCounts[1] = diagnostics.regularized();
    savedCounts[2] = diagnostics.clipped();
    savedCounts[3] = diagnostics.indefinite();
    savedCounts[4] = diagnostics.failed();
  }

  /** Puts back what {@link #save()} copied (after a step that diverged). */
  void undo() {
    System.arraycopy(savedParameters, 0, parameters, 0, parameters.length);
    optimizer.restoreState(savedOptimizer);
    Resumption.setDiagnostics(
        diagnostics, savedCounts[0], savedCounts[1], savedCounts[2], savedCounts[3], savedCounts[4]);
  }
}
