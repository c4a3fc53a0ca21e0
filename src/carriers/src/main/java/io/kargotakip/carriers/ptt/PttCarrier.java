package io.kargotakip.carriers.ptt;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * PTT Kargo: answers to {@code barkodSorgu} of the SOAP service {@code GonderiHareketV2}, parsed by
 * {@link PttPayloadParser}. Polling is {@link PttTrackingClient}. PTT has no push. Shipments are keyed by PTT's
 * barcode ({@code barkod}, pre-allocated to the merchant), its only number, so events carry no alternate number.
 * No tracking-number format: the reference documents no distinctive one for domestic barcodes.
 */
public final class PttCarrier implements CarrierAdapter {

    public static final String ID = "ptt";

    private final PttPayloadParser parser = new PttPayloadParser(PttStatusMap.standard());

    /** For {@link java.util.ServiceLoader}. */
    public PttCarrier() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "PTT Kargo";
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
     * PTT publishes no rate limit (carriers.md §5): 5 calls a second, the poller's own default pace
     * ({@code KARGO_CARRIER_PTT_MAX_CALLS_PER_SECOND}), one barcode per call, is gentle on a public-sector SOAP service.
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("SOAP GonderiHareketV2 " + PttPayloadParser.OPERATION), Optional.empty(), 1,
                CarrierProfile.RateLimit.perSecond(5), "customer id (musteriId) and password (sifre) in the SOAP body",
                "barkod (PTT's tracking number)", List.of("customer-id", "password"));
    }

    /** PTT's public tracking page [inference: the page's address as the public site uses it, not documented for integrators]. */
    @Override
    public Optional<String> trackingLink(String trackingNumber) {
        return Optional.of("https://gonderitakip.ptt.gov.tr/Track/Verify?q=" + URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8));
    }

    /** True when the answer says our customer id or password is wrong (for the tracking client). */
    boolean credentialsRefused(byte[] answer, String contentType) {
        return parser.credentialsRefused(answer, contentType);
    }
}
