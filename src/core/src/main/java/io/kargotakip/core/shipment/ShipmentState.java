package io.kargotakip.core.shipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * What we know of a shipment now.
 *
 * @param id                carrier and tracking number
 * @param orderId           the merchant's order, null while no order names this shipment
 * @param status            current canonical status, null before the first event
 * @param reason            reason of the current status, may be null
 * @param lastEventAt       instant of the event that set the current status
 * @param location          where that event happened
 * @param description       the carrier's text of that event
 * @param estimatedDelivery the carrier's latest expected delivery date, may be null
 * @param estimateAt        instant of the event that gave that date (a later scan's date wins)
 * @param version           optimistic-locking version of the stored item (0 = not stored yet)
 * @param occurrences       how many times each status has occurred ({@link TrackingStatus#eachEventRecurs()}): the
 *                          current status's count tells this occurrence apart from earlier ones (the second failed
 *                          attempt, a new delay), so it is a new message while a replay of the same one is not
 */
public record ShipmentState(ShipmentId id, String orderId, TrackingStatus status, Reason reason, Instant lastEventAt,
                            String location, String description, LocalDate estimatedDelivery, Instant estimateAt,
                            long version, Map<TrackingStatus, Integer> occurrences) {

    public ShipmentState {
        occurrences = occurrences == null ? Map.of() : Map.copyOf(occurrences);
    }

    /** A state with no occurrences counted (stored before they were, or made by a test). */
    public ShipmentState(ShipmentId id, String orderId, TrackingStatus status, Reason reason, Instant lastEventAt, String location,
                         String description, LocalDate estimatedDelivery, Instant estimateAt, long version) {
        this(id, orderId, status, reason, lastEventAt, location, description, estimatedDelivery, estimateAt, version, Map.of());
    }

    /** Which occurrence of its status the current one is: 1 for the first, 0 before any status (or when not counted). */
    public int occurrence() {
        return status == null ? 0 : occurrences.getOrDefault(status, 0);
    }

    public static ShipmentState newShipment(ShipmentId id, String orderId) {
        return new ShipmentState(id, orderId, null, null, null, null, null, null, null, 0);
    }

    /** The state as stored after a successful write. */
    public ShipmentState nextVersion() {
        return new ShipmentState(id, orderId, status, reason, lastEventAt, location, description, estimatedDelivery,
                estimateAt, version + 1, occurrences);
    }

    ShipmentState withEvent(TrackingEvent event) {
        Map<TrackingStatus, Integer> counted = new EnumMap<>(TrackingStatus.class);
        counted.putAll(occurrences);
        if (event.status() != status || event.status().eachEventRecurs()) {
            counted.merge(event.status(), 1, Integer::sum);
        }
        return new ShipmentState(id, orderId, event.status(), event.reason(), event.occurredAt().toInstant(),
                event.location(), event.description(), estimatedDelivery, estimateAt, version, counted);
    }

    ShipmentState withEstimate(LocalDate date, Instant givenAt) {
        return new ShipmentState(id, orderId, status, reason, lastEventAt, location, description, date, givenAt, version, occurrences);
    }
}
