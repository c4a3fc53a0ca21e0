package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A shipment moved to a new status. Emitted once per applied event by the normalizer; may still
 * arrive twice (queues deliver at least once), so everything downstream is idempotent.
 */
public record StatusChange(ShipmentId shipmentId, String orderId, TrackingStatus previousStatus,
                           TrackingStatus status, Reason reason, Instant occurredAt, String location,
                           String description, LocalDate estimatedDelivery, String eventKey) {
}
