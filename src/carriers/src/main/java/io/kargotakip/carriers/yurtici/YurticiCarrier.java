package io.kargotakip.carriers.yurtici;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Yurtiçi Kargo: queryShipment answers of its ShippingOrderDispatcherServices (SOAP 1.1), parsed. Polling is
 * {@link YurticiTrackingClient}. Shipments are keyed by cargoKey, the merchant's own reference given to YK at
 * createShipment; YK's own number, docId, is each event's alternate number. YK has no push.
 */
public final class YurticiCarrier implements CarrierAdapter {

    public static final String ID = "yurtici";

    /**
     * Keys per queryShipment call. {@code keys} is an array and YK documents no maximum. 20 is our choice: an answer
     * with each shipment's full history is, by our estimate from the documented fields, 5 to 10 KB per shipment, so
     * 20 stay in the region of the ~190 KB a polled answer can have to fit one SQS message as base64; lower this if
     * real answers run larger.
     */
    public static final int BATCH_SIZE = 20;

    private final YurticiPayloadParser parser;

    /** For {@link java.util.ServiceLoader}. */
    public YurticiCarrier() {
        this(YurticiStatusMap.standard());
    }

    YurticiCarrier(YurticiStatusMap statusMap) {
        this.parser = new YurticiPayloadParser(statusMap);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Yurtiçi Kargo";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload, null);
    }

    /** YK may answer in windows-1254 or ISO-8859-9 and say so only in the Content-Type. */
    @Override
    public List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        return parser.parse(payload, contentType);
    }

    /**
     * YK publishes no rate limit. One call a second is our conservative default: a call asks about
     * {@value #BATCH_SIZE} shipments, so it still polls 72,000 shipments an hour, far above a merchant's volume, while
     * a shared SOAP backend that production reaches only from IP addresses registered to the merchant is not the
     * place to find the limit by being refused. (Public client code also warns that asking about the same key again
     * within a minute is answered with an error; our poll interval per shipment is far longer.)
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(Optional.of("SOAP queryShipment (ShippingOrderDispatcherServices; keyType 0 = cargoKey, with history)"),
                Optional.empty(), BATCH_SIZE, CarrierProfile.RateLimit.perSecond(1),
                "wsUserName/wsPassword in the SOAP body; production also requires the caller's IP to be registered with YK",
                "cargoKey", List.of("user", "password"));
    }

    /** YK's public document page takes its own number, docId: the events' alternate number. */
    @Override
    public Optional<String> trackingLink(String docId) {
        if (docId == null || docId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("http://selfservis.yurticikargo.com/reports/SSWDocumentDetail.aspx?DocId="
                + URLEncoder.encode(docId.trim(), StandardCharsets.UTF_8));
    }

    // trackingNumberFormat: none. cargoKey is the merchant's own string and YK documents no format for docId.
}
