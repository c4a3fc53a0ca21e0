package io.kargotakip.carriers.trendyolexpress;

import io.kargotakip.carriers.trendyol.TrendyolCarrier;
import io.kargotakip.carriers.trendyol.TrendyolPayloadParser;
import io.kargotakip.carriers.trendyol.TrendyolStatusMap;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;

/**
 * Trendyol Express (TEX), Trendyol's own carrier. It publishes no tracking API for merchants (carriers.md §7): its
 * shipments are seen through Trendyol's order packages, whose statuses are its statuses. So this adapter reads the
 * Trendyol package model (pages and webhook bodies, as {@link TrendyolCarrier} does) and keeps the events of the
 * packages Trendyol Express carries; {@code ./kargo normalize --carrier trendyol-express} works on a Trendyol body.
 * The events are the same (carrier, number, code, instant) as {@link TrendyolCarrier}'s for the same package, so
 * one body read by both is deduplicated.
 *
 * <p>No tracking link: Trendyol gives each package its own {@code cargoTrackingLink} (a token URL), which cannot be
 * built from the tracking number. No number format: none is documented.
 */
public final class TrendyolExpressCarrier implements CarrierAdapter {

    public static final String ID = "trendyol-express";

    private final TrendyolPayloadParser parser;

    public TrendyolExpressCarrier() {
        this.parser = new TrendyolPayloadParser(ID, TrendyolStatusMap.load(ID), TrendyolCarrier.carrierNames());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Trendyol Express";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.packages(payload).stream()
                .filter(p -> ID.equals(p.carrier()))
                .flatMap(p -> p.events().stream())
                .toList();
    }

    /** The packages of a Trendyol body that Trendyol Express carries. */
    public List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        return parser.packages(payload).stream().filter(p -> ID.equals(p.carrier())).toList();
    }

    @Override
    public CarrierProfile profile() {
        return CarrierProfile.pushOnly("through Trendyol's webhooks and order API", "tracking number");
    }
}
