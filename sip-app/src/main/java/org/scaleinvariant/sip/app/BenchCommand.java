package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.nn.Phase;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingListener;
import org.scaleinvariant.sip.nn.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip bench}: the cost of one training iteration, per method, in one process after warm-up.
 *
 * <p>For every method and round: a warm-up run, then a measured run of {@code --iterations}
 * iterations whose every iteration time is recorded (the median and quartiles are reported), whose
 * phases are read back from the Micrometer timers {@code sip.phase} of that run, and whose heap
 * allocation per phase is measured with {@code ThreadMXBean.getCurrentThreadAllocatedBytes}. Rounds
 * alternate the methods so slow drifts of the machine hit all of them alike. With {@code --threads
 * N} the measured runs of a method execute as N independent copies at once (each single-threaded);
 * the aggregate throughput against one copy shows how independent runs scale with the cores.
 */
@Command(
    name = "bench",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Time training iterations of each method in one process after warm-up (default: the paper's"
          + " setting, rotated sine paper form, xi = 32, phi = 45, network 2-32-64-32-2, batch 100),"
          + " single-threaded.",
      "Reports per method the median and quartiles of ms per iteration, iterations per second, the"
          + " per-phase times (Micrometer timers) and heap bytes allocated per iteration and phase,"
          + " the dense network's GFLOP/s, and the ratio SIP/Adam.",
      ""
    },
    footer = {"", "Examples:", "  sip bench", "  sip bench --batch 1000 --hidden 512,512 --methods sip,adam",
        "  sip bench --threads 1,2 --methods sip"})
final class BenchCommand implements Callable<Integer> {
  /** Default warm-up iterations per run, {@value}. */
  static final int DEFAULT_WARMUP = 1000;
  /** The most independent runs at once, {@value}: each holds a network, its optimizer and batch buffers. */
  static final int MAX_THREADS = 256;
  /** Default measured iterations per round, {@value}. */
  static final int DEFAULT_ITERATIONS = 1000;
  /** Default rounds, {@value}. */
  static final int DEFAULT_ROUNDS = 3;
  /** Default methods, {@value}. */
  static final String DEFAULT_METHODS = "sip,adam,sgd,momentum,nesterov,adagrad,rmsprop,adadelta,adamw";

  @Spec CommandSpec spec;

  @Mixin ProblemOptions problemOptions;
  @Mixin TrainingOptions trainingOptions;

