package io.kargotakip.aws.analytics.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Chart} on a {@link Canvas}: title, legend, a y axis with round ticks and grid lines, category labels,
 * the bars or lines, error bars, the marker and the note; "Bu dönemde veri yok" when there is nothing to draw. Every
 * coordinate is finite: an empty or flat series still gets an axis of its own (0 to 1), never a division by zero.
 */
public final class ChartPainter {

    public static final String EMPTY_TEXT = "Bu dönemde veri yok";
    static final String[] PALETTE = {"#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2"};
    private static final String INK = "#111827";
    private static final String MUTED = "#4b5563";
    private static final String GRID = "#e5e7eb";
    private static final String AXIS = "#9ca3af";
    private static final String MARKER = "#d97706";

    private ChartPainter() {
    }

    /** The chart as an SVG document. */
    public static String svg(Chart chart) {
        SvgCanvas canvas = new SvgCanvas(chart.width(), chart.height());
        paint(chart, canvas);
        return canvas.svg(chart.title());
    }

    /** The chart as an SVG element for an HTML page. */
    public static String inlineSvg(Chart chart) {
        SvgCanvas canvas = new SvgCanvas(chart.width(), chart.height());
        paint(chart, canvas);
        return canvas.inline(chart.title());
    }

    public static void paint(Chart c, Canvas g) {
        double w = c.width();
        double h = c.height();
        g.rect(0, 0, w, h, "#ffffff");
        g.text(16, 24, fit(c.title(), w - 32, 15), Canvas.Anchor.START, 15, true, INK);
        double top = 44;
        if (c.series().size() > 1 && !c.empty()) { // an empty chart has nothing to tell apart
            double x = 16;
            for (int s = 0; s < c.series().size(); s++) {
                String name = c.series().get(s).name();
                g.rect(x, 40, 10, 10, colour(s));
                g.text(x + 14, 49, name, Canvas.Anchor.START, 11, false, MUTED);
                x += 14 + textWidth(name, 11) + 18;
            }
            top = 66;
        }
        if (c.note() != null && !c.note().isBlank()) {
            g.text(16, h - 10, fit(c.note(), w - 32, 11), Canvas.Anchor.START, 11, false, MUTED);
        }
        double bottom = h - (c.note() == null || c.note().isBlank() ? 30 : 44);
        if (c.empty()) {
            g.line(16, bottom, w - 16, bottom, AXIS, 1, false);
            g.text(w / 2, (top + bottom) / 2, EMPTY_TEXT, Canvas.Anchor.MIDDLE, 14, false, MUTED);
            return;
        }

        double[] range = range(c);
        // minutes beyond an hour and a half read as hours: round hours on the axis, not 500-minute steps
        boolean hours = c.format() == Chart.Format.MINUTES && Math.max(-range[0], range[1]) >= 90;
        double[] ticks = hours ? scaled(ticks(range[0] / 60, range[1] / 60), 60) : ticks(range[0], range[1]);
        double lo = ticks[0];
        double hi = ticks[ticks.length - 1];
        double labelWidth = 0;
        for (double t : ticks) {
            labelWidth = Math.max(labelWidth, textWidth(tickLabel(t, c.format(), hours), 11));
        }
        double left = 16 + labelWidth + 8;
        double right = w - 16;
        Scale y = new Scale(lo, hi, bottom, top);
        for (double t : ticks) {
            g.line(left, y.at(t), right, y.at(t), GRID, 1, false);
            g.text(left - 6, y.at(t) + 4, tickLabel(t, c.format(), hours), Canvas.Anchor.END, 11, false, MUTED);
        }

        int n = c.categories().size();
        double band = (right - left) / n;
        categoryLabels(c, g, left, band, bottom);
        switch (c.kind()) {
            case LINE -> lines(c, g, left, band, y);
            case STACKED_BAR -> stacked(c, g, left, band, y);
            case BAR, GROUPED_BAR -> bars(c, g, left, band, y);
        }
        g.line(left, y.at(Math.max(lo, Math.min(0, hi))), right, y.at(Math.max(lo, Math.min(0, hi))), AXIS, 1, false);
        if (c.marker() != null) {
            double x = left + band * (c.marker().category() + 0.5);
            g.line(x, top - 4, x, bottom, MARKER, 1.5, true);
            String label = c.marker().label();
            boolean fitsRight = x + 4 + textWidth(label, 11) <= right;
            g.text(fitsRight ? x + 4 : x - 4, top + 8, label, fitsRight ? Canvas.Anchor.START : Canvas.Anchor.END, 11, false, MARKER);
        }
    }

