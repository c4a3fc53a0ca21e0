package io.kargotakip.core.shipment;

import io.kargotakip.core.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A parcel with no scan for a number of business hours (24 by default: a Turkish parcel normally moves
 * every working day) is delayed, even if its carrier does not say so: the customer hears it from us before
 * calling. The event's instant is the moment the threshold passed, so the same stall always gives the same
 * event (the same idempotency key, told once), while a stall after a later scan is a new one.
 */
public record StallRule(Duration businessHours, BusinessCalendar calendar) {

    /** The carrier code of the events this rule makes. */
    public static final String CODE = "stall";

    public StallRule {
        if (businessHours.isZero() || businessHours.isNegative()) {
            throw new IllegalArgumentException("the stall threshold must be positive");
        }
    }

    public static StallRule defaults() {
        return new StallRule(Duration.ofHours(24), BusinessCalendar.turkishCarriers());
    }

    /**
     * The {@code delayed} event of a stalled shipment: empty when it is not stalled at {@code now}, when its
     * status is final or already delayed, or before its first scan (nothing has started moving yet).
     */
    public Optional<TrackingEvent> check(ShipmentId shipment, TrackingStatus status, Instant lastScan, Instant now) {
        if (status == null || lastScan == null || status.isTerminal() || status == TrackingStatus.DELAYED
                || status == TrackingStatus.AVAILABLE_FOR_PICKUP || status == TrackingStatus.UNKNOWN) {
            return Optional.empty();
        }
        Instant stalledAt = calendar.plusBusinessHours(lastScan, businessHours);
        if (stalledAt.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new TrackingEvent(shipment.carrier(), shipment.trackingNumber(), TrackingStatus.DELAYED, Reason.OTHER,
                stalledAt.atZone(calendar.zone()).toOffsetDateTime(), null, CODE,
                "no carrier scan for " + businessHours.toHours() + " business hours", null));
    }
}
