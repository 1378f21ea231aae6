package org.scaleinvariant.sip.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Reads targets y* from a CSV file, streamed row by row (Jackson's CSV module, a {@link
 * MappingIterator}), so a file of any length needs memory for one chunk of rows only.
 *
 * <p>The format: UTF-8 text, one target per line, its m components separated by commas (quotes
 * allowed, spaces around values ignored, empty lines skipped). The first line may be a header: it
 * is one if none of its fields is a number. Every other line must have exactly m fields, each a
 * finite number in plain decimal notation ({@code 0.3}, {@code -5e-1}; not {@code NaN}, {@code
 * Infinity} or hexadecimal). Anything else is a {@link SipException} with {@link
 * ErrorCode#INVALID_FILE} and one line naming the file, the line, the column and the value.
 *
 * <p>Not thread-safe.
 */
public final class TargetCsv implements Closeable {
  /** Plain decimal notation, as {@code ParameterSpec} accepts it. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  /** Values longer than this are cut in messages, {@value} characters. */
  private static final int SHOWN = 30;

  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();

  private final Path file;
  private final int columns;
  private final Reader reader;
  private final MappingIterator<String[]> rows;
  private boolean first = true;
  private long count;

  /**
   * Opens a file.
   *
   * @param file the CSV file
   * @param columns m, the number of values per target
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the file does not exist or is a
   *     folder, {@link ErrorCode#IO} if it cannot be opened
   */
  public TargetCsv(Path file, int columns) {
    this.file = file;
    this.columns = columns;
    if (Files.isDirectory(file)) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--input '" + file + "' is not allowed: it is a folder; allowed: a CSV file");
    }
    try {
      reader = Files.newBufferedReader(file); // UTF-8, reports malformed input
      rows = MAPPER.readerFor(String[].class).readValues(reader);
    } catch (NoSuchFileException e) {
      throw new SipException(ErrorCode.INVALID_ARGUMENT, "--input '" + file + "' is not allowed: no such file", e);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /**
   * Reads the next rows.
   *
   * @param into receives up to {@code max} targets, shape [max, m]
   * @param max the most rows to read
   * @return the number of rows read; 0 at the end of the file
   * @throws SipException {@link ErrorCode#INVALID_FILE} for a bad row or an empty file (no rows at
   *     all), {@link ErrorCode#IO} if reading fails
   */
  public int read(double[] into, int max) {
    int n = 0;
    try {
      while (n < max && rows.hasNextValue()) {
        String[] row = rows.nextValue();
        long line = rows.getParser().currentTokenLocation().getLineNr();
        if (first) {
          first = false;
          if (isHeader(row)) {
            checkColumns(row, line);
            continue;
          }
        }
        checkColumns(row, line);
        for (int j = 0; j < columns; j++) {
          into[n * columns + j] = number(row, j, line);
        }
        n++;
        count++;
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new SipException(ErrorCode.INVALID_FILE, file + " near line " + line + ": malformed CSV ("
          + oneLine(e.getOriginalMessage()) + ")", e);
    } catch (IOException e) {
      throw failure(e);
    } catch (SipException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SipException(ErrorCode.INVALID_FILE, file + " after " + count + " rows: malformed CSV ("
          + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()) + ")", e);
    }
    if (n == 0 && count == 0) {
      throw new SipException(ErrorCode.INVALID_FILE, file + (first ? " is empty" : " has a header but no rows")
          + "; allowed: one line of " + columns + " numbers per target, an optional header line first");
    }
    return n;
  }

  /**
   * The number of targets read so far.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  private static boolean isHeader(String[] row) {
    for (String field : row) {
      if (DECIMAL.matcher(strip(field)).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Removes a byte-order mark. */
  private static String strip(String field) {
    return field.startsWith("\uFEFF") ? field.substring(1).trim() : field;
  }

  private void checkColumns(String[] row, long line) {
    if (row.length != columns) {
      throw new SipException(ErrorCode.INVALID_FILE, file + " line " + line + " has " + row.length
          + (row.length == 1 ? " column" : " columns") + "; allowed: " + columns + " (one per component of y*)");
    }
  }

  private double number(String[] row, int column, long line) {
    String text = strip(row[column]);
    if (DECIMAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    }
    String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
    throw new SipException(ErrorCode.INVALID_FILE, file + " line " + line + ", column " + (column + 1) + ": '"
        + oneLine(shown) + "' is not allowed; allowed: a finite number in decimal notation");
  }

  private SipException failure(Exception e) {
    if (e instanceof CharacterCodingException) {
      return new SipException(ErrorCode.INVALID_FILE, file + " is not UTF-8 text (" + e.getClass().getSimpleName()
          + " after " + count + " rows)", e);
    }
    if (e.getCause() instanceof CharacterCodingException) {
      return failure((Exception) e.getCause());
    }
    return new SipException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public void close() {
    try {
      rows.close();
      reader.close();
    } catch (IOException e) {
      // nothing was written; closing a reader cannot lose data
    }
  }
}