    private static void bars(Chart c, Canvas g, double left, double band, Scale y) {
        int k = c.series().size();
        double group = Math.min(band * (k == 1 ? 0.6 : 0.8), 90.0 * k);
        double bar = group / k;
        for (int i = 0; i < c.categories().size(); i++) {
            double x0 = left + band * i + (band - group) / 2;
            for (int s = 0; s < k; s++) {
                Chart.Series series = c.series().get(s);
                Double v = series.values().get(i);
                if (v == null) {
                    continue;
                }
                double x = x0 + bar * s;
                double y0 = y.at(0);
                double y1 = y.at(v);
                g.rect(x + 1, Math.min(y0, y1), Math.max(bar - 2, 1), Math.abs(y0 - y1), colour(s));
                Chart.Interval ci = series.interval(i);
                if (ci != null) {
                    errorBar(g, x + bar / 2, y.at(ci.low()), y.at(ci.high()));
                }
                if (bar >= 30) {
                    double labelY = ci == null ? Math.min(y0, y1) - 4 : y.at(ci.high()) - 4;
                    g.text(x + bar / 2, labelY, TurkishNumbers.format(v, c.format()), Canvas.Anchor.MIDDLE, 10, false, INK);
                }
            }
        }
    }

    private static void stacked(Chart c, Canvas g, double left, double band, Scale y) {
        double bar = Math.min(band * 0.6, 90);
        for (int i = 0; i < c.categories().size(); i++) {
            double x = left + band * i + (band - bar) / 2;
            double up = 0;
            double down = 0;
            for (int s = 0; s < c.series().size(); s++) {
                Double v = c.series().get(s).values().get(i);
                if (v == null || v == 0) {
                    continue;
                }
                double from = v > 0 ? up : down;
                double to = from + v;
                if (v > 0) {
                    up = to;
                } else {
                    down = to;
                }
                double y0 = y.at(from);
                double y1 = y.at(to);
                g.rect(x + 1, Math.min(y0, y1), Math.max(bar - 2, 1), Math.abs(y0 - y1), colour(s));
            }
        }
    }

