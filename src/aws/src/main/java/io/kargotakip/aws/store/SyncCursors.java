package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * Where each marketplace's order sync stands: the window it reads, the page token inside it, the page size, and
 * when it last ran. One small item {@code sync#<marketplace>} in the shipments table (like the carriers' quotas),
 * written after every page, so a crashed run resumes at the page it had not queued yet.
 */
public final class SyncCursors {

    /**
     * @param token the next page's token inside {@code [from, to]}; null for the first page
     * @param done  whether the window is read to its end
     */
    public record Cursor(Instant from, Instant to, String token, int size, Instant lastRun, boolean done) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public SyncCursors(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Cursor> read(String marketplace) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(marketplace)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || num(item, "windowTo") == null) {
            return Optional.empty();
        }
        Long lastRun = num(item, "lastRun");
        Long size = num(item, "pageSize");
        AttributeValue done = item.get("windowDone");
        return Optional.of(new Cursor(Instant.ofEpochMilli(num(item, "windowFrom")), Instant.ofEpochMilli(num(item, "windowTo")),
                str(item, "pageToken"), size == null ? 0 : size.intValue(), lastRun == null ? null : Instant.ofEpochMilli(lastRun),
                done != null && Boolean.TRUE.equals(done.bool())));
    }

    public void save(String marketplace, Cursor cursor) {
        Map<String, AttributeValue> item = new HashMap<>(key(marketplace));
        item.put("windowFrom", n(cursor.from().toEpochMilli()));
        item.put("windowTo", n(cursor.to().toEpochMilli()));
        item.put("pageSize", n(cursor.size()));
        item.put("windowDone", Attr.bool(cursor.done()));
        if (cursor.lastRun() != null) {
            item.put("lastRun", n(cursor.lastRun().toEpochMilli()));
        }
        Attr.putIfPresent(item, "pageToken", cursor.token());
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> key(String marketplace) {
        return Map.of("shipmentId", s("sync#" + marketplace));
    }
}
