package io.kargotakip.aws.orders;

import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.ShipmentId;

import java.time.Clock;
import java.util.List;

/**
 * Orders and shipments from a marketplace's feed (its webhooks and its order API): each shipped package
 * is linked to the merchant's order — the one the merchant imported with the marketplace's order number, or
 * one created from the package — and its parcel is registered for tracking through the marketplace (polled
 * there by the marketplace's key, unless its carrier can be polled directly). The package id is kept on the
 * shipment, so a package leads to its shipment and order, and the order back to its packages' shipments.
 */
public final class MarketplaceOrders {

    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final Clock clock;
    private final io.kargotakip.aws.analytics.Analytics analytics;
    private final io.kargotakip.core.analytics.ControlGroup controlGroup;

    public MarketplaceOrders(OrderRepository orders, ShipmentRepository shipments, Clock clock) {
        this(orders, shipments, clock, io.kargotakip.aws.analytics.Analytics.NONE, io.kargotakip.core.analytics.ControlGroup.OFF);
    }

    /** @param analytics where each package's shipment is recorded as registered, with its control-group place */
    public MarketplaceOrders(OrderRepository orders, ShipmentRepository shipments, Clock clock,
                             io.kargotakip.aws.analytics.Analytics analytics, io.kargotakip.core.analytics.ControlGroup controlGroup) {
        this.analytics = analytics;
        this.controlGroup = controlGroup;
        this.orders = orders;
        this.shipments = shipments;
        this.clock = clock;
    }

    /** @return the packages linked (those with a carrier we track and a tracking number) */
    public int link(List<MarketplacePackage> packages, java.util.function.Function<MarketplacePackage, String> pollKey) {
        int linked = 0;
        List<io.kargotakip.core.analytics.AnalyticsRecord> registered = new java.util.ArrayList<>();
        for (MarketplacePackage p : packages) {
            // a package the marketplace names no order for (Hepsiburada's package webhooks) cannot be linked here:
            // its events still reach the carrier's shipment, which the merchant's import linked to its order
            if (!p.shipped() || p.orderNumber().isBlank() || p.carrier().equals(p.marketplace())) {
                continue;
            }
            String orderId = orders.findByMarketplaceOrder(p.marketplace(), p.orderNumber())
                    .orElseGet(() -> orders.createFromMarketplace(p.marketplace(), p.orderNumber(), p.customerFirstName(), p.shipToCountry(),
                            clock.instant()));
            ShipmentId id = new ShipmentId(p.carrier(), p.trackingNumber());
            shipments.registerVia(id, orderId, p.marketplace(), pollKey.apply(p),
                    p.packageId() == null ? null : p.marketplace() + ":" + p.packageId(), clock.instant());
            orders.addShipment(orderId, id);
            // a package the feed reports again writes the same record (its id is the shipment's)
            registered.add(analytics.shipment(id, orderId, p.marketplace(), null,
                    controlGroup.enabled() ? controlGroup.holdsOut(id.carrier(), id.trackingNumber()) : null, clock.instant()));
            linked++;
        }
        analytics.write(registered);
        return linked;
    }
}
