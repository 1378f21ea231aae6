package org.scaleinvariant.sip.app.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Writes CSV files with Jackson's CSV module: a header line, then one row per record; non-finite
 * numbers as empty fields.
 */
public final class Csv {
  /** The columns of a curve file, in order: times in seconds. */
  public static final List<String> CURVE_COLUMNS =
      List.of("step", "trainingSeconds", "wallSeconds", "trainLoss", "testXDistance", "testYLoss");

  /** The columns of a rollout (control) run's curve file: {@link #CURVE_COLUMNS}, then {@code testGoalDistance}. */
  public static final List<String> ROLLOUT_CURVE_COLUMNS =
      List.of("step", "trainingSeconds", "wallSeconds", "trainLoss", "testXDistance", "testYLoss", "testGoalDistance");

  private static final CsvMapper MAPPER = new CsvMapper();

  private Csv() {}

  /**
   * Writes a table.
   *
   * @param file the file
   * @param columns the header
   * @param rows the rows, each with one value per column (numbers, strings, booleans, or null)
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(Path file, List<String> columns, List<Object[]> rows) {
    CsvSchema.Builder schema = CsvSchema.builder();
    columns.forEach(schema::addColumn);
    try (Writer writer = Files.newBufferedWriter(file);
        SequenceWriter out = MAPPER.writerFor(Object[].class).with(schema.build().withHeader()).writeValues(writer)) {
      for (Object[] row : rows) {
        Object[] clean = row.clone();
        for (int i = 0; i < clean.length; i++) {
          if (clean[i] instanceof Double && !Double.isFinite((Double) clean[i])) {
            clean[i] = "";
          }
        }
        out.write(clean);
      }
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a run's evaluation curve ({@link #CURVE_COLUMNS}, or {@link #ROLLOUT_CURVE_COLUMNS} for a
   * run with a goal distance).
   *
   * @param result the run
   * @param file the file
   */
  public static void curve(TrainingResult result, Path file) {
    curve(result.curve(), file);
  }

  /**
   * Writes an evaluation curve ({@link #CURVE_COLUMNS}, plus {@code testGoalDistance} for rollout
   * problems: {@link #ROLLOUT_CURVE_COLUMNS}).
   *
   * @param curve the evaluations, step 0 first
   * @param file the file
   */
  public static void curve(List<CurvePoint> curve, Path file) {
    boolean goal = !curve.isEmpty() && !Double.isNaN(curve.get(0).testGoalDistance());
    List<Object[]> rows = new ArrayList<>();
    for (CurvePoint p : curve) {
      Object[] row = {p.step(), p.trainingSeconds(), p.wallSeconds(), p.trainLoss(), p.testXDistance(), p.testYLoss()};
      if (goal) {
        row = java.util.Arrays.copyOf(row, row.length + 1);
        row[row.length - 1] = p.testGoalDistance();
      }
      rows.add(row);
    }
    write(file, goal ? ROLLOUT_CURVE_COLUMNS : CURVE_COLUMNS, rows);
  }
}
