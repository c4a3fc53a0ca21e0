package io.kargotakip.core.shipment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When to ask a carrier again — as seldom as keeps the customer's news timely:
 * <ul>
 *   <li>every {@code interval} (2 h, as the brief says) while the parcel moves;</li>
 *   <li>every {@code deliveryDay} (30 min) on its delivery day — out for delivery, or expected today — when
 *       a failed attempt or the delivery itself is news the customer waits for;</li>
 *   <li>not while the carrier pushes: after a push, the next poll waits {@code afterPush} (12 h) from it, so
 *       polling only reconciles when pushes stop;</li>
 *   <li>never after a terminal status;</li>
 *   <li>sooner after a failed call ({@code retryAfterFailure}, 15 min), but not at once, so a carrier outage
 *       does not turn into a retry storm.</li>
 * </ul>
 */
public record PollPolicy(Duration interval, Duration retryAfterFailure, Duration deliveryDay, Duration afterPush, ZoneId zone) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(2);
    public static final Duration DEFAULT_DELIVERY_DAY = Duration.ofMinutes(30);
    public static final Duration DEFAULT_AFTER_PUSH = Duration.ofHours(12);

    public PollPolicy(Duration interval, Duration retryAfterFailure) {
        this(interval, retryAfterFailure, DEFAULT_DELIVERY_DAY.compareTo(interval) < 0 ? DEFAULT_DELIVERY_DAY : interval,
                DEFAULT_AFTER_PUSH, ZoneId.of("Europe/Istanbul"));
    }

    public static PollPolicy defaults() {
        return new PollPolicy(DEFAULT_INTERVAL, Duration.ofMinutes(15));
    }

    /**
     * The next poll of a shipment in this state.
     *
     * @param estimatedDelivery the carrier's expected date, may be null
     * @param lastPushAt        when the carrier last pushed an event of it, may be null
     */
    public Optional<Instant> next(TrackingStatus status, LocalDate estimatedDelivery, Instant lastPushAt, Instant now) {
        if (status != null && status.isTerminal()) {
            return Optional.empty();
        }
        boolean deliveryToday = status == TrackingStatus.OUT_FOR_DELIVERY
                || (estimatedDelivery != null && estimatedDelivery.equals(now.atZone(zone).toLocalDate()));
        Instant next = now.plus(deliveryToday ? deliveryDay : interval);
        if (lastPushAt != null && lastPushAt.plus(afterPush).isAfter(next)) {
            next = lastPushAt.plus(afterPush);
        }
        return Optional.of(next);
    }

    /** Kept for callers that know only the status. */
    public Optional<Instant> nextPoll(TrackingStatus current, Instant now) {
        return next(current, null, null, now);
    }

    /** The next poll after an answer, before it is normalized (the normalizer may move it by what it says). */
    public Instant afterAnswer(Instant now) {
        return now.plus(interval);
    }

    public Instant afterFailure(Instant now) {
        return now.plus(retryAfterFailure);
    }
}
