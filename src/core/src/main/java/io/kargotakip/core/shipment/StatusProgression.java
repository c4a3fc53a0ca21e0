package io.kargotakip.core.shipment;

import java.util.Optional;

/**
 * Decides whether an event moves a shipment on. Carriers and queues deliver late, twice and out
 * of order, so a status never moves backwards:
 * <ul>
 *   <li>an {@code unknown} event changes nothing;</li>
 *   <li>an event of a later phase (e.g. delivered after in transit) always applies;</li>
 *   <li>an event of an earlier phase never applies (in transit after delivered is a late scan);</li>
 *   <li>inside one phase, only an event newer than the one that set the current status applies.</li>
 * </ul>
 */
public final class StatusProgression {

    private StatusProgression() {
    }

    /** The shipment after the event, or empty when the event does not move it. */
    public static Optional<ShipmentState> apply(ShipmentState current, TrackingEvent event) {
        if (event.status() == TrackingStatus.UNKNOWN) {
            return Optional.empty();
        }
        if (current.status() == null) {
            return Optional.of(current.withEvent(event));
        }
        int currentPhase = current.status().phase();
        int eventPhase = event.status().phase();
        if (eventPhase > currentPhase) {
            return Optional.of(current.withEvent(event));
        }
        if (eventPhase < currentPhase) {
            return Optional.empty();
        }
        boolean newer = current.lastEventAt() == null || event.occurredAt().toInstant().isAfter(current.lastEventAt());
        return newer ? Optional.of(current.withEvent(event)) : Optional.empty();
    }
}
