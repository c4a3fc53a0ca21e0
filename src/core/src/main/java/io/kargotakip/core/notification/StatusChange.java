package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A shipment moved to a new status, or to a new occurrence of its status (a second failed attempt). Emitted once
 * per applied event by the normalizer; may still arrive twice (queues deliver at least once), so everything
 * downstream is idempotent.
 *
 * @param occurrence which occurrence of {@code status} this is ({@code ShipmentState#occurrence}): 1 for the first;
 *                   what makes the second failed attempt a message of its own (at least 1)
 */
public record StatusChange(ShipmentId shipmentId, String orderId, TrackingStatus previousStatus,
                           TrackingStatus status, Reason reason, Instant occurredAt, String location,
                           String description, LocalDate estimatedDelivery, String eventKey, int occurrence) {

    public StatusChange {
        occurrence = Math.max(1, occurrence); // 0: queued before occurrences were counted, the first
    }

    /** The first occurrence of its status. */
    public StatusChange(ShipmentId shipmentId, String orderId, TrackingStatus previousStatus, TrackingStatus status, Reason reason,
                        Instant occurredAt, String location, String description, LocalDate estimatedDelivery, String eventKey) {
        this(shipmentId, orderId, previousStatus, status, reason, occurredAt, location, description, estimatedDelivery, eventKey, 1);
    }
}
