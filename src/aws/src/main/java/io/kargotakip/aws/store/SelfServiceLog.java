package io.kargotakip.aws.store;

import io.kargotakip.core.address.Address;
import io.kargotakip.core.shipment.ShipmentId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * What a customer did on her shipment's tracking page, among the shipments (items {@code address#<shipment>},
 * {@code reschedule#<shipment>}, {@code nps#<shipment>}), kept as long as the shipment's timeline
 * ({@code KARGO_TIMELINE_RETENTION_DAYS}, TTL {@code expiresAt} from the last write):
 * <ul>
 *   <li>the delivery address changes, every one kept in order ({@code changes}), the newest also as {@code current},
 *       {@code pending} until operations confirm it (the carriers have no address-change API: operations pass it on);</li>
 *   <li>the delivery days asked for ({@code requests}), the newest counts ({@code latestDay});</li>
 *   <li>the delivery-day survey's answer, one per shipment: the first stands.</li>
 * </ul>
 * Each is one write (an append with its counter, a conditional put), so two posts at once cannot lose one. The items
 * hold an address and free text: {@link CustomerErasure} deletes them with their customer ({@link #keysOf}). Reads
 * ignore an item past its {@code expiresAt} (TTL deletion is lazy), and a write to one starts it afresh.
 */
public final class SelfServiceLog {

    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";

    /**
     * One address change.
     *
     * @param number      1 for the shipment's first change, then 2, …
     * @param state       {@link #PENDING} or {@link #CONFIRMED}
     * @param confirmedAt when operations confirmed it, or null
     */
    public record AddressChange(int number, Address address, Instant at, String state, Instant confirmedAt) {
        public boolean pending() {
            return PENDING.equals(state);
        }
    }

    /** One delivery day asked for; {@code number} 1 for the shipment's first request. */
    public record Reschedule(int number, LocalDate day, Instant at) {
    }

    /** The survey's answer: a score 0–10, the comment (null when none) and when. */
    public record NpsAnswer(int score, String comment, Instant at) {
    }

    /** What an answer came to: the shipment's first, or a later one while the first stands (returned as stored). */
    public sealed interface NpsRecorded {
        NpsAnswer answer();

        record First(NpsAnswer answer) implements NpsRecorded {
        }

        record Stands(NpsAnswer answer) implements NpsRecorded {
        }
    }

    private static final String ADDRESS = "address#";
    private static final String RESCHEDULE = "reschedule#";
    private static final String NPS = "nps#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public SelfServiceLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** The keys of a shipment's self-service items, for erasure. */
    public static List<String> keysOf(ShipmentId shipment) {
        return List.of(ADDRESS + shipment, RESCHEDULE + shipment, NPS + shipment);
    }

    /** Appends a change, pending, and makes it the current one; it comes back with its number. */
    public AddressChange changeAddress(ShipmentId shipment, Address address, Instant at) {
        Map<String, AttributeValue> change = address(address);
        change.put("at", s(at.toString()));
        change.put("state", s(PENDING));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":change", AttributeValue.fromL(List.of(AttributeValue.fromM(change))));
        values.put(":current", AttributeValue.fromM(change));
        Map<String, AttributeValue> written = append(ADDRESS + shipment,
                "SET changes = list_append(if_not_exists(changes, :empty), :change), #current = :current", values, "changeCount", at);
        return new AddressChange(num(written, "changeCount").intValue(), address, at, PENDING, null);
    }

    /**
     * Marks the current change confirmed, in the history too. Empty when there is none, or when the customer changed it
     * again since it was read (the newer one stays pending: its own alert is on its way). A confirmed one is returned
     * as it is.
     */
    public Optional<AddressChange> confirmAddress(ShipmentId shipment, Instant at) {
        Optional<AddressChange> current = findAddress(shipment, at);
        if (current.isEmpty() || !current.get().pending()) {
            return current;
        }
        int number = current.get().number();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(ADDRESS + shipment))
                    .updateExpression("SET changes[" + (number - 1) + "].#state = :confirmed, changes[" + (number - 1) + "].confirmedAt = :at, "
                            + "#current.#state = :confirmed, #current.confirmedAt = :at")
                    .conditionExpression("changeCount = :number")
                    .expressionAttributeNames(Map.of("#state", "state", "#current", "current"))
                    .expressionAttributeValues(Map.of(":confirmed", s(CONFIRMED), ":at", s(at.toString()), ":number", n(number))));
        } catch (ConditionalCheckFailedException changedAgain) {
            return Optional.empty();
        }
        AddressChange c = current.get();
        return Optional.of(new AddressChange(number, c.address(), c.at(), CONFIRMED, at));
    }

    /** The current address change, what the page shows. */
    public Optional<AddressChange> findAddress(ShipmentId shipment, Instant now) {
        return live(ADDRESS + shipment, now).map(SelfServiceLog::currentChange);
    }

    private static AddressChange currentChange(Map<String, AttributeValue> item) {
        return change(num(item, "changeCount").intValue(), item.get("current").m());
    }

    /** What the tracking page shows of all three: one read (BatchGetItem) of the shipment's self-service items. */
    public record Found(Optional<AddressChange> address, Optional<Reschedule> reschedule, Optional<NpsAnswer> nps) {
    }

    public Found findAll(ShipmentId shipment, Instant now) {
        var keys = List.of(key(ADDRESS + shipment), key(RESCHEDULE + shipment), key(NPS + shipment));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> wanted = Map.of(table,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !wanted.isEmpty() && attempt < 5; attempt++) {
            var request = wanted;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                Long expires = num(item, KargoTables.TTL_ATTRIBUTE);
                if (expires == null || expires >= now.getEpochSecond()) {
                    found.put(str(item, RateQuotas.KEY), item);
                }
            });
            wanted = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return new Found(Optional.ofNullable(found.get(ADDRESS + shipment)).map(SelfServiceLog::currentChange),
                Optional.ofNullable(found.get(RESCHEDULE + shipment)).map(SelfServiceLog::latestRequest),
                Optional.ofNullable(found.get(NPS + shipment)).map(SelfServiceLog::npsAnswer));
    }

    /** Every address change of the shipment, oldest first. */
    public List<AddressChange> addressHistory(ShipmentId shipment, Instant now) {
        List<AddressChange> changes = new ArrayList<>();
        live(ADDRESS + shipment, now).ifPresent(item -> {
            List<AttributeValue> all = item.get("changes").l();
            for (int i = 0; i < all.size(); i++) {
                changes.add(change(i + 1, all.get(i).m()));
            }
        });
        return changes;
    }

    /** Appends a request for {@code day}; the latest counts. It comes back with its number. */
    public Reschedule reschedule(ShipmentId shipment, LocalDate day, Instant at) {
        Map<String, AttributeValue> request = Map.of("day", s(day.toString()), "at", s(at.toString()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":request", AttributeValue.fromL(List.of(AttributeValue.fromM(request))));
        values.put(":day", s(day.toString()));
        values.put(":at", s(at.toString()));
        Map<String, AttributeValue> written = append(RESCHEDULE + shipment,
                "SET requests = list_append(if_not_exists(requests, :empty), :request), latestDay = :day, latestAt = :at", values,
                "requestCount", at);
        return new Reschedule(num(written, "requestCount").intValue(), day, at);
    }

    /** The latest delivery day asked for. */
    public Optional<Reschedule> findReschedule(ShipmentId shipment, Instant now) {
        return live(RESCHEDULE + shipment, now).map(SelfServiceLog::latestRequest);
    }

    private static Reschedule latestRequest(Map<String, AttributeValue> item) {
        return new Reschedule(num(item, "requestCount").intValue(), LocalDate.parse(str(item, "latestDay")), Instant.parse(str(item, "latestAt")));
    }

    /** Every delivery day asked for, oldest first. */
    public List<Reschedule> rescheduleHistory(ShipmentId shipment, Instant now) {
        List<Reschedule> requests = new ArrayList<>();
        live(RESCHEDULE + shipment, now).ifPresent(item -> {
            List<AttributeValue> all = item.get("requests").l();
            for (int i = 0; i < all.size(); i++) {
                Map<String, AttributeValue> r = all.get(i).m();
                requests.add(new Reschedule(i + 1, LocalDate.parse(str(r, "day")), Instant.parse(str(r, "at"))));
            }
        });
        return requests;
    }

    /** Records the survey's answer unless the shipment has one (one conditional put); a later answer gets the first back. */
    public NpsRecorded answerNps(ShipmentId shipment, int score, String comment, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RateQuotas.KEY, s(NPS + shipment));
        item.put("score", n(score));
        putIfPresent(item, "comment", comment);
        item.put("answeredAt", s(at.toString()));
        item.put(KargoTables.TTL_ATTRIBUTE, n(at.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + RateQuotas.KEY + ") OR " + KargoTables.TTL_ATTRIBUTE + " < :now")
                    .expressionAttributeValues(Map.of(":now", n(at.getEpochSecond()))));
            return new NpsRecorded.First(new NpsAnswer(score, comment, at));
        } catch (ConditionalCheckFailedException answered) {
            return new NpsRecorded.Stands(findNps(shipment, at).orElse(new NpsAnswer(score, comment, at)));
        }
    }

    public Optional<NpsAnswer> findNps(ShipmentId shipment, Instant now) {
        return live(NPS + shipment, now).map(SelfServiceLog::npsAnswer);
    }

    private static NpsAnswer npsAnswer(Map<String, AttributeValue> item) {
        return new NpsAnswer(num(item, "score").intValue(), str(item, "comment"), Instant.parse(str(item, "answeredAt")));
    }

    /**
     * One update that appends to a history and counts it ({@code ADD <counter> :one}), returning the new count. An item
     * whose time is past but not yet deleted by TTL is deleted first, so an old history does not come back.
     */
    private Map<String, AttributeValue> append(String key, String set, Map<String, AttributeValue> values, String counter, Instant at) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":empty", AttributeValue.fromL(List.of()));
        all.put(":one", n(1));
        all.put(":expires", n(at.plus(retention).getEpochSecond()));
        all.put(":now", n(at.getEpochSecond()));
        String expression = set + ", " + KargoTables.TTL_ATTRIBUTE + " = :expires ADD " + counter + " :one";
        for (int attempt = 0; ; attempt++) {
            try {
                return dynamo.updateItem(b -> {
                    b.tableName(table).key(key(key)).updateExpression(expression)
                            .conditionExpression("attribute_not_exists(" + KargoTables.TTL_ATTRIBUTE + ") OR " + KargoTables.TTL_ATTRIBUTE + " >= :now")
                            .expressionAttributeValues(all).returnValues(ReturnValue.UPDATED_NEW);
                    if (set.contains("#current")) {
                        b.expressionAttributeNames(Map.of("#current", "current")); // CURRENT is a reserved word
                    }
                }).attributes();
            } catch (ConditionalCheckFailedException expired) {
                if (attempt > 0) {
                    throw expired;
                }
                try {
                    dynamo.deleteItem(b -> b.tableName(table).key(key(key)).conditionExpression(KargoTables.TTL_ATTRIBUTE + " < :now")
                            .expressionAttributeValues(Map.of(":now", n(at.getEpochSecond()))));
                } catch (ConditionalCheckFailedException renewed) {
                    // another write started it afresh meanwhile: append to that one
                }
            }
        }
    }

    private Optional<Map<String, AttributeValue>> live(String key, Instant now) {
        var response = dynamo.getItem(b -> b.tableName(table).key(key(key)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Long expires = num(response.item(), KargoTables.TTL_ATTRIBUTE);
        return expires != null && expires < now.getEpochSecond() ? Optional.empty() : Optional.of(response.item());
    }

    private static Map<String, AttributeValue> address(Address a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("province", s(a.province()));
        m.put("district", s(a.district()));
        m.put("neighbourhood", s(a.neighbourhood()));
        m.put("postalCode", s(a.postalCode()));
        m.put("line", s(a.line()));
        putIfPresent(m, "building", a.building());
        return m;
    }

    private static AddressChange change(int number, Map<String, AttributeValue> m) {
        String confirmed = str(m, "confirmedAt");
        return new AddressChange(number, new Address(str(m, "province"), str(m, "district"), str(m, "neighbourhood"), str(m, "postalCode"),
                str(m, "line"), str(m, "building")), Instant.parse(str(m, "at")), str(m, "state"), confirmed == null ? null : Instant.parse(confirmed));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(RateQuotas.KEY, s(key));
    }
}
