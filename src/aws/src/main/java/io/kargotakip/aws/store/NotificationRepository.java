package io.kargotakip.aws.store;

import io.kargotakip.aws.Json;
import io.kargotakip.core.notification.NotificationIntent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * Delivery state of each notification: {@code PENDING → SENDING → SENT}, or {@code SUPPRESSED}
 * (no consent, no address) or {@code FAILED} (the provider refused it for good). Every transition
 * is a conditional write, so a notification decided twice is stored once and sent once.
 *
 * <p>What the provider reports after accepting a message ({@link Delivery}: sent, delivered, read, failed) is kept
 * apart from that state: {@code delivery} is the furthest status reached ({@code deliveryAt}, {@code deliveryDetail}),
 * never moved back by a late report, and {@code deliveryHistory} lists each status once, in the order it arrived.
 */
public final class NotificationRepository {

    public enum State { PENDING, SENDING, SENT, SUPPRESSED, FAILED }

    /** A stored notification. */
    public record Stored(NotificationIntent intent, State state, String providerMessageId, int attempts) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public NotificationRepository(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** What an intent already stored looks like; {@code queued} once it was handed to the outbound queue. */
    public record Existing(State state, boolean queued) {
    }

    /**
     * Stores a new intent as PENDING.
     *
     * @return what was already stored, or empty when it was new
     */
    public Optional<Existing> createIfAbsent(NotificationIntent intent, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("notificationId", s(intent.notificationId()));
        item.put("shipmentId", s(intent.shipmentId().toString()));
        if (intent.orderId() != null) {
            item.put("orderId", s(intent.orderId()));
        }
        item.put("kind", s(intent.kind().templateName()));
        item.put("channel", s(intent.channel()));
        item.put("state", s(State.PENDING.name()));
        item.put("intent", s(Json.write(intent)));
        item.put("attempts", n(0));
        item.put("duplicates", n(0));
        item.put("createdAt", s(now.toString()));
        item.put(KargoTables.TTL_ATTRIBUTE, n(now.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(notificationId) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException exists) {
            // AWS returns the item with the failure; emulators may not, so read it then
            Map<String, AttributeValue> old = exists.hasItem() && !exists.item().isEmpty() ? exists.item()
                    : dynamo.getItem(b -> b.tableName(table).key(key(intent.notificationId())).consistentRead(true)).item();
            return Optional.of(new Existing(State.valueOf(str(old, "state")), Attr.flag(old, "queued")));
        }
    }

    /** Records that the intent is on the outbound queue, so a repeated decision does not queue it again. */
    public void markQueued(String notificationId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(notificationId)).updateExpression("SET queued = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    public Optional<Stored> find(String notificationId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(notificationId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stored(response.item()));
    }

    private static Stored stored(Map<String, AttributeValue> item) {
        return new Stored(Json.read(str(item, "intent"), NotificationIntent.class),
                State.valueOf(str(item, "state")), str(item, "providerMessageId"),
                Optional.ofNullable(Attr.num(item, "attempts")).orElse(0L).intValue());
    }

    /**
     * Takes the right to send: PENDING (or SENDING whose lease ran out after a crash) becomes SENDING.
     *
     * @return false when it is sent, being sent, or finished: the caller must not send
     */
    public boolean claim(String notificationId, Instant now, Duration lease) {
        return claimAndRead(notificationId, now, lease) instanceof Claim.Taken;
    }

    /** What a claim found: the notification, now SENDING and this caller's to send; or it was not claimable. */
    public sealed interface Claim {
        record Taken(Stored notification) implements Claim {
        }

        /** Sent, being sent, finished — or absent: the caller must not send. */
        record Refused(boolean exists) implements Claim {
        }
    }

    /**
     * {@link #claim} that returns the claimed notification with the same write, so the sender does
     * not read it first.
     */
    public Claim claimAndRead(String notificationId, Instant now, Duration lease) {
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                    .updateExpression("SET #state = :sending, leaseUntil = :lease ADD attempts :one")
                    .conditionExpression("#state = :pending OR (#state = :sending AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", s(State.SENDING.name()), ":pending", s(State.PENDING.name()),
                            ":lease", n(now.plus(lease).toEpochMilli()), ":now", n(now.toEpochMilli()), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim.Taken(stored(response.attributes()));
        } catch (ConditionalCheckFailedException taken) {
            // AWS says with the failure whether the item exists; emulators may not, so ask then (a rare path)
            boolean exists = taken.hasItem() && !taken.item().isEmpty() || find(notificationId).isPresent();
            return new Claim.Refused(exists);
        }
    }

    public void markSent(String notificationId, String providerMessageId, Instant now) {
        transition(notificationId, State.SENT, Map.of("providerMessageId", providerMessageId, "sentAt", now.toString()));
    }

    public void markSuppressed(String notificationId, String why) {
        transition(notificationId, State.SUPPRESSED, Map.of("outcome", why));
    }

    public void markFailed(String notificationId, String why) {
        transition(notificationId, State.FAILED, Map.of("outcome", why));
    }

    /**
     * As {@link #markFailed(String, String)}, with what the failure is about ({@code failureReason}: {@code RECIPIENT}
     * when another channel may still reach the customer, {@code CONFIGURATION} when operations must act).
     */
    public void markFailed(String notificationId, String why, String reason) {
        transition(notificationId, State.FAILED, Map.of("outcome", why, "failureReason", reason));
    }

    /** What a provider reports about a message it accepted, in the order a message goes through them. */
    public enum Delivery { SENT, DELIVERED, READ, FAILED }

    /** What {@link #recordDelivery} did. */
    public enum Recorded {
        /** the status is new and further than any before: it is the message's delivery status now */
        ADVANCED,
        /** the status is new but not further (a late "delivered" after "read"): only in the history */
        HISTORY_ONLY,
        /** this status was recorded before: nothing changed */
        DUPLICATE,
        /** no such notification */
        UNKNOWN
    }

    /** One reported status: what, when (the provider's time) and the provider's detail (an error code), if any. */
    public record DeliveryEvent(Delivery status, Instant at, String detail) {
    }

    /** A message's delivery as reported: the furthest status and every status in the order they came. */
    public record DeliveryState(DeliveryEvent latest, java.util.List<DeliveryEvent> history) {
    }

    /** The notification a provider's message id belongs to (the index is eventually consistent: a just-sent one may be missing). */
    public Optional<String> findByProviderMessageId(String providerMessageId) {
        var found = dynamo.query(b -> b.tableName(table).indexName(KargoTables.BY_PROVIDER_MESSAGE_INDEX)
                .keyConditionExpression("providerMessageId = :id")
                .expressionAttributeValues(Map.of(":id", s(providerMessageId))).limit(1));
        return found.items().stream().findFirst().map(i -> i.get("notificationId").s());
    }

    /**
     * Records a status the provider reported, once: the same status again changes nothing, a further one
     * ({@code read} after {@code delivered}) moves the message on, an earlier one arriving late stays in the history
     * only. One conditional write when statuses come in order, two otherwise.
     */
    public Recorded recordDelivery(String notificationId, Delivery status, Instant at, String detail) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("status", s(status.name()));
        entry.put("at", s(at.toString()));
        if (detail != null) {
            entry.put("detail", s(detail));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":empty", AttributeValue.fromL(java.util.List.of()));
        values.put(":entry", AttributeValue.fromL(java.util.List.of(AttributeValue.fromM(entry))));
        values.put(":statusSet", AttributeValue.fromSs(java.util.List.of(status.name())));
        values.put(":status", s(status.name()));
        String history = "SET deliveryHistory = list_append(if_not_exists(deliveryHistory, :empty), :entry)";
        String unseen = "attribute_exists(notificationId) AND (attribute_not_exists(deliveryStatuses) OR NOT contains(deliveryStatuses, :status))";
        Map<String, AttributeValue> forward = new HashMap<>(values);
        forward.put(":rank", n(status.ordinal()));
        forward.put(":at", s(at.toString()));
        forward.put(":detail", detail == null ? AttributeValue.fromNul(true) : s(detail));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                    .updateExpression(history + ", delivery = :status, deliveryRank = :rank, deliveryAt = :at, deliveryDetail = :detail"
                            + " ADD deliveryStatuses :statusSet")
                    .conditionExpression(unseen + " AND (attribute_not_exists(deliveryRank) OR deliveryRank < :rank)")
                    .expressionAttributeValues(forward));
            return Recorded.ADVANCED;
        } catch (ConditionalCheckFailedException notFurther) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                        .updateExpression(history + " ADD deliveryStatuses :statusSet")
                        .conditionExpression(unseen).expressionAttributeValues(values));
                return Recorded.HISTORY_ONLY;
            } catch (ConditionalCheckFailedException seen) {
                return find(notificationId).isPresent() ? Recorded.DUPLICATE : Recorded.UNKNOWN;
            }
        }
    }

    /** The reported delivery of a message; empty when nothing was reported. */
    public Optional<DeliveryState> delivery(String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(notificationId)).consistentRead(true)).item();
        if (item == null || !item.containsKey("delivery")) {
            return Optional.empty();
        }
        java.util.List<DeliveryEvent> history = new java.util.ArrayList<>();
        for (AttributeValue v : item.get("deliveryHistory").l()) {
            Map<String, AttributeValue> e = v.m();
            history.add(new DeliveryEvent(Delivery.valueOf(e.get("status").s()), Instant.parse(e.get("at").s()), str(e, "detail")));
        }
        AttributeValue detail = item.get("deliveryDetail");
        DeliveryEvent latest = new DeliveryEvent(Delivery.valueOf(str(item, "delivery")), Instant.parse(str(item, "deliveryAt")),
                detail == null ? null : detail.s());
        return Optional.of(new DeliveryState(latest, history));
    }

    /** Gives the claim back after a retryable failure, so the next delivery of the message tries again. */
    public void release(String notificationId, String why) {
        transition(notificationId, State.PENDING, Map.of("outcome", why));
    }

    private void transition(String notificationId, State to, Map<String, String> attributes) {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":sending", s(State.SENDING.name())));
        StringBuilder set = new StringBuilder("SET #state = :to");
        int i = 0;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, s(a.getValue()));
            set.append(", #a").append(i).append(" = :a").append(i);
            i++;
        }
        dynamo.updateItem(b -> b.tableName(table).key(key(notificationId)).updateExpression(set + " REMOVE leaseUntil")
                .conditionExpression("#state = :sending").expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static Map<String, AttributeValue> key(String notificationId) {
        return Map.of("notificationId", s(notificationId));
    }
}
