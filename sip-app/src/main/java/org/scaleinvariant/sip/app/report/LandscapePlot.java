package org.scaleinvariant.sip.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYDataImageAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Draws a loss landscape with optimisation trajectories (JFreeChart), written as PNG and SVG.
 *
 * <h2>The picture</h2>
 *
 * <ul>
 *   <li>A heat map of {@code log₁₀ L} over the box (the viridis colour map: dark purple is low,
 *       yellow high), drawn as one image (so the SVG stays small at any resolution), with a colour
 *       legend on the right. The colour scale spans whole decades from the grid's largest loss down
 *       to its smallest positive loss, at most {@value #MAX_DECADES} decades (smaller losses get the
 *       lowest colour); NaN or infinite losses are grey.
 *   <li>Iso-lines of L at every power of ten (every second one above ten decades), white and
 *       semi-transparent, from marching squares on the grid, so the valleys read like a contour
 *       map; left out where the grid does not resolve L ({@link #MAX_CONTOUR_CELL_DECADES}).
 *   <li>Each trajectory as a line in its own colour (red for the inverse solver, blue for Adam,
 *       orange for gradient descent) with a white halo, a marker per iteration (up to {@value
 *       #MAX_MARKED_ITERATIONS} iterations) and a ring around the exact solution closest to its end.
 *       Later trajectories are drawn on top and thinner (and their rings larger), so paths and ends
 *       that coincide stay visible as nested stripes and rings.
 *   <li>The start as a white square, the exact solutions in the box as white dots.
 * </ul>
 *
 * Axes x₁ and x₂ use the same scale (the data area is sized to the box's aspect ratio, between 1:4
 * and 4:1), so the rotation angle φ appears undistorted.
 */
public final class LandscapePlot {
  /** Height of the picture in pixels; the width follows from the box's aspect ratio. */
  public static final int HEIGHT = 760;
  /** Width of the picture in pixels before it is fitted to the box's aspect ratio. */
  public static final int WIDTH = 900;
  /** The colour scale spans at most this many decades of L, {@value}. */
  public static final int MAX_DECADES = 12;
  /**
   * Iso-lines are not drawn through grid cells whose corner losses span more than this many
   * decades, {@value}: there the grid does not resolve L (the floor of a valley narrower than the
   * grid spacing), and the lines would be sampling artefacts (rows of tiny loops).
   */
  public static final double MAX_CONTOUR_CELL_DECADES = 1;
  /** Trajectories with more iterations than this, {@value}, are drawn without per-iteration markers. */
  public static final int MAX_MARKED_ITERATIONS = 200;

  /** Viridis (matplotlib's default colour map) at nine equally spaced points, from low to high. */
  private static final Color[] VIRIDIS = {
    new Color(0x440154), new Color(0x472c7a), new Color(0x3b518b), new Color(0x2c718e), new Color(0x21908d),
    new Color(0x27ad81), new Color(0x5cc863), new Color(0xaadc32), new Color(0xfde725)
  };
  private static final Color MISSING = new Color(0xbdbdbd);
  private static final Color CONTOUR = new Color(255, 255, 255, 110);
  private static final Color HALO = Color.WHITE;
  private static final Color SOLVER = new Color(0xd62728);
  private static final Color ADAM = new Color(0x1f77b4);
  private static final Color GD = new Color(0xff7f0e);
  private static final Color[] OTHERS = {new Color(0x2ca02c), new Color(0x9467bd), new Color(0xe377c2)};

  private LandscapePlot() {}

  /**
   * Writes {@code <base>.png} and {@code <base>.svg}.
   *
   * @param dir the output folder (exists)
   * @param base the file name without extension, e.g. {@code "landscape"}
   * @param grid the sampled loss
   * @param trajectories the trajectories to draw on top, possibly empty
   * @param start the start x₀, length 2
   * @param solutions the exact solutions to mark (each length 2), possibly empty
   * @param title the title
   * @param subtitle a second line under the title (the problem and its parameters), or null
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(
      Path dir,
      String base,
      LossGrid grid,
      List<Trajectory> trajectories,
      double[] start,
      List<double[]> solutions,
      String title,
      String subtitle) {
    JFreeChart chart = chart(grid, trajectories, start, solutions, title, subtitle);
    int width = fittedWidth(chart, (grid.x1Max() - grid.x1Min()) / (grid.x2Max() - grid.x2Min()));
    ChartFiles.write(chart, dir.resolve(base), width, HEIGHT);
  }

  /**
   * The colour of a trajectory's method: red for {@code solver}, blue for {@code adam}, orange for
   * {@code gd}, others from a fixed list by position.
   *
   * @param method the method id
   * @param index the trajectory's position, for other methods
   * @return the colour
   */
  static Color colour(String method, int index) {
    switch (method) {
      case "solver":
        return SOLVER;
      case "adam":
        return ADAM;
      case "gd":
        return GD;
      default:
        return OTHERS[index % OTHERS.length];
    }
  }

  /**
   * The width that makes the data area's aspect ratio (width/height) equal the box's, clamped to
   * [1/4, 4], found by laying the chart out at {@link #HEIGHT} and correcting the width by the data
   * area's error, twice (a new width can re-wrap the legend and change the data area's height).
   */
  private static int fittedWidth(JFreeChart chart, double boxRatio) {
    double ratio = Math.max(0.25, Math.min(4, boxRatio));
    int width = WIDTH;
    for (int pass = 0; pass < 2; pass++) {
      ChartRenderingInfo info = new ChartRenderingInfo();
      chart.createBufferedImage(width, HEIGHT, info);
      Rectangle2D area = info.getPlotInfo().getDataArea();
      width = (int) Math.round(Math.max(300, Math.min(4 * WIDTH, width + area.getHeight() * ratio - area.getWidth())));
    }
    return width;
  }

  /**
   * Builds the chart: the heat map and iso-lines as background annotations, then four datasets drawn
   * in order — the exact solutions, the trajectories' white halos, the trajectories, the start and
   * the rings — with a fixed legend at the bottom and the colour legend on the right.
   */
  private static JFreeChart chart(
      LossGrid grid,
      List<Trajectory> trajectories,
      double[] start,
      List<double[]> solutions,
      String title,
      String subtitle) {
    LogColourScale scale = LogColourScale.of(grid);
    NumberAxis x1 = axis("x₁", grid.x1Min(), grid.x1Max());
    NumberAxis x2 = axis("x₂", grid.x2Min(), grid.x2Max());
    XYPlot plot = new XYPlot(null, x1, x2, null);
    plot.setBackgroundPaint(MISSING);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the last trajectory (solver) on top

    // layer 0: solutions (under the trajectories); 1: halos; 2: trajectories; 3: start and rings
    XYSeriesCollection solutionData = new XYSeriesCollection();
    XYSeries solutionSeries = series("exact solutions");
    solutions.forEach(s -> solutionSeries.add(s[0], s[1]));
    solutionData.addSeries(solutionSeries);
    XYLineAndShapeRenderer solutionRenderer = markers();
    solutionRenderer.setSeriesShape(0, circle(6));
    solutionRenderer.setSeriesFillPaint(0, Color.WHITE);
    solutionRenderer.setSeriesOutlinePaint(0, Color.BLACK);
    solutionRenderer.setSeriesOutlineStroke(0, new BasicStroke(1f));
    solutionRenderer.addAnnotation(heatMap(grid, scale), Layer.BACKGROUND);
    for (XYShapeAnnotation contour : contours(grid, scale)) {
      solutionRenderer.addAnnotation(contour, Layer.BACKGROUND);
    }
    plot.setDataset(0, solutionData);
    plot.setRenderer(0, solutionRenderer);

    XYSeriesCollection paths = new XYSeriesCollection();
    XYLineAndShapeRenderer halo = new XYLineAndShapeRenderer(true, true);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
    XYSeriesCollection endMarks = new XYSeriesCollection();
    XYLineAndShapeRenderer marks = markers();
    for (int t = 0; t < trajectories.size(); t++) {
      Trajectory trajectory = trajectories.get(t);
      XYSeries path = series(trajectory.label());
      for (int k = 0; k <= trajectory.iterations(); k++) {
        path.add(trajectory.points()[2 * k], trajectory.points()[2 * k + 1]);
      }
      paths.addSeries(path);
      boolean shapes = trajectory.iterations() <= MAX_MARKED_ITERATIONS;
      // earlier trajectories wider, so where paths coincide the later (thinner, on top) leave a border
      float width = 2f + 1.8f * (trajectories.size() - 1 - t);
      halo.setSeriesPaint(t, HALO);
      halo.setSeriesStroke(t, new BasicStroke(width + 3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      halo.setSeriesShape(t, circle(width + 6));
      halo.setSeriesShapesVisible(t, shapes);
      Color colour = colour(trajectory.method(), t);
      lines.setSeriesPaint(t, colour);
      lines.setSeriesStroke(t, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      lines.setSeriesShape(t, circle(width + 3));
      lines.setSeriesShapesVisible(t, shapes);
      XYSeries ring = series("closest solution to the end of " + trajectory.label());
      if (trajectory.closestSolution() != null) {
        ring.add(trajectory.closestSolution()[0], trajectory.closestSolution()[1]);
      }
      endMarks.addSeries(ring);
      marks.setSeriesShape(t, circle(14 + 7 * t)); // concentric rings where trajectories end together
      marks.setSeriesShapesFilled(t, false);
      marks.setSeriesOutlinePaint(t, colour);
      marks.setSeriesOutlineStroke(t, new BasicStroke(2.5f));
    }
    int startIndex = trajectories.size();
    XYSeries startSeries = series("start");
    startSeries.add(start[0], start[1]);
    endMarks.addSeries(startSeries);
    marks.setSeriesShape(startIndex, new Rectangle2D.Double(-5, -5, 10, 10));
    marks.setSeriesFillPaint(startIndex, Color.WHITE);
    marks.setSeriesOutlinePaint(startIndex, Color.BLACK);
    marks.setSeriesOutlineStroke(startIndex, new BasicStroke(1.5f));
    plot.setDataset(1, paths);
    plot.setRenderer(1, halo);
    plot.setDataset(2, paths);
    plot.setRenderer(2, lines);
    plot.setDataset(3, endMarks);
    plot.setRenderer(3, marks);
    plot.setFixedLegendItems(legend(trajectories));

    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    if (subtitle != null) {
      chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
    }
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    chart.addSubtitle(colourLegend(scale));
    return chart;
  }

  /** A coordinate axis with a fixed range. */
  private static NumberAxis axis(String label, double min, double max) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    axis.setRange(min, max);
    axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    return axis;
  }

  /** A series that keeps the points in order and allows repeats (a trajectory can stand still). */
  private static XYSeries series(String key) {
    return new XYSeries(key, false, true);
  }

  /** A circle centred on the origin, diameter in pixels (marker shapes are in Java2D units). */
  private static Shape circle(double diameter) {
    return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
  }

  /** A renderer of filled, outlined markers without lines. */
  private static XYLineAndShapeRenderer markers() {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setUseFillPaint(true);
    renderer.setUseOutlinePaint(true);
    renderer.setDrawOutlines(true);
    return renderer;
  }

  /** The legend: each trajectory (marked if diverged), the start, the exact solutions, the rings. */
  private static LegendItemCollection legend(List<Trajectory> trajectories) {
    LegendItemCollection items = new LegendItemCollection();
    Stroke line = new BasicStroke(2.5f);
    Shape segment = new Line2D.Double(-9, 0, 9, 0);
    for (int t = 0; t < trajectories.size(); t++) {
      Trajectory trajectory = trajectories.get(t);
      Paint colour = colour(trajectory.method(), t);
      String label = trajectory.label() + (trajectory.diverged() ? " (diverged)" : "");
      items.add(new LegendItem(label, null, null, null, true, circle(6), true, colour, false, colour, line, true,
          segment, line, colour));
    }
    items.add(new LegendItem("start", null, null, null, true, new Rectangle2D.Double(-5, -5, 10, 10), true,
        Color.WHITE, true, Color.BLACK, new BasicStroke(1.5f), false, segment, line, Color.BLACK));
    items.add(new LegendItem("exact solutions", null, null, null, true, circle(7), true, Color.WHITE, true,
        Color.BLACK, new BasicStroke(1f), false, segment, line, Color.BLACK));
    if (!trajectories.isEmpty()) {
      items.add(new LegendItem("closest solution to each end", null, null, null, true, circle(13), false,
          Color.DARK_GRAY, true, Color.DARK_GRAY, new BasicStroke(2f), false, segment, line, Color.DARK_GRAY));
    }
    return items;
  }

  /** The colour bar on the right with an axis in log₁₀ L, one tick per whole decade or more. */
  private static PaintScaleLegend colourLegend(LogColourScale scale) {
    NumberAxis axis = new NumberAxis("log₁₀ L");
    axis.setRange(scale.getLowerBound(), scale.getUpperBound());
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
    legend.setStripWidth(16);
    legend.setSubdivisionCount(256);
    legend.setMargin(new RectangleInsets(6, 10, 6, 6));
    legend.setStripOutlineVisible(true);
    return legend;
  }

  /** The heat map: one pixel per grid point, placed so that pixel centres are the grid points. */
  private static XYDataImageAnnotation heatMap(LossGrid grid, LogColourScale scale) {
    int n = grid.resolution();
    BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        image.setRGB(i, n - 1 - j, scale.colourOfLoss(grid.loss(i, j)).getRGB());
      }
    }
    double dx1 = (grid.x1Max() - grid.x1Min()) / (n - 1);
    double dx2 = (grid.x2Max() - grid.x2Min()) / (n - 1);
    return new XYDataImageAnnotation(
        image, grid.x1Min() - dx1 / 2, grid.x2Min() - dx2 / 2, n * dx1, n * dx2, false);
  }

  /**
   * Iso-lines of log₁₀ L at the whole decades strictly inside the colour scale (every second one if
   * there are more than ten), by marching squares: per grid cell, the level crosses the edges whose
   * end values lie on different sides (crossing found by linear interpolation); a cell whose four
   * corners alternate (a saddle) is resolved by the mean of its corners. Cells whose corners span
   * more than {@link #MAX_CONTOUR_CELL_DECADES} decades are skipped. One path per level.
   */
  private static List<XYShapeAnnotation> contours(LossGrid grid, LogColourScale scale) {
    int lo = (int) scale.getLowerBound();
    int hi = (int) scale.getUpperBound();
    int stride = hi - lo > 10 ? 2 : 1;
    int n = grid.resolution();
    double[] field = new double[n * n];
    for (int p = 0; p < field.length; p++) {
      double v = grid.loss()[p];
      field[p] = Double.isFinite(v) ? Math.log10(Math.max(v, Math.pow(10, lo))) : Double.NaN;
    }
    Stroke stroke = new BasicStroke(0.8f);
    List<XYShapeAnnotation> result = new ArrayList<>();
    for (int level = lo + 1; level < hi; level += stride) {
      Path2D path = new Path2D.Double();
      for (int j = 0; j < n - 1; j++) {
        for (int i = 0; i < n - 1; i++) {
          cell(grid, field, i, j, level, path);
        }
      }
      result.add(new XYShapeAnnotation(path, stroke, CONTOUR));
    }
    return result;
  }

  /** Adds the iso-line segments of one level in grid cell (i, j) (corners (i, j) … (i + 1, j + 1)) to a path. */
  private static void cell(LossGrid grid, double[] f, int i, int j, double level, Path2D path) {
    int n = grid.resolution();
    double v00 = f[j * n + i];
    double v10 = f[j * n + i + 1];
    double v11 = f[(j + 1) * n + i + 1];
    double v01 = f[(j + 1) * n + i];
    if (Double.isNaN(v00) || Double.isNaN(v10) || Double.isNaN(v11) || Double.isNaN(v01)) {
      return;
    }
    boolean a00 = v00 >= level;
    boolean a10 = v10 >= level;
    boolean a11 = v11 >= level;
    boolean a01 = v01 >= level;
    if (a00 == a10 && a10 == a11 && a11 == a01) {
      return;
    }
    double spread = Math.max(Math.max(v00, v10), Math.max(v11, v01)) - Math.min(Math.min(v00, v10), Math.min(v11, v01));
    if (spread > MAX_CONTOUR_CELL_DECADES) {
      return; // the grid does not resolve L here (e.g. the floor of a narrow valley)
    }
    double xa = grid.x1(i);
    double xb = grid.x1(i + 1);
    double ya = grid.x2(j);
    double yb = grid.x2(j + 1);
    // crossings on the edges bottom (00-10), right (10-11), top (11-01), left (01-00); null if none
    double[][] edge = {
      a00 != a10 ? new double[] {lerp(xa, xb, v00, v10, level), ya} : null,
      a10 != a11 ? new double[] {xb, lerp(ya, yb, v10, v11, level)} : null,
      a11 != a01 ? new double[] {lerp(xa, xb, v01, v11, level), yb} : null,
      a01 != a00 ? new double[] {xa, lerp(ya, yb, v00, v01, level)} : null
    };
    if (edge[0] != null && edge[1] != null && edge[2] != null && edge[3] != null) {
      boolean centre = (v00 + v10 + v11 + v01) / 4 >= level;
      if (centre == a00) {
        segment(path, edge[0], edge[1]); // cut off corner 10
        segment(path, edge[2], edge[3]); // cut off corner 01
      } else {
        segment(path, edge[3], edge[0]); // cut off corner 00
        segment(path, edge[1], edge[2]); // cut off corner 11
      }
      return;
    }
    double[] first = null;
    for (double[] e : edge) {
      if (e != null) {
        if (first == null) {
          first = e;
        } else {
          segment(path, first, e);
        }
      }
    }
  }

  /** The coordinate between a and b where the linear interpolation of va and vb equals level. */
  private static double lerp(double a, double b, double va, double vb, double level) {
    return a + (b - a) * (level - va) / (vb - va);
  }

  /** Adds one line segment to a path. */
  private static void segment(Path2D path, double[] from, double[] to) {
    path.moveTo(from[0], from[1]);
    path.lineTo(to[0], to[1]);
  }

  /**
   * The colour scale on {@code log₁₀ L}: viridis over [lower, upper] (whole decades), linear
   * interpolation between its nine anchors.
   */
  private static final class LogColourScale implements PaintScale {
    private final double lower;
    private final double upper;

    /** A scale over [lower, upper] in log₁₀ L. */
    private LogColourScale(double lower, double upper) {
      this.lower = lower;
      this.upper = upper;
    }

    /**
     * The scale for a grid: upper = ⌈log₁₀ max L⌉, lower = ⌊log₁₀ min positive L⌋ but at least upper −
     * {@value LandscapePlot#MAX_DECADES} and at most upper − 1; [−1, 0] if no loss is finite and positive.
     */
    static LogColourScale of(LossGrid grid) {
      double max = grid.maxLoss();
      double min = grid.minPositiveLoss();
      if (!(max > 0) || Double.isNaN(min)) {
        return new LogColourScale(-1, 0);
      }
      double upper = Math.ceil(Math.log10(max));
      double lower = Math.floor(Math.log10(min));
      lower = Math.max(lower, upper - MAX_DECADES);
      return new LogColourScale(Math.min(lower, upper - 1), upper);
    }

    /** The lowest value of log₁₀ L on the scale (a whole number). */
    @Override
    public double getLowerBound() {
      return lower;
    }

    /** The highest value of log₁₀ L on the scale (a whole number). */
    @Override
    public double getUpperBound() {
      return upper;
    }

    /** The colour of a value of log₁₀ L, clamped into the scale. */
    @Override
    public Paint getPaint(double value) {
      return colour(value);
    }

    /** The colour of a loss L (not its logarithm); grey for NaN or ∞, the lowest colour for L ≤ 0. */
    Color colourOfLoss(double loss) {
      if (Double.isNaN(loss) || Double.isInfinite(loss)) {
        return MISSING;
      }
      return colour(loss > 0 ? Math.log10(loss) : lower);
    }

    /** Viridis at (value − lower)/(upper − lower), clamped to [0, 1]. */
    private Color colour(double value) {
      double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (VIRIDIS.length - 1);
      int k = Math.min((int) t, VIRIDIS.length - 2);
      double f = t - k;
      Color a = VIRIDIS[k];
      Color b = VIRIDIS[k + 1];
      return new Color(
          (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
  }
}
