package io.kargotakip.carriers.surat;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;
import java.util.Optional;

/**
 * Sürat Kargo: answers to the SOAP operation {@code KargoTakipHareketDetayliV2} of
 * {@code https://webservices.suratkargo.com.tr/services.asmx}, parsed by {@link SuratPayloadParser} (whose
 * reading of the untyped result string is a guess until real answers are captured). Polling is
 * {@link SuratTrackingClient}. Sürat has no push and documents no public tracking page or number format.
 */
public final class SuratCarrier implements CarrierAdapter {

    public static final String ID = "surat";

    private final SuratPayloadParser parser = new SuratPayloadParser(SuratStatusMap.standard());

    /** For {@link java.util.ServiceLoader}. */
    public SuratCarrier() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Sürat Kargo";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload, null);
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        return parser.parse(payload, contentType);
    }

    /**
     * Sürat publishes no rate limit (carriers.md §4): 5 calls a second, the poller's own default pace
     * ({@code KARGO_CARRIER_SURAT_MAX_CALLS_PER_SECOND}), one key per call, is gentle on an ASMX service.
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("SOAP " + SuratPayloadParser.OPERATION + " (services.asmx)"), Optional.empty(), 1,
                CarrierProfile.RateLimit.perSecond(5), "cari kodu and web service password (Sifre) in the SOAP body",
                "WebSiparisKodu (the merchant's reference)", List.of("cari-kodu", "password"));
    }

    /** True when the answer is Sürat's message that our cari kodu or password is wrong (for the tracking client). */
    boolean credentialsRefused(byte[] answer, String contentType) {
        return parser.credentialsRefused(answer, contentType);
    }
}
