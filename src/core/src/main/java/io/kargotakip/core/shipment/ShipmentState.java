package io.kargotakip.core.shipment;

import java.time.Instant;
import java.time.LocalDate;

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
 */
public record ShipmentState(ShipmentId id, String orderId, TrackingStatus status, Reason reason, Instant lastEventAt,
                            String location, String description, LocalDate estimatedDelivery, Instant estimateAt,
                            long version) {

    public static ShipmentState newShipment(ShipmentId id, String orderId) {
        return new ShipmentState(id, orderId, null, null, null, null, null, null, null, 0);
    }

    /** The state as stored after a successful write. */
    public ShipmentState nextVersion() {
        return new ShipmentState(id, orderId, status, reason, lastEventAt, location, description, estimatedDelivery,
                estimateAt, version + 1);
    }

    ShipmentState withEvent(TrackingEvent event) {
        return new ShipmentState(id, orderId, event.status(), event.reason(), event.occurredAt().toInstant(),
                event.location(), event.description(), estimatedDelivery, estimateAt, version);
    }

    ShipmentState withEstimate(LocalDate date, Instant givenAt) {
        return new ShipmentState(id, orderId, status, reason, lastEventAt, location, description, date, givenAt, version);
    }
}
