package org.scaleinvariant.sip.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.CurvePoint;
import org.scaleinvariant.sip.nn.TrainingResult;

/**
 * Line plots of training curves (JFreeChart), written as PNG and SVG: the test x-distance (or, if
 * the problem does not know its exact solutions, the test y-loss) on a logarithmic axis, one line
 * per run, over iterations and over training time, in the style of the chapter's Fig. 22.
 */
public final class Plots {
  /** Plot width in pixels. */
  public static final int WIDTH = 900;
  /** Plot height in pixels. */
  public static final int HEIGHT = 560;

  private static final Color[] PALETTE = {
    new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0x17becf)
  };

  private Plots() {}

  /**
   * Writes {@code <base>-iterations.png/.svg} and {@code <base>-time.png/.svg}.
   *
   * @param results the runs, one line each (labelled by method)
   * @param dir the output folder
   * @param base the file name prefix
   * @param title the plot title
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void curves(List<TrainingResult> results, Path dir, String base, String title) {
    boolean xKnown = results.stream().allMatch(r -> !Double.isNaN(r.curve().get(0).testXDistance()));
    boolean goalKnown = results.stream().allMatch(r -> !Double.isNaN(r.curve().get(0).testGoalDistance()));
    String metric = goalKnown ? "test goal distance" : xKnown ? "test x-distance" : "test y-loss";
    ToDoubleFunction<CurvePoint> y =
        goalKnown ? CurvePoint::testGoalDistance : xKnown ? CurvePoint::testXDistance : CurvePoint::testYLoss;
    write(chart(results, title, "iteration", metric, p -> p.step(), y), dir.resolve(base + "-iterations"));
    write(chart(results, title, "training time [s]", metric, CurvePoint::trainingSeconds, y), dir.resolve(base + "-time"));
  }

  private static JFreeChart chart(
      List<TrainingResult> results,
      String title,
      String xLabel,
      String yLabel,
      ToDoubleFunction<CurvePoint> x,
      ToDoubleFunction<CurvePoint> y) {
    XYSeriesCollection data = new XYSeriesCollection();
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (TrainingResult result : results) {
      XYSeries series = new XYSeries(result.method(), false, true);
      for (CurvePoint p : result.curve()) {
        double value = y.applyAsDouble(p);
        if (Double.isFinite(value) && value > 0) {
          series.add(x.applyAsDouble(p), value);
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
      data.addSeries(series);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setRangeAxis(decadeAxis(yLabel, min, max));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < results.size(); i++) {
      renderer.setSeriesPaint(i, color(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      // a run that diverged at once has a single point: draw it as a marker so it is visible
      renderer.setSeriesShapesVisible(i, data.getSeries(i).getItemCount() < 3);
    }
    plot.setRenderer(renderer);
    style(chart);
    return chart;
  }

  /**
   * A logarithmic axis over whole decades with one labelled tick per decade ({@code 1E-2}, {@code
   * 1E-1}, ...) and minor ticks in between.
   *
   * @param label the axis label
   * @param min the smallest positive value shown
   * @param max the largest value shown (0 if there is no data)
   * @return the axis
   */
  public static LogAxis decadeAxis(String label, double min, double max) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(1e-300);
    if (max > 0) {
      double lower = Math.pow(10, Math.floor(Math.log10(min)));
      double upper = Math.pow(10, Math.ceil(Math.log10(max)));
      axis.setRange(lower, upper > lower ? upper : lower * 10);
      axis.setTickUnit(new NumberTickUnit(1), false, true);
      axis.setMinorTickCount(9);
      axis.setMinorTickMarksVisible(true);
      axis.setNumberFormatOverride(new DecimalFormat("0E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }
    return axis;
  }

  /**
   * The line colour of series i (a fixed palette, repeated).
   *
   * @param i the series index
   * @return the colour
   */
  public static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /**
   * The common look: white background, light grid.
   *
   * @param chart the chart (an XY plot)
   */
  public static void style(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    chart.setBackgroundPaint(Color.WHITE);
  }

  /**
   * Writes {@code <base>.png} and {@code <base>.svg}, {@value #WIDTH}×{@value #HEIGHT} pixels.
   *
   * @param chart the chart
   * @param base the path without extension
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(JFreeChart chart, Path base) {
    ChartFiles.write(chart, base, WIDTH, HEIGHT);
  }

}
