package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The AWS calls counted by every process of the local stack ({@link io.kargotakip.aws.observability.RequestCounter}
 * files), summed per origin (function or event source) and {@code Service.Operation}.
 */
final class RequestCounts {

    /** origin → Service.Operation → field → value. */
    final Map<String, Map<String, Map<String, Long>>> byOrigin;

    RequestCounts(Map<String, Map<String, Map<String, Long>>> byOrigin) {
        this.byOrigin = byOrigin;
    }

    /** Sums every process's file; a file being replaced is skipped and read at the next snapshot. */
    static RequestCounts read(Path dir) {
        Map<String, Map<String, Map<String, Long>>> sum = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return new RequestCounts(sum);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith("."))::iterator) {
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(Files.readString(f));
                } catch (IOException e) {
                    continue;
                }
                String origin = node.path("origin").asText("process");
                node.path("counts").fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(field ->
                        sum.computeIfAbsent(origin, k -> new TreeMap<>()).computeIfAbsent(op.getKey(), k -> new TreeMap<>())
                                .merge(field.getKey(), field.getValue().asLong(), Long::sum)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RequestCounts(sum);
    }

    /** What was counted after {@code before}. */
    RequestCounts since(RequestCounts before) {
        Map<String, Map<String, Map<String, Long>>> d = new TreeMap<>();
        byOrigin.forEach((origin, ops) -> ops.forEach((op, fields) -> fields.forEach((field, value) -> {
            long b = before.byOrigin.getOrDefault(origin, Map.of()).getOrDefault(op, Map.of()).getOrDefault(field, 0L);
            if (value - b != 0) {
                d.computeIfAbsent(origin, k -> new TreeMap<>()).computeIfAbsent(op, k -> new TreeMap<>()).put(field, value - b);
            }
        })));
        return new RequestCounts(d);
    }

    /** DynamoDB operations that read (billed in read units) and that write (write units; a failed conditional write too). */
    static boolean isRead(String operation) {
        return operation.equals("GetItem") || operation.equals("Query") || operation.equals("Scan")
                || operation.equals("BatchGetItem") || operation.equals("TransactGetItems");
    }

    static boolean isWrite(String operation) {
        return operation.equals("PutItem") || operation.equals("UpdateItem") || operation.equals("DeleteItem")
                || operation.equals("BatchWriteItem") || operation.equals("TransactWriteItems");
    }
}
