package io.claimflow.e2e.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The benchmarks' chart, as PNG (Java2D) or SVG (the same drawing, written as SVG elements): left, throughput of the
 * raw 4-hop ceiling next to end to end at full rate (log scale, values written on the bars); right, three latency
 * percentiles per rate for documented -> submitted and documented -> posted (log scale, milliseconds); below, when
 * given, CPU milliseconds per encounter per process for each run (stacked bars). The end-to-end benchmark writes the
 * PNG, {@code ./stack bench} ({@link StackBenchCommand}) the SVG.
 */
public final class BenchmarkChart {

    /** One rate's latencies: its label and three percentiles of both latencies in ms (null when not measured). */
    public record RatePoint(String label, Long[] toSubmitted, Long[] toPosted) {}

    /** One run's CPU: its label and milliseconds of CPU per encounter by process, stacked in this order. */
    public record CpuBar(String label, Map<String, Double> msPerEncounter) {}

    /**
     * What to draw.
     *
     * @param percentiles the names of the three percentiles in each {@link RatePoint}, e.g. p50, p90, p99
     * @param cpu CPU bars; empty for none
     */
    public record Chart(
            String title,
            double ceilingPerSecond,
            double endToEndPerSecond,
            List<String> percentiles,
            List<RatePoint> rates,
            List<CpuBar> cpu) {}

