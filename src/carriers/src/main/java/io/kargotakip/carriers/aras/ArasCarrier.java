package io.kargotakip.carriers.aras;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.carrier.PushAcknowledgement;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aras Kargo: answers of its query service ({@code GetQueryJSON}, also {@code GetQueryXML}) and the pushes of its
 * "Müşteri web servisi ile bilgilendirme" (Aras calling a web service of ours), parsed. Polling is
 * {@link ArasTrackingClient}. A shipment is keyed by its IntegrationCode (MÖK, the merchant's own reference); the
 * KARGO TAKİP NO is the event's alternate number.
 *
 * <p>Settings {@code KARGO_CARRIER_ARAS_USER}, {@code _PASSWORD}, {@code _CUSTOMER_CODE} (from esasweb.araskargo.com.tr,
 * "Entegrasyon Üyelikleri"); {@code _BASE_URL} and {@code _SERVICE_PATH} point elsewhere, e.g. at the test service
 * {@code http://customerservicestest.araskargo.com.tr} + {@code /ArasCargoIntegrationService.svc}.
 */
public final class ArasCarrier implements CarrierAdapter {

    public static final String ID = "aras";

    /**
     * [inference] The push operation's name: the PDF describes the web service only by its parameters and return
     * values, so the name is ours (Aras's call is recognised whatever its operation is called); the acknowledgement
     * uses it for its Response element.
     */
    public static final String PUSH_OPERATION = "SetCargoStatus";
    /** [inference] WCF's default namespace, as for the query service. */
    public static final String PUSH_NAMESPACE = "http://tempuri.org/";

    private static final byte[] ACKNOWLEDGEMENT = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<" + PUSH_OPERATION + "Response xmlns=\"" + PUSH_NAMESPACE + "\">"
            + "<Result>true</Result><ErrorDescription></ErrorDescription>"
            + "</" + PUSH_OPERATION + "Response></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);

    private final ArasPayloadParser parser = new ArasPayloadParser(ArasStatusMap.standard());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Aras Kargo";
    }

    @Override
    public List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        return parser.parse(payload, null);
    }

    /** The content type's charset is used for a body that does not name its own (windows-1254, ISO-8859-9). */
    @Override
    public List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        return parser.parse(payload, contentType);
    }

    /**
     * Aras publishes no rate limit (only query windows: most QueryTypes search 90 days back). One call a second, each
     * asking about up to 25 shipments, is 90,000 shipment checks an hour, far beyond a merchant's need, and gentle on
     * a service whose limits are unknown and whose every call is a database search.
     */
    @Override
    public CarrierProfile profile() {
        return new CarrierProfile(
                Optional.of("SOAP GetQueryJSON (QueryType 39, comma-separated IntegrationCode list)"),
                Optional.of("Müşteri web servisi ile bilgilendirme: Aras calls our SOAP service (IntegrationCode, "
                        + "CargoStatus, ProcessDate, Description) with UserName/Password in the body (body-credentials)"),
                ArasTrackingClient.BATCH_SIZE, CarrierProfile.RateLimit.perSecond(1),
                "user name, password and customer code in the SOAP body (loginInfo)",
                "IntegrationCode (MÖK, the merchant's reference)", List.of("user", "password", "customer-code"));
    }

    /**
     * [inference] Aras's public tracking page for a KARGO TAKİP NO (the event's alternate number); the address is the
     * one Aras's site and shipment e-mails link to, not one the integration PDF documents.
     */
    @Override
    public Optional<String> trackingLink(String trackingNumber) {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("https://kargotakip.araskargo.com.tr/mainpage.aspx?code="
                + URLEncoder.encode(trackingNumber.trim(), StandardCharsets.UTF_8));
    }

    /** The UserName and Password Aras puts inside its push (SOAP or JSON); empty when absent or unreadable. */
    @Override
    public Optional<Map.Entry<String, String>> pushCredentials(byte[] payload) {
        return parser.pushCredentials(payload);
    }

    /** The push without Aras's user name and password, as a JSON push. */
    @Override
    public byte[] withoutCredentials(byte[] payload) {
        return parser.pushWithoutCredentials(payload).orElse(payload);
    }

    /** Aras's call expects its SOAP response: {@code Result} true and an empty {@code ErrorDescription}. */
    @Override
    public Optional<PushAcknowledgement> pushAcknowledgement() {
        return Optional.of(new PushAcknowledgement(200, "text/xml; charset=utf-8", ACKNOWLEDGEMENT));
    }
}
