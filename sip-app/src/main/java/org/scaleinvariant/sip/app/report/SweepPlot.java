package org.scaleinvariant.sip.app.report;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * The plot of a sweep (the chapter's Fig. 23): a metric against the swept value, one line per
 * method, error bars of ± one standard deviation over seeds; logarithmic axes where all values are
 * positive. Written as PNG and SVG with JFreeChart.
 */
public final class SweepPlot {
  /** One point of one method's line: the swept value, the mean over seeds and the spread. */
  public record Point(String method, double value, double mean, double std) {}

  private SweepPlot() {}

  /**
   * Writes {@code <base>.png} and {@code <base>.svg}.
   *
   * @param points the points (methods in order of first appearance)
   * @param title the title
   * @param xLabel the swept parameter, e.g. {@code "xi"}
   * @param yLabel the metric, e.g. {@code "test x-distance / xi"}
   * @param base the file path without extension
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(List<Point> points, String title, String xLabel, String yLabel, Path base) {
    Map<String, YIntervalSeries> series = new LinkedHashMap<>();
    boolean positiveX = true;
    double minX = Double.POSITIVE_INFINITY;
    double maxX = 0;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = 0;
    for (Point p : points) {
      if (!Double.isFinite(p.mean()) || p.mean() <= 0) {
        continue;
      }
      double low = Math.max(p.mean() - p.std(), p.mean() * 1e-3); // keep bars on a log axis
      double high = p.mean() + p.std();
      series.computeIfAbsent(p.method(), m -> new YIntervalSeries(m, false, true)).add(p.value(), p.mean(), low, high);
      positiveX &= p.value() > 0;
      minX = Math.min(minX, p.value());
      maxX = Math.max(maxX, p.value());
      minY = Math.min(minY, low);
      maxY = Math.max(maxY, high);
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    series.values().forEach(data::addSeries);

    ValueAxis xAxis;
    if (positiveX && !series.isEmpty()) {
      LogAxis log = new LogAxis(xLabel);
      log.setRange(minX / 1.2, maxX * 1.2);
      boolean fewDecades = maxX / minX <= 100;
      // octaves (1, 2, 4, ...) over up to two decades, decades beyond
      log.setTickUnit(new NumberTickUnit(fewDecades ? Math.log10(2) : 1), false, true);
      log.setNumberFormatOverride(
          new DecimalFormat(fewDecades ? "0.###" : "0E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      xAxis = log;
    } else {
      NumberAxis linear = new NumberAxis(xLabel);
      linear.setAutoRangeIncludesZero(true);
      xAxis = linear;
    }
    LogAxis yAxis = Plots.decadeAxis(yLabel, minY, maxY);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, Plots.color(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    renderer.setErrorPaint(null); // error bars in the series colour
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    Plots.style(chart);
    Plots.write(chart, base);
  }
}
