package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * The consent ledger (KVKK): per customer ({@link io.kargotakip.core.order.CustomerId}), every opt-in and opt-out of
 * every channel with its time, source and the text the customer was shown, append-only, in one item of the orders
 * table, {@code consent#<customerId>} (order ids cannot contain {@code #}). The latest entry of a channel is the
 * customer's current preference, with one exception: an order import's grant does not lift an opt-out the customer
 * made (link, reply, preference API) — merchants send the same checkbox with every order, the customer's own
 * "stop" stands until the customer grants again.
 */
public final class ConsentLedger {

    public static final String ORDER_IMPORT = "order-import";
    public static final String OPT_OUT_LINK = "opt-out-link";
    public static final String REPLY = "reply";
    public static final String PREFERENCE_API = "preference-api";
    /** The web-push script on the merchant's page: the customer allowed notifications in the browser, or turned them off. */
    public static final String BROWSER_SUBSCRIPTION = "browser-subscription";
    /** The tracking page's preference centre, where the customer chose herself. */
    public static final String TRACKING_PAGE = "tracking-page";
    public static final Set<String> SOURCES = Set.of(ORDER_IMPORT, OPT_OUT_LINK, REPLY, PREFERENCE_API, BROWSER_SUBSCRIPTION, TRACKING_PAGE);

    /** One recorded choice; {@code text} is what the customer saw when making it (null when unknown or erased). */
    public record Entry(String channel, boolean granted, Instant at, String source, String text) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ConsentLedger(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    public static String key(String customerId) {
        return "consent#" + customerId;
    }

    /** Appends one entry (one write; the list grows, nothing is replaced). */
    public void append(String customerId, Entry entry) {
        Map<String, AttributeValue> e = new HashMap<>();
        e.put("channel", s(entry.channel()));
        e.put("granted", AttributeValue.fromBool(entry.granted()));
        e.put("at", s(entry.at().toString()));
        e.put("source", s(entry.source()));
        if (entry.text() != null) {
            e.put("text", s(entry.text()));
        }
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(key(customerId))))
                .updateExpression("SET entries = list_append(if_not_exists(entries, :empty), :e)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()), ":e",
                        AttributeValue.fromL(List.of(AttributeValue.fromM(e))))));
    }

    /**
     * Appends the choices that differ from the channel's latest entry (an import repeats the same checkbox with every
     * order): an import's grant after the customer's opt-out is recorded once, as evidence, and does not decide.
     */
    public void appendChanges(String customerId, List<Entry> entries) {
        Map<String, Entry> latest = new java.util.HashMap<>();
        history(customerId).forEach(e -> latest.put(e.channel(), e));
        for (Entry entry : entries) {
            Entry now = latest.get(entry.channel());
            if (now == null || now.granted() != entry.granted()) {
                append(customerId, entry);
            }
        }
    }

    /** Every entry, oldest first; empty for an unknown customer. */
    public List<Entry> history(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(key(customerId))))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("entries")) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (AttributeValue v : item.get("entries").l()) {
            Map<String, AttributeValue> m = v.m();
            out.add(new Entry(str(m, "channel"), Boolean.TRUE.equals(m.get("granted").bool()), Instant.parse(str(m, "at")),
                    str(m, "source"), str(m, "text")));
        }
        return out;
    }

    /** The current preference per channel: the entry that decides it. */
    public Map<String, Entry> current(String customerId) {
        return current(history(customerId));
    }

    public static Map<String, Entry> current(List<Entry> history) {
        Map<String, Entry> current = new LinkedHashMap<>();
        for (Entry e : history) {
            Entry before = current.get(e.channel());
            boolean customersOwnStop = before != null && !before.granted() && !ORDER_IMPORT.equals(before.source());
            if (e.granted() && ORDER_IMPORT.equals(e.source()) && customersOwnStop) {
                continue;
            }
            current.put(e.channel(), e);
        }
        return current;
    }

    /** The customer's current choice for the channel, if the ledger has one. */
    public Optional<Boolean> granted(String customerId, String channel) {
        return Optional.ofNullable(current(customerId).get(channel)).map(Entry::granted);
    }

    /** Erasure: the entries stay (what was allowed when, for the record) without the texts shown; one write. */
    public void eraseTexts(String customerId) {
        List<Entry> history = history(customerId);
        if (history.isEmpty()) {
            return;
        }
        String remove = "REMOVE " + String.join(", ", java.util.stream.IntStream.range(0, history.size()).mapToObj(i -> "entries[" + i + "].#t").toList());
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(key(customerId)))).updateExpression(remove)
                .expressionAttributeNames(Map.of("#t", "text")));
    }
}
