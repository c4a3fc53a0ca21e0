package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.s;

/**
 * A carrier's daily call quota (DHL's starter plan: 250 calls a day, the window resetting at 24:00 GMT), as
 * a counter per carrier and UTC day: one small item {@code quota#<carrier>#<date>} in the shipments table,
 * expiring two days later. The poll scheduler takes what a run may spend before it queues the calls, so
 * no number of workers can spend more than the carrier allows.
 */
public final class CarrierQuotas {

    private static final int MAX_CONFLICTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public CarrierQuotas(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @return how many of {@code wanted} calls may be made today (UTC), at most {@code perDay} in the day */
    public int take(String carrier, LocalDate utcDay, int wanted, int perDay) {
        if (wanted <= 0) {
            return 0;
        }
        Map<String, AttributeValue> key = Map.of("shipmentId", s("quota#" + carrier + "#" + utcDay));
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            long used = item == null || num(item, "calls") == null ? 0 : num(item, "calls");
            int granted = (int) Math.max(0, Math.min(wanted, perDay - used));
            if (granted == 0) {
                return 0;
            }
            long expires = utcDay.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("SET calls = :now, " + KargoTables.TTL_ATTRIBUTE + " = :expires")
                        .conditionExpression(used == 0 ? "attribute_not_exists(calls) OR calls = :used" : "calls = :used")
                        .expressionAttributeValues(Map.of(":now", n(used + granted), ":used", n(used), ":expires", n(expires))));
                return granted;
            } catch (ConditionalCheckFailedException raced) {
                // another scheduler took some meanwhile: read again
            }
        }
        return 0;
    }

    /** Calls spent today (for tests and operators). */
    public long used(String carrier, LocalDate utcDay) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("shipmentId", s("quota#" + carrier + "#" + utcDay)))
                .consistentRead(true)).item();
        Long calls = item == null ? null : num(item, "calls");
        return calls == null ? 0 : calls;
    }

    public static Duration untilNextUtcDay(java.time.Instant now) {
        return Duration.between(now, now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }
}
