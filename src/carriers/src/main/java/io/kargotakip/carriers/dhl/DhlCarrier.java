package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.CarrierTime;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DHL: Shipment Tracking - Unified answers and Unified Push callbacks, parsed. Polling is {@link DhlTrackingClient}.
 *
 * <p>Setting {@code KARGO_CARRIER_DHL_FALLBACK_ZONE} (default {@code UTC}): the zone for event times that carry no
 * offset and whose location names no country.
 *
 * <p>No tracking-number format: DHL Express waybills are 10 digits, like the numbers of several Turkish carriers,
 * and no other DHL format we could cite from DHL's own pages is distinctive, so DHL is never guessed from a number.
 */
public final class DhlCarrier implements CarrierAdapter {

    public static final String ID = "dhl";
    public static final ZoneId DEFAULT_FALLBACK_ZONE = ZoneOffset.UTC;


    private final DhlPayloadParser parser;

    /** For {@link java.util.ServiceLoader}: the fallback zone comes from {@code KARGO_CARRIER_DHL_FALLBACK_ZONE}. */
    public DhlCarrier() {
        this(fallbackZone(CarrierSettings.fromEnvironment(ID)));
    }

    public DhlCarrier(ZoneId fallbackZone) {
        this.parser = new DhlPayloadParser(Objects.requireNonNull(fallbackZone, "fallbackZone"), DhlStatusMap.standard());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "DHL";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload);
    }

    /**
     * DHL publishes the limit of its starter plan: 250 calls a day and 1 a second (429 beyond, the daily quota
     * resetting at 24:00 GMT); a merchant with an upgraded plan overrides it with {@code KARGO_CARRIER_DHL_RATE_PER_*}.
     * The Unified API takes one {@code trackingNumber} per call, so no batching. The Push API calls us with the
     * header and token chosen at subscription ({@code ApiKeyAuthentication}): the webhook's {@code api-key} scheme.
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("REST Shipment Tracking - Unified (GET /track/shipments?trackingNumber=)"),
                Optional.of("Unified Push API (the header and token set at subscription: webhook scheme api-key)"), 1,
                new CarrierProfile.RateLimit(1, 250), "DHL-API-Key header", "tracking number", List.of("api-key"));
    }

    /**
     * DHL's public tracking page, in English for Türkiye ({@code tr-en}), which serves every DHL division. The URL form
     * is our inference (not found on a DHL page we could cite); karrio's DHL connector links the parcel-only variant
     * {@code /home/tracking/tracking-parcel.html?submit=1&tracking-id=}.
     */
    @Override
    public Optional<String> trackingLink(String trackingNumber) {
        return Optional.of("https://www.dhl.com/tr-en/home/tracking.html?tracking-id="
                + URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8));
    }

    /**
     * A bad zone must not stop the ServiceLoader from building every other carrier, so it falls back to the
     * default with a warning instead of throwing.
     */
    static ZoneId fallbackZone(CarrierSettings settings) {
        return CarrierTime.zoneSetting(settings, "fallback-zone", DEFAULT_FALLBACK_ZONE);
    }
}
