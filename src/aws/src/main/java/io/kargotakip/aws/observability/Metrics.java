package io.kargotakip.aws.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: one JSON line on stdout per flush, which Lambda's log
 * shipping turns into metrics without any API call. Counters are summed in memory during one
 * invocation and flushed at its end.
 */
public final class Metrics {

    public static final String NAMESPACE = "KargoTakip";

    private final String function;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    /** Counters with one more dimension, by dimension name and value, e.g. UnmappedEvents by Carrier. */
    private final Map<java.util.List<String>, Map<String, Long>> dimensioned = new LinkedHashMap<>();

    public Metrics(String function, PrintStream out, Clock clock) {
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    public static Metrics forFunction(String function) {
        return new Metrics(function, System.out, Clock.systemUTC());
    }

    public synchronized void count(String metric, long value) {
        counters.merge(metric, value, Long::sum);
    }

    public void count(String metric) {
        count(metric, 1);
    }

    /**
     * A level rather than a count (the oldest waiting proposal's age, the most overdue poll): the last value set in the
     * invocation, not a sum; the dashboard reads its Maximum.
     */
    public synchronized void gauge(String metric, long value) {
        counters.put(metric, value);
    }

    /** A counter with a dimension besides Function, e.g. {@code count("UnmappedEvents", "Carrier", "aras", 1)}. */
    public synchronized void count(String metric, String dimension, String value, long count) {
        dimensioned.computeIfAbsent(java.util.List.of(dimension, value), k -> new LinkedHashMap<>()).merge(metric, count, Long::sum);
    }

    public synchronized void flush() {
        dimensioned.forEach((dimension, values) -> line(values, dimension.get(0), dimension.get(1)));
        dimensioned.clear();
        if (counters.isEmpty()) {
            return;
        }
        line(counters, null, null);
        counters.clear();
    }

    private void line(Map<String, Long> counts, String dimension, String dimensionValue) {
        StringBuilder metrics = new StringBuilder();
        StringBuilder values = new StringBuilder();
        counts.forEach((name, value) -> {
            if (metrics.length() > 0) {
                metrics.append(',');
            }
            metrics.append("{\"Name\":\"").append(name).append("\",\"Unit\":\"Count\"}");
            values.append(",\"").append(name).append("\":").append(value);
        });
        String dimensions = dimension == null ? "[[\"Function\"]]" : "[[\"Function\",\"" + dimension + "\"]]";
        String extra = dimension == null ? "" : ",\"" + dimension + "\":\"" + dimensionValue.replaceAll("[^A-Za-z0-9_.-]", "?") + "\"";
        out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":" + dimensions + ",\"Metrics\":[" + metrics + "]}]},\"Function\":\"" + function + "\""
                + extra + values + "}");
        out.flush();
    }
}
