package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.api.Registries;
import org.scaleinvariant.sip.app.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sip problems}: the discovered problem providers and their parameters. */
@Command(
    name = "problems",
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = "List the discovered problems (id, version, description, origin, parameters).")
final class ProblemsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print {\"results\": [...]} as one JSON line.")
  boolean json;

  private final ProviderRegistry<ProblemProvider> problems;

  @Inject
  ProblemsCommand(ProviderRegistry<ProblemProvider> problems) {
    this.problems = problems;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode root = Json.object();
    ArrayNode results = Json.results(root);
    for (ProblemProvider provider : problems.all()) {
      ObjectNode node = results.addObject();
      node.put("id", provider.id());
      node.put("description", provider.description());
      node.put("version", provider.version());
      node.put("origin", Registries.origin(provider));
      node.set("parameters", Listing.parameters(provider.parameters()));
      out.println(provider.id() + "  " + provider.version() + "  " + provider.description());
      out.println("    from " + Registries.origin(provider));
      Listing.printParameters(out, provider.parameters());
    }
    if (problems.all().isEmpty()) {
      out.println("no problems discovered");
    }
    if (json) {
      out.println(Json.line(root));
    }
    return 0;
  }
}
