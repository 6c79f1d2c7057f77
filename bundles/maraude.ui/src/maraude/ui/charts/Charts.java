package maraude.ui.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import maraude.core.model.Platform;
import maraude.core.triage.ReplyTimeStats;

/**
 * Charts of the dashboard, drawn by JFreeChart into an image off the UI thread (the same images can
 * go into an exported report), then handed to SWT as image data.
 */
public final class Charts {

    private static final Color[] BANDS = { new Color(129, 199, 132), new Color(255, 213, 79), new Color(255, 152, 0),
            new Color(229, 57, 53) };

    private Charts() {
    }

    /** Stacked bars: conversations awaiting a reply per platform, split by age band. */
    public static JFreeChart backlogByPlatform(String title, List<String> bandLabels, Map<Platform, int[]> byPlatform) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byPlatform.forEach((p, counts) -> {
            for (int b = 0; b < counts.length && b < bandLabels.size(); b++) {
                data.addValue(counts[b], bandLabels.get(b), p.key());
            }
        });
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, null, data, PlotOrientation.HORIZONTAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int b = 0; b < bandLabels.size(); b++) {
            r.setSeriesPaint(b, BANDS[Math.min(b, BANDS.length - 1)]);
        }
        return style(chart);
    }

    /** Bars per week: median and 90th percentile of the time to the first reply, in hours. */
    public static JFreeChart replyTimes(String title, String median, String p90, List<ReplyTimeStats> weeks) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReplyTimeStats w : weeks) {
            String week = w.weekStart().getDayOfMonth() + "/" + w.weekStart().getMonthValue(); //$NON-NLS-1$
            data.addValue(w.median() == null ? 0 : w.median().toMinutes() / 60.0, median, week);
            data.addValue(w.p90() == null ? 0 : w.p90().toMinutes() / 60.0, p90, week);
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, "h", data, PlotOrientation.VERTICAL, true, false, //$NON-NLS-1$
                false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(31, 122, 120));
        r.setSeriesPaint(1, new Color(224, 138, 60));
        return style(chart);
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(250, 250, 250));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        }
        return chart;
    }

    /** The chart as PNG bytes, for reports that leave the workbench. */
    public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(chart.createBufferedImage(width, height), "png", png); //$NON-NLS-1$
        return png.toByteArray();
    }

    /** Draws the chart into SWT image data (PNG round trip: exact colours, no AWT toolkit needed). */
    public static ImageData render(JFreeChart chart, int width, int height) throws IOException {
        BufferedImage image = chart.createBufferedImage(Math.max(200, width), Math.max(150, height));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png); //$NON-NLS-1$
        return new ImageLoader().load(new ByteArrayInputStream(png.toByteArray()))[0];
    }
}
