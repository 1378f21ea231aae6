package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.InverseSolverProvider;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.app.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip solvers}: a table of the discovered inverse solvers (the app's and the plugins') with
 * id, version, where each came from, the problems it supports (each problem with its default
 * parameters) and its description; then their options and the plugins that failed to load.
 */
@Command(
    name = "solvers",
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description =
        "List the discovered inverse solvers (id, version, module or jar, the problems they support with"
            + " default parameters, description), their options, and plugins that failed to load.")
final class SolversCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Print {\"results\": [{\"id\", \"description\", \"version\", \"origin\", \"module\", \"jar\","
          + " \"plugin\", \"parameters\", \"supports\"}], \"failures\": [...]} as one JSON line.")
  boolean json;

  private final SolverRegistry solvers;
  private final ProviderRegistry<ProblemProvider> problems;
  private final Plugins plugins;

  @Inject
  SolversCommand(SolverRegistry solvers, ProviderRegistry<ProblemProvider> problems, Plugins plugins) {
    this.solvers = solvers;
    this.problems = problems;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Problem> defaults = new ArrayList<>();
    for (ProblemProvider provider : problems.all()) {
      try {
        defaults.add(provider.create(Options.empty()));
      } catch (RuntimeException e) {
        // a problem without usable defaults cannot be checked; it is left out of "supports"
      }
    }
    ObjectNode root = Json.object();
    ArrayNode results = Json.results(root);
    List<List<String>> rows = new ArrayList<>();
    for (InverseSolverProvider provider : solvers.all()) {
      boolean plugin = plugins.solvers().contains(provider);
      ObjectNode node = results.addObject();
      Listing.describe(node, provider, plugin);
      ArrayNode supports = node.putArray("supports");
      List<String> supported = new ArrayList<>();
      for (Problem problem : defaults) {
        if (supports(provider, problem)) {
          supports.add(problem.id());
          supported.add(problem.id());
        }
      }
      rows.add(
          List.of(
              provider.id(),
              provider.version(),
              Listing.from(provider, plugin),
              supported.isEmpty() ? "-" : String.join(", ", supported),
              provider.description()));
    }
    if (rows.isEmpty()) {
      out.println("no solvers discovered");
    } else {
      Listing.printTable(out, List.of("ID", "VERSION", "FROM", "SUPPORTS", "DESCRIPTION"), rows);
    }
    Listing.printParameters(out, "Solver options (-S NAME=VALUE):", solvers.all());
    Listing.printFailures(out, root, solvers.failures());
    if (json) {
      out.println(Json.line(root));
    }
    return 0;
  }

  /** Whether a provider supports a problem; a plugin whose supports() throws supports nothing. */
  private static boolean supports(InverseSolverProvider provider, Problem problem) {
    try {
      return provider.supports(problem);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
