package io.kargotakip.core.shipment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StallRuleTest {

    private static final ShipmentId PARCEL = new ShipmentId("aras", "MOK-1001");
    private final StallRule rule = StallRule.defaults();

    private static Instant istanbul(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Istanbul")).toInstant();
    }

    @Test
    void aParcelWithoutAScanForTwentyFourBusinessHoursIsDelayed() {
        // Tuesday 10:00: 8 h left on Tuesday, 9 on Wednesday, the 24th hour ends on Thursday at 16:00
        Instant lastScan = istanbul("2026-12-01T10:00");
        Optional<TrackingEvent> early = rule.check(PARCEL, TrackingStatus.IN_TRANSIT, lastScan, istanbul("2026-12-03T15:59"));
        Optional<TrackingEvent> late = rule.check(PARCEL, TrackingStatus.IN_TRANSIT, lastScan, istanbul("2026-12-04T13:00"));

        assertThat(early).isEmpty();
        assertThat(late).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.DELAYED);
            assertThat(e.reason()).isEqualTo(Reason.OTHER);
            assertThat(e.carrier()).isEqualTo("aras");
            assertThat(e.trackingNumber()).isEqualTo("MOK-1001");
            assertThat(e.carrierCode()).isEqualTo(StallRule.CODE);
            assertThat(e.occurredAt().toInstant()).isEqualTo(istanbul("2026-12-03T16:00"));
            assertThat(e.occurredAt().getOffset()).as("told in Istanbul time").hasToString("+03:00");
        });
    }

    @Test
    void theSameStallIsTheSameEventAndALaterOneIsANewOne() {
        Instant lastScan = istanbul("2026-12-01T10:00");
        TrackingEvent first = rule.check(PARCEL, TrackingStatus.IN_TRANSIT, lastScan, istanbul("2026-12-05T10:00")).orElseThrow();
        TrackingEvent again = rule.check(PARCEL, TrackingStatus.IN_TRANSIT, lastScan, istanbul("2026-12-07T10:00")).orElseThrow();
        TrackingEvent afterNewScan = rule.check(PARCEL, TrackingStatus.IN_TRANSIT, istanbul("2026-12-07T09:30"),
                istanbul("2026-12-12T10:00")).orElseThrow();

        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(afterNewScan.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }

    @Test
    void finishedWaitingAlreadyDelayedOrNotStartedParcelsAreLeftAlone() {
        Instant lastScan = istanbul("2026-11-01T10:00");
        Instant now = istanbul("2026-12-01T10:00");
        for (TrackingStatus s : new TrackingStatus[] {TrackingStatus.DELIVERED, TrackingStatus.RETURNED_TO_SENDER, TrackingStatus.DELAYED,
                TrackingStatus.AVAILABLE_FOR_PICKUP}) {
            assertThat(rule.check(PARCEL, s, lastScan, now)).as(s.name()).isEmpty();
        }
        assertThat(rule.check(PARCEL, null, null, now)).isEmpty();
    }

    @Test
    void aBayramDoesNotMakeAParcelLate() {
        // last scan on the morning of Kurban Bayramı's arife (26 May 2026): 27-30 May are off, 31 May is Sunday
        Instant lastScan = istanbul("2026-05-26T10:00");
        assertThat(rule.check(PARCEL, TrackingStatus.IN_TRANSIT, lastScan, istanbul("2026-06-01T18:00"))).isEmpty();
    }
}
