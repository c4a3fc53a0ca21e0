package io.kargotakip.core.order;

import io.kargotakip.core.shipment.ShipmentId;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's order and the shipments that carry it.
 *
 * @param orderId   the merchant's own order id (unique per merchant)
 * @param orderNo   the number the customer knows, shown in messages
 * @param source    where the order came from: {@code web}, {@code trendyol}, {@code hepsiburada}, ...
 * @param customer  who gets the notifications
 * @param consent   which channels the customer allowed
 * @param shipments the carrier parcels of this order
 * @param createdAt when we first stored it
 */
public record Order(String orderId, String orderNo, String source, Customer customer, Consent consent,
                    List<ShipmentId> shipments, Instant createdAt) {

    public Order {
        shipments = List.copyOf(shipments);
    }
}
