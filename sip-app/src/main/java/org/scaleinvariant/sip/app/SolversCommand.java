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
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.api.SolverRegistry;
import org.scaleinvariant.sip.app.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sip solvers}: the discovered inverse solvers, their options and the problems they support. */
@Command(
    name = "solvers",
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description =
        "List the discovered inverse solvers (id, version, description, origin, options, and which"
            + " problems, with default parameters, they support).")
final class SolversCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print {\"results\": [...]} as one JSON line.")
  boolean json;

  private final SolverRegistry solvers;
  private final ProviderRegistry<ProblemProvider> problems;

  @Inject
  SolversCommand(SolverRegistry solvers, ProviderRegistry<ProblemProvider> problems) {
    this.solvers = solvers;
    this.problems = problems;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Problem> defaults = new ArrayList<>();
    for (ProblemProvider provider : problems.all()) {
      try {
        defaults.add(provider.create(Options.empty()));
      } catch (SipException e) {
        // a problem without usable defaults cannot be checked; it is left out of "supports"
      }
    }
    ObjectNode root = Json.object();
    ArrayNode results = Json.results(root);
    for (InverseSolverProvider provider : solvers.all()) {
      ObjectNode node = results.addObject();
      node.put("id", provider.id());
      node.put("description", provider.description());
      node.put("version", provider.version());
      node.put("origin", Registries.origin(provider));
      node.set("parameters", Listing.parameters(provider.parameters()));
      ArrayNode supports = node.putArray("supports");
      List<String> supported = new ArrayList<>();
      for (Problem problem : defaults) {
        if (provider.supports(problem)) {
          supports.add(problem.id());
          supported.add(problem.id());
        }
      }
      out.println(provider.id() + "  " + provider.version() + "  " + provider.description());
      out.println("    from " + Registries.origin(provider));
      out.println("    supports: " + (supported.isEmpty() ? "(none of the discovered problems)" : String.join(", ", supported)));
      Listing.printParameters(out, provider.parameters());
    }
    if (solvers.all().isEmpty()) {
      out.println("no solvers discovered");
    }
    if (json) {
      out.println(Json.line(root));
    }
    return 0;
  }
}
