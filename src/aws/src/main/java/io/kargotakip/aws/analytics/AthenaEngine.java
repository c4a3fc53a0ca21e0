package io.kargotakip.aws.analytics;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KPI SQL on Athena: the query started in the stack's workgroup (which holds the results' location and the scan
 * limit) against the Glue database, waited for, its rows read with their column types. A merchant with millions of
 * shipments pays per byte scanned, and the {@code dt} partitions keep the scan to the period.
 */
public final class AthenaEngine implements SqlEngine {

    private final AthenaClient athena;
    private final String workgroup;
    private final String database;
    private final Duration timeout;

    public AthenaEngine(AthenaClient athena, String workgroup, String database, Duration timeout) {
        this.athena = athena;
        this.workgroup = workgroup;
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    public boolean parallel() {
        return true;
    }

    @Override
    public List<Map<String, Object>> query(String sql) {
        String id = athena.startQueryExecution(b -> b.queryString(sql).workGroup(workgroup)
                .queryExecutionContext(c -> c.database(database))).queryExecutionId();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 200;
        while (true) {
            QueryExecutionStatus status = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status();
            QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                break;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new IllegalStateException("Athena query " + id + " " + state + ": " + status.stateChangeReason());
            }
            if (System.nanoTime() > deadline) {
                athena.stopQueryExecution(b -> b.queryExecutionId(id));
                throw new IllegalStateException("Athena query " + id + " did not finish within " + timeout.toSeconds() + " s");
            }
            sleep(pause);
            pause = Math.min(2_000, pause * 2);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        String token = null;
        List<ColumnInfo> columns = null;
        boolean header = true;
        do {
            String next = token;
            GetQueryResultsResponse page = athena.getQueryResults(b -> b.queryExecutionId(id).nextToken(next));
            if (columns == null) {
                columns = page.resultSet().resultSetMetadata().columnInfo();
            }
            for (Row row : page.resultSet().rows()) {
                if (header) {
                    header = false; // the first row of the first page repeats the column names
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                List<Datum> data = row.data();
                for (int i = 0; i < columns.size(); i++) {
                    String v = i < data.size() ? data.get(i).varCharValue() : null;
                    values.put(columns.get(i).name().toLowerCase(Locale.ROOT), value(columns.get(i).type(), v));
                }
                rows.add(values);
            }
            token = page.nextToken();
        } while (token != null);
        return rows;
    }

    static Object value(String type, String v) {
        if (v == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "bigint", "integer", "smallint", "tinyint" -> Long.valueOf(v);
            case "double", "float", "real", "decimal" -> Double.valueOf(v);
            case "boolean" -> Boolean.valueOf(v);
            case "date" -> LocalDate.parse(v);
            default -> v;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Athena", e);
        }
    }
}
