package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.AnalyticsColumns;
import io.kargotakip.aws.analytics.SqlEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The KPI SQL in the local mode: an in-memory DuckDB whose view {@code analytics_records} reads the JSON-lines files
 * under the analytics folder ({@code dt=<day>/*.json}, as the Firehose stand-in and the simulated month leave them),
 * with the Glue table's columns and {@code dt} from the folder names — what Athena sees on AWS. Two Athena functions the
 * SQL uses are given as macros of DuckDB's own.
 */
public final class DuckDbEngine implements SqlEngine, AutoCloseable {

    private final Connection connection;

    public DuckDbEngine(Path folder) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE MACRO approx_percentile(x, p) AS quantile_cont(x, p)");
                s.execute("CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)");
                s.execute("SET TimeZone = 'UTC'");
                s.execute(hasFiles(folder) ? view(folder) : emptyTable());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the local analytics engine did not start: " + e.getMessage(), e);
        }
    }

    private static String columns(String quote) {
        return AnalyticsColumns.TYPES.entrySet().stream()
                .map(c -> quote + c.getKey() + quote + ": '" + duckType(c.getValue()) + "'")
                .collect(Collectors.joining(", "));
    }

    private static String view(Path folder) {
        String glob = folder.toAbsolutePath().toString().replace("'", "''") + "/dt=*/*.json";
        return "CREATE VIEW " + AnalyticsColumns.TABLE + " AS SELECT * FROM read_json('" + glob + "', format = 'newline_delimited', "
                + "hive_partitioning = true, hive_types = {'dt': 'VARCHAR'}, columns = {" + columns("'") + "})";
    }

    private static String emptyTable() {
        String cols = AnalyticsColumns.TYPES.entrySet().stream()
                .map(c -> "\"" + c.getKey() + "\" " + duckType(c.getValue())).collect(Collectors.joining(", "));
        return "CREATE TABLE " + AnalyticsColumns.TABLE + " (" + cols + ", dt VARCHAR)";
    }

    private static String duckType(String glue) {
        return switch (glue) {
            case "int" -> "INTEGER";
            case "boolean" -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }

    private static boolean hasFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> days = Files.list(folder)) {
            return days.filter(d -> d.getFileName().toString().startsWith("dt=")).anyMatch(d -> {
                try (Stream<Path> files = Files.list(d)) {
                    return files.anyMatch(f -> f.getFileName().toString().endsWith(".json"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date d) {
                        v = d.toLocalDate();
                    } else if (v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
                        v = ((Number) v).doubleValue();
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("KPI query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing held beyond memory
        }
    }
}
