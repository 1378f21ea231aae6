package org.scaleinvariant.sip.app;

import picocli.CommandLine.Option;

/** The options of the automatic learning-rate choice ({@code --lr auto}) of compare and sweep. */
final class LearningRateOptions {
  @Option(
      names = "--lr-grid",
      paramLabel = "MIN,MAX,POINTS",
      defaultValue = LearningRateSearch.DEFAULT_MIN + "," + LearningRateSearch.DEFAULT_MAX + ","
          + LearningRateSearch.DEFAULT_POINTS,
      description = "--lr auto: log-spaced grid of learning rates. Default: ${DEFAULT-VALUE}.")
  String grid;

  @Option(
      names = "--lr-steps",
      paramLabel = "N",
      defaultValue = "" + LearningRateSearch.DEFAULT_STEPS,
      description = "--lr auto: training steps per grid point (at most --steps). Default: ${DEFAULT-VALUE}.")
  String steps;

  /** How the learning rate of each method is chosen. */
  enum Mode {
    /** The grid search on the validation set. */
    AUTO,
    /** The problem's recommendation, else the optimizer's default. */
    DEFAULT,
    /** The value of {@code --lr}. */
    GIVEN;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Reads {@code --lr}: {@code auto} (also when absent), {@code default}, or a number; for the
   * first two it clears the option so {@link TrainingOptions#toConfig()} leaves the learning rate
   * open.
   *
   * @param training the training options
   * @return the mode
   */
  static Mode mode(TrainingOptions training) {
    String text = training.learningRate;
    if (text == null || text.trim().equalsIgnoreCase("auto")) {
      training.learningRate = null;
      return Mode.AUTO;
    }
    if (text.trim().equalsIgnoreCase("default")) {
      training.learningRate = null;
      return Mode.DEFAULT;
    }
    return Mode.GIVEN;
  }

  LearningRateSearch.Grid parsedGrid() {
    return LearningRateSearch.Grid.parse(grid);
  }

  int parsedSteps() {
    return TrainingOptions.integer("--lr-steps", steps, 1);
  }
}
