package io.claimflow.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The benchmark's PNG chart, drawn with Java2D: left, throughput of the raw 4-hop ceiling next to end to end at full
 * rate (log scale, values written on the bars); right, latency percentiles p50 / p90 / p99 per fixed rate for
 * documented -> submitted and documented -> posted (log scale, milliseconds).
 */
final class BenchmarkChart {

    /** One fixed-rate phase: its rate and the p50, p90, p99 of both latencies in ms (null when not measured). */
    record RatePoint(String label, Long[] toSubmitted, Long[] toPosted) {}

    private static final Color[] PERCENTILE_COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)};
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;

    private BenchmarkChart() {}

    static void write(Path file, String title, double ceilingPerSecond, double endToEndPerSecond, List<RatePoint> rates)
            throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 20, 28);
            throughput(g, 20, 60, 360, 440, ceilingPerSecond, endToEndPerSecond);
            latencies(g, 440, 60, 740, 440, rates);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void throughput(Graphics2D g, int x, int y, int w, int h, double ceiling, double endToEnd) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString("Throughput per second (log scale)", x, y);
        int left = x + 60;
        int top = y + 20;
        int bottom = y + h - 40;
        double max = Math.max(10, Math.max(ceiling, endToEnd) * 2);
        logAxis(g, left, top, bottom, x + w, max, "");
        String[] labels = {"raw 4-hop records/s", "end to end encounters/s"};
        double[] values = {ceiling, endToEnd};
        Color[] colours = {new Color(0x72B7B2), new Color(0x54A24B)};
        int barWidth = 90;
        for (int i = 0; i < 2; i++) {
            int bx = left + 30 + i * (barWidth + 60);
            int by = scale(values[i], max, top, bottom);
            g.setColor(colours[i]);
            g.fillRect(bx, by, barWidth, bottom - by);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(Locale.ROOT, "%,.1f", values[i]), bx + 5, by - 5);
            g.drawString(labels[i], bx - 10, bottom + 18);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(
                String.format(Locale.ROOT, "ratio %.4f (target 0.33)", ceiling == 0 ? 0 : endToEnd / ceiling),
                left + 30,
                bottom + 36);
    }

    private static void latencies(Graphics2D g, int x, int y, int w, int h, List<RatePoint> rates) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString("Latency percentiles at fixed rates, ms (log scale)", x, y);
        int left = x + 70;
        int top = y + 20;
        int bottom = y + h - 40;
        long max = 1000;
        for (RatePoint rate : rates) {
            for (Long[] series : List.of(rate.toSubmitted(), rate.toPosted())) {
                for (Long v : series) {
                    if (v != null) {
                        max = Math.max(max, v * 2);
                    }
                }
            }
        }
        logAxis(g, left, top, bottom, x + w, max, "");
        int groups = Math.max(1, rates.size() * 2);
        int groupWidth = (x + w - left - 20) / groups;
        int bar = Math.max(6, (groupWidth - 20) / 3);
        int gi = 0;
        for (RatePoint rate : rates) {
            for (int s = 0; s < 2; s++) {
                Long[] values = s == 0 ? rate.toSubmitted() : rate.toPosted();
                int gx = left + 15 + gi * groupWidth;
                for (int p = 0; p < 3; p++) {
                    Long v = values[p];
                    if (v == null) {
                        continue;
                    }
                    int by = scale(Math.max(1, v), max, top, bottom);
                    g.setColor(PERCENTILE_COLOURS[p]);
                    g.fillRect(gx + p * bar, by, bar - 2, bottom - by);
                }
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(rate.label(), gx, bottom + 14);
                g.drawString(s == 0 ? "to submitted" : "to posted", gx, bottom + 28);
                gi++;
            }
        }
        // the target: p99 documented -> submitted under 500 ms
        int target = scale(500, max, top, bottom);
        g.setColor(new Color(0xB279A2));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(left, target, x + w, target);
        g.setStroke(new BasicStroke(1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        String label = "500 ms: target p99 to submitted at 2,000/s";
        int labelWidth = g.getFontMetrics().stringWidth(label);
        g.setColor(Color.WHITE);
        g.fillRect(left + 4, target - 16, labelWidth + 6, 14);
        g.setColor(new Color(0xB279A2));
        g.drawString(label, left + 7, target - 5);
        String[] names = {"p50", "p90", "p99"};
        for (int p = 0; p < 3; p++) {
            g.setColor(PERCENTILE_COLOURS[p]);
            g.fillRect(x + w - 180 + p * 60, y - 12, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(names[p], x + w - 164 + p * 60, y - 2);
        }
    }

    private static void logAxis(Graphics2D g, int left, int top, int bottom, int right, double max, String unit) {
        g.setColor(Color.GRAY);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double tick = 1; tick <= max; tick *= 10) {
            int ty = scale(tick, max, top, bottom);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(left + 1, ty, right, ty);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f%s", tick, unit), left - 55, ty + 4);
        }
    }

    // log10 from 1 (the axis) to max (the top)
    private static int scale(double value, double max, int top, int bottom) {
        double fraction = Math.log10(Math.max(1, value)) / Math.log10(max);
        return (int) Math.round(bottom - fraction * (bottom - top));
    }
}
