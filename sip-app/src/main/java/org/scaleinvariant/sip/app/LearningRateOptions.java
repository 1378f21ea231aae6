package org.scaleinvariant.sip.app;

import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.sweep.LearningRateSearch;
import org.scaleinvariant.sip.app.sweep.LearningRateSearch.Mode;
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

  /**
   * Reads {@code --lr}: {@code auto} (also when absent), {@code default}, or a number; for the
   * first two it clears the option so {@link TrainingOptions#toConfig()} leaves the learning rate
   * open.
   *
   * @param training the training options
   * @return the mode
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if {@code --lr} is none of auto, default
   *     and a finite number &gt; 0
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
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(Double.isFinite(value) && value > 0)) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT,
          "--lr = '" + text + "' is not allowed; allowed: auto, default or a finite number > 0");
    }
    return Mode.GIVEN;
  }

  LearningRateSearch.Grid parsedGrid() {
    return parseGrid(grid);
  }

  /**
   * Parses {@code MIN,MAX,POINTS}.
   *
   * @param text the text
   * @return the grid
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} naming {@code --lr-grid}
   */
  static LearningRateSearch.Grid parseGrid(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT, "--lr-grid = '" + text + "' is not allowed; allowed: MIN,MAX,POINTS, e.g. 1e-6,1e-1,11");
    }
    return new LearningRateSearch.Grid(
        TrainingOptions.positive("--lr-grid MIN", parts[0]),
        TrainingOptions.positive("--lr-grid MAX", parts[1]),
        TrainingOptions.integer("--lr-grid POINTS", parts[2], 1));
  }

  int parsedSteps() {
    return TrainingOptions.integer("--lr-steps", steps, 1);
  }
}