    private static void lines(Chart c, Canvas g, double left, double band, Scale y) {
        for (int s = 0; s < c.series().size(); s++) {
            Chart.Series series = c.series().get(s);
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= c.categories().size(); i++) {
                Double v = i < c.categories().size() ? series.values().get(i) : null;
                if (v == null) {
                    if (run.size() > 1) {
                        g.polyline(run, colour(s), 2);
                    }
                    run = new ArrayList<>(); // a week without a value breaks the line rather than bridging it
                    continue;
                }
                double x = left + band * (i + 0.5);
                run.add(new double[] {x, y.at(v)});
                g.circle(x, y.at(v), 3, colour(s));
                Chart.Interval ci = series.interval(i);
                if (ci != null) {
                    errorBar(g, x, y.at(ci.low()), y.at(ci.high()));
                }
            }
        }
    }

    private static void errorBar(Canvas g, double x, double yLow, double yHigh) {
        g.line(x, yLow, x, yHigh, INK, 1.2, false);
        g.line(x - 4, yLow, x + 4, yLow, INK, 1.2, false);
        g.line(x - 4, yHigh, x + 4, yHigh, INK, 1.2, false);
    }

    /** Every k-th label, k so that labels do not overlap; each cut to the room it has. */
    private static void categoryLabels(Chart c, Canvas g, double left, double band, double bottom) {
        int n = c.categories().size();
        double widest = 0;
        for (String s : c.categories()) {
            widest = Math.max(widest, textWidth(s, 11));
        }
        int every = Math.max(1, (int) Math.ceil(Math.min(widest, 110) / Math.max(band - 4, 1)));
        for (int i = 0; i < n; i += every) {
            double room = band * every - 4;
            g.text(left + band * (i + 0.5), bottom + 16, fit(c.categories().get(i), room, 11), Canvas.Anchor.MIDDLE, 11, false, MUTED);
        }
    }

    /** Whether the chart shows its note whole (else it is cut with an ellipsis, and the page repeats it). */
    public static boolean noteFits(Chart c) {
        return c.note() == null || fit(c.note(), c.width() - 32, 11).equals(c.note());
    }

    /** The lowest and highest values to show: 0 always, stacks summed, error bars included. */
    static double[] range(Chart c) {
        double min = 0;
        double max = 0;
        if (c.kind() == Chart.Kind.STACKED_BAR) {
            for (int i = 0; i < c.categories().size(); i++) {
                double up = 0;
                double down = 0;
                for (Chart.Series s : c.series()) {
                    Double v = s.values().get(i);
                    if (v != null) {
                        up += Math.max(v, 0);
                        down += Math.min(v, 0);
                    }
                }
                max = Math.max(max, up);
                min = Math.min(min, down);
            }
        } else {
            for (Chart.Series s : c.series()) {
                for (int i = 0; i < s.values().size(); i++) {
                    Double v = s.values().get(i);
                    if (v != null) {
                        max = Math.max(max, v);
                        min = Math.min(min, v);
                    }
                    Chart.Interval ci = s.interval(i);
                    if (ci != null) {
                        max = Math.max(max, ci.high());
                        min = Math.min(min, ci.low());
                    }
                }
            }
        }
        if (max - min < 1e-12) {
            max = min + (c.format() == Chart.Format.PERCENT ? 0.1 : 1); // all zeros: an axis still has a length
        }
        return new double[] {min, max};
    }

    /** Round ticks covering [min, max]: steps of 1, 2 or 5 times a power of ten, about five of them. */
    static double[] ticks(double min, double max) {
        double rough = (max - min) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / magnitude;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        double[] ticks = new double[(int) (last - first + 1)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = clean((first + i) * step);
        }
        return ticks;
    }

    private static double[] scaled(double[] ticks, double factor) {
        double[] out = new double[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            out[i] = ticks[i] * factor;
        }
        return out;
    }

    private static String tickLabel(double t, Chart.Format format, boolean hours) {
        if (hours) {
            double h = t / 60;
            return TurkishNumbers.number(h, Math.abs(h - Math.rint(h)) < 1e-9 ? 0 : 1) + " sa";
        }
        return TurkishNumbers.format(t, format);
    }

    /** 0.30000000000000004 → 0.3: tick labels and coordinates from the same round value. */
    private static double clean(double v) {
        return Math.abs(v) < 1e-12 ? 0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.10g", v));
    }

    /** The colour of the series with this index (the PNG test looks for it). */
    public static String colour(int series) {
        return PALETTE[series % PALETTE.length];
    }

    /** An estimate of a text's width without font metrics (the Lambda has none): half an em and a bit a character. */
    static double textWidth(String s, double size) {
        return s.length() * size * 0.56;
    }

    /** The text, cut with an ellipsis to fit {@code room} pixels. */
    static String fit(String s, double room, double size) {
        int max = (int) Math.floor(room / (size * 0.56));
        if (s.length() <= max) {
            return s;
        }
        return max <= 1 ? "…" : s.substring(0, max - 1) + "…";
    }

    private record Scale(double lo, double hi, double bottom, double top) {
        double at(double v) {
            return bottom - (v - lo) / (hi - lo) * (bottom - top);
        }
    }
}
