package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.LocalDate;

/**
 * A carrier's daily call quota (DHL's starter plan: 250 calls a day, the window resetting at 24:00 GMT), as
 * a counter per carrier and UTC day: one small item {@code quota#<carrier>#<date>} in the shipments table,
 * expiring two days later. The poll scheduler takes what a run may spend before it queues the calls, so
 * no number of workers can spend more than the carrier allows. The counter is a {@link RateQuotas} window.
 */
public final class CarrierQuotas {

    private final RateQuotas quotas;

    public CarrierQuotas(DynamoDbClient dynamo, String table) {
        this.quotas = new RateQuotas(dynamo, table);
    }

    /** @return how many of {@code wanted} calls may be made today (UTC), at most {@code perDay} in the day */
    public int take(String carrier, LocalDate utcDay, int wanted, int perDay) {
        return quotas.take(window(carrier, utcDay), wanted, perDay, utcDay.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    /** Calls spent today (for tests and operators). */
    public long used(String carrier, LocalDate utcDay) {
        return quotas.used(window(carrier, utcDay));
    }

    private static String window(String carrier, LocalDate utcDay) {
        return "quota#" + carrier + "#" + utcDay;
    }

    public static Duration untilNextUtcDay(java.time.Instant now) {
        return Duration.between(now, now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }
}
