package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.CarrierTime;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * UPS: Tracking API v1 answers and Track Alert pushes, parsed. Polling is {@link UpsTrackingClient}.
 *
 * <p>Setting {@code KARGO_CARRIER_UPS_FALLBACK_ZONE} (default {@code Europe/Istanbul}): the zone for
 * local-only UPS times, which carry no offset.
 */
public final class UpsCarrier implements CarrierAdapter {

    public static final String ID = "ups";
    public static final ZoneId DEFAULT_FALLBACK_ZONE = ZoneId.of("Europe/Istanbul");


    private final UpsPayloadParser parser;

    /** For {@link java.util.ServiceLoader}: the fallback zone comes from {@code KARGO_CARRIER_UPS_FALLBACK_ZONE}. */
    public UpsCarrier() {
        this(fallbackZone(CarrierSettings.fromEnvironment(ID)));
    }

    public UpsCarrier(ZoneId fallbackZone) {
        this.parser = new UpsPayloadParser(Objects.requireNonNull(fallbackZone, "fallbackZone"), UpsStatusMap.standard());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "UPS";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload);
    }

    /** UPS publishes no numeric limit; 10 calls a second stays well clear of its 429s. */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("REST Tracking API v1 (GET /api/track/v1/details/{inquiryNumber})"),
                Optional.of("Track Alert (Authorization: Bearer <the credential given at subscription>)"), 1,
                CarrierProfile.RateLimit.perSecond(10), "OAuth 2 client credentials", "tracking number",
                List.of("client-id", "client-secret"));
    }

    @Override
    public Optional<String> trackingLink(String trackingNumber) {
        return Optional.of("https://www.ups.com/track?tracknum=" + java.net.URLEncoder.encode(trackingNumber, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** 1Z, a 6-character shipper number, a 2-digit service code and an 8-character package id. */
    @Override
    public Optional<java.util.regex.Pattern> trackingNumberFormat() {
        return Optional.of(TRACKING_NUMBER);
    }

    private static final java.util.regex.Pattern TRACKING_NUMBER = java.util.regex.Pattern.compile("1Z[0-9A-Z]{16}");

    /**
     * A bad zone must not stop the ServiceLoader from building every other carrier, so it falls
     * back to the default with a warning instead of throwing.
     */
    static ZoneId fallbackZone(CarrierSettings settings) {
        return CarrierTime.zoneSetting(settings, "fallback-zone", DEFAULT_FALLBACK_ZONE);
    }
}
