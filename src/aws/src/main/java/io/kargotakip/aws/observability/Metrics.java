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

    public synchronized void flush() {
        if (counters.isEmpty()) {
            return;
        }
        StringBuilder metrics = new StringBuilder();
        StringBuilder values = new StringBuilder();
        counters.forEach((name, value) -> {
            if (metrics.length() > 0) {
                metrics.append(',');
            }
            metrics.append("{\"Name\":\"").append(name).append("\",\"Unit\":\"Count\"}");
            values.append(",\"").append(name).append("\":").append(value);
        });
        out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"Function\"]],\"Metrics\":[" + metrics + "]}]},\"Function\":\"" + function + "\""
                + values + "}");
        out.flush();
        counters.clear();
    }
}
