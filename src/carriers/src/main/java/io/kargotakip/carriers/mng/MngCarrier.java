package io.kargotakip.carriers.mng;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MNG Kargo (DHL eCommerce Türkiye): the new REST API's answers and the legacy SOAP service's DataSets, parsed
 * ({@link MngPayloadParser}). Polling is {@link MngTrackingClient}; MNG documents no push.
 *
 * <p>Which API is polled: the REST API ({@code api.mngkargo.com.tr}, JWT plus the IBM client pair) by default;
 * {@code KARGO_CARRIER_MNG_API=legacy} polls the SOAP service ({@code musterisiparisnew.asmx}) instead, with the
 * customer number and password only. Both are keyed by the merchant's reference ({@code referenceId} =
 * {@code pCHSiparisNo}); the event's alternate number is MNG's {@code shipmentId} / {@code GONDERI_NO}.
 *
 * <p>Final statuses are not quite final at MNG: its PDF says a delivered (5) or returned-to-sender (7) can, very
 * rarely, be reversed the same day (a delivery scanned by mistake), so it is final only at the end of the day. The
 * status progression moves only forward, so a reversal to an earlier status is not applied; and polling ends at a
 * terminal status, so the reversal is not seen either. Both are the product's rules, not this adapter's.
 *
 * <p>No tracking link: MNG's public tracking page is not in the reference material (the legacy DataSet and the
 * REST headline carry a per-shipment {@code KARGO_TAKIP_URL} / {@code trackingUrl}, but no published pattern to build
 * one from a number), and a guessed address would send customers to a page that may not exist. No tracking-number
 * format either: shipments are keyed by the merchant's own reference, which has no format of MNG's.
 */
public final class MngCarrier implements CarrierAdapter {

    public static final String ID = "mng";

    /** The value of {@code KARGO_CARRIER_MNG_API} that selects the legacy SOAP service. */
    public static final String LEGACY_API = "legacy";

    static final List<String> REST_SETTINGS = List.of("customer-number", "password", "client-id", "client-secret");
    static final List<String> LEGACY_SETTINGS = List.of("customer-number", "password");

    private final MngPayloadParser parser = new MngPayloadParser(MngStatusMap.standard());
    private final boolean legacy;

    /** For {@link java.util.ServiceLoader}: the API from {@code KARGO_CARRIER_MNG_API}. */
    public MngCarrier() {
        this(legacy(CarrierSettings.fromEnvironment(ID)));
    }

    /** @param legacy the legacy SOAP service is polled (its profile), not the REST API; parsing reads both */
    public MngCarrier(boolean legacy) {
        this.legacy = legacy;
    }

    /** {@code KARGO_CARRIER_MNG_API=legacy} (any case); anything else, or unset, is the REST API. */
    public static boolean legacy(CarrierSettings settings) {
        return settings.get("api").map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(LEGACY_API::equals).isPresent();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "MNG Kargo (DHL eCommerce)";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload, null);
    }

    /** The legacy service is .NET and answers UTF-8 with a declaration; a charset in the header is honoured anyway. */
    @Override
    public List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        return parser.parse(payload, contentType);
    }

    /**
     * MNG publishes no rate limit (none in the REST API's notes or the legacy PDF), so the poller's own default pace
     * of 5 calls a second applies: well below what one merchant's API Connect plan would be expected to allow, and
     * MNG's 429s are honoured with their Retry-After anyway. One reference per call in both APIs.
     */
    @Override
    public CarrierProfile profile() {
        if (legacy) {
            return new CarrierProfile(Optional.of("SOAP GelecekIadeSiparisKontrol (legacy musterisiparisnew.asmx)"), Optional.empty(), 1,
                    CarrierProfile.RateLimit.perSecond(5), "customer number and password in the SOAP body",
                    "referenceId (the merchant's order reference, pCHSiparisNo)", LEGACY_SETTINGS);
        }
        return new CarrierProfile(Optional.of("REST GET /mngapi/api/standardqueryapi/getshipmentstatus/{referenceId}"), Optional.empty(), 1,
                CarrierProfile.RateLimit.perSecond(5),
                "JWT from POST /mngapi/api/token (customer number, password) with X-IBM-Client-Id/Secret and x-api-version",
                "referenceId (the merchant's order reference given to createOrder)", REST_SETTINGS);
    }
}
