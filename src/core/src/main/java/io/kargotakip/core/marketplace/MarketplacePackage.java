package io.kargotakip.core.marketplace;

import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;
import java.util.Objects;

/**
 * One package of a marketplace order, as the marketplace reports it (a Trendyol shipment package, a
 * Hepsiburada package, an Amazon order's package): which order it belongs to there, which carrier carries
 * it under which tracking number, and its status as tracking events of that carrier's shipment.
 *
 * @param marketplace   the marketplace id ({@code trendyol}, {@code hepsiburada}, {@code amazon})
 * @param orderNumber   the marketplace's order number (Trendyol {@code orderNumber}, Hepsiburada {@code orderNumber},
 *                      Amazon {@code orderId}): what the merchant's own order is mapped to; empty where the payload
 *                      names none (Hepsiburada's package webhooks carry only the package number)
 * @param packageId     the marketplace's package id (Trendyol {@code shipmentPackageId}, Hepsiburada
 *                      {@code packageNumber}, Amazon {@code packageReferenceId}), may be null
 * @param carrier       our carrier id of the package's carrier ({@code yurtici}, {@code trendyol-express}, …), null
 *                      while the marketplace names none or one we do not know (then not tracked)
 * @param trackingNumber the carrier's tracking number, null before the package is handed over
 * @param trackingLink  the marketplace's or carrier's tracking page for it, may be null
 * @param customerFirstName the buyer's first name as the marketplace gives it (for a new order's greeting), may be null
 * @param events        the package's statuses as events of the shipment {@code carrier:trackingNumber}, oldest first;
 *                      empty before it ships
 * @param shipToCountry the delivery address's country as the marketplace gives it (Trendyol {@code shipmentAddress.countryCode},
 *                      Amazon {@code recipient.deliveryAddress.countryCode}), may be null: a new order's language
 */
public record MarketplacePackage(String marketplace, String orderNumber, String packageId, String carrier, String trackingNumber,
                                 String trackingLink, String customerFirstName, List<TrackingEvent> events, String shipToCountry) {

    /** A package whose marketplace names no delivery country. */
    public MarketplacePackage(String marketplace, String orderNumber, String packageId, String carrier, String trackingNumber,
                              String trackingLink, String customerFirstName, List<TrackingEvent> events) {
        this(marketplace, orderNumber, packageId, carrier, trackingNumber, trackingLink, customerFirstName, events, null);
    }

    public MarketplacePackage {
        Objects.requireNonNull(marketplace, "marketplace");
        Objects.requireNonNull(orderNumber, "orderNumber");
        events = List.copyOf(events);
    }

    /** Trackable: the carrier and its tracking number are known. */
    public boolean shipped() {
        return carrier != null && trackingNumber != null && !trackingNumber.isBlank();
    }
}
