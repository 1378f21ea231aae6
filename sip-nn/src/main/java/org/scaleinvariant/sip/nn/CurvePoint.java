package org.scaleinvariant.sip.nn;

import java.io.Serializable;

/**
 * One evaluation of a training run on the held-out test set. Serializable, so a run's curve can
 * travel from where it ran to where it is reported (a Spark executor to the driver).
 *
 * @param step the number of training iterations completed (0 = before training)
 * @param trainingSeconds the time spent in training iterations so far, in seconds (evaluations
 *     excluded: the x-axis of loss-over-time plots)
 * @param wallSeconds the wall time since the run started, in seconds (evaluations included)
 * @param trainLoss the mean training loss over the iterations since the previous point (NaN at
 *     step 0): the y-loss of the batch for SIP and DP training, the x-space loss ½‖f(y*) − x*‖² for
 *     supervised training
 * @param testXDistance the mean Euclidean distance of the predicted x to the closest exact solution
 *     over the test set (NaN if the problem does not know its solutions)
 * @param testYLoss the mean y-loss ½‖P(f(y*)) − y*‖² over the test set
 */
public record CurvePoint(
    int step,
    double trainingSeconds,
    double wallSeconds,
    double trainLoss,
    double testXDistance,
    double testYLoss) implements Serializable {}
