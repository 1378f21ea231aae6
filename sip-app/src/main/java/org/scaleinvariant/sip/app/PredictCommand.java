package org.scaleinvariant.sip.app;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.Options;
import org.scaleinvariant.sip.api.Problem;
import org.scaleinvariant.sip.api.RolloutProblem;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.app.report.Json;
import org.scaleinvariant.sip.app.store.AtomicFiles;
import org.scaleinvariant.sip.app.store.ModelFile;
import org.scaleinvariant.sip.app.store.TargetCsv;
import org.scaleinvariant.sip.nn.DenseNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sip predict}: applies a saved model ({@link ModelFile}) to targets y*, and prints the
 * predicted x = f(y*), the physics' answer P(x) and the distance ‖P(x) − y*‖ (Euclidean). Targets
 * come from {@code --y} (one) or {@code --input CSV} (any number, streamed in chunks of {@value
 * #CHUNK}); {@code --output CSV} and {@code --json} receive every prediction, the table the first
 * {@value #TABLE_ROWS}.
 */
@Command(
    name = "predict",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = SipCommand.Version.class,
    description = {
      "Apply a saved model (the model.json that every finished run writes to its --out folder) to"
          + " targets y*: prints the predicted x, P(x) and the distance |P(x) - y*| (Euclidean).",
      "The problem is created again from the id and parameters stored in the model.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  sip predict --model runs/book/model.json --y 0.3,-0.5",
      "  sip predict --model runs/book/model.json --input targets.csv --output predictions.csv --json",
      "",
      "CSV input: one target per line, its m components separated by commas; an optional header line"
          + " (no numbers in it) first. CSV output columns: ystar0.., x0.., px0.., distance."
    })
final class PredictCommand implements Callable<Integer> {
  /** Targets put through the network at once, {@value}. */
  static final int CHUNK = 256;
  /** Predictions shown in the table, {@value}; all go to --output and --json. */
  static final int TABLE_ROWS = 20;
  /** Vector components shown in a table cell, {@value}. */
  static final int SHOWN_COMPONENTS = 4;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The saved model, e.g. DIR/model.json.")
  Path model;

  @Option(names = "--y", paramLabel = "Y1,Y2,...", description = "One target y*, its m components separated by commas.")
  String y;

  @Option(names = "--input", paramLabel = "CSV", description = "A CSV file of targets, one per line (read streamed).")
  Path input;

  @Option(names = "--output", paramLabel = "CSV", description = "Write every prediction to this CSV file.")
  Path output;

  @Option(names = "--json", description = "Print the results as one JSON object on the last line of standard output.")
  boolean json;

  private final Runs runs;

  @Inject
  PredictCommand(Runs runs) {
    this.runs = runs;
  }

  /** Running totals over all predictions. */
  private static final class Totals {
    long count;
    double sum;
    double max = Double.NEGATIVE_INFINITY;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if ((y == null) == (input == null)) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          (y == null ? "neither --y nor --input given" : "both --y and --input given")
              + "; allowed: exactly one of --y Y1,Y2,... and --input CSV");
    }
    if (output != null && (Files.isDirectory(output) || output.getFileName() == null)) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--output '" + output + "' is not allowed: it is a folder;"
          + " allowed: a file path");
    }
    if (output != null) { // checked before predicting, so a bad path costs nothing
      Path folder = output.toAbsolutePath().getParent();
      if (!Files.isDirectory(folder)) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--output '" + output + "' is not allowed: the folder "
            + folder + " does not exist; allowed: a file in an existing, writable folder");
      }
      if (!Files.isWritable(folder)) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--output '" + output + "' is not allowed: the folder "
            + folder + " is not writable; allowed: a file in an existing, writable folder");
      }
    }
    ModelFile.SavedModel saved = ModelFile.read(model);
    Problem problem;
    try {
      problem = runs.problem(saved.problem(), saved.problemParameters());
    } catch (SipException e) {
      throw new SipException(e.code() == ErrorCode.UNKNOWN_ID ? e.code() : ErrorCode.INVALID_FILE,
          model + ": " + e.getMessage(), e);
    }
    if (problem instanceof RolloutProblem) {
      throw new SipException(ErrorCode.UNSUPPORTED, model + ": the network of the rollout problem '" + problem.id()
          + "' is a controller applied at every step of a simulation, which predict does not run; allowed: a model"
          + " of a problem that maps a target y* to x (e.g. rotated-sine, linear, heat)");
    }
    DenseNetwork network = saved.network();
    int m = problem.outputSize();
    int n = problem.inputSize();
    if (network.inputSize() != m || network.outputSize() != n) {
      throw new SipException(ErrorCode.INVALID_FILE, model + ": network sizes " + Arrays.toString(network.sizes())
          + " do not fit problem '" + problem.id() + "'; allowed: input " + m + " (y*) and output " + n + " (x)");
    }
    double[] single = null;
    if (y != null) {
      single = Options.of(Map.of("--y", y)).getNumbers("--y");
      if (single.length != m) {
        throw new SipException(ErrorCode.INVALID_ARGUMENT, "--y has " + single.length + " values; allowed: " + m
            + " (one per component of y* of problem '" + problem.id() + "')");
      }
    }

    Path jsonTemp = json ? Files.createTempFile("sip-predict", ".json") : null;
    Totals totals = new Totals();
    try {
      double[] first = single;
      if (output != null) {
        AtomicFiles.write(output, csv -> predictAll(problem, network, first, csv, jsonTemp, totals));
      } else {
        predictAll(problem, network, first, null, jsonTemp, totals);
      }
      if (totals.count > TABLE_ROWS) {
        out.println("  ... " + (totals.count - TABLE_ROWS) + " more" + (output != null ? " (all in " + output + ")" : ""));
      }
      out.println(String.format(Locale.ROOT, "%d target%s, mean |P(x) - y*| %s, max %s", totals.count,
          totals.count == 1 ? "" : "s", Format.number(totals.sum / totals.count), Format.number(totals.max)));
      if (output != null) {
        out.println("predictions written to " + output);
      }
      if (jsonTemp != null) {
        try (BufferedReader line = Files.newBufferedReader(jsonTemp, StandardCharsets.UTF_8)) {
          line.transferTo(out);
        }
        out.println();
      }
    } finally {
      if (jsonTemp != null) {
        Files.deleteIfExists(jsonTemp);
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Predicts every target, writing the table rows, the CSV rows and the JSON object (into a
   * temporary file, printed at the end so that it is the last line even when a bad CSV line stops
   * the command half-way).
   */
  private void predictAll(Problem problem, DenseNetwork network, double[] single, OutputStream csv, Path jsonTemp,
      Totals totals) throws IOException {
    int m = problem.outputSize();
    int n = problem.inputSize();
    double[] targets = new double[CHUNK * m];
    double[] x = new double[CHUNK * n];
    double[] px = new double[CHUNK * m];
    SequenceWriter rows = csv == null ? null : csvWriter(csv, n, m);
    try (TargetCsv file = input == null ? null : new TargetCsv(input, m);
        JsonGenerator gen = jsonTemp == null ? null
            : MAPPER.getFactory().createGenerator(Files.newOutputStream(jsonTemp), JsonEncoding.UTF8)) {
      if (gen != null) {
        gen.writeStartObject();
        gen.writeStringField("model", model.toString());
        gen.writeStringField("problem", problem.id());
        ObjectNode parameters = Json.object();
        Json.putParameters(parameters, problem.parameters());
        gen.writeFieldName("parameters");
        gen.writeTree(parameters.get("parameters"));
        gen.writeArrayFieldStart("results");
      }
      while (true) {
        int count;
        if (file != null) {
          count = file.read(targets, CHUNK);
        } else if (totals.count == 0) {
          System.arraycopy(single, 0, targets, 0, m);
          count = 1;
        } else {
          count = 0;
        }
        if (count == 0) {
          break;
        }
        network.forward(targets, x, count);
        try {
          problem.forward(x, px, count);
        } catch (RuntimeException e) {
          throw new SipException(ErrorCode.PROVIDER_CONTRACT, "problem '" + problem.id() + "' failed: "
              + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        for (int b = 0; b < count; b++) {
          double squares = 0;
          for (int k = 0; k < m; k++) {
            double d = px[b * m + k] - targets[b * m + k];
            squares += d * d;
          }
          double distance = Math.sqrt(squares);
          totals.count++;
          totals.sum += distance;
          totals.max = Math.max(totals.max, distance);
          if (totals.count == 1) {
            printHeader(problem, network);
          }
          if (totals.count <= TABLE_ROWS) {
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%6d  %-28s %-28s %-28s %s", totals.count,
                vector(targets, b * m, m), vector(x, b * n, n), vector(px, b * m, m), Format.number(distance)));
          }
          if (rows != null) {
            rows.write(csvRow(targets, b * m, m, x, b * n, n, px, distance));
          }
          if (gen != null) {
            gen.writeStartObject();
            numbers(gen, "y", targets, b * m, m);
            numbers(gen, "x", x, b * n, n);
            numbers(gen, "px", px, b * m, m);
            gen.writeFieldName("distance");
            number(gen, distance);
            gen.writeEndObject();
          }
        }
      }
      if (gen != null) {
        gen.writeEndArray();
        gen.writeNumberField("count", totals.count);
        gen.writeFieldName("meanDistance");
        number(gen, totals.sum / totals.count);
        gen.writeFieldName("maxDistance");
        number(gen, totals.max);
        gen.writeEndObject();
      }
    }
    if (rows != null) {
      rows.flush();
    }
  }

  /** The model line and the table header, printed once the first chunk of targets was read. */
  private void printHeader(Problem problem, DenseNetwork network) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("model " + model + ": " + problem.id() + " " + problem.parameters().asMap() + ", network "
        + Arrays.toString(network.sizes()) + " " + network.activation().id());
    out.println(String.format(Locale.ROOT, "%6s  %-28s %-28s %-28s %s", "#", "y*", "x", "P(x)", "|P(x) - y*|"));
  }

  private static SequenceWriter csvWriter(OutputStream out, int n, int m) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder();
    for (int k = 0; k < m; k++) {
      schema.addColumn("ystar" + k);
    }
    for (int j = 0; j < n; j++) {
      schema.addColumn("x" + j);
    }
    for (int k = 0; k < m; k++) {
      schema.addColumn("px" + k);
    }
    schema.addColumn("distance");
    return new CsvMapper().writerFor(Object[].class).with(schema.build().withHeader())
        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
  }

  private static Object[] csvRow(double[] y, int yAt, int m, double[] x, int xAt, int n, double[] px, double distance) {
    Object[] row = new Object[2 * m + n + 1];
    int i = 0;
    for (int k = 0; k < m; k++) {
      row[i++] = cell(y[yAt + k]);
    }
    for (int j = 0; j < n; j++) {
      row[i++] = cell(x[xAt + j]);
    }
    for (int k = 0; k < m; k++) {
      row[i++] = cell(px[yAt + k]);
    }
    row[i] = cell(distance);
    return row;
  }

  /** A CSV cell: the number, or empty if it is NaN or infinite. */
  private static Object cell(double value) {
    return Double.isFinite(value) ? (Object) value : "";
  }

  private static void numbers(JsonGenerator gen, String key, double[] values, int at, int length) throws IOException {
    gen.writeArrayFieldStart(key);
    for (int i = 0; i < length; i++) {
      number(gen, values[at + i]);
    }
    gen.writeEndArray();
  }

  /** A JSON number, or null for NaN and infinities (not JSON). */
  private static void number(JsonGenerator gen, double value) throws IOException {
    if (Double.isFinite(value)) {
      gen.writeNumber(value);
    } else {
      gen.writeNull();
    }
  }

  /** A vector for the table: up to {@value #SHOWN_COMPONENTS} components, then the count. */
  private static String vector(double[] values, int at, int length) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < Math.min(length, SHOWN_COMPONENTS); i++) {
      text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", values[at + i]));
    }
    if (length > SHOWN_COMPONENTS) {
      text.append(", ... ").append(length).append(" values");
    }
    return text.append(')').toString();
  }
}
