package io.kargotakip.aws.analytics;

import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.eta.BacktestCsv;
import io.kargotakip.core.eta.EtaData;
import io.kargotakip.core.eta.TransitSample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ETA model's training data from the analytics records (the same engines as the KPIs: Athena on AWS, DuckDB
 * locally): each shipment delivered in a period with its lane, the carrier's pick-up in Istanbul's time, the delivery
 * day and the carrier's first estimate — what the model learns from and what a backtest scores it against.
 */
public final class TransitSamples {

    /** The samples, and the shipments left out because a province could not be read. */
    public record Read(List<BacktestCsv.Row> rows, int unreadable) {
        public List<TransitSample> samples() {
            return rows.stream().map(BacktestCsv.Row::sample).toList();
        }
    }

    private TransitSamples() {
    }

    public static Read read(SqlEngine engine, LocalDate from, LocalDate to, String brand) {
        List<BacktestCsv.Row> rows = new ArrayList<>();
        int unreadable = 0;
        int line = 0;
        for (Map<String, Object> r : engine.query(KpiSql.query("transit_samples", new KpiSql.Period(from, to, brand, null, 7)))) {
            line++;
            Optional<String> origin = EtaData.plate((String) r.get("origin"));
            Optional<String> destination = EtaData.plate((String) r.get("destination"));
            if (origin.isEmpty() || destination.isEmpty()) {
                unreadable++;
                continue;
            }
            LocalDateTime shipped = LocalDateTime.ofInstant(Instant.parse((String) r.get("shipped_at")), AnalyticsRecord.DEFAULT_ZONE);
            rows.add(new BacktestCsv.Row(line, new TransitSample((String) r.get("carrier"), (String) r.get("service"), origin.get(),
                    destination.get(), shipped, date(r.get("delivered_day"))), date(r.get("first_estimate"))));
        }
        return new Read(List.copyOf(rows), unreadable);
    }

    private static LocalDate date(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        String s = v.toString();
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }
}
