package io.kargotakip.core.marketplace;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;

/**
 * A marketplace order feed (Trendyol, Hepsiburada, Amazon): its webhooks and API answers name orders,
 * packages, carriers and tracking numbers. It is also a {@link CarrierAdapter}, found the same way and
 * reached through the same webhook and poll paths; its events belong to the packages' carriers
 * ({@code yurtici:…}, {@code trendyol-express:…}), so a parcel known only through a marketplace is tracked
 * through it, and one also polled at its carrier is the same shipment, deduplicated as any other.
 */
public interface MarketplaceAdapter extends CarrierAdapter {

    /**
     * Whether this id is also a carrier a shipment can name (Amazon Shipping); Trendyol and Hepsiburada carry no
     * parcels themselves.
     */
    default boolean carriesParcels() {
        return false;
    }

    /**
     * The packages of one payload (a webhook body or an API page), recognised by its shape.
     *
     * @throws PayloadException when it is not one this marketplace sends
     */
    List<MarketplacePackage> packages(byte[] payload) throws PayloadException;

    /** The packages of a push, with its kept headers and path ({@link CarrierAdapter#PUSH_PATH}); by default the body decides. */
    default List<MarketplacePackage> packages(byte[] payload, java.util.Map<String, String> headers) throws PayloadException {
        return packages(payload);
    }

    /**
     * What this marketplace's order API is asked by to track the package's parcel: the order number by default
     * (Trendyol's getShipmentPackages by {@code orderNumber}, Amazon's getOrder); Hepsiburada answers by package number.
     */
    default String pollKey(MarketplacePackage p) {
        return p.orderNumber();
    }

    @Override
    default List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return packages(payload).stream().flatMap(p -> p.events().stream()).toList();
    }
}
