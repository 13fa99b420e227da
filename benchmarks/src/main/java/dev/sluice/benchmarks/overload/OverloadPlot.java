package dev.sluice.benchmarks.overload;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws the experiment's one figure with Java2D (headless): goodput vs offered load, and p99 latency of
 * admitted (2xx) requests vs offered load, one line per variant. The x axis is logarithmic (base 2), as the
 * loads double; the latency axis is logarithmic (base 10).
 */
final class OverloadPlot {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 760;
    private static final Map<Variant, Color> COLORS = Map.of(
            Variant.NONE, new Color(0x6b6b6b),
            Variant.SLUICE_KNEE, new Color(0x2a9d3a),
            Variant.SLUICE_VEGAS, new Color(0x17a2b8),
            Variant.SLUICE_GRADIENT2, new Color(0x1f5fbf),
            Variant.NCL_VEGAS, new Color(0xe6a117),
            Variant.NCL_GRADIENT2, new Color(0xd9661f),
            Variant.QUARKUS_LOAD_SHEDDING, new Color(0x8e44ad),
            Variant.TUNED, new Color(0x000000));
    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{7f, 5f}, 0f);

    private OverloadPlot() {
    }

    /**
     * @param loadUnit      req/s offered at 1× (the x axis's rates)
     * @param capacity      the app's capacity in req/s (a dashed line, and the 95 % target); for the step workload
     *                      averaged over the window, so less than {@code loadUnit}
     * @param p99Reference  2 × the unloaded p99 of the app without a filter, in ms (a dashed line); NaN for none
     * @param p99Target     whether that line is a target (not for the step workload, whose window mixes service times)
     */
    static void write(Path png, String title, List<OverloadExperiment.Row> rows, List<Variant> variants, List<Double> loads,
                      double loadUnit, double capacity, double p99Reference, boolean p99Target, double timeoutMillis) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        centered(g, title, WIDTH / 2, 32);

        double maxGoodput = rows.stream().mapToDouble(r -> r.report().goodput()).max().orElse(capacity);
        double yMax = niceCeiling(Math.max(capacity, maxGoodput) * 1.15);
        Panel left = new Panel(90, 70, 680, 520, loads, 0, yMax, false);
        left.frame(g, "Goodput (2xx responses/s)", "offered load (multiple of capacity; req/s)", "goodput, req/s", loadUnit);
        left.hline(g, capacity, "capacity " + fmt(capacity) + " req/s", Color.BLACK);
        left.hline(g, OverloadTargets.GOODPUT_SHARE * capacity, "target from 2×: 95 % of capacity", new Color(0xb00020));
        left.series(g, rows, variants, r -> r.report().goodput());

        double maxP99 = rows.stream().mapToDouble(r -> r.report().okMillis(99)).filter(d -> !Double.isNaN(d)).max().orElse(100);
        double minP99 = rows.stream().mapToDouble(r -> r.report().okMillis(99)).filter(d -> !Double.isNaN(d)).min().orElse(10);
        double lo = Math.pow(10, Math.floor(Math.log10(Math.min(minP99, Double.isNaN(p99Reference) ? minP99 : p99Reference / 2) * 0.9)));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(Math.max(maxP99, timeoutMillis), Double.isNaN(p99Reference) ? maxP99 : p99Reference) * 1.1)));
        Panel right = new Panel(860, 70, 680, 520, loads, lo, hi, true);
        right.frame(g, "p99 latency of admitted (2xx) requests", "offered load (multiple of capacity; req/s)", "p99, ms (log scale)", loadUnit);
        if (!Double.isNaN(p99Reference)) {
            right.hline(g, p99Reference, (p99Target ? "target from 2×: " : "") + "2 × unloaded p99 (no filter, 0.5×"
                    + (p99Target ? "" : ", 50 ms phase") + ") = " + fmt(p99Reference) + " ms", new Color(0xb00020));
        }
        right.hline(g, timeoutMillis, "client timeout " + fmt(timeoutMillis) + " ms (later = failure)", Color.BLACK);
        right.series(g, rows, variants, r -> r.report().okMillis(99));

        // Legend under the panels, one entry per variant, four to a row.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        int x = 120;
        int y = 680;
        int inRow = 0;
        for (Variant v : variants) {
            if (inRow == 4) {
                x = 120;
                y += 30;
                inRow = 0;
            }
            inRow++;
            g.setColor(COLORS.get(v));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, y - 6, x + 40, y - 6);
            g.fillOval(x + 15, y - 11, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(label(v), x + 50, y);
            x += 360;
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    static String label(Variant v) {
        return switch (v) {
            case NONE -> "no shedding";
            case SLUICE_KNEE -> "Sluice knee (defaults)";
            case SLUICE_VEGAS -> "Sluice vegas (defaults)";
            case SLUICE_GRADIENT2 -> "Sluice gradient2 (defaults)";
            case NCL_VEGAS -> "NCL Vegas (defaults)";
            case NCL_GRADIENT2 -> "NCL Gradient2 (defaults)";
            case QUARKUS_LOAD_SHEDDING -> "quarkus-load-shedding (defaults)";
            case TUNED -> "tuned: fixed 3 × parallelism";
        };
    }

    private static double niceCeiling(double v) {
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * step >= v) {
                return m * step;
            }
        }
        return 10 * step;
    }

    private static String fmt(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void centered(Graphics2D g, String s, int cx, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, y);
    }

    private record Panel(int x, int y, int w, int h, List<Double> loads, double yMin, double yMax, boolean logY) {

        double px(double multiple) {
            double a = Math.log(loads.get(0)) / Math.log(2);
            double b = Math.log(loads.get(loads.size() - 1)) / Math.log(2);
            double margin = 0.35;
            return x + (Math.log(multiple) / Math.log(2) - a + margin) / (b - a + 2 * margin) * w;
        }

        double py(double v) {
            double f = logY ? (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) : (v - yMin) / (yMax - yMin);
            return y + h - f * h;
        }

        void frame(Graphics2D g, String title, String xLabel, String yLabel, double loadUnit) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            centered(g, title, x + w / 2, y - 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setStroke(new BasicStroke(1f));
            // y grid and ticks
            List<Double> ticks = new ArrayList<>();
            if (logY) {
                for (double decade = yMin; decade < yMax * 1.001; decade *= 10) {
                    for (double m : new double[]{1, 2, 5}) {
                        if (decade * m <= yMax * 1.001) {
                            ticks.add(decade * m);
                        }
                    }
                }
            } else {
                double step = niceCeiling((yMax - yMin) / 8);
                for (double t = yMin; t <= yMax + 1e-9; t += step) {
                    ticks.add(t);
                }
            }
            for (double t : ticks) {
                int ty = (int) Math.round(py(t));
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x, ty, x + w, ty);
                g.setColor(Color.BLACK);
                String s = fmt(t);
                g.drawString(s, x - 8 - g.getFontMetrics().stringWidth(s), ty + 5);
            }
            // x grid and ticks at the measured multiples
            for (double m : loads) {
                int tx = (int) Math.round(px(m));
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(tx, y, tx, y + h);
                g.setColor(Color.BLACK);
                String s = (m == Math.rint(m) ? String.format(Locale.ROOT, "%.0f×", m) : String.format(Locale.ROOT, "%s×", m));
                centered(g, s, tx, y + h + 18);
                centered(g, "(" + fmt(m * loadUnit) + ")", tx, y + h + 34);
            }
            g.setColor(Color.BLACK);
            g.drawRect(x, y, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            centered(g, xLabel, x + w / 2, y + h + 58);
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2);
            FontMetrics fm = r.getFontMetrics();
            r.drawString(yLabel, -(y + h / 2) - fm.stringWidth(yLabel) / 2, x - 58);
            r.dispose();
        }

        void hline(Graphics2D g, double v, String text, Color color) {
            if (v < yMin || v > yMax) {
                return;
            }
            int ty = (int) Math.round(py(v));
            Graphics2D d = (Graphics2D) g.create();
            d.setColor(color);
            d.setStroke(DASHED);
            d.drawLine(x, ty, x + w, ty);
            d.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
            d.drawString(text, x + 8, ty - 5);
            d.dispose();
        }

        void series(Graphics2D g, List<OverloadExperiment.Row> rows, List<Variant> variants, ToDoubleFunction<OverloadExperiment.Row> value) {
            for (Variant v : variants) {
                Path2D.Double line = new Path2D.Double();
                boolean started = false;
                List<double[]> points = new ArrayList<>();
                for (double m : loads) {
                    for (OverloadExperiment.Row r : rows) {
                        if (r.variant() == v && r.multiple() == m) {
                            double val = value.applyAsDouble(r);
                            if (Double.isNaN(val) || (logY && val <= 0)) {
                                started = false; // no admitted request: a gap, not a zero
                                continue;
                            }
                            double[] p = {px(m), py(Math.max(yMin, Math.min(yMax, val)))};
                            if (started) {
                                line.lineTo(p[0], p[1]);
                            } else {
                                line.moveTo(p[0], p[1]);
                                started = true;
                            }
                            points.add(p);
                        }
                    }
                }
                g.setColor(COLORS.get(v));
                g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(line);
                for (double[] p : points) {
                    g.fillOval((int) Math.round(p[0]) - 5, (int) Math.round(p[1]) - 5, 10, 10);
                }
            }
        }
    }
}
