package org.scaleinvariant.sip.app.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Writes a loss landscape and its trajectories as CSV (Jackson's CSV module), with a header row;
 * NaN and infinities are written as an empty field.
 *
 * <ul>
 *   <li>{@link #writeGrid}: columns {@value #GRID_COLUMNS_TEXT}, one row per grid point, x1 varying
 *       fastest (the order of {@link LossGrid#loss()}).
 *   <li>{@link #writeTrajectories}: columns {@value #TRAJECTORY_COLUMNS_TEXT}, one row per point of
 *       each trajectory (iteration 0 is the start), trajectories in the given order.
 * </ul>
 */
public final class LandscapeCsv {
  /** The columns of the grid file, as in its header. */
  public static final String GRID_COLUMNS_TEXT = "x1,x2,loss";
  /** The columns of the trajectory file, as in its header. */
  public static final String TRAJECTORY_COLUMNS_TEXT = "trajectory,iteration,x1,x2,loss";

  private static final CsvMapper MAPPER = new CsvMapper();

  private LandscapeCsv() {}

  /** Writes one row. */
  private interface RowSink {
    /**
     * Writes a row.
     *
     * @param values the cells, in column order
     * @throws IOException if writing fails
     */
    void row(Object... values) throws IOException;
  }

  /** Produces the rows of a file. */
  private interface Rows {
    /**
     * Writes every row.
     *
     * @param sink where to write
     * @throws IOException if writing fails
     */
    void writeTo(RowSink sink) throws IOException;
  }

  /**
   * Writes the grid: {@code x1,x2,loss}.
   *
   * @param grid the grid
   * @param file the CSV file
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void writeGrid(LossGrid grid, Path file) {
    int n = grid.resolution();
    write(file, GRID_COLUMNS_TEXT, sink -> {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          sink.row(grid.x1(i), grid.x2(j), finite(grid.loss(i, j)));
        }
      }
    });
  }

  /**
   * Writes the trajectories: {@code trajectory,iteration,x1,x2,loss}, the trajectory named by its
   * method id.
   *
   * @param trajectories the trajectories
   * @param file the CSV file
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void writeTrajectories(List<Trajectory> trajectories, Path file) {
    write(file, TRAJECTORY_COLUMNS_TEXT, sink -> {
      for (Trajectory t : trajectories) {
        for (int k = 0; k <= t.iterations(); k++) {
          sink.row(t.method(), k, t.points()[2 * k], t.points()[2 * k + 1], finite(t.losses()[k]));
        }
      }
    });
  }

  /** Writes a header of the comma-separated columns and then the rows. */
  private static void write(Path file, String columns, Rows rows) {
    CsvSchema.Builder schema = CsvSchema.builder();
    for (String column : columns.split(",")) {
      schema.addColumn(column);
    }
    try (Writer writer = Files.newBufferedWriter(file);
        SequenceWriter out = MAPPER.writerFor(Object[].class).with(schema.build().withHeader()).writeValues(writer)) {
      rows.writeTo(values -> out.write(values));
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The value, or an empty field if it is NaN or infinite. */
  private static Object finite(double value) {
    return Double.isFinite(value) ? (Object) value : "";
  }
}
