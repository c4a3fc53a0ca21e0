package io.kargotakip.aws.store;

import io.kargotakip.core.shipment.TrackingEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;

/**
 * The idempotency record of every carrier scan: one conditional put decides whether an event is new.
 *
 * <p>The record names its <em>claimant</em>, the raw message (its trace id) that first carried the
 * event. Only that message may process the event again: a retry of it after a crash (SQS delivers it
 * again, with the same trace id) resumes, while any other message with the same event — a carrier's
 * repeated push, a poll — is a duplicate and costs one failed conditional write, nothing else (no
 * read, no counter). So a record needs no "done" write on the normal path; only a resumed event is
 * marked done, so that yet another delivery of the same message stops there.
 * Records expire ({@code expiresAt}, TTL on AWS; expired ones count as absent, as TTL deletion is lazy).
 */
public final class EventLog {

    public enum Outcome {
        /** First time: process it. */
        NEW,
        /** Seen before by the same message, not marked done (a crash or timeout, or a redelivery): process it again. */
        RESUMED,
        /** Already claimed by another message, or done: skip it. */
        DUPLICATE
    }

    /** The claimant of callers that have no message of their own. */
    static final String NO_CLAIMANT = "-";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public EventLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public Outcome begin(TrackingEvent event, Instant now) {
        return begin(event, NO_CLAIMANT, now);
    }

    /** @param claimant what carried the event (the raw message's trace id); its redeliveries resume */
    public Outcome begin(TrackingEvent event, String claimant, Instant now) {
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
        if (event.estimatedDelivery() != null) {
            item.put("estimatedDelivery", s(event.estimatedDelivery().toString()));
        }
        item.put("state", s("IN_PROGRESS"));
        item.put("claimant", s(claimant == null || claimant.isBlank() ? NO_CLAIMANT : claimant));
        item.put("firstSeenAt", s(now.toString()));
        item.put(KargoTables.TTL_ATTRIBUTE, n(now.plus(retention).getEpochSecond()));
        PutItemResponse put;
        try {
            put = dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(eventKey) OR expiresAt < :now OR (#state = :inProgress AND #claimant = :claimant)")
                    .expressionAttributeNames(Map.of("#state", "state", "#claimant", "claimant"))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":inProgress", s("IN_PROGRESS"),
                            ":claimant", item.get("claimant")))
                    // the record it replaced, if any, comes back with the write: a retry is told from a first time without a read
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException seen) {
            return Outcome.DUPLICATE;
        }
        Map<String, AttributeValue> old = put.hasAttributes() ? put.attributes() : Map.of();
        boolean live = !old.isEmpty() && (Attr.num(old, KargoTables.TTL_ATTRIBUTE) == null
                || Attr.num(old, KargoTables.TTL_ATTRIBUTE) >= now.getEpochSecond());
        return live ? Outcome.RESUMED : Outcome.NEW;
    }

    /**
     * The shipment's events as the rules see them (status, reason, time, the ETA each gave), oldest first; from an
     * index, so the newest may lag a moment behind (the rules add the change they evaluate themselves).
     */
    public java.util.List<io.kargotakip.core.rules.RuleContext.HistoryEvent> history(io.kargotakip.core.shipment.ShipmentId shipment,
                                                                                    Instant now) {
        return scans(shipment, now).stream().map(e -> new io.kargotakip.core.rules.RuleContext.HistoryEvent(e.status(), e.reason(),
                e.occurredAt(), e.estimatedDelivery())).toList();
    }

    /**
     * One canonical scan as the tracking page shows it: what the history gives the rules, with where it happened. Not the
     * carrier's own words: they may name who signed for the parcel, and the page is open to whoever holds its link.
     */
    public record TimelineEvent(io.kargotakip.core.shipment.TrackingStatus status, io.kargotakip.core.shipment.Reason reason,
                                Instant occurredAt, String location, java.time.LocalDate estimatedDelivery) {
    }

    /**
     * The shipment's canonical timeline, oldest first, for as long as the records are kept (the timeline retention);
     * a scan of a status this version does not know is left out, an expired one too (TTL deletes lazily).
     */
    public java.util.List<TimelineEvent> timeline(io.kargotakip.core.shipment.ShipmentId shipment, Instant now) {
        return scans(shipment, now).stream().filter(e -> e.status() != io.kargotakip.core.shipment.TrackingStatus.UNKNOWN).toList();
    }

    /** Every unexpired scan of the shipment (from the index: the newest may lag a moment), oldest first. */
    private java.util.List<TimelineEvent> scans(io.kargotakip.core.shipment.ShipmentId shipment, Instant now) {
        java.util.List<TimelineEvent> events = new java.util.ArrayList<>();
        for (var page : KargoTables.ofShipment(dynamo, table, shipment)) {
            for (Map<String, AttributeValue> item : page.items()) {
                Long expires = Attr.num(item, KargoTables.TTL_ATTRIBUTE);
                var status = io.kargotakip.core.shipment.TrackingStatus.fromWireName(Attr.str(item, "status"));
                if (status.isEmpty() || expires != null && expires < now.getEpochSecond()) {
                    continue;
                }
                String reason = Attr.str(item, "reason");
                String eta = Attr.str(item, "estimatedDelivery");
                events.add(new TimelineEvent(status.get(), reason == null ? null : io.kargotakip.core.shipment.Reason.fromWireName(reason).orElse(null),
                        java.time.OffsetDateTime.parse(Attr.str(item, "occurredAt")).toInstant(), Attr.str(item, "location"),
                        eta == null ? null : java.time.LocalDate.parse(eta)));
            }
        }
        events.sort(java.util.Comparator.comparing(TimelineEvent::occurredAt));
        return events;
    }

    /**
     * Takes the once-per-occurrence right to raise an operations action the rules decided (an alert, a ticket): true
     * when it is new, or was taken before but never marked done (a crash between raising and recording it: raised
     * again, at least once); false once it is done.
     *
     * @param key the action's key (rule occurrence and action); no shipment attribute, so it is not in the history index
     */
    public boolean beginAction(String key, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("eventKey", s("action|" + key), "state", s("IN_PROGRESS"), "firstSeenAt", s(now.toString()),
                            KargoTables.TTL_ATTRIBUTE, n(now.plus(retention).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(eventKey) OR expiresAt < :now OR #state = :inProgress")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":inProgress", s("IN_PROGRESS"))));
            return true;
        } catch (ConditionalCheckFailedException done) {
            return false;
        }
    }

    /** Records an operations action raised, with what the destination answered (a ticket id). */
    public void completeAction(String key, String result) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventKey", s("action|" + key)))
                .updateExpression("SET #state = :done, outcome = :result").expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":result", s(result == null ? "" : result))));
    }

    /** Marks a resumed event done, so a further delivery of the same message is a duplicate. */
    public void complete(TrackingEvent event) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("eventKey", s(event.idempotencyKey())))
                .updateExpression("SET #state = :done").expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", s("DONE"))));
    }
}
