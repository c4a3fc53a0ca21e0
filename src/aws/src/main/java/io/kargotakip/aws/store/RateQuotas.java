package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.s;

/**
 * Counters shared by every instance of a function, one small item per named window ({@code quota#dhl#2026-12-01},
 * {@code rate#sms#1796112000}) in the shipments table, expiring when the window is long past. Whoever takes from a
 * window's budget does it with a conditional write, so no number of concurrent workers spends more than the limit:
 * the poll scheduler takes a carrier's daily calls ({@link CarrierQuotas}), the sender takes a channel's sends per
 * second.
 */
public final class RateQuotas {

    private static final int MAX_CONFLICTS = 8;
    /** The table's partition key: the counters live among the shipments. */
    static final String KEY = "shipmentId";

    private final DynamoDbClient dynamo;
    private final String table;

    public RateQuotas(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Takes up to {@code wanted} from the window's budget of {@code limit}: a consistent read, then a write conditional on
     * the count read (read again when another worker took some meanwhile).
     *
     * @return how many were granted (0 when the budget is spent)
     */
    public int take(String window, int wanted, long limit, Instant expires) {
        if (wanted <= 0) {
            return 0;
        }
        Map<String, AttributeValue> key = key(window);
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            long used = item == null || num(item, "calls") == null ? 0 : num(item, "calls");
            int granted = (int) Math.max(0, Math.min(wanted, limit - used));
            if (granted == 0) {
                return 0;
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("SET calls = :now, " + KargoTables.TTL_ATTRIBUTE + " = :expires")
                        .conditionExpression(used == 0 ? "attribute_not_exists(calls) OR calls = :used" : "calls = :used")
                        .expressionAttributeValues(Map.of(":now", n(used + granted), ":used", n(used), ":expires", n(expires.getEpochSecond()))));
                return granted;
            } catch (ConditionalCheckFailedException raced) {
                // another worker took some meanwhile: read again
            }
        }
        return 0;
    }

    /**
     * A place in the window's queue, in one write (no read, no failed condition): the window counts every taker, and
     * the {@code n}-th may go when {@code n} is within the budget; past it, the place says how far behind it is, so a
     * sender can wait exactly as many windows as the ones before it need (what a sender spends per message).
     *
     * @return this taker's place, 1 for the first
     */
    public long place(String window, Instant expires) {
        var response = dynamo.updateItem(b -> b.tableName(table).key(key(window))
                .updateExpression("SET " + KargoTables.TTL_ATTRIBUTE + " = :expires ADD calls :one")
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expires.getEpochSecond())))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
        Long calls = num(response.attributes(), "calls");
        return calls == null ? 1 : calls;
    }

    /** What the window has spent (for tests and operators). */
    public long used(String window) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(window)).consistentRead(true)).item();
        Long calls = item == null ? null : num(item, "calls");
        return calls == null ? 0 : calls;
    }

    private static Map<String, AttributeValue> key(String window) {
        return Map.of(KEY, s(window));
    }
}
