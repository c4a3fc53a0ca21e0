package io.kargotakip.aws.store;

import io.kargotakip.core.shipment.TrackingEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;

/**
 * The idempotency record of every carrier scan, in the style of Powertools' idempotency store:
 * one conditional put decides whether an event is new. A record stays {@code IN_PROGRESS} until the
 * event's effects are written, so a crash in between lets the retry run again instead of losing it.
 * Records expire ({@code expiresAt}, TTL on AWS; reads here ignore expired ones, as TTL deletion is lazy).
 */
public final class EventLog {

    public enum Outcome {
        /** First time: process it. */
        NEW,
        /** Seen before but not finished (a crash or timeout): process it again. */
        RESUMED,
        /** Already processed: skip it. */
        DUPLICATE
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public EventLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public Outcome begin(TrackingEvent event, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventKey", s(event.idempotencyKey()));
        item.put("shipmentId", s(event.shipmentId().toString()));
        item.put("status", s(event.status().wireName()));
        if (event.reason() != null) {
            item.put("reason", s(event.reason().wireName()));
        }
        item.put("occurredAt", s(event.occurredAt().toString()));
        item.put("carrierCode", s(event.carrierCode()));
        putIfPresent(item, "location", event.location());
        putIfPresent(item, "description", event.description());
        item.put("state", s("IN_PROGRESS"));
        item.put("duplicates", n(0));
        item.put("firstSeenAt", s(now.toString()));
        item.put(KargoTables.TTL_ATTRIBUTE, n(now.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(eventKey) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Outcome.NEW;
        } catch (ConditionalCheckFailedException seen) {
            // AWS returns the item with the failure; emulators may not, so read it then
            Map<String, AttributeValue> old = seen.hasItem() && !seen.item().isEmpty() ? seen.item()
                    : dynamo.getItem(b -> b.tableName(table).key(Map.of("eventKey", s(event.idempotencyKey()))).consistentRead(true)).item();
            if (old != null && "IN_PROGRESS".equals(Attr.str(old, "state"))) {
                return Outcome.RESUMED;
            }
            countDuplicate(event.idempotencyKey());
            return Outcome.DUPLICATE;
        }
    }

    public void complete(TrackingEvent event) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventKey", s(event.idempotencyKey())))
                .updateExpression("SET #state = :done").expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", s("DONE"))));
    }

    private void countDuplicate(String key) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventKey", s(key)))
                .updateExpression("ADD duplicates :one").expressionAttributeValues(Map.of(":one", n(1))));
    }
}
