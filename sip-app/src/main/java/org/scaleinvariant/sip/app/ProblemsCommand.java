package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ProblemProvider;
import org.scaleinvariant.sip.api.ProviderRegistry;
import org.scaleinvariant.sip.app.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip problems}: a table of the discovered problems (the app's and the plugins') with id,
 * version, where each came from and its description; then their parameters and the plugins that
 * failed to load.
 */
@Command(
    name = "problems",
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description =
        "List the discovered problems (id, version, module or jar, description), their parameters, and"
            + " plugins that failed to load.")
final class ProblemsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Print {\"results\": [{\"id\", \"description\", \"version\", \"origin\", \"module\", \"jar\","
          + " \"plugin\", \"parameters\"}], \"failures\": [...]} as one JSON line.")
  boolean json;

  private final ProviderRegistry<ProblemProvider> problems;
  private final Plugins plugins;

  @Inject
  ProblemsCommand(ProviderRegistry<ProblemProvider> problems, Plugins plugins) {
    this.problems = problems;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode root = Json.object();
    ArrayNode results = Json.results(root);
    List<List<String>> rows = new ArrayList<>();
    for (ProblemProvider provider : problems.all()) {
      boolean plugin = plugins.problems().contains(provider);
      Listing.describe(results.addObject(), provider, plugin);
      rows.add(List.of(provider.id(), provider.version(), Listing.from(provider, plugin), provider.description()));
    }
    if (rows.isEmpty()) {
      out.println("no problems discovered");
    } else {
      Listing.printTable(out, List.of("ID", "VERSION", "FROM", "DESCRIPTION"), rows);
    }
    Listing.printParameters(out, "Problem parameters (-P NAME=VALUE):", problems.all());
    Listing.printFailures(out, root, problems.failures());
    if (json) {
      out.println(Json.line(root));
    }
    return 0;
  }
}
