package io.kargotakip.core.shipment;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether an event moves a shipment on. Carriers and queues deliver late, twice and out
 * of order, so a status never moves backwards:
 * <ul>
 *   <li>an {@code unknown} event never changes the status;</li>
 *   <li>an event of a later phase (e.g. delivered after in transit) always applies;</li>
 *   <li>an event of an earlier phase never applies (in transit after delivered is a late scan);</li>
 *   <li>inside one phase, only an event newer than the one that set the current status applies.</li>
 * </ul>
 * The expected delivery date follows the newest event that gives one, whatever its status — a
 * carrier's "delivery date updated" notice has no status of its own but moves the ETA — unless the
 * event is older than the one that set the current status.
 */
public final class StatusProgression {

    private StatusProgression() {
    }

    /** The shipment after the event, or empty when the event changes nothing. */
    public static Optional<ShipmentState> apply(ShipmentState current, TrackingEvent event) {
        Instant at = event.occurredAt().toInstant();
        boolean moves = moves(current, event);
        // a late scan's date is as stale as its status
        boolean newerEstimate = event.estimatedDelivery() != null
                && (current.estimateAt() == null || at.isAfter(current.estimateAt()))
                && (current.lastEventAt() == null || !at.isBefore(current.lastEventAt()));
        if (!moves && !newerEstimate) {
            return Optional.empty();
        }
        ShipmentState next = moves ? current.withEvent(event) : current;
        return Optional.of(newerEstimate ? next.withEstimate(event.estimatedDelivery(), at) : next);
    }

    private static boolean moves(ShipmentState current, TrackingEvent event) {
        if (event.status() == TrackingStatus.UNKNOWN) {
            return false;
        }
        if (current.status() == null) {
            return true;
        }
        int currentPhase = current.status().phase();
        int eventPhase = event.status().phase();
        if (eventPhase != currentPhase) {
            return eventPhase > currentPhase;
        }
        return current.lastEventAt() == null || event.occurredAt().toInstant().isAfter(current.lastEventAt());
    }
}
