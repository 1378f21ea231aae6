package org.scaleinvariant.sip.app.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/** Writes a JFreeChart chart as a PNG (raster) and an SVG (vector, JFreeSVG) file of the same size. */
public final class ChartFiles {
  private ChartFiles() {}

  /**
   * Writes {@code <base>.png} and {@code <base>.svg}.
   *
   * @param chart the chart
   * @param base the path without extension
   * @param width the width in pixels
   * @param height the height in pixels
   * @throws SipException {@link ErrorCode#IO} if writing fails
   */
  public static void write(JFreeChart chart, Path base, int width, int height) {
    Path png = Path.of(base + ".png");
    Path svg = Path.of(base + ".svg");
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
      SVGGraphics2D g2 = new SVGGraphics2D(width, height);
      chart.draw(g2, new Rectangle(0, 0, width, height));
      SVGUtils.writeToSVG(svg.toFile(), g2.getSVGElement());
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + png + " or " + svg + ": " + e.getMessage(), e);
    }
  }
}
