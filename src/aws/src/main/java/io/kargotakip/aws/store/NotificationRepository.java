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
 * (no consent, no address) or {@code FAILED} (the provider refused it for good), or {@code DEFERRED}
 * (held by quiet hours until {@code dueAt}, in the sparse index {@value KargoTables#DUE_SENDS_INDEX}, then
 * claimable again). Every transition is a conditional write, so a notification decided twice is stored once
 * and sent once.
 *
 * <p>What the provider reports after accepting a message ({@link Delivery}: sent, delivered, opened, read, failed),
 * and the customer's clicks of its tracked links and fetches of its open pixel ({@link #recordInteraction}), are kept
 * apart from that state: {@code delivery} is the furthest status reached ({@code deliveryAt}, {@code deliveryDetail}),
 * never moved back by a late report, and {@code deliveryHistory} lists each status once, in the order it arrived.
 */
public final class NotificationRepository {

    /** {@code PROPOSED}: waits for operations' approval (automation levels); approved it is PENDING, rejected SUPPRESSED. */
    public enum State { PENDING, SENDING, SENT, SUPPRESSED, FAILED, DEFERRED, PROPOSED }

    /** The one value of the proposals index's partition key: operations read every waiting proposal, oldest first. */
    static final String PROPOSALS_SHARD = "proposals";

    /**
     * A message waiting for approval, with when it was proposed and whether operations were told it waits long.
     *
     * @param proposed what the rule proposed, before any edit (an edit is checked against it: the links it may keep)
     * @param editedBy who edited it last ({@link #edit}); null when nobody did
     */
    public record Proposal(Stored notification, Instant proposedAt, boolean alerted, NotificationIntent.Details proposed, String editedBy,
                           Instant editedAt) {
        public Proposal(Stored notification, Instant proposedAt, boolean alerted) {
            this(notification, proposedAt, alerted, notification.intent().details(), null, null);
        }
    }

    /** The one value of the due index's partition key: few notifications wait at once, and all are read by time. */
    static final String DUE_SHARD = "due";

    /**
     * A stored notification.
     *
     * @param chain the earlier messages of its fallback chain: it is not sent once one of them was read
     */
    public record Stored(NotificationIntent intent, State state, String providerMessageId, int attempts, java.util.List<String> chain,
                         java.util.List<String> fallbacks) {
        public Stored {
            chain = chain == null ? java.util.List.of() : java.util.List.copyOf(chain);
            fallbacks = fallbacks == null ? java.util.List.of() : java.util.List.copyOf(fallbacks);
        }
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
        return createIfAbsent(intent, now, java.util.List.of());
    }

    /** @param fallbacks the messages held to follow it when it is not read: sent at once when this one cannot go */
    public Optional<Existing> createIfAbsent(NotificationIntent intent, Instant now, java.util.List<String> fallbacks) {
        return create(intent, now, null, java.util.List.of(), fallbacks);
    }

    /**
     * Stores a fallback of a chain as DEFERRED until {@code until}: the schedule queues it then, and the sender sends
     * it unless a message of {@code chain} (the earlier ones) was read by then.
     *
     * @return what was already stored, or empty when it was new
     */
    public Optional<Existing> createHeld(NotificationIntent intent, Instant until, java.util.List<String> chain,
                                         java.util.List<String> fallbacks, Instant now) {
        return create(intent, now, until, chain, fallbacks);
    }

    private Optional<Existing> create(NotificationIntent intent, Instant now, Instant until, java.util.List<String> chain,
                                      java.util.List<String> fallbacks) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("notificationId", s(intent.notificationId()));
        item.put("shipmentId", s(intent.shipmentId().toString()));
        if (intent.orderId() != null) {
            item.put("orderId", s(intent.orderId()));
        }
        item.put("kind", s(intent.kind().templateName()));
        item.put("channel", s(intent.channel()));
        item.put("state", s(until == null ? State.PENDING.name() : State.DEFERRED.name()));
        if (until != null) {
            item.put("dueShard", s(DUE_SHARD));
            item.put("dueAt", n(until.toEpochMilli()));
        }
        if (!chain.isEmpty()) {
            item.put("chain", AttributeValue.fromSs(chain));
        }
        if (!fallbacks.isEmpty()) {
            item.put("fallbacks", AttributeValue.fromL(fallbacks.stream().map(Attr::s).toList()));
        }
        if (intent.details() != null && intent.details().occurrenceKey() != null) {
            item.put("occurrenceKey", s(intent.details().occurrenceKey()));
        }
        if (intent.details() != null && intent.details().variant() != null) {
            // the A/B report counts by it (variants()); kept as its own attribute so a scan can filter on it
            item.put("variant", s(intent.details().variant()));
        }
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

    /**
     * The messages decided for a shipment so far, as the merchant's rules see them (kind, channel, state, when sent,
     * the occurrence told); from an index, so one decided a moment ago may be missing (its id still keeps it single).
     */
    public java.util.List<io.kargotakip.core.rules.RuleContext.SentMessage> ofShipment(io.kargotakip.core.shipment.ShipmentId shipment,
                                                                                      Instant now) {
        java.util.List<io.kargotakip.core.rules.RuleContext.SentMessage> messages = new java.util.ArrayList<>();
        for (var page : KargoTables.ofShipment(dynamo, table, shipment)) {
            for (Map<String, AttributeValue> item : page.items()) {
                String sentAt = str(item, "sentAt");
                String createdAt = str(item, "createdAt");
                messages.add(new io.kargotakip.core.rules.RuleContext.SentMessage(str(item, "kind"), str(item, "channel"),
                        str(item, "state"), sentAt == null ? null : Instant.parse(sentAt), str(item, "occurrenceKey"),
                        createdAt == null ? null : Instant.parse(createdAt)));
            }
        }
        return messages;
    }

    /**
     * Stores a message that waits for operations' approval ({@code PROPOSED}, in the sparse index
     * {@value KargoTables#PROPOSALS_INDEX}). Its fallbacks are stored held for ever; approval gives each its wait
     * ({@code waits}, milliseconds after the approval, aligned with {@code fallbacks}; negative for a stand-in that
     * only a failure brings forward).
     *
     * @return what was already stored, or empty when it was new
     */
    public Optional<Existing> createProposed(NotificationIntent intent, Instant now, java.util.List<String> fallbacks,
                                             java.util.List<Long> waits) {
        Optional<Existing> existing = create(intent, now, null, java.util.List.of(), fallbacks);
        if (existing.isEmpty()) {
            dynamo.updateItem(b -> b.tableName(table).key(key(intent.notificationId()))
                    .updateExpression("SET #state = :proposed, proposalShard = :shard, proposedAt = :at, fallbackWaits = :waits")
                    .conditionExpression("#state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":proposed", s(State.PROPOSED.name()), ":pending", s(State.PENDING.name()),
                            ":shard", s(PROPOSALS_SHARD), ":at", n(now.toEpochMilli()),
                            ":waits", AttributeValue.fromL(waits.stream().map(w -> n(w)).toList()))));
        }
        return existing;
    }

    /** The messages waiting for approval, oldest first (at most {@code limit}). */
    public java.util.List<Proposal> proposals(int limit) {
        java.util.List<Proposal> out = new java.util.ArrayList<>();
        var pages = dynamo.queryPaginator(b -> b.tableName(table).indexName(KargoTables.PROPOSALS_INDEX)
                .keyConditionExpression("proposalShard = :shard").expressionAttributeValues(Map.of(":shard", s(PROPOSALS_SHARD))));
        for (var page : pages) {
            for (Map<String, AttributeValue> keys : page.items()) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(str(keys, "notificationId")))
                        .consistentRead(true)).item();
                if (item != null && State.PROPOSED.name().equals(str(item, "state"))) {
                    out.add(proposal(item));
                }
                if (out.size() >= limit) {
                    return out;
                }
            }
        }
        return out;
    }

    /** The message {@code notificationId} while it waits for approval; empty when it does not (or no longer) wait. */
    public Optional<Proposal> proposal(String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(notificationId)).consistentRead(true)).item();
        return item != null && State.PROPOSED.name().equals(str(item, "state")) ? Optional.of(proposal(item)) : Optional.empty();
    }

    private static Proposal proposal(Map<String, AttributeValue> item) {
        Stored stored = stored(item);
        String editedAt = str(item, "editedAt");
        return new Proposal(stored, Instant.ofEpochMilli(Attr.num(item, "proposedAt")), Attr.flag(item, "proposalAlerted"),
                str(item, "proposedDetails") != null ? Json.read(str(item, "proposedDetails"), NotificationIntent.Details.class)
                        : stored.intent().details(),
                str(item, "editedBy"), editedAt == null ? null : Instant.parse(editedAt));
    }

    /**
     * Operations edited a proposed message before approving it: it says {@code edited} from now on, over every channel
     * of its chain (its held fallbacks too), and still waits. One write conditional on it still waiting; the rule's own
     * details are kept the first time ({@code proposedDetails}), as later edits are checked against them. Each edit
     * raises {@code editVersion}, and a fallback takes an edit only if it is newer than the one it has, so two edits at
     * once leave every channel with the same one.
     *
     * @param proposal the message as {@link #proposal} read it
     * @return false when it no longer waits for approval (nothing changed)
     */
    public boolean edit(Proposal proposal, NotificationIntent.Details edited, String by, Instant now) {
        NotificationIntent intent = proposal.notification().intent();
        long version;
        try {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":intent", s(Json.write(intent.withDetails(edited))), ":by", s(by),
                    ":at", s(now.toString()), ":proposed", s(State.PROPOSED.name()), ":zero", n(0), ":one", n(1)));
            values.put(":rule", proposal.proposed() == null ? AttributeValue.fromNul(true) : s(Json.write(proposal.proposed())));
            version = Long.parseLong(dynamo.updateItem(b -> b.tableName(table).key(key(intent.notificationId()))
                    .updateExpression("SET intent = :intent, editedBy = :by, editedAt = :at,"
                            + " proposedDetails = if_not_exists(proposedDetails, :rule), editVersion = if_not_exists(editVersion, :zero) + :one")
                    .conditionExpression("#state = :proposed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("editVersion").n());
        } catch (ConditionalCheckFailedException notWaiting) {
            return false;
        }
        for (String id : proposal.notification().fallbacks()) {
            Optional<Stored> held = find(id);
            if (held.isEmpty() || held.get().state() != State.DEFERRED) {
                continue; // not stored held (no consent for it): nothing says anything
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(id))
                        .updateExpression("SET intent = :intent, editedBy = :by, editedAt = :at, editVersion = :v")
                        .conditionExpression("#state = :deferred AND (attribute_not_exists(editVersion) OR editVersion < :v)")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":intent", s(Json.write(held.get().intent().withDetails(edited))), ":by", s(by),
                                ":at", s(now.toString()), ":v", n(version), ":deferred", s(State.DEFERRED.name()))));
            } catch (ConditionalCheckFailedException newerOrGone) {
                // a newer edit reached it first, or it was sent or cancelled meanwhile
            }
        }
        return true;
    }

    /**
     * Operations approved a proposed message: it becomes PENDING (the caller queues it) and its fallbacks get their
     * waits from now.
     *
     * @return the approved message; empty when it is not (or no longer) waiting for approval
     */
    public Optional<Stored> approve(String notificationId, String by, Instant now) {
        Optional<Map<String, AttributeValue>> decided = decide(notificationId, State.PENDING, "decidedBy", by, now);
        if (decided.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = decided.get();
        Stored approved = stored(item);
        java.util.List<AttributeValue> waits = item.containsKey("fallbackWaits") ? item.get("fallbackWaits").l() : java.util.List.of();
        for (int i = 0; i < approved.fallbacks().size() && i < waits.size(); i++) {
            long wait = Long.parseLong(waits.get(i).n());
            if (wait >= 0) {
                String id = approved.fallbacks().get(i);
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("SET dueAt = :due")
                            .conditionExpression("#state = :deferred")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(Map.of(":due", n(now.toEpochMilli() + wait), ":deferred", s(State.DEFERRED.name()))));
                } catch (ConditionalCheckFailedException gone) {
                    // not held (no consent for it, or cancelled): nothing to time
                }
            }
        }
        return Optional.of(approved);
    }

    /**
     * A proposed message that will not go: rejected by operations, or expired (the shipment moved on, or it waited too
     * long). It and its held fallbacks end SUPPRESSED with {@code why}.
     *
     * @return false when it was not waiting for approval
     */
    public boolean decline(String notificationId, String why, Instant now) {
        Optional<Map<String, AttributeValue>> decided = decide(notificationId, State.SUPPRESSED, "outcome", why, now);
        if (decided.isEmpty()) {
            return false;
        }
        for (String id : stored(decided.get()).fallbacks()) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(id))
                        .updateExpression("SET #state = :suppressed, outcome = :why REMOVE dueShard, dueAt")
                        .conditionExpression("#state = :deferred")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":suppressed", s(State.SUPPRESSED.name()), ":deferred", s(State.DEFERRED.name()),
                                ":why", s(why))));
            } catch (ConditionalCheckFailedException notHeld) {
                // not stored held: nothing to cancel
            }
        }
        return true;
    }

    /**
     * Ends a proposal in {@code to}, recording {@code attribute} (who approved, why it will not go), in one write
     * conditional on it still waiting.
     *
     * @return the message as it is now; empty when it was not waiting for approval
     */
    private Optional<Map<String, AttributeValue>> decide(String notificationId, State to, String attribute, String value, Instant now) {
        try {
            return Optional.of(dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                    .updateExpression("SET #state = :to, #attribute = :value, decidedAt = :now REMOVE proposalShard")
                    .conditionExpression("#state = :proposed")
                    .expressionAttributeNames(Map.of("#state", "state", "#attribute", attribute))
                    .expressionAttributeValues(Map.of(":to", s(to.name()), ":proposed", s(State.PROPOSED.name()),
                            ":value", s(value), ":now", s(now.toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException notWaiting) {
            return Optional.empty();
        }
    }

    /** Operations were told this proposal waits long: not told again. */
    public void markProposalAlerted(String notificationId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(notificationId)).updateExpression("SET proposalAlerted = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
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
                Optional.ofNullable(Attr.num(item, "attempts")).orElse(0L).intValue(),
                item.containsKey("chain") ? item.get("chain").ss() : java.util.List.of(),
                item.containsKey("fallbacks") ? item.get("fallbacks").l().stream().map(AttributeValue::s).toList() : java.util.List.of());
    }

    /**
     * Takes the right to send: PENDING (or SENDING whose lease ran out after a crash, or DEFERRED whose time has
     * come) becomes SENDING.
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
                    .updateExpression("SET #state = :sending, leaseUntil = :lease ADD attempts :one REMOVE dueShard, dueAt")
                    .conditionExpression("#state = :pending OR (#state = :sending AND leaseUntil < :now)"
                            + " OR (#state = :deferred AND dueAt <= :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", s(State.SENDING.name()), ":pending", s(State.PENDING.name()),
                            ":deferred", s(State.DEFERRED.name()),
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

    /**
     * @param to      the recipient, masked ({@code ContactKind.mask})
     * @param preview what the outbox shows of the message
     * @param parts   what the provider bills (SMS segments)
     */
    public void markSent(String notificationId, String providerMessageId, Instant now, String to, String preview, int parts) {
        markSent(notificationId, providerMessageId, now, to, preview, parts, null);
    }

    /**
     * As above, with what the provider bills for it ({@code feeUsd}, a DynamoDB number kept exactly; from the fee
     * table), in the same write: a message that was not sent has no fee.
     *
     * @param feeUsd null when the fee table has no row for the channel
     */
    public void markSent(String notificationId, String providerMessageId, Instant now, String to, String preview, int parts,
                         java.math.BigDecimal feeUsd) {
        Map<String, AttributeValue> attributes = new HashMap<>(Map.of("providerMessageId", s(providerMessageId), "sentAt", s(now.toString()),
                "to", s(to), "preview", s(preview == null ? "" : preview.length() > 200 ? preview.substring(0, 200) + "…" : preview),
                "parts", s(Integer.toString(parts))));
        if (feeUsd != null) {
            attributes.put("feeUsd", AttributeValue.fromN(feeUsd.toPlainString()));
        }
        transitionWith(notificationId, State.SENT, attributes);
    }

    /**
     * One message as the outbox lists it.
     *
     * @param feeUsd what was recorded when it was sent; null when nothing was (not sent, or sent before fees were recorded)
     * @param chain  the earlier messages of its fallback chain (empty for a first message)
     */
    public record OutboxEntry(String notificationId, String channel, String kind, State state, String outcome, String to, String preview,
                              int parts, String createdAt, String sentAt, java.util.List<String> deliveries, java.math.BigDecimal feeUsd,
                              java.util.List<String> chain) {
        public OutboxEntry {
            chain = chain == null ? java.util.List.of() : java.util.List.copyOf(chain);
        }
    }

    /** The reported statuses as the outbox shows them: {@code STATUS@instant[ detail]}, in the order they came. */
    private static java.util.List<String> history(Map<String, AttributeValue> item) {
        if (!item.containsKey("deliveryHistory")) {
            return java.util.List.of();
        }
        return item.get("deliveryHistory").l().stream().map(AttributeValue::m)
                .map(e -> e.get("status").s() + "@" + e.get("at").s() + (e.containsKey("detail") ? " " + e.get("detail").s() : "")).toList();
    }

    /** Every stored message, oldest first (a scan: an operator's listing, not a path of the pipeline). */
    public java.util.List<OutboxEntry> outbox() {
        java.util.List<OutboxEntry> entries = new java.util.ArrayList<>();
        for (var page : dynamo.scanPaginator(b -> b.tableName(table))) {
            for (Map<String, AttributeValue> item : page.items()) {
                String parts = str(item, "parts");
                AttributeValue fee = item.get("feeUsd");
                entries.add(new OutboxEntry(str(item, "notificationId"), str(item, "channel"), str(item, "kind"), State.valueOf(str(item, "state")),
                        str(item, "outcome"), str(item, "to"), str(item, "preview"), parts == null ? 1 : Integer.parseInt(parts),
                        str(item, "createdAt"), str(item, "sentAt"),
                        history(item), fee == null || fee.n() == null ? null : new java.math.BigDecimal(fee.n()),
                        item.containsKey("chain") ? item.get("chain").ss() : java.util.List.of()));
            }
        }
        entries.sort(java.util.Comparator.comparing(e -> e.createdAt() == null ? "" : e.createdAt()));
        return entries;
    }

    /**
     * A message of an A/B variant, as the report counts it.
     *
     * @param sentAt   null when it was not sent (suppressed, failed, held, pending)
     * @param reported every status its provider reported, and the customer's opens and clicks
     * @param engagedBy how the customer first engaged with it ({@code opened}, {@code read}, {@code clicked}), null when not
     */
    public record VariantMessage(String notificationId, String shipmentId, String orderId, String kind, String channel, String variant,
                                 State state, Instant sentAt, java.util.Set<Delivery> reported, String engagedBy) {
        public VariantMessage {
            reported = reported.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(reported);
        }
    }

    /**
     * Every stored message of an A/B variant (a scan with a filter, reading only what the report needs: an operator's
     * report, not a path of the pipeline).
     */
    public java.util.List<VariantMessage> variants() {
        java.util.List<VariantMessage> out = new java.util.ArrayList<>();
        var pages = dynamo.scanPaginator(b -> b.tableName(table).filterExpression("attribute_exists(variant)")
                .projectionExpression("notificationId, shipmentId, orderId, kind, channel, variant, #state, sentAt, deliveryStatuses, engagedBy")
                .expressionAttributeNames(Map.of("#state", "state")));
        for (var page : pages) {
            for (Map<String, AttributeValue> item : page.items()) {
                java.util.Set<Delivery> reported = java.util.EnumSet.noneOf(Delivery.class);
                if (item.containsKey("deliveryStatuses")) {
                    item.get("deliveryStatuses").ss().forEach(st -> reported.add(Delivery.valueOf(st)));
                }
                String sentAt = str(item, "sentAt");
                out.add(new VariantMessage(str(item, "notificationId"), str(item, "shipmentId"), str(item, "orderId"), str(item, "kind"),
                        str(item, "channel"), str(item, "variant"), State.valueOf(str(item, "state")),
                        sentAt == null ? null : Instant.parse(sentAt), reported, str(item, "engagedBy")));
            }
        }
        return out;
    }

    public void markSuppressed(String notificationId, String why) {
        transition(notificationId, State.SUPPRESSED, Map.of("outcome", why));
    }

    public void markFailed(String notificationId, String why) {
        transition(notificationId, State.FAILED, Map.of("outcome", why));
    }

    /**
     * Holds a claimed notification until {@code until} (quiet hours): it leaves SENDING, waits in the due index, and
     * is claimable again from then on.
     */
    public void markDeferred(String notificationId, Instant until, String why) {
        dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                .updateExpression("SET #state = :deferred, dueShard = :shard, dueAt = :due, outcome = :why REMOVE leaseUntil")
                .conditionExpression("#state = :sending")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":deferred", s(State.DEFERRED.name()), ":sending", s(State.SENDING.name()),
                        ":shard", s(DUE_SHARD), ":due", n(until.toEpochMilli()), ":why", s(why))));
    }

    /**
     * The customer read or clicked this message (provider feedback: an opened e-mail, a read WhatsApp message, a
     * tracked click): the fallbacks of its chain are not sent. The first engagement is kept.
     */
    public void markEngaged(String notificationId, String how, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                .updateExpression("SET engagedAt = if_not_exists(engagedAt, :at), engagedBy = if_not_exists(engagedBy, :how)")
                .conditionExpression("attribute_exists(notificationId)")
                .expressionAttributeValues(Map.of(":at", s(at.toString()), ":how", s(how))));
    }

    /** The first of these messages the customer read or clicked, if any (how, e.g. {@code opened}). */
    public Optional<String> engagement(java.util.Collection<String> notificationIds) {
        for (String id : notificationIds) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)
                    .projectionExpression("engagedBy, channel")).item();
            if (item != null && item.containsKey("engagedBy")) {
                return Optional.of(str(item, "engagedBy") + " over " + str(item, "channel"));
            }
        }
        return Optional.empty();
    }

    /**
     * A message could not go (its channel failed for good, no consent, no contact, a suppressed address): its next
     * held fallback becomes due now, not hours later; the others keep their time.
     *
     * @return whether a fallback was brought forward
     */
    public boolean bringForward(java.util.List<String> fallbacks, Instant now) {
        for (String id : fallbacks) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("SET dueAt = :now")
                        .conditionExpression("#state = :deferred AND dueAt > :now")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":deferred", s(State.DEFERRED.name()))));
                return true;
            } catch (ConditionalCheckFailedException notHeld) {
                // sent, cancelled or not stored (no consent for it): the next one
            }
        }
        return false;
    }

    /** The held notifications whose time has come, oldest first, at most {@code limit}. */
    public java.util.List<String> findDue(Instant now, int limit) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).indexName(KargoTables.DUE_SENDS_INDEX)
                    .keyConditionExpression("dueShard = :shard AND dueAt <= :now")
                    .expressionAttributeValues(Map.of(":shard", s(DUE_SHARD), ":now", n(now.toEpochMilli())))
                    .limit(Math.min(limit, 100)).exclusiveStartKey(from));
            page.items().forEach(i -> ids.add(str(i, "notificationId")));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && ids.size() < limit);
        return ids.size() > limit ? ids.subList(0, limit) : ids;
    }

    /**
     * As {@link #markFailed(String, String)}, with what the failure is about ({@code failureReason}: {@code RECIPIENT}
     * when another channel may still reach the customer, {@code CONFIGURATION} when operations must act).
     */
    public void markFailed(String notificationId, String why, String reason) {
        transition(notificationId, State.FAILED, Map.of("outcome", why, "failureReason", reason));
    }

    /**
     * What a provider reports about a message it accepted, in the order a message goes through them. {@code OPENED} is
     * an e-mail's open pixel: counted, below {@code READ} (a read receipt), as image proxies open mail nobody read.
     * {@code CLICKED} (a tracked link followed) implies it was read, so it ranks above; {@code FAILED} stays last, so
     * neither moves a failed message back. The rank is the position here: add new statuses with care.
     */
    public enum Delivery { SENT, DELIVERED, OPENED, READ, CLICKED, FAILED }

    /** What {@link #recordDelivery} did. */
    public enum Recorded {
        /** the status is new and further than any before: it is the message's delivery status now */
        ADVANCED,
        /** the status is new but not further (a late "delivered" after "read"): only in the history */
        HISTORY_ONLY,
        /** this status was recorded before: nothing changed */
        DUPLICATE,
        /** a click or an open again ({@link #recordInteraction}): counted, and in the history while it is short */
        REPEATED,
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

    /** How many repeats of a click or an open the history keeps; every one is counted ({@link #interactions}). */
    static final int MAX_REPEATS_IN_HISTORY = 20;

    /**
     * Records a click of a tracked link or a fetch of the open pixel: each one is counted ({@code clicks}, {@code opens});
     * the first is recorded as {@link #recordDelivery} does, a later one joins the history too (a second click is a
     * real click, not a provider repeating itself) unless it already holds {@value #MAX_REPEATS_IN_HISTORY} repeats,
     * so a pixel fetched all day does not grow the item without end.
     */
    public Recorded recordInteraction(String notificationId, Delivery status, Instant at) {
        String counter = counter(status);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(notificationId)).updateExpression("ADD #count :one")
                    .conditionExpression("attribute_exists(notificationId)")
                    .expressionAttributeNames(Map.of("#count", counter)).expressionAttributeValues(Map.of(":one", n(1))));
        } catch (ConditionalCheckFailedException unknown) {
            return Recorded.UNKNOWN;
        }
        Recorded first = recordDelivery(notificationId, status, at, null);
        if (first != Recorded.DUPLICATE) {
            return first;
        }
        Map<String, AttributeValue> entry = Map.of("status", s(status.name()), "at", s(at.toString()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(notificationId))
                    .updateExpression("SET deliveryHistory = list_append(deliveryHistory, :entry) ADD repeatsInHistory :one")
                    .conditionExpression("attribute_exists(deliveryHistory) AND (attribute_not_exists(repeatsInHistory) OR repeatsInHistory < :max)")
                    .expressionAttributeValues(Map.of(":entry", AttributeValue.fromL(java.util.List.of(AttributeValue.fromM(entry))),
                            ":one", n(1), ":max", n(MAX_REPEATS_IN_HISTORY))));
        } catch (ConditionalCheckFailedException full) {
            // counted above; the history has enough repeats
        }
        return Recorded.REPEATED;
    }

    /** How many times each click or open of a message was recorded ({@link #recordInteraction}); absent when none. */
    public Map<Delivery, Long> interactions(String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(notificationId)).consistentRead(true)
                .projectionExpression("clicks, opens")).item();
        Map<Delivery, Long> counts = new java.util.EnumMap<>(Delivery.class);
        for (Delivery d : new Delivery[]{Delivery.CLICKED, Delivery.OPENED}) {
            Long count = item == null ? null : Attr.num(item, counter(d));
            if (count != null) {
                counts.put(d, count);
            }
        }
        return counts;
    }

    private static String counter(Delivery status) {
        return switch (status) {
            case CLICKED -> "clicks";
            case OPENED -> "opens";
            default -> throw new IllegalArgumentException("only clicks and opens are counted, not " + status);
        };
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
        Map<String, AttributeValue> values = new HashMap<>();
        attributes.forEach((k, v) -> values.put(k, s(v)));
        transitionWith(notificationId, to, values);
    }

    private void transitionWith(String notificationId, State to, Map<String, AttributeValue> attributes) {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":sending", s(State.SENDING.name())));
        StringBuilder set = new StringBuilder("SET #state = :to");
        int i = 0;
        for (Map.Entry<String, AttributeValue> a : attributes.entrySet()) {
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, a.getValue());
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
