package io.kargotakip.emulators.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.AwsJsonProtocol;
import io.kargotakip.emulators.LoopbackHttpServer;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for Amazon Athena's query API — {@code StartQueryExecution}, {@code GetQueryExecution},
 * {@code GetQueryResults} (paged, the first row the column names, as Athena's), {@code StopQueryExecution} — in its
 * published wire format (AWS JSON 1.1, {@code X-Amz-Target: AmazonAthena.<Operation>}). The SQL runs on the engine it is
 * given (the tests give it DuckDB over the local analytics files); a query is {@code RUNNING} on its first look, as a
 * real one is for a while, then {@code SUCCEEDED} or {@code FAILED} with the engine's reason. Only the named workgroup is
 * known. No authentication is checked.
 */
public final class AthenaSandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_ATHENA";
    private static final ObjectMapper JSON = AwsJsonProtocol.JSON;

    /** One query's outcome: rows by column (in order), or the engine's error. */
    private record Execution(String sql, String workgroup, String database, List<Map<String, Object>> rows, String error,
                             AtomicInteger looks) {
    }

    private final HttpServer server;
    private final Function<String, List<Map<String, Object>>> engine;
    private final String workgroup;
    private final int pageSize;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    /**
     * @param engine    runs one query: rows as ordered maps of column to value (Long, Double, Boolean, LocalDate, String or null)
     * @param workgroup the one workgroup known
     * @param pageSize  rows per {@code GetQueryResults} page (Athena's at most 1,000), the header row included on the first
     */
    public AthenaSandbox(Function<String, List<Map<String, Object>>> engine, String workgroup, int pageSize) {
        this.engine = engine;
        this.workgroup = workgroup;
        this.pageSize = pageSize;
        server = LoopbackHttpServer.start("Athena stand-in", Map.of("/", this::handle));
    }

    public URI endpoint() {
        return LoopbackHttpServer.uri(server);
    }

    /** The queries started, in no order: what the tests check was asked. */
    public List<String> queries() {
        return executions.values().stream().map(Execution::sql).toList();
    }

    public Optional<String> databaseOf(String sqlPrefix) {
        return executions.values().stream().filter(e -> e.sql().startsWith(sqlPrefix)).map(Execution::database).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        AwsJsonProtocol.dispatch(exchange, "AmazonAthena", Map.of("StartQueryExecution", this::start, "GetQueryExecution", this::status,
                "GetQueryResults", this::results, "StopQueryExecution", (x, request) -> AwsJsonProtocol.send(x, 200, "{}")));
    }

    private void start(HttpExchange exchange, JsonNode request) throws IOException {
        String group = request.path("WorkGroup").asText("primary");
        if (!group.equals(workgroup)) {
            AwsJsonProtocol.error(exchange, "InvalidRequestException", "WorkGroup " + group + " is not found.");
            return;
        }
        String sql = request.path("QueryString").asText("");
        List<Map<String, Object>> rows = null;
        String failure = null;
        try {
            rows = engine.apply(sql);
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String id = UUID.randomUUID().toString();
        executions.put(id, new Execution(sql, group, request.path("QueryExecutionContext").path("Database").asText(null), rows,
                failure, new AtomicInteger()));
        AwsJsonProtocol.send(exchange, 200, JSON.createObjectNode().put("QueryExecutionId", id).toString());
    }

    private Execution find(HttpExchange exchange, JsonNode request) throws IOException {
        Execution e = executions.get(request.path("QueryExecutionId").asText(""));
        if (e == null) {
            AwsJsonProtocol.error(exchange, "InvalidRequestException", "QueryExecution " + request.path("QueryExecutionId").asText("") + " was not found");
        }
        return e;
    }

    private void status(HttpExchange exchange, JsonNode request) throws IOException {
        Execution e = find(exchange, request);
        if (e == null) {
            return;
        }
        String state = e.looks().getAndIncrement() == 0 ? "RUNNING" : e.error() == null ? "SUCCEEDED" : "FAILED";
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode q = answer.putObject("QueryExecution");
        q.put("QueryExecutionId", request.path("QueryExecutionId").asText()).put("Query", e.sql()).put("WorkGroup", e.workgroup());
        ObjectNode status = q.putObject("Status").put("State", state);
        if (state.equals("FAILED")) {
            status.put("StateChangeReason", e.error());
        }
        AwsJsonProtocol.send(exchange, 200, answer.toString());
    }

    private void results(HttpExchange exchange, JsonNode request) throws IOException {
        Execution e = find(exchange, request);
        if (e == null) {
            return;
        }
        if (e.error() != null || e.looks().get() < 2) {
            AwsJsonProtocol.error(exchange, "InvalidRequestException", "Query has not yet finished. Current state: "
                    + (e.error() != null ? "FAILED" : "RUNNING"));
            return;
        }
        List<String> columns = e.rows().isEmpty() ? List.of() : new ArrayList<>(e.rows().get(0).keySet());
        // row 0 is the header, as Athena's first page has it
        int offset = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        int total = e.rows().size() + 1;
        int end = Math.min(total, offset + pageSize);
        ObjectNode answer = JSON.createObjectNode().put("UpdateCount", 0);
        ObjectNode set = answer.putObject("ResultSet");
        ArrayNode rows = set.putArray("Rows");
        for (int i = offset; i < end; i++) {
            ArrayNode data = rows.addObject().putArray("Data");
            for (String c : columns) {
                Object v = i == 0 ? c : e.rows().get(i - 1).get(c);
                ObjectNode datum = data.addObject();
                if (v != null) {
                    datum.put("VarCharValue", v.toString());
                }
            }
        }
        ArrayNode info = set.putObject("ResultSetMetadata").putArray("ColumnInfo");
        for (String c : columns) {
            info.addObject().put("CatalogName", "hive").put("Name", c).put("Label", c).put("Type", type(e.rows(), c)).put("Nullable", "UNKNOWN");
        }
        if (end < total) {
            answer.put("NextToken", Integer.toString(end));
        }
        AwsJsonProtocol.send(exchange, 200, answer.toString());
    }

    /** Athena's type name of a column, from its first value that is not null. */
    static String type(List<Map<String, Object>> rows, String column) {
        for (Map<String, Object> row : rows) {
            Object v = row.get(column);
            if (v instanceof Long || v instanceof Integer) {
                return "bigint";
            }
            if (v instanceof Double || v instanceof Float) {
                return "double";
            }
            if (v instanceof Boolean) {
                return "boolean";
            }
            if (v instanceof LocalDate) {
                return "date";
            }
            if (v != null) {
                return "varchar";
            }
        }
        return "varchar";
    }
}
