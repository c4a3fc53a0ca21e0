package io.kargotakip.aws.store;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * Shipment state with optimistic locking ({@code version}), plus the poll schedule. The decision
 * whether an event moves a shipment is the domain's ({@code StatusProgression}); this class only
 * makes sure two writers cannot both win.
 */
public final class ShipmentRepository {

    /** Spreads due shipments over several index partitions so no single key gets hot. */
    public static final int POLL_SHARDS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public ShipmentRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<ShipmentState> find(ShipmentId id) {
        return findStored(id).map(Stored::state);
    }

    /** A shipment as stored: its state, and the carrier's other number (the one its public tracking page knows), may be null. */
    public record Stored(ShipmentState state, String alternateNumber) {
    }

    public Optional<Stored> findStored(ShipmentId id) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Stored(state(id, item), str(item, "alternateNumber")));
    }

    private static ShipmentState state(ShipmentId id, Map<String, AttributeValue> item) {
        Long last = num(item, "lastEventAt");
        Long estimateAt = num(item, "estimateAt");
        String estimate = str(item, "estimatedDelivery");
        return new ShipmentState(id, str(item, "orderId"),
                Optional.ofNullable(str(item, "status")).flatMap(TrackingStatus::fromWireName).orElse(null),
                Optional.ofNullable(str(item, "reason")).flatMap(Reason::fromWireName).orElse(null),
                last == null ? null : Instant.ofEpochMilli(last),
                str(item, "location"), str(item, "description"),
                estimate == null ? null : java.time.LocalDate.parse(estimate),
                estimateAt == null ? null : Instant.ofEpochMilli(estimateAt),
                Optional.ofNullable(num(item, "version")).orElse(0L), occurrences(item.get("occurrences")));
    }

    /** {@code {"failed_attempt": 2, …}}; a status this version does not know is skipped. */
    private static Map<TrackingStatus, Integer> occurrences(AttributeValue value) {
        Map<TrackingStatus, Integer> counts = new java.util.EnumMap<>(TrackingStatus.class);
        if (value != null && value.hasM()) {
            value.m().forEach((status, n) -> TrackingStatus.fromWireName(status)
                    .ifPresent(s -> counts.put(s, Integer.parseInt(n.n()))));
        }
        return counts;
    }

    /**
     * Links a shipment to its order and schedules its first poll, without touching any status it
     * already has (events may arrive before the order).
     */
    public void register(ShipmentId id, String orderId, Instant firstPollAt) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET orderId = :order, carrier = :carrier, trackingNumber = :tn, "
                        + "pollShard = if_not_exists(pollShard, :shard), nextPollAt = if_not_exists(nextPollAt, :next), "
                        + "version = if_not_exists(version, :zero)")
                .conditionExpression("attribute_not_exists(#status) OR NOT #status IN (:delivered, :returned)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":order", s(orderId), ":carrier", s(id.carrier()),
                        ":tn", s(id.trackingNumber()), ":shard", s(shardOf(id)), ":next", n(firstPollAt.toEpochMilli()),
                        ":zero", n(0), ":delivered", s(TrackingStatus.DELIVERED.wireName()),
                        ":returned", s(TrackingStatus.RETURNED_TO_SENDER.wireName()))));
    }

    /** Links an already-finished shipment to its order (no poll schedule). */
    public void linkOrder(ShipmentId id, String orderId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("SET orderId = :order")
                .expressionAttributeValues(Map.of(":order", s(orderId))));
    }

    /**
     * Writes the new state if nobody else wrote since it was read.
     *
     * @return false when another writer won: read again and decide again
     */
    public boolean saveIfUnchanged(ShipmentState state) {
        return saveIfUnchanged(state, Extras.NONE);
    }

    /**
     * What a write of new state also records, decided by the normalizer from the event that moved it.
     *
     * @param alternateNumber the shipment's other number at its carrier (found by {@link #findByNumber}), may be null
     * @param nextPollAt      when to poll it next (the poll policy's answer to the new state), may be null: unchanged
     * @param pushAt          when its carrier pushed the event (polls pause while pushes arrive), may be null
     */
    public record Extras(String alternateNumber, Instant nextPollAt, Instant pushAt) {
        public static final Extras NONE = new Extras(null, null, null);
    }

    public boolean saveIfUnchanged(ShipmentState state, Extras extras) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        names.put("#location", "location");
        values.put(":version", n(state.version() + 1));
        values.put(":carrier", s(state.id().carrier()));
        values.put(":tn", s(state.id().trackingNumber()));
        values.put(":updated", s(Instant.now().toString()));
        StringBuilder set = new StringBuilder("SET version = :version, carrier = :carrier, trackingNumber = :tn, updatedAt = :updated");
        List<String> remove = new ArrayList<>();
        // a shipment may have an expected date before its first status (a date update comes first)
        optional(set, remove, values, "#status", "status", state.status() == null ? null : state.status().wireName());
        if (state.lastEventAt() != null) {
            set.append(", lastEventAt = :last");
            values.put(":last", n(state.lastEventAt().toEpochMilli()));
        }
        optional(set, remove, values, "reason", "reason", state.reason() == null ? null : state.reason().wireName());
        optional(set, remove, values, "#location", "location", state.location());
        optional(set, remove, values, "description", "description", state.description());
        optional(set, remove, values, "estimatedDelivery", "estimate",
                state.estimatedDelivery() == null ? null : state.estimatedDelivery().toString());
        if (state.estimateAt() != null) {
            set.append(", estimateAt = :estimateAt");
            values.put(":estimateAt", n(state.estimateAt().toEpochMilli()));
        }
        if (!state.occurrences().isEmpty()) {
            Map<String, AttributeValue> counts = new HashMap<>();
            state.occurrences().forEach((status, count) -> counts.put(status.wireName(), n(count)));
            set.append(", occurrences = :occurrences");
            values.put(":occurrences", AttributeValue.fromM(counts));
        }
        if (extras.alternateNumber() != null) {
            set.append(", alternateNumber = :alt, numberKey = :numberKey");
            values.put(":alt", s(extras.alternateNumber()));
            values.put(":numberKey", s(numberKey(state.id().carrier(), extras.alternateNumber())));
        }
        if (extras.pushAt() != null) {
            set.append(", lastPushAt = :pushAt");
            values.put(":pushAt", n(extras.pushAt().toEpochMilli()));
        }
        if (state.status() != null && state.status().isTerminal()) {
            remove.add("pollShard");
            remove.add("nextPollAt");
        } else if (extras.nextPollAt() != null) {
            // only indexed (due-polls) once the shipment has a poll shard, i.e. an order registered it
            set.append(", nextPollAt = :nextPoll");
            values.put(":nextPoll", n(extras.nextPollAt().toEpochMilli()));
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        String condition = state.version() == 0 ? "attribute_not_exists(version) OR version = :expected" : "version = :expected";
        values.put(":expected", n(state.version()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(state.id())).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /**
     * A shipment due for a poll, and whom to ask: its carrier by its key, or — for a parcel known only through a
     * marketplace — the marketplace ({@code pollVia}) by the marketplace's key ({@code pollKey}, e.g. the order number).
     */
    public record DuePoll(ShipmentId id, String via, String key, Instant dueAt) {
        public DuePoll(ShipmentId id, String via, String key) {
            this(id, via, key, null);
        }
    }

    /** Shipments whose next poll is due, oldest first per shard, across all shards. */
    public List<DuePoll> findDue(Instant now, int limit) {
        return due(KargoTables.DUE_POLLS_INDEX, "pollShard", "nextPollAt", POLL, now, limit).stream().map(item -> {
            ShipmentId id = ShipmentId.parse(item.get("shipmentId").s());
            String via = str(item, "pollVia");
            String pollKey = str(item, "pollKey");
            Instant dueAt = item.containsKey("nextPollAt") ? Instant.ofEpochMilli(Long.parseLong(item.get("nextPollAt").n())) : null;
            return new DuePoll(id, via == null ? id.carrier() : via, pollKey == null ? id.trackingNumber() : pollKey, dueAt);
        }).toList();
    }

    /**
     * The items of a sharded due index ({@code <prefix>#0} … {@code #}{@value #POLL_SHARDS}{@code -1}) whose time has come,
     * oldest first per shard, at most {@code limit} across the shards.
     */
    private List<Map<String, AttributeValue>> due(String index, String shardAttribute, String timeAttribute, String prefix, Instant now,
                                                  int limit) {
        List<Map<String, AttributeValue>> due = new ArrayList<>();
        for (int shard = 0; shard < POLL_SHARDS && due.size() < limit; shard++) {
            String shardKey = prefix + "#" + shard;
            int remaining = limit - due.size();
            QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(index)
                    .keyConditionExpression(shardAttribute + " = :shard AND " + timeAttribute + " <= :now")
                    .expressionAttributeValues(Map.of(":shard", s(shardKey), ":now", n(now.toEpochMilli())))
                    .limit(remaining));
            due.addAll(response.items());
        }
        return due;
    }

    /**
     * Registers a parcel a marketplace reported: linked to its order, polled through the marketplace by the
     * marketplace's key (its carrier may have no API, as Trendyol Express, or none configured), first poll as given.
     * Like {@link #register}, it never touches a status, and a finished shipment is only linked.
     */
    public void registerVia(ShipmentId id, String orderId, String via, String pollKey, String marketplacePackage, Instant firstPollAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":order", s(orderId), ":carrier", s(id.carrier()),
                ":tn", s(id.trackingNumber()), ":shard", s(shardOf(id)), ":next", n(firstPollAt.toEpochMilli()),
                ":zero", n(0), ":via", s(via), ":key", s(pollKey),
                ":delivered", s(TrackingStatus.DELIVERED.wireName()), ":returned", s(TrackingStatus.RETURNED_TO_SENDER.wireName())));
        String update = "SET orderId = :order, carrier = :carrier, trackingNumber = :tn, pollVia = :via, pollKey = :key, "
                + "pollShard = if_not_exists(pollShard, :shard), nextPollAt = if_not_exists(nextPollAt, :next), "
                + "version = if_not_exists(version, :zero)";
        if (marketplacePackage != null) {
            update += ", marketplacePackage = :package";
            values.put(":package", s(marketplacePackage));
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#status) OR NOT #status IN (:delivered, :returned)")
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException finished) {
            linkOrder(id, orderId);
        }
    }

    /** Moves the next poll; does nothing for a shipment that has left the schedule (terminal). */
    public void schedulePoll(ShipmentId id, Instant next) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("SET nextPollAt = :next")
                    .conditionExpression("attribute_exists(pollShard)")
                    .expressionAttributeValues(Map.of(":next", n(next.toEpochMilli()))));
        } catch (ConditionalCheckFailedException terminal) {
            // reached a terminal status meanwhile: no more polls
        }
    }

    /**
     * Moves the next poll and remembers a digest of the carrier's answer just queued, so the next
     * poll can tell an unchanged answer without queueing it (same effect as {@link #schedulePoll}).
     */
    public void schedulePoll(ShipmentId id, Instant next, String answerDigest) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("SET nextPollAt = :next, answerDigest = :digest")
                    .conditionExpression("attribute_exists(pollShard)")
                    .expressionAttributeValues(Map.of(":next", n(next.toEpochMilli()), ":digest", s(answerDigest))));
        } catch (ConditionalCheckFailedException terminal) {
            // reached a terminal status meanwhile: no more polls
        }
    }

    /** The digest of the last answer queued for this shipment; an eventually consistent read (half a read unit). */
    public Optional<String> answerDigest(ShipmentId id) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(id)).projectionExpression("answerDigest"));
        return Optional.ofNullable(response.hasItem() ? str(response.item(), "answerDigest") : null);
    }

    public Optional<Instant> nextPoll(ShipmentId id) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true));
        return Optional.ofNullable(response.hasItem() ? num(response.item(), "nextPollAt") : null).map(Instant::ofEpochMilli);
    }

    /**
     * A shipment by either of its numbers at a carrier: its key (the tracking number, or the merchant's reference
     * for carriers queried by it) or its alternate number (the carrier's own tracking number), through the index
     * {@value KargoTables#BY_NUMBER_INDEX}.
     */
    public Optional<ShipmentId> findByNumber(String carrier, String number) {
        ShipmentId direct = new ShipmentId(carrier, number);
        GetItemResponse item = dynamo.getItem(b -> b.tableName(table).key(key(direct)).projectionExpression("shipmentId"));
        if (item.hasItem() && !item.item().isEmpty()) {
            return Optional.of(direct);
        }
        QueryResponse found = dynamo.query(b -> b.tableName(table).indexName(KargoTables.BY_NUMBER_INDEX)
                .keyConditionExpression("numberKey = :k")
                .expressionAttributeValues(Map.of(":k", s(numberKey(direct.carrier(), direct.trackingNumber())))).limit(1));
        return found.items().stream().findFirst().map(i -> ShipmentId.parse(i.get("shipmentId").s()));
    }

    /** A shipment found by its tracking number alone, and the order it belongs to (null while none names it). */
    public record Found(ShipmentId id, String orderId) {
    }

    /**
     * The shipment with this tracking number at any of the carriers, for a support ticket that quotes a number without
     * saying whose it is: one BatchGetItem of the direct keys ({@code <carrier>:<number>}), no index. When two carriers
     * both have it (unlikely), the first carrier in order wins.
     */
    public Optional<Found> findByTrackingNumber(java.util.Collection<String> carriers, String number) {
        if (number == null || number.isBlank() || carriers.isEmpty()) {
            return Optional.empty();
        }
        List<String> sorted = new java.util.TreeSet<>(carriers).stream().limit(100).toList();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String carrier : sorted) {
            keys.add(key(new ShipmentId(carrier, number)));
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> ask = Map.of(table,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys)
                        .projectionExpression("shipmentId, orderId").build());
        // unprocessed keys (throttling) are asked again a few times, as the SDK's guide says
        for (int round = 0; round < 4 && !ask.isEmpty(); round++) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = ask;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get("shipmentId").s(), item));
            ask = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        for (String carrier : sorted) {
            ShipmentId id = new ShipmentId(carrier, number);
            Map<String, AttributeValue> item = found.get(id.toString());
            if (item != null) {
                return Optional.of(new Found(id, str(item, "orderId")));
            }
        }
        return Optional.empty();
    }

    static String numberKey(String carrier, String number) {
        return new ShipmentId(carrier, number).toString();
    }

    /** What the poller needs to know of a shipment after asking its carrier; an eventually consistent read. */
    public record PollView(String answerDigest, TrackingStatus status, java.time.LocalDate estimatedDelivery, Instant lastEventAt,
                           Instant lastPushAt) {
    }

    public PollView pollView(ShipmentId id) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(id))
                .projectionExpression("answerDigest, #status, estimatedDelivery, lastEventAt, lastPushAt")
                .expressionAttributeNames(Map.of("#status", "status")));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        Long last = num(item, "lastEventAt");
        Long push = num(item, "lastPushAt");
        String estimate = str(item, "estimatedDelivery");
        return new PollView(str(item, "answerDigest"),
                Optional.ofNullable(str(item, "status")).flatMap(TrackingStatus::fromWireName).orElse(null),
                estimate == null ? null : java.time.LocalDate.parse(estimate),
                last == null ? null : Instant.ofEpochMilli(last), push == null ? null : Instant.ofEpochMilli(push));
    }

    /**
     * When the rules' time rules should look at the shipment next ({@code wakeAt} in the sparse index
     * {@value KargoTables#DUE_WAKES_INDEX}), or none. The write is kept only when it was decided from the shipment's
     * latest event or a later one ({@code wakeFor}): a status change processed late, after a newer one, cannot move
     * the newer one's wake-up. It never creates a shipment.
     *
     * @param decidedFrom the time of the event the wake-up was decided from
     */
    public void scheduleWake(ShipmentId id, Optional<Instant> wakeAt, Instant decidedFrom) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":for", n(decidedFrom.toEpochMilli())));
        String update;
        if (wakeAt.isPresent()) {
            update = "SET wakeAt = :at, wakeShard = :shard, wakeFor = :for";
            values.put(":at", n(wakeAt.get().toEpochMilli()));
            values.put(":shard", s(wakeShardOf(id)));
        } else {
            update = "SET wakeFor = :for REMOVE wakeAt, wakeShard";
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression(update)
                    .conditionExpression("attribute_exists(shipmentId) AND (attribute_not_exists(wakeFor) OR wakeFor <= :for)")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException newer) {
            // a newer event decided the wake-up already, or the shipment is not stored
        }
    }

    /** Shipments whose time rules are due, across all shards (at most {@code limit}). */
    public List<ShipmentId> findWakes(Instant now, int limit) {
        return due(KargoTables.DUE_WAKES_INDEX, "wakeShard", "wakeAt", WAKE, now, limit).stream()
                .map(item -> ShipmentId.parse(item.get("shipmentId").s())).toList();
    }

    /** 24 random bytes: 192 bits, base64url (32 characters), from the platform's strong source. */
    private static final int PAGE_TOKEN_BYTES = 24;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * The shipment's tracking-page token: random ({@value #PAGE_TOKEN_BYTES} bytes of {@link java.security.SecureRandom}),
     * stored with the shipment and found by the index {@value KargoTables#BY_PAGE_TOKEN_INDEX}; never derived from the
     * tracking or order number, a name or a phone. Issued on first use (one conditional write, kept by every later one:
     * two issuing at once agree on the first), empty for a shipment not stored.
     */
    public Optional<String> pageToken(ShipmentId id) {
        GetItemResponse stored = dynamo.getItem(b -> b.tableName(table).key(key(id)).projectionExpression("shipmentId, pageToken"));
        if (!stored.hasItem() || stored.item().isEmpty()) {
            return Optional.empty();
        }
        String token = str(stored.item(), "pageToken");
        if (token != null) {
            return Optional.of(token);
        }
        byte[] random = new byte[PAGE_TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String fresh = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            var updated = dynamo.updateItem(b -> b.tableName(table).key(key(id))
                    .updateExpression("SET pageToken = if_not_exists(pageToken, :token)")
                    .conditionExpression("attribute_exists(shipmentId)")
                    .expressionAttributeValues(Map.of(":token", s(fresh)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
            return Optional.ofNullable(str(updated.attributes(), "pageToken")).or(() -> Optional.of(fresh));
        } catch (ConditionalCheckFailedException gone) {
            return Optional.empty();
        }
    }

    /** The shipment a tracking-page token names; empty for one never issued or revoked. */
    public Optional<ShipmentId> findByPageToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        QueryResponse found = dynamo.query(b -> b.tableName(table).indexName(KargoTables.BY_PAGE_TOKEN_INDEX)
                .keyConditionExpression("pageToken = :t").expressionAttributeValues(Map.of(":t", s(token))).limit(1));
        return found.items().stream().findFirst().map(i -> ShipmentId.parse(i.get("shipmentId").s()));
    }

    /** Revokes the shipment's tracking-page token: its links lead nowhere from now on, and the next use issues a new one. */
    public void revokePageToken(ShipmentId id) {
        dynamo.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("REMOVE pageToken")
                .conditionExpression("attribute_exists(shipmentId)"));
    }

    private static final String POLL = "poll";
    private static final String WAKE = "wake";

    static String wakeShardOf(ShipmentId id) {
        return shard(WAKE, id);
    }

    static String shardOf(ShipmentId id) {
        return shard(POLL, id);
    }

    /** A shipment's shard of a due index: the same for every index, spread by its id. */
    private static String shard(String prefix, ShipmentId id) {
        return prefix + "#" + Math.floorMod(id.toString().hashCode(), POLL_SHARDS);
    }

    private static Map<String, AttributeValue> key(ShipmentId id) {
        return Map.of("shipmentId", s(id.toString()));
    }

    private static void optional(StringBuilder set, List<String> remove, Map<String, AttributeValue> values,
                                 String attribute, String placeholder, String value) {
        if (value == null) {
            remove.add(attribute);
        } else {
            set.append(", ").append(attribute).append(" = :").append(placeholder);
            values.put(":" + placeholder, s(value));
        }
    }
}
