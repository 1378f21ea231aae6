package org.scaleinvariant.sip.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The failures of one contract test class, grouped by property and diagnosis: one defect in a
 * solver (a sign error, say) fails hundreds of seeded cases with the same diagnosis, and the
 * summary that {@link InverseSolverContract} prints after the class says so in a few lines, with
 * the first failing case of each group and how to re-run it.
 *
 * <p>Two failures are in the same group when their property (the first message line up to its
 * first colon) and their {@code diagnosis:} line (or, without one, their first line) agree once
 * every number in them is replaced by {@code #}. Thread-safe.
 */
final class FailureSummary {
  private static final Map<Class<?>, FailureSummary> BY_CLASS = new ConcurrentHashMap<>();
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
  private static final String DIAGNOSIS = "diagnosis:";
  private static final String RERUN = "re-run only this case:";

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private int checks;
  private int failures;
  private String solver = "?";

  /** One group: how many failures, and the first one's lines. */
  private static final class Group {
    final String property;
    final List<String> example;
    int count;

    Group(String property, List<String> example) {
      this.property = property;
      this.example = example;
    }
  }

  /**
   * The summary of a test class, created on first use.
   *
   * @param testClass the author's contract test class
   * @return its summary
   */
  static FailureSummary of(Class<?> testClass) {
    return BY_CLASS.computeIfAbsent(testClass, c -> new FailureSummary());
  }

  /**
   * Removes and returns the summary of a test class (after the class ran).
   *
   * @param testClass the class
   * @return its summary, or null if none of its checks ran
   */
  static FailureSummary remove(Class<?> testClass) {
    return BY_CLASS.remove(testClass);
  }

  /**
   * Names the solver the checks are of, for the summary's first line.
   *
   * @param id the provider's id
   */
  synchronized void solver(String id) {
    solver = id;
  }

  /** Counts a check that passed. */
  synchronized void passed() {
    checks++;
  }

  /**
   * Counts a check that failed, in its group.
   *
   * @param failure the check's assertion error (its message as the kit writes it), or what the
   *     solver threw
   */
  synchronized void failed(Throwable failure) {
    checks++;
    failures++;
    String message = failure instanceof AssertionError
        ? String.valueOf(failure.getMessage())
        : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    String[] lines = message.split("\n");
    String first = lines[0].trim();
    int colon = first.indexOf(':');
    String property = colon > 0 ? first.substring(0, colon) : first;
    String diagnosis = null;
    String rerun = null;
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith(DIAGNOSIS) && diagnosis == null) {
        diagnosis = trimmed;
      } else if (trimmed.startsWith(RERUN) && rerun == null) {
        rerun = trimmed;
      }
    }
    String key = property + "|" + NUMBER.matcher(diagnosis != null ? diagnosis : first).replaceAll("#");
    Group group = groups.get(key);
    if (group == null) {
      List<String> example = new ArrayList<>();
      example.add(first);
      if (lines.length > 1 && !lines[1].trim().startsWith(DIAGNOSIS)) {
        example.add(lines[1].trim()); // the problem, seed and sample
      }
      if (diagnosis != null) {
        example.add(diagnosis);
      }
      if (rerun != null) {
        example.add(rerun);
      }
      group = new Group(property, example);
      groups.put(key, group);
    }
    group.count++;
  }

  /**
   * How many checks failed.
   *
   * @return the count
   */
  synchronized int failures() {
    return failures;
  }

  /**
   * The summary text: a line with the counts, then per group (most failures first) the count, the
   * property and the first failing case's lines.
   *
   * @return the text (lines separated by {@code \n}), or the empty string if nothing failed
   */
  synchronized String render() {
    if (failures == 0) {
      return "";
    }
    List<Group> sorted = new ArrayList<>(groups.values());
    sorted.sort((a, b) -> Integer.compare(b.count, a.count));
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "sip-testkit: solver '%s': %d of %d checks failed, %d kind(s) of failure:",
        solver, failures, checks, sorted.size()));
    for (Group group : sorted) {
      text.append(String.format(Locale.ROOT, "\n  %d x %s; the first:", group.count, group.property));
      for (String line : group.example) {
        text.append("\n      ").append(line);
      }
    }
    return text.toString();
  }
}
