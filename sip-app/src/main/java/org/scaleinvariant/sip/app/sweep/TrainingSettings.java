package org.scaleinvariant.sip.app.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.YLosses;
import org.scaleinvariant.sip.nn.Activation;
import org.scaleinvariant.sip.nn.Initialization;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.OnDivergence;
import org.scaleinvariant.sip.nn.ProxyLoss;
import org.scaleinvariant.sip.nn.TrainingConfig;

/**
 * A {@link TrainingConfig} as plain, serializable values, so that a run can be described in one
 * process and trained in another (a Spark executor). The only component that is not a plain value,
 * the y-loss, travels as its id and the options it was created from; {@link #toConfig()} creates
 * it again with {@link YLosses#create}.
 *
 * <p>The components mean what {@link TrainingConfig}'s components of the same name mean.
 *
 * @param method SIP, DP or supervised training
 * @param optimizer the network optimizer's id
 * @param learningRate η_NN, or NaN for the default
 * @param eta η, the Newton step size of the y-loss
 * @param proxyLoss the x-space proxy loss
 * @param nnUpdates network updates per inverse-solver evaluation
 * @param yLoss the y-loss id, e.g. {@code l2}
 * @param yLossOptions the y-loss options (e.g. {@code delta} of {@code huber}), empty for none
 * @param steps the number of training iterations
 * @param batch the mini-batch size
 * @param seed the seed of the network initialisation and the training data
 * @param hidden the hidden-layer widths, or null for the problem's default
 * @param activation the hidden-layer activation
 * @param initialization the initialisation scheme, or null for the default
 * @param standardizeInput whether to standardise the network input, or null for the problem's
 *     recommendation
 * @param evalEvery the evaluation interval in steps, or 0 for the default
 * @param testSetSize the size of the fixed held-out set
 * @param timeLimitSeconds the wall-time budget in seconds (infinite for none)
 * @param evaluationSet the held-out set the run is measured on
 * @param onDivergence what a step with NaN or infinite values does (stop, or drop the batch)
 */
public record TrainingSettings(
    Method method,
    String optimizer,
    double learningRate,
    double eta,
    ProxyLoss proxyLoss,
    int nnUpdates,
    String yLoss,
    Map<String, String> yLossOptions,
    int steps,
    int batch,
    long seed,
    List<Integer> hidden,
    Activation activation,
    Initialization initialization,
    Boolean standardizeInput,
    int evalEvery,
    int testSetSize,
    double timeLimitSeconds,
    TrainingConfig.EvaluationSet evaluationSet,
    OnDivergence onDivergence)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Copies the collections into serializable, unmodifiable ones (order kept). */
  public TrainingSettings {
    yLossOptions = Collections.unmodifiableMap(new LinkedHashMap<>(yLossOptions));
    hidden = hidden == null ? null : Collections.unmodifiableList(new ArrayList<>(hidden));
  }

  /**
   * The settings of a configuration.
   *
   * @param config the configuration
   * @param yLossOptions the options its y-loss was created from ({@code -Y NAME=VALUE}), empty for
   *     none
   * @return the settings
   */
  public static TrainingSettings of(TrainingConfig config, Map<String, String> yLossOptions) {
    return new TrainingSettings(
        config.method(),
        config.optimizer(),
        config.learningRate(),
        config.eta(),
        config.proxyLoss(),
        config.nnUpdates(),
        config.yLoss().id(),
        yLossOptions,
        config.steps(),
        config.batch(),
        config.seed(),
        config.hidden(),
        config.activation(),
        config.initialization(),
        config.standardizeInput(),
        config.evalEvery(),
        config.testSetSize(),
        config.timeLimitSeconds(),
        config.evaluationSet(),
        config.onDivergence());
  }

  /**
   * The configuration these settings describe.
   *
   * @return a new configuration, equal in every component to the one the settings were made from
   *     (the y-loss an equal new instance)
   * @throws SipException as {@link YLosses#create} and {@link TrainingConfig.Builder#build()} do for
   *     invalid values
   */
  public TrainingConfig toConfig() {
    return TrainingConfig.builder()
        .method(method)
        .optimizer(optimizer)
        .learningRate(learningRate)
        .eta(eta)
        .proxyLoss(proxyLoss)
        .nnUpdates(nnUpdates)
        .yLoss(YLosses.create(yLoss, Options.of(yLossOptions)))
        .steps(steps)
        .batch(batch)
        .seed(seed)
        .hidden(hidden)
        .activation(activation)
        .initialization(initialization)
        .standardizeInput(standardizeInput)
        .evalEvery(evalEvery)
        .testSetSize(testSetSize)
        .timeLimitSeconds(timeLimitSeconds)
        .evaluationSet(evaluationSet)
        .onDivergence(onDivergence)
        .build();
  }
}
