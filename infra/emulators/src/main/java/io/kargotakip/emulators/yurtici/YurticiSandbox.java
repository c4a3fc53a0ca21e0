package io.kargotakip.emulators.yurtici;

import io.kargotakip.emulators.CarrierSandbox;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stand-in for Yurtiçi's ShippingOrderDispatcherServices in YK's format: queryShipment over SOAP 1.1 at YK's path,
 * answering what a test or the demo set per cargoKey, every other key as one YK does not know (a detail with an
 * errCode), and a wrong web-service user or password as YK does (HTTP 200, outFlag 1 and a message). Builders write
 * queryShipment answers from a small list of scans. YK has no push and no token endpoint.
 */
public final class YurticiSandbox extends CarrierSandbox {

    public static final String USER = "sandbox-ws-user";
    public static final String PASSWORD = "sandbox-ws-password";
    public static final String PATH = "/KOPSWebServices/ShippingOrderDispatcherServices";
    public static final String NAMESPACE = "http://yurticikargo.com.tr/ShippingOrderDispatcherServices";

    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    public YurticiSandbox() {
        stub(post(urlEqualTo(PATH)).atPriority(10).willReturn(soap(unknownKeys())));
        stub(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(notContaining("<wsUserName>" + USER + "</wsUserName>"))
                .willReturn(soap(refusedCredentials())));
        stub(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(notContaining("<wsPassword>" + PASSWORD + "</wsPassword>"))
                .willReturn(soap(refusedCredentials())));
    }

    @Override
    public String carrier() {
        return "yurtici";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_YURTICI_BASE_URL", baseUrl(), "KARGO_CARRIER_YURTICI_USER", USER,
                "KARGO_CARRIER_YURTICI_PASSWORD", PASSWORD);
    }

    /** What queryShipment answers from now on when asked about this cargoKey (a whole answer, e.g. {@link #queryAnswer}). */
    public void answer(String cargoKey, String queryAnswer) {
        stub(post(urlEqualTo(PATH)).atPriority(5).withRequestBody(containing(keyElement(cargoKey))).willReturn(soap(queryAnswer)));
    }

    /** The service is down for this cargoKey from now on (HTTP 503). */
    public void outage(String cargoKey) {
        stub(post(urlEqualTo(PATH)).atPriority(3).withRequestBody(containing(keyElement(cargoKey)))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("Service Unavailable")));
    }

    /** How many queryShipment calls asked about this cargoKey. */
    public int queryCalls(String cargoKey) {
        return calls(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(keyElement(cargoKey))));
    }

    // ---- answers in YK's format -----------------------------------------------------------------

    /** One history row: YK's event and reason names, when (Istanbul wall-clock time) and where. */
    public record Scan(String eventName, String reasonName, LocalDateTime local, String unitName, String townName, String cityName) {
    }

    /** A scan without a problem (reason "Sorun Yok"). */
    public static Scan scan(String eventName, String localIso, String unitName, String townName, String cityName) {
        return new Scan(eventName, "Sorun Yok", LocalDateTime.parse(localIso), unitName, townName, cityName);
    }

    /**
     * One shipment of an answer: its cargoKey, YK's docId, its operationStatus (NOP IND ISR CNL ISC DLV BI), its scans,
     * and when it was delivered (null while it is not).
     */
    public record Shipment(String cargoKey, String docId, String operationStatus, List<Scan> scans, LocalDateTime delivered) {
    }

    /** A queryShipment answer (the SOAP envelope) for these shipments. */
    public static String queryAnswer(Shipment... shipments) {
        StringBuilder details = new StringBuilder();
        for (Shipment s : shipments) {
            details.append(detail(s));
        }
        return envelope("<ShippingDeliveryVO><outFlag>0</outFlag><outResult>Başarılı</outResult><count>" + shipments.length
                + "</count>" + details + "</ShippingDeliveryVO>");
    }

    /** YK's answer to a wrong web-service user or password: HTTP 200, outFlag 1 and a message, no code. */
    public static String refusedCredentials() {
        return envelope("<ShippingDeliveryVO><outFlag>1</outFlag><outResult>Kullanıcı adı veya şifre hatalı.</outResult>"
                + "<count>0</count></ShippingDeliveryVO>");
    }

    /** An answer about keys YK does not know: outFlag 0, a detail with an errCode (YK documents no code for this). */
    public static String unknownKeys() {
        return envelope("<ShippingDeliveryVO><outFlag>0</outFlag><outResult>Başarılı</outResult><count>1</count>"
                + "<shippingDeliveryDetailVO><errCode>82519</errCode><errMessage>Kullanıcıya ait kargo anahtarı bulunamadı</errMessage>"
                + "</shippingDeliveryDetailVO></ShippingDeliveryVO>");
    }

    private static String detail(Shipment s) {
        List<String> rows = new ArrayList<>();
        for (Scan scan : s.scans()) {
            rows.add("<invDocCargoVOArray>" + element("unitName", scan.unitName()) + element("eventName", scan.eventName())
                    + element("reasonName", scan.reasonName()) + element("eventDate", DATE.format(scan.local()))
                    + element("eventTime", TIME.format(scan.local())) + element("cityName", scan.cityName())
                    + element("townName", scan.townName()) + "</invDocCargoVOArray>");
        }
        LocalDateTime document = s.scans().isEmpty() ? null : s.scans().get(0).local();
        String item = "<shippingDeliveryItemDetailVO>" + element("cargoKey", s.cargoKey()) + element("docId", s.docId())
                + (document == null ? "" : element("documentDate", DATE.format(document)) + element("documentTime", TIME.format(document)))
                + (s.delivered() == null ? "" : element("deliveryDate", DATE.format(s.delivered()))
                        + element("deliveryTime", TIME.format(s.delivered())))
                + String.join("", rows) + "</shippingDeliveryItemDetailVO>";
        return "<shippingDeliveryDetailVO>" + element("cargoKey", s.cargoKey()) + element("docId", s.docId())
                + "<errCode>0</errCode>" + element("operationCode", String.valueOf(operationCode(s.operationStatus())))
                + element("operationMessage", operationMessage(s.operationStatus()))
                + element("operationStatus", s.operationStatus()) + item + "</shippingDeliveryDetailVO>";
    }

    /** YK's documented operationStatus/operationCode pairs. */
    private static int operationCode(String operationStatus) {
        int code = List.of("NOP", "IND", "ISR", "CNL", "ISC", "DLV", "BI").indexOf(operationStatus);
        if (code < 0) {
            throw new IllegalArgumentException("not a Yurtiçi operationStatus: " + operationStatus);
        }
        return code;
    }

    private static String operationMessage(String operationStatus) {
        return switch (operationStatus) {
            case "NOP" -> "İşlem Yapılmadı.";
            case "IND" -> "Kargo Teslimattadır.";
            case "ISR" -> "Kargo işlem görmüş, faturası henüz düzenlenmemiştir.";
            case "CNL" -> "Kargo Çıkışı Engellendi.";
            case "ISC" -> "Kargo daha önce iptal edilmiştir.";
            case "DLV" -> "Kargo teslim edilmiştir.";
            default -> "Kargo YK tarafından iptal edilmiştir.";
        };
    }

    private static String envelope(String result) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<env:Body><ns1:queryShipmentResponse xmlns:ns1=\"" + NAMESPACE + "\">" + result
                + "</ns1:queryShipmentResponse></env:Body></env:Envelope>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder soap(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE).withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String keyElement(String cargoKey) {
        return "<keys>" + escape(cargoKey) + "</keys>";
    }

    private static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
