package io.kargotakip.aws.analytics.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One chart of the report, described without a drawing library: what {@link ChartPainter} draws on any {@link Canvas}
 * (SVG in a Lambda, PNG locally), so the Lambda and the local report draw the same thing.
 *
 * @param name       file-safe ({@code wismo-trend}): the chart's file name and the HTML anchor
 * @param title      Turkish, shown above the chart
 * @param categories the x axis (weeks, carriers, channels, …)
 * @param series     one or more series, each with a value per category (null = no value)
 * @param format     how values and the y axis are written
 * @param marker     a vertical line at one category (the week automation started), or null
 * @param note       shown under the chart (measured or estimated), or null
 */
public record Chart(String name, String title, Kind kind, List<String> categories, List<Series> series, Format format,
                    Marker marker, String note, int width, int height) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 340;
    private static final Pattern FILE_SAFE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public enum Kind { BAR, GROUPED_BAR, STACKED_BAR, LINE }

    /** How a value is written: a count (or a rate like "per 1,000"), a share 0–1 as a percentage, minutes, a score. */
    public enum Format { COUNT, PERCENT, MINUTES, SCORE }

    /** A 95% interval around a value: the error bar. */
    public record Interval(double low, double high) {
        public Interval {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("an interval is two finite numbers, low ≤ high: " + low + ", " + high);
            }
        }
    }

    /** @param intervals empty, or one per category (null where a value has none) */
    public record Series(String name, List<Double> values, List<Interval> intervals) {
        public Series {
            Objects.requireNonNull(name);
            values = Collections.unmodifiableList(new ArrayList<>(values)); // nulls allowed: List.copyOf refuses them
            for (Double v : values) {
                if (v != null && !Double.isFinite(v)) {
                    throw new IllegalArgumentException("series " + name + ": a value is a finite number or null, not " + v);
                }
            }
            intervals = intervals == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(intervals));
            if (!intervals.isEmpty() && intervals.size() != values.size()) {
                throw new IllegalArgumentException("series " + name + ": one interval per value");
            }
        }

        public Series(String name, List<Double> values) {
            this(name, values, List.of());
        }

        public Interval interval(int i) {
            return intervals.isEmpty() ? null : intervals.get(i);
        }
    }

    /** A vertical line at the category with this index, labelled. */
    public record Marker(int category, String label) {
    }

    public Chart {
        if (name == null || !FILE_SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("a chart's name is lower-case words with hyphens, not '" + name + "'");
        }
        Objects.requireNonNull(title);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(format);
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("chart " + name + ": series " + s.name() + " has " + s.values().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        if (marker != null && (marker.category() < 0 || marker.category() >= categories.size())) {
            marker = null; // the marked week lies outside the period: nothing to mark
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart " + name + ": at least 200×150, not " + width + "×" + height);
        }
    }

    public Chart(String name, String title, Kind kind, List<String> categories, List<Series> series, Format format,
                 Marker marker, String note) {
        this(name, title, kind, categories, series, format, marker, note, WIDTH, HEIGHT);
    }

    /** Nothing to draw: no category, or no value in any series. The painter then writes "Bu dönemde veri yok". */
    public boolean empty() {
        return series.stream().flatMap(s -> s.values().stream()).allMatch(Objects::isNull);
    }
}