  @Option(names = "--methods", paramLabel = "M1,M2,...", defaultValue = DEFAULT_METHODS,
      description = "Methods to time. Default: sip and every DP optimizer.")
  String methods;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + DEFAULT_WARMUP,
      description = "Warm-up iterations before each measured run (0: none). Default: ${DEFAULT-VALUE}.")
  String warmup;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + DEFAULT_ITERATIONS,
      description = "Measured iterations per round. Default: ${DEFAULT-VALUE}.")
  String iterations;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + DEFAULT_ROUNDS,
      description = "Rounds over all methods. Default: ${DEFAULT-VALUE}.")
  String rounds;

  @Option(names = "--threads", paramLabel = "T1,T2,...", defaultValue = "1",
      description = "Independent runs at once, each single-threaded (e.g. 1,2 to measure scaling). Default: 1.")
  String threads;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line.")
  boolean json;

  private final Runs runs;
  private final MeterRegistry registry;

  @Inject
  BenchCommand(Runs runs, MeterRegistry registry) {
    this.runs = runs;
    this.registry = registry;
  }

  /** Collects iteration times and per-phase allocation of one measured run (one thread). */
  private static final class Probe implements TrainingListener {
    private final com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    final long[] nanos;
    final long[] phaseBytes = new long[Phase.values().length];
    int count;
    long last;

    Probe(int iterations) {
      nanos = new long[iterations];
    }

    void start() {
      last = bean.getCurrentThreadAllocatedBytes();
    }

    @Override
    public void onPhase(String run, Phase phase, long phaseNanos) {
      long now = bean.getCurrentThreadAllocatedBytes();
      if (count > 0) { // steady state: the first iteration also pays for the run's set-up
        phaseBytes[phase.ordinal()] += now - last;
      }
      last = now;
    }

    @Override
    public void onIteration(String run, int step, long iterationNanos) {
      if (count < nanos.length) {
        nanos[count++] = iterationNanos;
      }
      last = bean.getCurrentThreadAllocatedBytes();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int warmupSteps = TrainingOptions.integer("--warmup", warmup, 0);
    int measured = TrainingOptions.integer("--iterations", iterations, 1);
    int roundCount = TrainingOptions.integer("--rounds", rounds, 1);
    List<Integer> threadCounts = new ArrayList<>();
    for (String part : threads.split(",", -1)) {
      int threadCount = TrainingOptions.integer("--threads", part, 1);
      if (threadCount > MAX_THREADS) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--threads " + threadCount + " is not allowed; allowed: 1 to "
            + MAX_THREADS + " (this machine has " + Runtime.getRuntime().availableProcessors() + " cores)");
      }
      threadCounts.add(threadCount);
    }
    List<String> methodIds = Methods.parseList("--methods", methods);
    // every measured run does all its iterations: a --time-limit of train would cut them short
    TrainingConfig base =
        trainingOptions.toConfig().toBuilder().testSetSize(64).timeLimitSeconds(Double.POSITIVE_INFINITY).build();
    Problem problem = runs.problem(problemOptions);

    ObjectNode summary = Json.object();
    summary.put("problem", problem.id());
    Json.putParameters(summary, problem.parameters());
    summary.put("batch", base.batch());
    List<Integer> hiddenLayers = base.hidden() != null ? base.hidden() : problem.defaultHiddenLayers();
    ArrayNode hiddenArray = summary.putArray("hidden");
    hiddenLayers.forEach(hiddenArray::add);
    summary.put("warmup", warmupSteps);
    summary.put("iterations", measured);
    summary.put("rounds", roundCount);
    summary.put("processors", Runtime.getRuntime().availableProcessors());
    summary.put("java", System.getProperty("java.version"));
    ArrayNode results = Json.results(summary);
    Map<String, Double> medians = new LinkedHashMap<>();
    Map<Integer, Map<String, Double>> aggregate = new LinkedHashMap<>();
    java.util.Set<String> divergedMethods = new java.util.LinkedHashSet<>();
    out.println(String.format(Locale.ROOT, "%s %s, batch %d, hidden %s; %d warm-up + %d measured iterations x %d rounds",
        problem.id(), problem.parameters(), base.batch(), hiddenLayers, warmupSteps, measured,
        roundCount));
    out.println(String.format(Locale.ROOT, "%-10s %-8s %10s %10s %10s %10s %10s %12s", "method", "threads",
        "ms/iter", "q1", "q3", "iter/s", "GFLOP/s", "bytes/iter"));
    int counter = 0;
    for (int threadCount : threadCounts) {
      Map<String, List<long[]>> samples = new LinkedHashMap<>();
      Map<String, long[]> bytes = new LinkedHashMap<>();
      Map<String, double[]> phaseTotals = new LinkedHashMap<>();
      Map<String, Double> throughput = new LinkedHashMap<>();
      for (int round = 0; round < roundCount; round++) {
        for (String method : methodIds) {
          TrainingConfig config = Methods.configure(base, method);
          Runs.Planned warm = warmupSteps == 0 ? null : runs.plan("bench-warmup-" + counter++, problem,
              config.toBuilder().steps(warmupSteps).evalEvery(warmupSteps).build(), trainingOptions.solver,
              trainingOptions.solverOptions);
          List<Runs.Planned> plans = new ArrayList<>();
          List<Probe> probes = new ArrayList<>();
          for (int t = 0; t < threadCount; t++) {
            plans.add(runs.plan("bench-" + method + "-" + threadCount + "-" + round + "-" + t + "-" + counter++,
                problem, config.toBuilder().steps(measured).evalEvery(measured).seed(config.seed() + t).build(),
                trainingOptions.solver, trainingOptions.solverOptions));
            probes.add(new Probe(measured));
          }
          if (warm != null) {
            runs.execute(warm, TrainingListener.NONE);
          }
          long start = System.nanoTime();
          List<TrainingResult> done = runProbed(plans, probes);
          double seconds = (System.nanoTime() - start) / 1e9;
          throughput.merge(method, threadCount * (double) measured / seconds, Double::sum);
          for (int t = 0; t < threadCount; t++) {
            if (done.get(t).diverged()) {
              divergedMethods.add(method);
            }
            samples.computeIfAbsent(method, k -> new ArrayList<>()).add(Arrays.copyOf(probes.get(t).nanos, probes.get(t).count));
            long[] b = bytes.computeIfAbsent(method, k -> new long[Phase.values().length + 1]);
            for (Phase p : Phase.values()) {
              b[p.ordinal()] += probes.get(t).phaseBytes[p.ordinal()];
            }
            b[Phase.values().length] += probes.get(t).count - 1;
            double[] totals = phaseTotals.computeIfAbsent(method, k -> new double[Phase.values().length + 1]);
            for (Phase p : Phase.values()) {
              Timer timer = registry.find(Phase.TIMER_NAME).tag("run", done.get(t).run()).tag("phase", p.tag()).timer();
              totals[p.ordinal()] += timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
            }
            totals[Phase.values().length] += done.get(t).steps();
          }
        }
        if (!json) {
          err.println("[bench] round " + (round + 1) + "/" + roundCount + " done (threads " + threadCount + ")");
        }
      }
      Map<String, Double> perThreadCount = new LinkedHashMap<>();
      aggregate.put(threadCount, perThreadCount);
      for (String method : methodIds) {
        perThreadCount.put(method, throughput.get(method) / roundCount);
        long[] all = samples.get(method).stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double median = percentile(all, 0.5) / 1e6;
        double q1 = percentile(all, 0.25) / 1e6;
        double q3 = percentile(all, 0.75) / 1e6;
        long[] b = bytes.get(method);
        double perIteration = 0;
        ObjectNode node = results.addObject();
        node.put("method", method);
        node.put("threads", threadCount);
        node.put("diverged", divergedMethods.contains(method));
        Json.putNumber(node, "msPerIteration", median);
        Json.putNumber(node, "q1", q1);
        Json.putNumber(node, "q3", q3);
        Json.putNumber(node, "min", all[0] / 1e6);
        Json.putNumber(node, "iterationsPerSecond", 1e3 / median);
        Json.putNumber(node, "aggregateIterationsPerSecond", throughput.get(method) / roundCount);
        ObjectNode phases = node.putObject("phases");
        ObjectNode allocation = node.putObject("bytesPerIteration");
        double[] totals = phaseTotals.get(method);
        double dense = 0;
        for (Phase p : Phase.values()) {
          if (totals[p.ordinal()] == 0) {
            continue;
          }
          double ms = totals[p.ordinal()] / totals[Phase.values().length];
          Json.putNumber(phases, p.tag(), ms);
          double perPhase = (double) b[p.ordinal()] / b[Phase.values().length];
          perIteration += perPhase;
          Json.putNumber(allocation, p.tag(), perPhase);
          if (p == Phase.NN_FORWARD || p == Phase.LOSS_BACKWARD) {
            dense += ms;
          }
        }
        double gflops = denseFlops(problem, base) / (dense * 1e-3) / 1e9;
        Json.putNumber(node, "denseGflops", gflops);
        Json.putNumber(node, "bytesPerIterationTotal", perIteration);
        if (threadCount == threadCounts.get(0)) {
          medians.put(method, median);
        }
        out.println(String.format(Locale.ROOT, "%-10s %-8d %10.4f %10.4f %10.4f %10.0f %10.2f %12.0f", method,
            threadCount, median, q1, q3, throughput.get(method) / roundCount, gflops, perIteration));
        StringBuilder phaseLine = new StringBuilder("           ms/iter by phase:");
        phases.fields().forEachRemaining(
            e -> phaseLine.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue().asDouble())));
        out.println(phaseLine);
      }
    }
    for (String method : divergedMethods) {
      err.println(spec.qualifiedName() + ": warning: " + method + " diverged during the measured runs, so its times"
          + " cover only the iterations before that; give it a smaller --lr");
    }
    if (medians.containsKey(Methods.SIP) && medians.containsKey("adam")) {
      double ratio = medians.get(Methods.SIP) / medians.get("adam");
      Json.putNumber(summary, "sipOverAdam", ratio);
      out.println(String.format(Locale.ROOT, "time per iteration SIP/Adam = %.3f", ratio));
    }
    if (threadCounts.size() > 1) {
      // aggregate throughput of T independent runs over that of the first thread count
      ObjectNode scaling = summary.putObject("scaling");
      Map<String, Double> reference = aggregate.get(threadCounts.get(0));
      for (int threadCount : threadCounts.subList(1, threadCounts.size())) {
        ObjectNode perMethod = scaling.putObject(Integer.toString(threadCount));
        for (String method : methodIds) {
          double factor = aggregate.get(threadCount).get(method) / reference.get(method);
          Json.putNumber(perMethod, method, factor);
          out.println(String.format(Locale.ROOT, "%s: %d runs at once give %.2fx the throughput of %d", method,
              threadCount, factor, threadCounts.get(0)));
        }
      }
    }
    if (json) {
      out.println(Json.line(summary));
    }
    out.flush();
    return 0;
  }

  private List<TrainingResult> runProbed(List<Runs.Planned> plans, List<Probe> probes) throws InterruptedException {
    List<TrainingResult> results = new ArrayList<>();
    List<Thread> threadList = new ArrayList<>();
    TrainingResult[] slots = new TrainingResult[plans.size()];
    RuntimeException[] failure = new RuntimeException[1];
    for (int t = 0; t < plans.size(); t++) {
      int index = t;
      Thread thread = new Thread(() -> {
        try {
          probes.get(index).start();
          slots[index] = runs.execute(plans.get(index), probes.get(index));
        } catch (RuntimeException e) {
          failure[0] = e;
        }
      }, "bench-" + t);
      threadList.add(thread);
      thread.start();
    }
    for (Thread thread : threadList) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    results.addAll(Arrays.asList(slots));
    return results;
  }

  /** Multiply-adds of the dense network per iteration, times 2: forward 2·B·W, backward 4·B·W − 2·B·W₁. */
  static double denseFlops(Problem problem, TrainingConfig config) {
    List<Integer> hidden = config.hidden() != null ? config.hidden() : problem.defaultHiddenLayers();
    List<Integer> sizes = new ArrayList<>();
    sizes.add(problem.outputSize());
    sizes.addAll(hidden);
    sizes.add(problem.inputSize());
    double weights = 0;
    for (int l = 1; l < sizes.size(); l++) {
      weights += (double) sizes.get(l - 1) * sizes.get(l);
    }
    double first = (double) sizes.get(0) * sizes.get(1);
    return config.batch() * (6 * weights - 2 * first);
  }

  private static double percentile(long[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(sorted.length - 1, low + 1);
    double fraction = position - low;
    return sorted[low] * (1 - fraction) + sorted[high] * fraction;
  }
}
