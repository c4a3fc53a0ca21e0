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
 * @param purchase  what the merchant tells of the sale (value, cash on delivery, categories, the customer's segments),
 *                  for the brand's rules
 * @param shipToCountry the delivery address's country, ISO 3166-1 alpha-2 in upper case ({@code TR}), may be null: it
 *                  chooses the messages' language when the customer has none ({@code Locales})
 */
public record Order(String orderId, String orderNo, String source, Customer customer, Consent consent,
                    List<ShipmentId> shipments, Instant createdAt, Purchase purchase, String shipToCountry) {

    public Order {
        shipments = List.copyOf(shipments);
        purchase = purchase == null ? Purchase.NONE : purchase;
        // written as ISO does whatever the source wrote ("tr", " TR"); the validator refuses a code that is none
        shipToCountry = shipToCountry == null || shipToCountry.isBlank() ? null : shipToCountry.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** An order without a delivery country. */
    public Order(String orderId, String orderNo, String source, Customer customer, Consent consent, List<ShipmentId> shipments,
                 Instant createdAt, Purchase purchase) {
        this(orderId, orderNo, source, customer, consent, shipments, createdAt, purchase, null);
    }

    /** An order the merchant told nothing of the sale of. */
    public Order(String orderId, String orderNo, String source, Customer customer, Consent consent, List<ShipmentId> shipments,
                 Instant createdAt) {
        this(orderId, orderNo, source, customer, consent, shipments, createdAt, Purchase.NONE);
    }

    public Order withCustomer(Customer customer) {
        return new Order(orderId, orderNo, source, customer, consent, shipments, createdAt, purchase, shipToCountry);
    }

    public Order withConsent(Consent consent) {
        return new Order(orderId, orderNo, source, customer, consent, shipments, createdAt, purchase, shipToCountry);
    }

    public Order withShipments(List<ShipmentId> shipments) {
        return new Order(orderId, orderNo, source, customer, consent, shipments, createdAt, purchase, shipToCountry);
    }
}
