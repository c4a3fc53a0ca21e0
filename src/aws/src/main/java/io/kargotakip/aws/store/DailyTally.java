package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;

/**
 * What the rules decided in a day, for operations' daily summary and exception report: one item per day
 * ({@code tally#<date>}, among the shipments like the other counters, expiring after a week) with a counter per
 * measure ({@code messages.email}, {@code kind.delivered}, {@code alerts}, …) and the day's exceptions as a set of
 * lines (ids, statuses and order numbers: no personal data). The rule evaluation adds only what it stored anew, so a
 * replayed status change counts nothing twice; the set keeps a line once however often it is added.
 */
public final class DailyTally {

    /** At most this many exception lines a day: the report says how many more there were. */
    public static final int EXCEPTION_LINES = 500;

    private final DynamoDbClient dynamo;
    private final String table;

    public DailyTally(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A day's tally as read back. */
    public record Tally(Map<String, Long> counts, List<String> exceptions, long exceptionsLeftOut) {
        public long count(String measure) {
            return counts.getOrDefault(measure, 0L);
        }
    }

    /** Adds counts and exception lines to the day (one write; none when there is nothing to add). */
    public void add(LocalDate day, Map<String, Long> counts, Set<String> exceptions, Instant expires) {
        if (counts.isEmpty() && exceptions.isEmpty()) {
            return;
        }
        try {
            update(day, counts, exceptions, expires, true);
        } catch (ConditionalCheckFailedException full) {
            // the day's list is full: the lines are counted, not kept
            Map<String, Long> withLeftOut = new HashMap<>(counts);
            withLeftOut.merge("exceptions.left_out", (long) exceptions.size(), Long::sum);
            update(day, withLeftOut, Set.of(), expires, false);
        }
    }

    private void update(LocalDate day, Map<String, Long> counts, Set<String> exceptions, Instant expires, boolean capped) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> count : new TreeMap<>(counts).entrySet()) {
            names.put("#c" + i, "c." + count.getKey());
            values.put(":c" + i, n(count.getValue()));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        if (!exceptions.isEmpty()) {
            adds.add("#x :lines");
            names.put("#x", "exceptions");
            values.put(":lines", AttributeValue.fromSs(List.copyOf(exceptions)));
        }
        values.put(":expires", n(expires.getEpochSecond()));
        boolean condition = capped && !exceptions.isEmpty();
        if (condition) {
            values.put(":cap", n(EXCEPTION_LINES));
        }
        String expression = "SET " + KargoTables.TTL_ATTRIBUTE + " = :expires ADD " + String.join(", ", adds);
        dynamo.updateItem(b -> {
            b.tableName(table).key(key(day)).updateExpression(expression).expressionAttributeValues(values);
            if (!names.isEmpty()) {
                b.expressionAttributeNames(names);
            }
            if (condition) {
                b.conditionExpression("attribute_not_exists(#x) OR size(#x) < :cap");
            }
        });
    }

    public Tally read(LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(day)).consistentRead(true)).item();
        Map<String, Long> counts = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        if (item != null) {
            item.forEach((name, value) -> {
                if (name.startsWith("c.") && value.n() != null) {
                    counts.put(name.substring(2), Long.parseLong(value.n()));
                }
            });
            if (item.containsKey("exceptions")) {
                lines.addAll(item.get("exceptions").ss());
                lines.sort(null);
            }
        }
        long leftOut = counts.getOrDefault("exceptions.left_out", 0L);
        counts.remove("exceptions.left_out");
        return new Tally(counts, lines, leftOut);
    }

    private static Map<String, AttributeValue> key(LocalDate day) {
        return Map.of(RateQuotas.KEY, s("tally#" + day));
    }
}
