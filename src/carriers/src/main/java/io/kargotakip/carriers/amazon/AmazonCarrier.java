package io.kargotakip.carriers.amazon;

import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;
import java.util.Optional;

/**
 * Amazon: one adapter for every Amazon shape (see {@link AmazonPayloadParser}). It is both a carrier — Amazon Shipping,
 * whose SP-API Shipping v2 getTracking answers are events of the shipment {@code amazon:<trackingId>}, polled by
 * {@link AmazonTrackingClient} — and a marketplace, because SP-API Orders 2026-01-01 answers name orders and their
 * packages (FBM only), carried by Amazon Shipping or by another carrier.
 *
 * <p>How the two meet {@link MarketplaceAdapter}: {@link #packages} returns the Orders answer's packages only; a Shipping
 * answer names no order (a {@link MarketplacePackage} needs one), so it gives no packages and {@link #parse} returns its
 * tracking events directly, instead of the interface's default (the packages' events, which for an Orders answer is
 * what {@code parse} returns too).
 *
 * <p>No push: Amazon's are SP-API Notifications delivered to SQS or EventBridge, not HTTP, so nothing reaches our webhook.
 */
public final class AmazonCarrier implements MarketplaceAdapter {

    public static final String ID = "amazon";

    private final AmazonPayloadParser parser = new AmazonPayloadParser(AmazonStatusMap.standard(), AmazonCarrierNames.standard());

    /** For {@link java.util.ServiceLoader}. */
    public AmazonCarrier() {
    }

    /** Amazon Shipping is a carrier too: an order may name {@code amazon} and its tracking id. */
    @Override
    public boolean carriesParcels() {
        return true;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Amazon Shipping";
    }

    /** Shipping answers: their events; Orders answers: their packages' events; NotFound: none. */
    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload).events();
    }

    /** Orders answers: their packages; Shipping answers and NotFound: none. */
    @Override
    public List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        return parser.parse(payload).packages();
    }

    /** getTracking's published usage plan: 80 requests a second, burst 100 (shippingV2.json). */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("REST SP-API Shipping v2 getTracking (GET /shipping/v2/tracking?trackingId=&carrierId=)"),
                Optional.empty(), 1, CarrierProfile.RateLimit.perSecond(80),
                "Login with Amazon refresh-token grant → x-amz-access-token", "trackingId (Amazon Shipping)",
                List.of("client-id", "client-secret", "refresh-token"));
    }
}
