package io.kargotakip.carriers.hepsijet;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * HepsiJET (Hepsiburada's carrier): tracking answers parsed by {@link HepsijetPayloadParser}; polling is
 * {@link HepsijetTrackingClient}. A shipment is keyed by its {@code customerDeliveryNo}, which is also its barcode and
 * tracking number. HepsiJET pushes nothing we know of, and its number format (9–16 characters behind the merchant's
 * short code) tells no carrier apart, so there is no number format.
 */
public final class HepsijetCarrier implements CarrierAdapter {

    public static final String ID = "hepsijet";

    /**
     * {@code /delivery/integration/track} shows five barcodes per call in its batch example and names no maximum;
     * five is the most the documentation shows.
     */
    public static final int BATCH_SIZE = 5;

    private final HepsijetPayloadParser parser = new HepsijetPayloadParser(HepsijetStatusMap.standard());

    /** For {@link java.util.ServiceLoader}. */
    public HepsijetCarrier() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "HepsiJET";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload);
    }

    /**
     * HepsiJET publishes no rate limit ("Sipariş sorgulama sınırı/limiti yoktur" — no query limit): 5 calls a second,
     * the poller's default pacing, stays polite to a carrier that may still throttle unannounced.
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("REST POST /delivery/integration/track (barcodes[])"), Optional.empty(), BATCH_SIZE,
                CarrierProfile.RateLimit.perSecond(5), "GET /auth/getToken (HTTP Basic) → X-Auth-Token, cached 25 min",
                "customerDeliveryNo (= barcode)", List.of("user", "password"));
    }

    /** The page {@code integration/track} returns as {@code trackingUrl} (isTrackAdded), documented in its example. */
    @Override
    public Optional<String> trackingLink(String trackingNumber) {
        return Optional.of("https://hepsijet.com/gonderi-takibi/" + URLEncoder.encode(trackingNumber.trim(), StandardCharsets.UTF_8));
    }
}
