package io.kargotakip.core.shipment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to ask a carrier again. Every {@code interval} (2 h by default, as the brief says) until
 * the shipment is delivered or back with the sender; sooner after a failed call, but not at once,
 * so a carrier outage does not turn into a retry storm.
 */
public record PollPolicy(Duration interval, Duration retryAfterFailure) {

    public static PollPolicy defaults() {
        return new PollPolicy(Duration.ofHours(2), Duration.ofMinutes(15));
    }

    public Optional<Instant> nextPoll(TrackingStatus current, Instant now) {
        if (current != null && current.isTerminal()) {
            return Optional.empty();
        }
        return Optional.of(afterAnswer(now));
    }

    /**
     * The next poll after the carrier answered. Whether that answer ends the polling is known only
     * once it is normalized; the shipment then leaves the schedule ({@link TrackingStatus#isTerminal}).
     */
    public Instant afterAnswer(Instant now) {
        return now.plus(interval);
    }

    public Instant afterFailure(Instant now) {
        return now.plus(retryAfterFailure);
    }
}
