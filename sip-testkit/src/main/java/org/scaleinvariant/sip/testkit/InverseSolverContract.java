package org.scaleinvariant.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.InverseSolver;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.ParameterSpec;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverDiagnostics;
import org.scaleinvariant.sip.nn.Method;
import org.scaleinvariant.sip.nn.Trainer;
import org.scaleinvariant.sip.nn.TrainingConfig;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * The conformance contract of an {@link InverseSolverProvider}: extend it in a JUnit 5 test, say
 * which provider, which problems and which {@link SolverKind} it is, and JUnit runs every property
 * below on every problem as dynamic tests, each seeded case named by its seed.
 *
 * <pre>{@code
 * class MySolverContractTests extends InverseSolverContract {
 *   protected InverseSolverProvider provider() { return new MySolverProvider(); }
 *   protected List<Problem> problems() { return List.of(problem("rotated-sine"), problem("simple")); }
 *   protected SolverKind kind() { return SolverKind.NEWTON_TYPE; }
 * }
 * }</pre>
 *
 * <h2>The properties</h2>
 *
 * With x drawn by {@link #samplePoint} (uniform in [−1, 1]ⁿ by default), u uniform in [−1, 1]ⁿ and
 * reachable targets {@code t = P(x + ε·u)}, so that {@code Δy = t − y} with {@code y = P(x)}:
 *
 * <ol>
 *   <li><b>Provider</b>: a well-formed id, description, version and parameters; a public no-argument
 *       constructor; registered in module-info and {@code META-INF/services}; found by
 *       ServiceLoader; supports and creates a solver bound to each listed problem.
 *   <li><b>Inverse consistency</b> ({@link #cases()} seeds, batches of {@value #BATCH}): {@code
 *       ‖P(x + Δx) − t‖ ≪ ‖Δy‖} as the {@link #kind()} demands (exact; second order, checked at ε =
 *       {@link #smallStep()} and ε/10; downhill).
 *   <li><b>Scale invariance</b>, if the solver's {@link InverseSolver#isScaleInvariant()} says so:
 *       on {@code P' = c·P} with {@code t' = c·t} the step is unchanged; on {@code P'(x') = P(s·x')}
 *       at {@code x' = x/s} it is {@code Δx/s} (relative tolerance {@link #scaleTolerance}).
 *   <li><b>Linear exactness</b> (EXACT and NEWTON_TYPE): on linear problems (the listed ones whose
 *       output Hessian is zero, and {@link KitProblems#linearMaps()}) the step reaches any
 *       reachable target, however far: {@code ‖P(x + Δx) − t‖ ≤} {@link #linearTolerance}{@code
 *       ·‖Δy‖}.
 *   <li><b>Finite steps on degenerate inputs</b>: t = y (Δx must be 0), x = 0, targets 10⁶ away,
 *       |x| ≈ 10³, a change of 10⁻²⁰⁰, and the {@link KitProblems} degenerate problems the provider
 *       supports (zero or indefinite Hessian, unreachable targets): no exception, no NaN, no ∞.
 *   <li><b>Batch equals sample by sample</b>: a batch gives what its samples give alone, writes
 *       only its B·n entries of Δx, and leaves its inputs unchanged.
 *   <li><b>Deterministic and thread-safe</b>: repeated calls, a second solver from the provider, and
 *       four threads sharing one solver all give the same steps.
 *   <li><b>Short arrays are rejected</b> with {@link ErrorCode#SHAPE_MISMATCH}.
 *   <li><b>SIP with a gradient step is DP with gradient descent</b>: the trainer, given the {@link
 *       GradientStepSolver} on each problem, makes the same updates as DP training with SGD.
 * </ol>
 *
 * <p>Every case can be re-run alone: {@code -Dsip.testkit.seed=17} (for example {@code mvn test
 * -Dsip.testkit.seed=17}) keeps only seed 17 of the seeded properties. Each failure message starts
 * with what the author should fix and carries the numbers behind it.
 *
 * <p>Each {@code check…} method is public, so a test can also call one property directly.
 */
public abstract class InverseSolverContract {
  /** Seeds per problem of the seeded properties, {@value} unless {@link #cases()} says otherwise. */
  public static final int DEFAULT_CASES = 25;

  /** The system property that keeps one seed only, {@value}. */
  public static final String SEED_PROPERTY = "sip.testkit.seed";

  /** The default relative size ε of the target change in the inverse-consistency property, {@value}. */
  public static final double DEFAULT_SMALL_STEP = 1e-3;

  /** The default tolerance of EXACT solvers, {@code ‖P(x + Δx) − t‖ ≤} {@value}{@code ·‖Δy‖}. */
  public static final double DEFAULT_EXACT_TOLERANCE = 1e-8;

  /** The default relative tolerance of the scale-invariance property, {@value}. */
  public static final double DEFAULT_SCALE_TOLERANCE = 1e-6;

  /** The default tolerance of linear exactness, {@code ‖P(x + Δx) − t‖ ≤} {@value}{@code ·‖Δy‖}. */
  public static final double DEFAULT_LINEAR_TOLERANCE = 1e-8;

  /** Samples per case, {@value}. */
  public static final int BATCH = 4;

  /**
   * A residual ratio this small counts as exact for a Newton-type solver, {@value} (rounding, not
   * the solver, dominates below it).
   */
  static final double ROUNDING_RATIO = 1e-7;

  /** Output scales c of the scale-invariance property (2¹⁰ is exact in binary). */
  private static final double[] OUTPUT_SCALES = {1024, 1e3, 1e-3};

  /** Input scales s of the scale-invariance property (1/8 is exact in binary). */
  private static final double[] INPUT_SCALES = {0.125, 1e2, 1e-2};

  /** The size of the target change in the scale-invariance property. */
  private static final double SCALE_STEP = 1e-2;

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<Problem, InverseSolver> solvers = new IdentityHashMap<>();

  /**
   * The provider under test.
   *
   * @return the provider (a new instance or a shared one)
   */
  protected abstract InverseSolverProvider provider();

  /**
   * The problems to check the solver on; each must be supported by the provider. {@link
   * #problem(String, String...)} creates the project's problems by id.
   *
   * @return the problems, at least one
   */
  protected abstract List<Problem> problems();

  /**
   * What accuracy the solver promises.
   *
   * @return the kind
   */
  protected abstract SolverKind kind();

  /**
   * The solver options the solver is created with.
   *
   * @return the options, empty by default (every parameter at its default)
   */
  protected Options options() {
    return Options.empty();
  }

  /**
   * How many seeds each seeded property runs per problem.
   *
   * @return {@value #DEFAULT_CASES} by default
   */
  protected int cases() {
    return DEFAULT_CASES;
  }

  /**
   * Draws one point x at which the solver is checked. Override to keep away from regions where the
   * problem has no local inverse (folds, singular Jacobians) or to use the problem's own scale.
   *
   * @param problem the problem
   * @param random the generator of this case
   * @param x receives the point, length n
   */
  protected void samplePoint(Problem problem, SplittableRandom random, double[] x) {
    for (int j = 0; j < x.length; j++) {
      x[j] = random.nextDouble(-1, 1);
    }
  }

  /**
   * The relative size ε of the small target change of the inverse-consistency property: t = P(x +
   * ε·u), u uniform in [−1, 1]ⁿ.
   *
   * @return {@value #DEFAULT_SMALL_STEP} by default
   */
  protected double smallStep() {
    return DEFAULT_SMALL_STEP;
  }

  /**
   * The tolerance of an EXACT solver on a problem: {@code ‖P(x + Δx) − t‖ ≤ tol·‖Δy‖}. Override for
   * problems the solver inverts only in part by design (say why, with the measured value).
   *
   * @param problem the problem checked
   * @return {@value #DEFAULT_EXACT_TOLERANCE} by default
   */
  protected double exactTolerance(Problem problem) {
    return DEFAULT_EXACT_TOLERANCE;
  }

  /**
   * The relative tolerance of scale invariance on a problem, per sample: {@code ‖Δx' − Δx‖ ≤
   * tol·‖Δx‖}. Override for problems where rounding legitimately moves the step more (say why).
   *
   * @param problem the problem checked
   * @return {@value #DEFAULT_SCALE_TOLERANCE} by default
   */
  protected double scaleTolerance(Problem problem) {
    return DEFAULT_SCALE_TOLERANCE;
  }

  /**
   * The tolerance of linear exactness on a linear problem: {@code ‖P(x + Δx) − t‖ ≤ tol·‖Δy‖}.
   *
   * @param problem the linear problem checked
   * @return {@value #DEFAULT_LINEAR_TOLERANCE} by default
   */
  protected double linearTolerance(Problem problem) {
    return DEFAULT_LINEAR_TOLERANCE;
  }

  /**
   * The problem in other units, {@code P'(x') = c·P(s·x')}, for the scale-invariance property. The
   * default wraps it in a {@link RescaledProblem}; a provider that supports only its own problem
   * class needs an override that builds an instance of that class with rescaled parameters (or
   * returns empty: the property is then skipped for the problem).
   *
   * @param problem the problem
   * @param outputScale c
   * @param inputScale s
   * @return the rescaled problem, or empty if there is none
   */
  protected Optional<Problem> rescaled(Problem problem, double outputScale, double inputScale) {
    return Optional.of(new RescaledProblem(problem, outputScale, inputScale));
  }

  /**
   * Whether the provider must be registered in module-info and {@code META-INF/services}, be found
   * by ServiceLoader and have the public no-argument constructor ServiceLoader needs (true by
   * default; false for providers written inside a test).
   *
   * @return true to check the registrations
   */
  protected boolean checkRegistration() {
    return true;
  }

  /**
   * Creates one of the discovered problems (the project's, or a problem plugin's on the test path)
   * by id.
   *
   * @param id the problem id, e.g. {@code "rotated-sine"}
   * @param keysAndValues parameter names and values, alternating, e.g. {@code "xi", "8"}
   * @return the problem
   * @throws SipException {@link ErrorCode#UNKNOWN_ID} for an unknown id, {@link
   *     ErrorCode#INVALID_ARGUMENT} for invalid parameters
   * @throws IllegalArgumentException if {@code keysAndValues} has an odd length
   */
  public static Problem problem(String id, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "keysAndValues has " + keysAndValues.length + " entries; allowed: pairs of name and value");
    }
    Options options = Options.empty();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options = options.with(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Registries.discoverProblems().get(id).create(options);
  }

  // ---------------------------------------------------------------- test factories

  /**
   * A dynamic test whose outcome also goes into this class's {@link FailureSummary}.
   *
   * @param name the test's display name
   * @param body the check
   * @return the test
   */
  private DynamicTest check(String name, org.junit.jupiter.api.function.Executable body) {
    FailureSummary summary = FailureSummary.of(getClass());
    try {
      summary.solver(provider().id());
    } catch (RuntimeException e) {
      summary.solver(getClass().getSimpleName()); // the metadata check reports the failure
    }
    return DynamicTest.dynamicTest(
        name,
        () -> {
          try {
            body.execute();
          } catch (org.opentest4j.TestAbortedException skipped) {
            throw skipped;
          } catch (Throwable failure) {
            summary.failed(failure);
            throw failure;
          }
          summary.passed();
        });
  }

  /**
   * After the author's test class ran: if checks failed, prints to standard error how many, grouped
   * by property and diagnosis, with the first failing case of each group (one defect usually fails
   * hundreds of seeded cases alike).
   *
   * @param info the finished class
   */
  @AfterAll
  static void printFailureSummary(TestInfo info) {
    info.getTestClass()
        .map(FailureSummary::remove)
        .filter(summary -> summary.failures() > 0)
        .ifPresent(summary -> System.err.println(summary.render()));
  }

  /**
   * Property 1: the provider describes itself, is registered twice and creates solvers for the
   * listed problems.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> providerDescribesItselfAndIsRegistered() {
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(check("id, description, version and parameters", this::checkProviderMetadata));
    if (checkRegistration()) {
      tests.add(check("public no-argument constructor", this::checkPublicConstructor));
      tests.add(check("registered in module-info and META-INF/services", this::checkRegistered));
    }
    for (Problem problem : problems()) {
      tests.add(check("creates a solver for " + describe(problem), () -> checkCreates(problem)));
    }
    return tests.stream();
  }

  /**
   * Property 2: inverse consistency, per problem and seed.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> inverseConsistency() {
    return perProblemAndSeed(this::checkInverseConsistency);
  }

  /**
   * Property 3: scale invariance, per problem and seed, for solvers that declare it.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> scaleInvariance() {
    return problems().stream()
        .map(
            problem -> {
              String why = scaleInvarianceSkipReason(problem);
              if (why != null) {
                return DynamicContainer.dynamicContainer(
                    describe(problem), Stream.of(check("skipped", () -> Assumptions.abort(why))));
              }
              return DynamicContainer.dynamicContainer(
                  describe(problem), seeds().mapToObj(seed -> seedTest(seed, () -> checkScaleInvariance(problem, seed))));
            });
  }

  /**
   * Property 4: linear exactness, per linear problem and seed (EXACT and NEWTON_TYPE solvers).
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> linearExactness() {
    if (kind() == SolverKind.FIRST_ORDER) {
      return Stream.of(
          check(
              "skipped", () -> Assumptions.abort("not checked: the solver is declared FIRST_ORDER")));
    }
    List<Problem> linear = linearProblems();
    if (linear.isEmpty()) {
      return Stream.of(
          check(
              "skipped",
              () ->
                  Assumptions.abort(
                      "not checked: none of the listed problems is linear and the provider supports none of"
                          + " KitProblems.linearMaps()")));
    }
    return linear.stream()
        .map(
            problem ->
                DynamicContainer.dynamicContainer(
                    describe(problem), seeds().mapToObj(seed -> seedTest(seed, () -> checkLinearExactness(problem, seed)))));
  }

  /**
   * Property 5: finite steps on degenerate inputs.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> finiteStepsOnDegenerateInputs() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Problem problem : problems()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Degenerate situation : Degenerate.values()) {
        String name = situation.description + (situation == Degenerate.ZERO_CHANGE ? ": Δx must be 0" : ": finite Δx");
        tests.add(check(name, () -> checkDegenerateInput(problem, situation)));
      }
      nodes.add(DynamicContainer.dynamicContainer(describe(problem), tests));
    }
    for (DegenerateProblem kit : kitDegenerateProblems()) {
      if (provider().supports(kit.problem)) {
        nodes.add(check(kit.description, () -> checkFiniteSteps(kit.problem, kit.x, kit.target, kit.description)));
      }
    }
    return nodes.stream();
  }

  /**
   * Property 6: a batch equals its samples solved one at a time.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> batchEqualsSampleBySample() {
    return perProblemAndSeed(this::checkBatchEqualsSampleBySample);
  }

  /**
   * Property 7: deterministic, and safe to share between threads.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> deterministicAndThreadSafe() {
    return problems().stream()
        .map(problem -> check(describe(problem), () -> checkDeterministicAndThreadSafe(problem)));
  }

  /**
   * Property 8: arrays shorter than the batch needs are rejected.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> shortArraysAreRejected() {
    return problems().stream()
        .map(problem -> check(describe(problem), () -> checkShortArraysAreRejected(problem)));
  }

  /**
   * Property 9: SIP training with a plain gradient step as inverse solver is DP training with
   * gradient descent, on each listed problem.
   *
   * @return the dynamic tests
   */
  @TestFactory
  public Stream<DynamicNode> sipWithAGradientStepSolverIsDpWithGradientDescent() {
    return problems().stream()
        .map(problem -> check(describe(problem), () -> checkSipWithGradientStepIsDp(problem)));
  }

  // ---------------------------------------------------------------- property 1: the provider

  /**
   * Checks the provider's metadata: an id of lower-case letters, digits and single dashes; a
   * one-line description; a version; parameters with unique names whose defaults are valid.
   *
   * @throws AssertionError naming the offending value and what is allowed
   */
  public void checkProviderMetadata() {
    InverseSolverProvider provider = provider();
    String id = provider.id();
    assertTrue(
        id != null && ID.matcher(id).matches(),
        "provider id '" + id + "' is not allowed; allowed: lower-case letters and digits, single '-' between"
            + " them (it is typed on the command line: --solver ID)");
    String description = provider.description();
    assertTrue(description != null && !description.isBlank(), "provider '" + id + "': description() is empty; allowed: one line for 'sip solvers'");
    assertTrue(!description.contains("\n") && !description.contains("\r"), "provider '" + id + "': description() has several lines; allowed: one line");
    String version = provider.version();
    assertTrue(version != null && !version.isBlank(), "provider '" + id + "': version() is empty");
    List<ParameterSpec> parameters = provider.parameters();
    assertTrue(parameters != null, "provider '" + id + "': parameters() returned null; allowed: a list, possibly empty");
    List<String> names = new ArrayList<>();
    for (ParameterSpec spec : parameters) {
      assertTrue(!names.contains(spec.name()), "provider '" + id + "': parameter '" + spec.name() + "' is declared twice");
      names.add(spec.name());
      if (spec.defaultValue() != null) {
        try {
          spec.parse(spec.defaultValue());
        } catch (SipException e) {
          fail("provider '" + id + "': the default of parameter '" + spec.name() + "' is invalid: " + e.getMessage());
        }
      }
    }
  }

  /**
   * Checks that the provider class is public with a public no-argument constructor, which {@link
   * java.util.ServiceLoader} needs on the class path (deps.md P7).
   *
   * @throws AssertionError if not
   */
  public void checkPublicConstructor() {
    Class<?> type = provider().getClass();
    assertTrue(Modifier.isPublic(type.getModifiers()), type.getName() + " must be public for ServiceLoader");
    try {
      Constructor<?> constructor = type.getConstructor();
      assertTrue(Modifier.isPublic(constructor.getModifiers()), type.getName() + "() must be public");
    } catch (NoSuchMethodException e) {
      fail(type.getName() + " has no public no-argument constructor; ServiceLoader needs one to create it from"
          + " META-INF/services (a static provider() method works on the module path only)");
    }
  }

  /**
   * Checks the two registrations (module-info {@code provides} and {@code META-INF/services}) and
   * that {@link Registries#discoverSolvers()} finds the provider under its id.
   *
   * @throws AssertionError if a registration is missing or another provider has the id
   */
  public void checkRegistered() {
    InverseSolverProvider provider = provider();
    ServiceFiles.assertRegisteredTwice(provider.getClass(), InverseSolverProvider.class);
    Optional<InverseSolverProvider> found = Registries.discoverSolvers().find(provider.id());
    assertTrue(found.isPresent(), "ServiceLoader does not find a solver with id '" + provider.id() + "'");
    assertEquals(
        provider.getClass(),
        found.get().getClass(),
        "ServiceLoader finds another provider under id '" + provider.id() + "': " + Registries.origin(found.get()));
  }

  /**
   * Checks that the provider supports a listed problem and creates a solver with its own id, bound to
   * that very problem instance (the trainer requires the same instance).
   *
   * @param problem the problem
   * @throws AssertionError if not
   */
  public void checkCreates(Problem problem) {
    InverseSolverProvider provider = provider();
    assertTrue(
        provider.supports(problem),
        "provider '" + provider.id() + "' does not support " + describe(problem) + ", which the test lists in problems()");
    InverseSolver solver = provider.create(problem, options());
    assertEquals(provider.id(), solver.id(), "the solver's id() must be its provider's id");
    assertSame(problem, solver.problem(), "the solver's problem() must be the problem instance it was created for");
  }

  // ---------------------------------------------------------------- property 2: inverse consistency

  /**
   * Checks inverse consistency on one seeded batch: for t = P(x + ε·u), the step lands as close to t
   * as {@link #kind()} demands (see {@link SolverKind}).
   *
   * @param problem the problem
   * @param seed the seed of the case
   * @throws AssertionError with a diagnosis (sign, length or direction of Δx) if it does not
   */
  public void checkInverseConsistency(Problem problem, long seed) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = points(problem, random, BATCH);
    double[] u = Vectors.uniform(random, BATCH * n, -1, 1);
    double[] y = forward(problem, x, BATCH);
    double eps = smallStep();
    double[] t1 = forward(problem, Vectors.plus(x, Vectors.times(eps, u)), BATCH);
    double[] t2 = forward(problem, Vectors.plus(x, Vectors.times(eps / 10, u)), BATCH);
    InverseSolver solver = solver(problem);
    double[] dx1 = step(solver, x, y, t1, BATCH);
    double[] dx2 = step(solver, x, y, t2, BATCH);
    double[] reached1 = forward(problem, Vectors.plus(x, dx1), BATCH);
    double[] reached2 = forward(problem, Vectors.plus(x, dx2), BATCH);
    for (int b = 0; b < BATCH; b++) {
      double[] xb = Vectors.sample(x, b, n);
      double[] dy1 = Vectors.minus(Vectors.sample(t1, b, m), Vectors.sample(y, b, m));
      double[] dy2 = Vectors.minus(Vectors.sample(t2, b, m), Vectors.sample(y, b, m));
      double size1 = Vectors.norm(dy1);
      double size2 = Vectors.norm(dy2);
      if (size1 == 0 || size2 == 0) {
        continue; // u in the null space of P: nothing to reach
      }
      double q1 = Vectors.norm(Vectors.minus(Vectors.sample(reached1, b, m), Vectors.sample(t1, b, m))) / size1;
      double q2 = Vectors.norm(Vectors.minus(Vectors.sample(reached2, b, m), Vectors.sample(t2, b, m))) / size2;
      double[] dxb = Vectors.sample(dx1, b, n);
      String what;
      String rule;
      switch (kind()) {
        case EXACT:
          double tolerance = exactTolerance(problem);
          if (q1 <= tolerance && q2 <= tolerance) {
            continue;
          }
          what = "does not reach the target, although it is declared EXACT";
          rule = "an exact inverse must have a ratio ≤ " + tolerance + " (override exactTolerance(problem) to change it)";
          break;
        case NEWTON_TYPE:
          if (q2 <= 0.1 && q2 <= Math.max(ROUNDING_RATIO, 0.3 * q1)) {
            continue;
          }
          what = "does not land second-order close to the target, although it is declared NEWTON_TYPE";
          rule = "for a Newton-type step the ratio shrinks with Δy, about tenfold here; required: the second ≤ 0.3·the first and ≤ 0.1";
          break;
        case FIRST_ORDER:
        default:
          double[] jdx = Diagnosis.linearisedChange(problem, xb, dxb);
          if (jdx != null && Vectors.dot(jdx, dy1) > 0) {
            continue;
          }
          what = "does not go downhill, although it is declared FIRST_ORDER";
          rule = "a first-order step must have (J·Δx)·Δy > 0";
          break;
      }
      fail(
          missed(
              "inverse consistency: the step of solver '" + solver.id() + "' " + what,
              problem,
              seed,
              b,
              number(q1) + " at ‖Δy‖ = " + number(size1) + ", and " + number(q2) + " at ‖Δy‖ = " + number(size2)
                  + " (" + rule + ")",
              Diagnosis.explain(problem, xb, dxb, dy1, q1, q2),
              xb,
              dy1,
              dxb));
    }
  }

  // ---------------------------------------------------------------- property 3: scale invariance

  private String scaleInvarianceSkipReason(Problem problem) {
    InverseSolver solver = solver(problem);
    if (!solver.isScaleInvariant()) {
      return "not checked: solver '" + solver.id() + "' does not declare isScaleInvariant()";
    }
    boolean any = false;
    for (double c : OUTPUT_SCALES) {
      any |= rescaled(problem, c, 1).filter(provider()::supports).isPresent();
    }
    for (double s : INPUT_SCALES) {
      any |= rescaled(problem, 1, s).filter(provider()::supports).isPresent();
    }
    return any
        ? null
        : "not checked: provider '"
            + provider().id()
            + "' supports none of the rescaled problems; override rescaled(problem, c, s) to build one it"
            + " supports (e.g. the same problem class with scaled parameters)";
  }

  /**
   * Checks scale invariance on one seeded batch: rescaling the outputs (P → c·P, t → c·t) leaves Δx
   * unchanged, rescaling the inputs (x = s·x') gives Δx/s. Rescaled problems the provider does not
   * support are left out.
   *
   * @param problem the problem
   * @param seed the seed of the case
   * @throws AssertionError naming the scale and both steps if a step changes by more than {@link
   *     #scaleTolerance}
   */
  public void checkScaleInvariance(Problem problem, long seed) {
    int n = problem.inputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = points(problem, random, BATCH);
    double[] u = Vectors.uniform(random, BATCH * n, -1, 1);
    double[] y = forward(problem, x, BATCH);
    double[] t = forward(problem, Vectors.plus(x, Vectors.times(SCALE_STEP, u)), BATCH);
    InverseSolver solver = solver(problem);
    double[] dx = step(solver, x, y, t, BATCH);
    for (double c : OUTPUT_SCALES) {
      Optional<Problem> scaled = rescaled(problem, c, 1).filter(provider()::supports);
      if (scaled.isEmpty()) {
        continue;
      }
      InverseSolver other = provider().create(scaled.get(), options());
      double[] dxScaled = step(other, x, forward(scaled.get(), x, BATCH), Vectors.times(c, t), BATCH);
      compareSteps(problem, seed, dx, dxScaled, n,
          "rescaling the outputs by c = " + c + " (P → c·P, t → c·t) must leave Δx unchanged",
          "If the step depends on the units of y (a fixed damping, learning rate, trust region or cap),"
              + " isScaleInvariant() must return false.");
    }
    for (double s : INPUT_SCALES) {
      Optional<Problem> scaled = rescaled(problem, 1, s).filter(provider()::supports);
      if (scaled.isEmpty()) {
        continue;
      }
      InverseSolver other = provider().create(scaled.get(), options());
      double[] xScaled = Vectors.times(1 / s, x);
      double[] dxScaled = step(other, xScaled, forward(scaled.get(), xScaled, BATCH), t, BATCH);
      compareSteps(problem, seed, Vectors.times(1 / s, dx), dxScaled, n,
          "rescaling the inputs by s = " + s + " (P'(x') = P(s·x') at x' = x/s) must give Δx/s",
          "If the step depends on the units of x (a fixed damping or step bound in x), isScaleInvariant()"
              + " must return false.");
    }
  }

  private void compareSteps(
      Problem problem, long seed, double[] expected, double[] actual, int n, String rule, String advice) {
    for (int b = 0; b < BATCH; b++) {
      double[] e = Vectors.sample(expected, b, n);
      double[] a = Vectors.sample(actual, b, n);
      double difference = Vectors.norm(Vectors.minus(a, e));
      double tolerance = scaleTolerance(problem);
      double bound = tolerance * Vectors.norm(e);
      if (!(difference <= bound)) {
        fail(
            "scale invariance: solver '"
                + provider().id()
                + "' declares isScaleInvariant(), but "
                + rule
                + "\n  "
                + where(problem, seed, b)
                + "\n  expected Δx = "
                + Vectors.format(e)
                + "\n  actual   Δx = "
                + Vectors.format(a)
                + "\n  relative change "
                + number(difference / Vectors.norm(e))
                + " > "
                + number(tolerance)
                + ". "
                + advice
                + rerun(seed));
      }
    }
  }

  // ---------------------------------------------------------------- property 4: linear exactness

  /**
   * The linear problems of the linear-exactness property: the listed problems whose weighted output
   * Hessian is zero at random points, then the {@link KitProblems#linearMaps()} the provider
   * supports.
   *
   * @return the problems
   */
  protected List<Problem> linearProblems() {
    List<Problem> linear = new ArrayList<>();
    for (Problem problem : problems()) {
      if (looksLinear(problem)) {
        linear.add(problem);
      }
    }
    for (Problem map : KitProblems.linearMaps()) {
      if (provider().supports(map)) {
        linear.add(map);
      }
    }
    return linear;
  }

  private boolean looksLinear(Problem problem) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(0x11AEA7L);
    double[] x = points(problem, random, 2);
    double[] w = Vectors.uniform(random, 2 * m, -1, 1);
    double[] hessian = new double[2 * n * n];
    problem.weightedOutputHessian(x, w, hessian, 2);
    for (double value : hessian) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks linear exactness on one seeded batch: x random, t = P(x + δx) with δx uniform in [−1,
   * 1]ⁿ (not small), and {@code ‖P(x + Δx) − t‖ ≤} {@link #linearTolerance}{@code ·‖Δy‖}.
   *
   * @param problem a linear problem
   * @param seed the seed of the case
   * @throws AssertionError with a diagnosis if the step misses the target
   */
  public void checkLinearExactness(Problem problem, long seed) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = points(problem, random, BATCH);
    double[] change = Vectors.uniform(random, BATCH * n, -1, 1);
    double[] y = forward(problem, x, BATCH);
    double[] t = forward(problem, Vectors.plus(x, change), BATCH);
    InverseSolver solver = solver(problem);
    double[] dx = step(solver, x, y, t, BATCH);
    double[] reached = forward(problem, Vectors.plus(x, dx), BATCH);
    for (int b = 0; b < BATCH; b++) {
      double[] dy = Vectors.minus(Vectors.sample(t, b, m), Vectors.sample(y, b, m));
      double size = Vectors.norm(dy);
      double miss = Vectors.norm(Vectors.minus(Vectors.sample(reached, b, m), Vectors.sample(t, b, m)));
      if (size == 0 || miss <= linearTolerance(problem) * size) {
        continue;
      }
      double[] xb = Vectors.sample(x, b, n);
      double[] dxb = Vectors.sample(dx, b, n);
      fail(
          missed(
              "linear exactness: on a linear problem P is its own linearisation, so a " + kind()
                  + " solver must reach the target exactly, but solver '" + solver.id() + "' misses it",
              problem,
              seed,
              b,
              number(miss / size) + " > " + number(linearTolerance(problem)) + " at ‖Δy‖ = " + number(size),
              Diagnosis.explain(problem, xb, dxb, dy, Double.NaN, Double.NaN),
              xb,
              dy,
              dxb));
    }
  }

  // ---------------------------------------------------------------- property 5: degenerate inputs

  /** The degenerate situations checked on every listed problem. */
  public enum Degenerate {
    /** t = y: nothing to change; Δx must be 0. */
    ZERO_CHANGE("t = y (zero gradient)"),
    /** x = 0 (where many problems are singular), a target change of order 1. */
    ZERO_POINT("x = 0 with a change of order 1"),
    /** A target 10⁶ away (outside the range of most problems). */
    FAR_TARGET("a target 1e6 away (outside the range)"),
    /** Points with |x| ≈ 10³. */
    FAR_POINT("|x| ≈ 1e3"),
    /** A change of 10⁻²⁰⁰ (underflows when squared). */
    TINY_CHANGE("a change of 1e-200");

    private final String description;

    Degenerate(String description) {
      this.description = description;
    }

    /**
     * A short description for test names.
     *
     * @return the description
     */
    public String description() {
      return description;
    }
  }

  /**
   * Checks one degenerate situation on a listed problem (a batch of {@value #BATCH}): the step does
   * not throw, is finite, and for {@link Degenerate#ZERO_CHANGE} is zero.
   *
   * @param problem the problem
   * @param situation the situation
   * @throws AssertionError naming the situation and the step
   */
  public void checkDegenerateInput(Problem problem, Degenerate situation) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(0xDE6E7L + situation.ordinal());
    double[] x;
    switch (situation) {
      case ZERO_POINT:
        x = new double[BATCH * n];
        break;
      case FAR_POINT:
        x = Vectors.times(1e3, Vectors.uniform(random, BATCH * n, -1, 1));
        break;
      default:
        x = points(problem, random, BATCH);
        break;
    }
    double[] y = forward(problem, x, BATCH);
    double[] u = Vectors.uniform(random, BATCH * m, -1, 1);
    double[] t;
    switch (situation) {
      case ZERO_CHANGE:
        t = y.clone();
        break;
      case FAR_TARGET:
        t = Vectors.plus(y, Vectors.times(1e6, u));
        break;
      case TINY_CHANGE:
        t = Vectors.plus(y, Vectors.times(1e-200, u));
        break;
      default:
        t = Vectors.plus(y, u);
        break;
    }
    double[] dx = checkFiniteSteps(problem, x, t, situation.description + " on " + describe(problem));
    if (situation == Degenerate.ZERO_CHANGE) {
      for (int b = 0; b < BATCH; b++) {
        double[] dxb = Vectors.sample(dx, b, n);
        double[] xb = Vectors.sample(x, b, n);
        assertTrue(
            Vectors.norm(dxb) <= 1e-8 * (1 + Vectors.norm(xb)),
            "zero change: with t = y there is nothing to change, so Δx must be 0, but solver '"
                + provider().id()
                + "' returned Δx = "
                + Vectors.format(dxb)
                + " at x = "
                + Vectors.format(xb)
                + " (sample "
                + b
                + ", "
                + describe(problem)
                + ")");
      }
    }
  }

  /**
   * Checks that a step at given inputs neither throws nor returns NaN or infinity.
   *
   * @param problem the problem
   * @param x the points, shape [B, n]
   * @param target the targets, shape [B, m]
   * @param situation what is degenerate about the inputs, for the message
   * @return the steps, shape [B, n]
   * @throws AssertionError naming the situation, the sample and the step
   */
  public double[] checkFiniteSteps(Problem problem, double[] x, double[] target, String situation) {
    int n = problem.inputSize();
    int batch = x.length / n;
    double[] y = forward(problem, x, batch);
    InverseSolver solver = solver(problem);
    double[] dx = new double[batch * n];
    try {
      solver.step(x, y, target, dx, batch, new SolverDiagnostics());
    } catch (RuntimeException e) {
      fail(
          "degenerate input: solver '"
              + solver.id()
              + "' threw "
              + e.getClass().getSimpleName()
              + " ("
              + e.getMessage()
              + ") for "
              + situation
              + ". Expected numerical situations (singular or indefinite Hessian, unreachable targets)"
              + " must give a finite step and be counted in SolverDiagnostics, not thrown",
          e);
    }
    for (int b = 0; b < batch; b++) {
      double[] dxb = Vectors.sample(dx, b, n);
      if (!Vectors.allFinite(dxb)) {
        fail(
            "degenerate input: solver '"
                + solver.id()
                + "' returned a non-finite step for "
                + situation
                + "\n  sample "
                + b
                + ": x = "
                + Vectors.format(Vectors.sample(x, b, n))
                + ", Δx = "
                + Vectors.format(dxb)
                + "\n  A solver must return a finite Δx for singular or indefinite Hessians and unreachable"
                + " targets (regularise, fall back to a gradient step, or return 0) and count the case in"
                + " SolverDiagnostics (addRegularized, addIndefinite, addFailed).");
      }
    }
    return dx;
  }

  /** A kit problem with degenerate inputs. */
  private static final class DegenerateProblem {
    final String description;
    final Problem problem;
    final double[] x;
    final double[] target;

    DegenerateProblem(String description, Problem problem, double[] x, double[] target) {
      this.description = description;
      this.problem = problem;
      this.x = x;
      this.target = target;
    }
  }

  private static List<DegenerateProblem> kitDegenerateProblems() {
    Problem saddle = KitProblems.saddle();
    Problem zero = KitProblems.zero();
    Problem squares = KitProblems.squares();
    Problem rankOne = KitProblems.rankDeficient();
    return List.of(
        new DegenerateProblem(
            "kit-saddle x0² − x1² at x = 0 (zero gradient, indefinite Hessian)", saddle, new double[] {0, 0, 0, 0}, new double[] {1, -1}),
        new DegenerateProblem(
            "kit-saddle at x = (0.3, 0.5) (indefinite Hessian)", saddle, new double[] {0.3, 0.5, -0.2, 0.1}, new double[] {2, -3}),
        new DegenerateProblem("kit-zero P = 0 (zero Jacobian and Hessian)", zero, new double[] {0.5, -0.5}, new double[] {1, -1}),
        new DegenerateProblem(
            "kit-squares at x = 0 with negative targets (singular, unreachable)", squares, new double[] {0, 0}, new double[] {-1, -2}),
        new DegenerateProblem(
            "rank-1 linear map [[1, 2], [2, 4]] with a target outside its range", rankOne, new double[] {0.2, 0.1}, new double[] {1, -1}));
  }

  // ---------------------------------------------------------------- property 6: batch

  /**
   * Checks on one seeded batch of 7 (small and large changes, t = y, a far target) that the batch
   * step equals the samples solved one at a time (bit for bit), writes only the first B·n entries of
   * Δx (arrays may be longer, as workspaces are), and leaves x, y and t unchanged.
   *
   * @param problem the problem
   * @param seed the seed of the case
   * @throws AssertionError naming the sample that differs
   */
  public void checkBatchEqualsSampleBySample(Problem problem, long seed) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    int batch = 7;
    double[] scales = {1e-3, 1e-1, 1, 0, 1e-2, 3e-1, 1e-3};
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = points(problem, random, batch);
    double[] u = Vectors.uniform(random, batch * n, -1, 1);
    for (int i = 0; i < batch * n; i++) {
      u[i] *= scales[i / n];
    }
    double[] y = forward(problem, x, batch);
    double[] t = forward(problem, Vectors.plus(x, u), batch);
    for (int k = 0; k < m; k++) {
      t[4 * m + k] = y[4 * m + k] + 1e3; // sample 4: a far target
    }
    double sentinel = 7.25;
    double[] xPadded = padded(x, n, Double.NaN);
    double[] yPadded = padded(y, m, Double.NaN);
    double[] tPadded = padded(t, m, Double.NaN);
    double[] dxPadded = new double[(batch + 1) * n];
    Arrays.fill(dxPadded, sentinel);
    double[][] inputs = {xPadded.clone(), yPadded.clone(), tPadded.clone()};
    InverseSolver solver = solver(problem);
    solver.step(xPadded, yPadded, tPadded, dxPadded, batch, new SolverDiagnostics());
    String[] names = {"x", "y", "target"};
    double[][] after = {xPadded, yPadded, tPadded};
    for (int i = 0; i < 3; i++) {
      assertTrue(
          Arrays.equals(inputs[i], after[i]),
          "batch: solver '" + solver.id() + "' changed its input array " + names[i] + "; inputs must be left unchanged ("
              + where(problem, seed, -1) + ")" + rerun(seed));
    }
    for (int j = batch * n; j < (batch + 1) * n; j++) {
      assertEquals(
          sentinel,
          dxPadded[j],
          "batch: solver '" + solver.id() + "' wrote dx[" + j + "] beyond batch·n = " + batch * n
              + "; arrays may be longer than the batch (workspaces) and only the first B·n entries may be written"
              + rerun(seed));
    }
    for (int b = 0; b < batch; b++) {
      double[] alone = new double[n];
      solver.step(
          Vectors.sample(x, b, n), Vectors.sample(y, b, m), Vectors.sample(t, b, m), alone, 1, new SolverDiagnostics());
      double[] inBatch = Vectors.sample(dxPadded, b, n);
      if (!Arrays.equals(alone, inBatch)) {
        fail(
            "batch: sample "
                + b
                + " of a batch of "
                + batch
                + " gets another step than the same sample solved alone; a solver must treat the samples"
                + " independently (no statistics over the batch, no workspace shared between samples)"
                + "\n  "
                + where(problem, seed, b)
                + "\n  in the batch Δx = "
                + Vectors.format(inBatch)
                + "\n  alone        Δx = "
                + Vectors.format(alone)
                + rerun(seed));
      }
    }
  }

  private static double[] padded(double[] values, int rowSize, double fill) {
    double[] result = Arrays.copyOf(values, values.length + rowSize);
    Arrays.fill(result, values.length, result.length, fill);
    return result;
  }

  // ---------------------------------------------------------------- property 7: determinism, threads

  /**
   * Checks determinism (the same call twice, and a second solver from the provider with the same
   * options, give bit-identical steps) and thread safety (four threads, each with its own batch of 8,
   * call one shared solver 25 times each, started together, and always get the single-threaded
   * steps).
   *
   * @param problem the problem
   * @throws Exception if a thread is interrupted or does not finish within a minute
   * @throws AssertionError naming what differed
   */
  public void checkDeterministicAndThreadSafe(Problem problem) throws Exception {
    int n = problem.inputSize();
    int threads = 4;
    int calls = 25;
    int batch = 8;
    InverseSolver shared = solver(problem);
    InverseSolver second = provider().create(problem, options());
    double[][] xs = new double[threads][];
    double[][] ys = new double[threads][];
    double[][] ts = new double[threads][];
    double[][] expected = new double[threads][];
    for (int i = 0; i < threads; i++) {
      SplittableRandom random = new SplittableRandom(0x7E4DL + i);
      xs[i] = points(problem, random, batch);
      ys[i] = forward(problem, xs[i], batch);
      ts[i] = forward(problem, Vectors.plus(xs[i], Vectors.times(0.1, Vectors.uniform(random, batch * n, -1, 1))), batch);
      expected[i] = step(shared, xs[i], ys[i], ts[i], batch);
    }
    double[] again = step(shared, xs[0], ys[0], ts[0], batch);
    assertTrue(
        Arrays.equals(expected[0], again),
        "determinism: solver '" + shared.id() + "' gave two different steps for the same inputs ("
            + describe(problem) + "); a solver must not keep state between calls (counters, caches, an"
            + " unseeded random generator)\n  first  " + Vectors.format(expected[0]) + "\n  second " + Vectors.format(again));
    double[] fresh = step(second, xs[0], ys[0], ts[0], batch);
    assertTrue(
        Arrays.equals(expected[0], fresh),
        "determinism: two solvers created by provider '" + provider().id() + "' with the same options gave different"
            + " steps (" + describe(problem) + ")\n  first  " + Vectors.format(expected[0]) + "\n  second " + Vectors.format(fresh));
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  double[] dx = new double[batch * n];
                  for (int call = 0; call < calls; call++) {
                    shared.step(xs[index], ys[index], ts[index], dx, batch, new SolverDiagnostics());
                    if (!Arrays.equals(expected[index], dx)) {
                      return "thread " + index + ", call " + call + ": expected " + Vectors.format(expected[index])
                          + ", got " + Vectors.format(dx);
                    }
                  }
                  return null;
                }));
      }
      for (Future<String> result : results) {
        String difference = result.get(1, TimeUnit.MINUTES);
        if (difference != null) {
          fail(
              "thread safety: threads sharing one solver '"
                  + shared.id()
                  + "' got other steps than a single thread ("
                  + describe(problem)
                  + "); keep no mutable state in the solver that calls share (use per-thread workspaces, e.g."
                  + " a ThreadLocal, or local arrays)\n  "
                  + difference);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- property 8: short arrays

  /**
   * Checks that each of x, y, t and Δx, one entry shorter than the batch needs, is rejected with
   * {@link SipException} {@link ErrorCode#SHAPE_MISMATCH} (as {@link
   * org.scaleinvariant.sip.api.Checks#requireShape} does).
   *
   * @param problem the problem
   * @throws AssertionError naming the array that was accepted or the wrong exception
   */
  public void checkShortArraysAreRejected(Problem problem) {
    int n = problem.inputSize();
    int m = problem.outputSize();
    SplittableRandom random = new SplittableRandom(0x5407L);
    double[] x = points(problem, random, BATCH);
    double[] y = forward(problem, x, BATCH);
    double[] t = forward(problem, Vectors.plus(x, Vectors.times(0.01, Vectors.uniform(random, BATCH * n, -1, 1))), BATCH);
    InverseSolver solver = solver(problem);
    String[] names = {"x", "y", "target", "dx"};
    for (int which = 0; which < 4; which++) {
      double[][] arrays = {x.clone(), y.clone(), t.clone(), new double[BATCH * n]};
      arrays[which] = Arrays.copyOf(arrays[which], arrays[which].length - 1);
      String expectation =
          names[which] + " of length " + arrays[which].length + " for a batch of " + BATCH + " (n = " + n + ", m = " + m
              + ") must be rejected with SipException(SHAPE_MISMATCH) (Checks.requireShape does it), but ";
      try {
        solver.step(arrays[0], arrays[1], arrays[2], arrays[3], BATCH, new SolverDiagnostics());
        fail("short arrays: " + expectation + "step returned normally");
      } catch (SipException e) {
        assertEquals(ErrorCode.SHAPE_MISMATCH, e.code(), "short arrays: " + expectation + "the code was " + e.code());
      } catch (RuntimeException e) {
        fail("short arrays: " + expectation + "step threw " + e, e);
      }
    }
  }

  // ---------------------------------------------------------------- property 9: the trainer

  /**
   * Checks the chapter's remark on one problem: SIP training with the {@link GradientStepSolver}
   * (η = 1, L2 y-loss and proxy loss, SGD) changes the network exactly as DP training with SGD (two
   * steps of batch 4, hidden layer of 8, learning rate 1e-6, seed 7). The updates are compared
   * against the initial parameters, found by a SIP run whose solver returns Δx = 0.
   *
   * @param problem the problem
   * @throws AssertionError if the updates differ by more than 1e-6 of their size, or a run diverged
   */
  public void checkSipWithGradientStepIsDp(Problem problem) {
    TrainingConfig sip =
        TrainingConfig.builder()
            .method(Method.SIP)
            .optimizer("sgd")
            .learningRate(1e-6)
            .eta(1)
            .steps(2)
            .batch(4)
            .hidden(List.of(8))
            .testSetSize(8)
            .seed(7)
            .build();
    Trainer trainer = new Trainer(new SimpleMeterRegistry());
    TrainingResult viaSip = trainer.train("kit-sip", problem, new GradientStepSolver(problem), sip, null);
    TrainingResult viaDp = trainer.train("kit-dp", problem, null, sip.toBuilder().method(Method.DP).build(), null);
    TrainingResult unchanged = trainer.train("kit-zero", problem, new ZeroStep(problem), sip, null);
    for (TrainingResult run : List.of(viaSip, viaDp)) {
      assertTrue(!run.diverged(), "trainer check: run " + run.run() + " diverged on " + describe(problem) + ": " + run.divergence());
    }
    double[] initial = unchanged.network().parameters();
    double[] dp = Vectors.minus(viaDp.network().parameters(), initial);
    double[] viaGradient = Vectors.minus(viaSip.network().parameters(), initial);
    double size = 0;
    for (double value : dp) {
      size = Math.max(size, Math.abs(value));
    }
    assertTrue(size > 0, "trainer check: DP training did not change the network on " + describe(problem) + " (zero gradient)");
    double worst = 0;
    for (int i = 0; i < dp.length; i++) {
      worst = Math.max(worst, Math.abs(dp[i] - viaGradient[i]));
    }
    assertTrue(
        worst <= 1e-6 * size,
        "trainer check: SIP training with a plain gradient step as inverse solver (Δx = Jᵀ(t − y) from"
            + " jacobian(), η = 1) must update the network exactly as DP training with gradient descent (which"
            + " uses vectorJacobianProduct()), but the updates differ by "
            + number(worst)
            + " (largest update "
            + number(size)
            + ") on "
            + describe(problem)
            + ". This is about the problem, not the solver: check that vectorJacobianProduct computes Jᵀ·v with"
            + " the same J that jacobian() returns.");
  }

  /** A solver that never moves: SIP training with it leaves the network at its initial parameters. */
  private static final class ZeroStep implements InverseSolver {
    private final Problem problem;

    ZeroStep(Problem problem) {
      this.problem = problem;
    }

    @Override
    public String id() {
      return "zero-step";
    }

    @Override
    public Problem problem() {
      return problem;
    }

    @Override
    public void step(double[] x, double[] y, double[] target, double[] dx, int batch, SolverDiagnostics diagnostics) {
      Arrays.fill(dx, 0, batch * problem.inputSize(), 0.0);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The solver for a problem, created once per test instance with {@link #options()}.
   *
   * @param problem the problem
   * @return the solver
   */
  protected final synchronized InverseSolver solver(Problem problem) {
    return solvers.computeIfAbsent(problem, p -> provider().create(p, options()));
  }

  private double[] points(Problem problem, SplittableRandom random, int batch) {
    int n = problem.inputSize();
    double[] x = new double[batch * n];
    double[] one = new double[n];
    for (int b = 0; b < batch; b++) {
      samplePoint(problem, random, one);
      System.arraycopy(one, 0, x, b * n, n);
    }
    return x;
  }

  private static double[] forward(Problem problem, double[] x, int batch) {
    double[] y = new double[batch * problem.outputSize()];
    problem.forward(x, y, batch);
    return y;
  }

  private static double[] step(InverseSolver solver, double[] x, double[] y, double[] t, int batch) {
    double[] dx = new double[batch * solver.problem().inputSize()];
    solver.step(x, y, t, dx, batch, new SolverDiagnostics());
    return dx;
  }

  private LongStream seeds() {
    String only = System.getProperty(SEED_PROPERTY);
    if (only != null && !only.isBlank()) {
      return LongStream.of(Long.parseLong(only.trim()));
    }
    return LongStream.range(0, cases());
  }

  private Stream<DynamicNode> perProblemAndSeed(SeededCheck check) {
    return problems().stream()
        .map(
            problem ->
                DynamicContainer.dynamicContainer(
                    describe(problem), seeds().mapToObj(seed -> seedTest(seed, () -> check.run(problem, seed)))));
  }

  private DynamicNode seedTest(long seed, org.junit.jupiter.api.function.Executable body) {
    return check("seed " + seed, body);
  }

  /** One property on one problem and seed. */
  @FunctionalInterface
  private interface SeededCheck {
    void run(Problem problem, long seed) throws Exception;
  }

  /**
   * The name of a problem in test names and messages: its id and parameters.
   *
   * @param problem the problem
   * @return e.g. {@code "rotated-sine {form=paper, gamma=10, phi=45, xi=32}"}
   */
  public static String describe(Problem problem) {
    Map<String, String> parameters = problem.parameters().asMap();
    return problem.id() + (parameters.isEmpty() ? "" : " " + parameters);
  }

  /** The message of a step that missed its target: headline, case, ratio, diagnosis, values, re-run. */
  private static String missed(
      String headline, Problem problem, long seed, int sample, String ratios, String diagnosis, double[] x, double[] dy, double[] dx) {
    return headline
        + "\n  "
        + where(problem, seed, sample)
        + "\n  ‖P(x + Δx) − t‖/‖Δy‖ = "
        + ratios
        + "\n  diagnosis: "
        + diagnosis
        + "\n  x = "
        + Vectors.format(x)
        + ", Δy = "
        + Vectors.format(dy)
        + ", Δx = "
        + Vectors.format(dx)
        + rerun(seed);
  }

  private static String where(Problem problem, long seed, int sample) {
    return "problem " + describe(problem) + ", seed " + seed + (sample >= 0 ? ", sample " + sample : "");
  }

  private static String rerun(long seed) {
    return "\n  re-run only this case: -D" + SEED_PROPERTY + "=" + seed;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