    private static final Color[] PERCENTILE_COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)};
    private static final Color[] PROCESS_COLOURS = {
        new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756), new Color(0x72B7B2),
        new Color(0x54A24B), new Color(0xEECA3B), new Color(0xB279A2), new Color(0xFF9DA6),
        new Color(0x9D755D), new Color(0xBAB0AC), new Color(0x439894), new Color(0x555555),
        new Color(0x8F6D31), new Color(0xD6A5C9), new Color(0x17BECF)
    };
    private static final Color TARGET = new Color(0xB279A2);
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;
    private static final int CPU_HEIGHT = 460;

    private BenchmarkChart() {}

    /** The end-to-end benchmark's PNG: percentiles p50, p90, p99, no CPU panel. */
    public static void write(
            Path file, String title, double ceilingPerSecond, double endToEndPerSecond, List<RatePoint> rates)
            throws IOException {
        writePng(
                file,
                new Chart(title, ceilingPerSecond, endToEndPerSecond, List.of("p50", "p90", "p99"), rates, List.of()));
    }

    /** The chart as a PNG. */
    public static void writePng(Path file, Chart chart) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, height(chart), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            draw(new Java2dCanvas(g), chart);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** The chart as an SVG file. */
    public static void writeSvg(Path file, Chart chart) throws IOException {
        Files.writeString(file, svg(chart), StandardCharsets.UTF_8);
    }

    /** The chart as an SVG document. */
    public static String svg(Chart chart) {
        SvgCanvas canvas = new SvgCanvas(WIDTH, height(chart));
        draw(canvas, chart);
        return canvas.document();
    }

    private static int height(Chart chart) {
        return chart.cpu().isEmpty() ? HEIGHT : HEIGHT + CPU_HEIGHT;
    }

    private static void draw(Canvas c, Chart chart) {
        c.rect(Color.WHITE, 0, 0, WIDTH, height(chart));
        c.text(Color.BLACK, 20, 28, chart.title(), 16, true);
        throughput(c, 20, 60, 360, 440, chart.ceilingPerSecond(), chart.endToEndPerSecond());
        latencies(c, 440, 60, 740, 440, chart.percentiles(), chart.rates());
        if (!chart.cpu().isEmpty()) {
            cpu(c, 20, HEIGHT + 20, WIDTH - 40, CPU_HEIGHT - 40, chart.cpu());
        }
    }

    private static void throughput(Canvas c, int x, int y, int w, int h, double ceiling, double endToEnd) {
        c.text(Color.BLACK, x, y, "Throughput per second (log scale)", 13, true);
        int left = x + 60;
        int top = y + 20;
        int bottom = y + h - 40;
        double max = Math.max(10, Math.max(ceiling, endToEnd) * 2);
        logAxis(c, left, top, bottom, x + w, max);
        String[] labels = {"raw 4-hop records/s", "end to end encounters/s"};
        double[] values = {ceiling, endToEnd};
        Color[] colours = {new Color(0x72B7B2), new Color(0x54A24B)};
        int barWidth = 90;
        for (int i = 0; i < 2; i++) {
            int bx = left + 30 + i * (barWidth + 60);
            int by = scale(values[i], max, top, bottom);
            c.rect(colours[i], bx, by, barWidth, bottom - by);
            c.text(Color.BLACK, bx + 5, by - 5, String.format(Locale.ROOT, "%,.1f", values[i]), 12, false);
            c.text(Color.BLACK, bx - 10, bottom + 18, labels[i], 12, false);
        }
        c.text(
                Color.BLACK,
                left + 30,
                bottom + 36,
                String.format(Locale.ROOT, "ratio %.4f (target 0.33)", ceiling == 0 ? 0 : endToEnd / ceiling),
                12,
                true);
    }

    private static void latencies(Canvas c, int x, int y, int w, int h, List<String> names, List<RatePoint> rates) {
        c.text(Color.BLACK, x, y, "Latency percentiles per rate, ms (log scale)", 13, true);
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
        logAxis(c, left, top, bottom, x + w, max);
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
                    c.rect(PERCENTILE_COLOURS[p], gx + p * bar, by, bar - 2, bottom - by);
                }
                c.text(Color.BLACK, gx, bottom + 14, rate.label(), 11, false);
                c.text(Color.BLACK, gx, bottom + 28, s == 0 ? "to submitted" : "to posted", 11, false);
                gi++;
            }
        }
        // issue 22's target: p99 documented -> submitted under 500 ms
        int target = scale(500, max, top, bottom);
        c.dashedLine(TARGET, left, target, x + w, target);
        String label = "500 ms: target p99 documented -> submitted";
        c.rect(Color.WHITE, left + 4, target - 16, c.width(label, 11, false) + 6, 14);
        c.text(TARGET, left + 7, target - 5, label, 11, false);
        for (int p = 0; p < 3; p++) {
            c.rect(PERCENTILE_COLOURS[p], x + w - 180 + p * 60, y - 12, 12, 12);
            c.text(Color.BLACK, x + w - 164 + p * 60, y - 2, names.get(p), 11, false);
        }
    }

    private static void cpu(Canvas c, int x, int y, int w, int h, List<CpuBar> bars) {
        c.text(Color.BLACK, x, y, "CPU milliseconds per encounter, by process (stacked)", 13, true);
        Set<String> processes = new LinkedHashSet<>();
        double max = 0;
        for (CpuBar bar : bars) {
            processes.addAll(bar.msPerEncounter().keySet());
            max = Math.max(
                    max,
                    bar.msPerEncounter().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum());
        }
        max = niceCeiling(Math.max(max, 0.1));
        int left = x + 60;
        int top = y + 20;
        int bottom = y + h - 30;
        int legendWidth = 260;
        int right = x + w - legendWidth;
        c.line(Color.GRAY, left, top, left, bottom);
        c.line(Color.GRAY, left, bottom, right, bottom);
        for (int i = 0; i <= 5; i++) {
            double tick = max * i / 5;
            int ty = linear(tick, max, top, bottom);
            c.line(new Color(0xE0E0E0), left + 1, ty, right, ty);
            c.text(Color.DARK_GRAY, left - 50, ty + 4, String.format(Locale.ROOT, "%.2f", tick), 11, false);
        }
        List<String> order = new ArrayList<>(processes);
        int slot = (right - left - 20) / Math.max(1, bars.size());
        int barWidth = Math.min(120, Math.max(20, slot - 30));
        for (int b = 0; b < bars.size(); b++) {
            CpuBar bar = bars.get(b);
            int bx = left + 20 + b * slot;
            double sum = 0;
            for (String process : order) {
                Double ms = bar.msPerEncounter().get(process);
                if (ms == null || ms <= 0) {
                    continue;
                }
                int y0 = linear(sum, max, top, bottom);
                int y1 = linear(sum + ms, max, top, bottom);
                c.rect(colour(order.indexOf(process)), bx, y1, barWidth, Math.max(1, y0 - y1));
                sum += ms;
            }
            c.text(
                    Color.BLACK,
                    bx,
                    linear(sum, max, top, bottom) - 5,
                    String.format(Locale.ROOT, "%.2f ms", sum),
                    12,
                    true);
            c.text(Color.BLACK, bx, bottom + 16, bar.label(), 11, false);
        }
        for (int i = 0; i < order.size(); i++) {
            int ly = top + i * 18;
            c.rect(colour(i), right + 20, ly, 12, 12);
            c.text(Color.BLACK, right + 38, ly + 11, order.get(i), 11, false);
        }
    }

    private static Color colour(int index) {
        return PROCESS_COLOURS[index % PROCESS_COLOURS.length];
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void logAxis(Canvas c, int left, int top, int bottom, int right, double max) {
        c.line(Color.GRAY, left, top, left, bottom);
        c.line(Color.GRAY, left, bottom, right, bottom);
        for (double tick = 1; tick <= max; tick *= 10) {
            int ty = scale(tick, max, top, bottom);
            c.line(new Color(0xE0E0E0), left + 1, ty, right, ty);
            c.text(Color.DARK_GRAY, left - 55, ty + 4, String.format(Locale.ROOT, "%,.0f", tick), 11, false);
        }
    }

    // log10 from 1 (the axis) to max (the top)
    private static int scale(double value, double max, int top, int bottom) {
        double fraction = Math.log10(Math.max(1, value)) / Math.log10(max);
        return (int) Math.round(bottom - fraction * (bottom - top));
    }

    private static int linear(double value, double max, int top, int bottom) {
        return (int) Math.round(bottom - value / max * (bottom - top));
    }

    /** The few drawing operations the chart needs, so that one drawing gives both the PNG and the SVG. */
    private interface Canvas {
        void rect(Color colour, int x, int y, int w, int h);

        void line(Color colour, int x1, int y1, int x2, int y2);

        void dashedLine(Color colour, int x1, int y1, int x2, int y2);

        void text(Color colour, int x, int y, String text, int size, boolean bold);

        int width(String text, int size, boolean bold);
    }

    private record Java2dCanvas(Graphics2D g) implements Canvas {

        @Override
        public void rect(Color colour, int x, int y, int w, int h) {
            g.setColor(colour);
            g.fillRect(x, y, w, h);
        }

        @Override
        public void line(Color colour, int x1, int y1, int x2, int y2) {
            g.setColor(colour);
            g.drawLine(x1, y1, x2, y2);
        }

        @Override
        public void dashedLine(Color colour, int x1, int y1, int x2, int y2) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(x1, y1, x2, y2);
            g.setStroke(new BasicStroke(1));
        }

        @Override
        public void text(Color colour, int x, int y, String text, int size, boolean bold) {
            g.setColor(colour);
            g.setFont(font(size, bold));
            g.drawString(text, x, y);
        }

        @Override
        public int width(String text, int size, boolean bold) {
            return g.getFontMetrics(font(size, bold)).stringWidth(text);
        }

        private static Font font(int size, boolean bold) {
            return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size);
        }
    }

    private static final class SvgCanvas implements Canvas {

        private final StringBuilder svg = new StringBuilder();

        SvgCanvas(int width, int height) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                            + " font-family=\"sans-serif\">%n",
                    width,
                    height,
                    width,
                    height));
        }

        @Override
        public void rect(Color colour, int x, int y, int w, int h) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x,
                    y,
                    w,
                    h,
                    hex(colour)));
        }

        @Override
        public void line(Color colour, int x1, int y1, int x2, int y2) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
                    x1,
                    y1,
                    x2,
                    y2,
                    hex(colour)));
        }

        @Override
        public void dashedLine(Color colour, int x1, int y1, int x2, int y2) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\""
                            + " stroke-dasharray=\"6 4\"/>%n",
                    x1,
                    y1,
                    x2,
                    y2,
                    hex(colour)));
        }

        @Override
        public void text(Color colour, int x, int y, String text, int size, boolean bold) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s fill=\"%s\">%s</text>%n",
                    x,
                    y,
                    size,
                    bold ? " font-weight=\"bold\"" : "",
                    hex(colour),
                    escape(text)));
        }

        @Override
        public int width(String text, int size, boolean bold) {
            // an estimate: the viewer picks the font; a sans-serif character is about 0.55 of its size wide
            return (int) Math.ceil(text.length() * size * (bold ? 0.6 : 0.55));
        }

        String document() {
            return svg + "</svg>\n";
        }

        private static String hex(Color colour) {
            return String.format(Locale.ROOT, "#%06x", colour.getRGB() & 0xFFFFFF);
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
