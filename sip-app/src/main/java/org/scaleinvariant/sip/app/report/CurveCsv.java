package org.scaleinvariant.sip.app.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Writes a run's evaluation curve as CSV (Jackson's CSV module). Columns: {@code step}, {@code
 * trainingSeconds}, {@code wallSeconds}, {@code trainYLoss}, {@code testXDistance}, {@code
 * testYLoss}; times in seconds; NaN written as an empty field.
 */
public final class CurveCsv {
  /** The column names, in order. */
  public static final String[] COLUMNS = {
    "step", "trainingSeconds", "wallSeconds", "trainYLoss", "testXDistance", "testYLoss"
  };

  private static final CsvMapper MAPPER = new CsvMapper();

  private CurveCsv() {}

  /**
   * Writes the curve of a result.
   *
   * @param result the result
   * @param file the CSV file
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(TrainingResult result, Path file) {
    CsvSchema.Builder schema = CsvSchema.builder();
    Arrays.stream(COLUMNS).forEach(schema::addColumn);
    try (Writer writer = Files.newBufferedWriter(file);
        SequenceWriter rows = MAPPER.writerFor(Object[].class).with(schema.build().withHeader()).writeValues(writer)) {
      for (CurvePoint p : result.curve()) {
        rows.write(
            new Object[] {
              p.step(),
              finite(p.trainingSeconds()),
              finite(p.wallSeconds()),
              finite(p.trainYLoss()),
              finite(p.testXDistance()),
              finite(p.testYLoss())
            });
      }
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? (Object) value : "";
  }
}
