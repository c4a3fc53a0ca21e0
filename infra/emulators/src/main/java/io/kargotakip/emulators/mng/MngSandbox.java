package io.kargotakip.emulators.mng;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for MNG Kargo (DHL eCommerce Türkiye), in MNG's formats: the REST API's identity endpoint
 * ({@code POST /mngapi/api/token}, answering only the sandbox's customer number, password and IBM client pair) and
 * {@code getshipmentstatus}, whose answers a test or the demo sets per reference; and the legacy SOAP service
 * ({@code /musterikargosiparis/musterisiparisnew.asmx}, {@code GelecekIadeSiparisKontrol}). Builders write
 * getshipmentstatus headlines, trackshipment movement lists and legacy DataSets from a list of scans.
 */
public final class MngSandbox extends CarrierSandbox {

    public static final String CUSTOMER_NUMBER = "1234567890";
    public static final String PASSWORD = "sandbox-password";
    public static final String CLIENT_ID = "sandbox-ibm-client-id";
    public static final String CLIENT_SECRET = "sandbox-ibm-client-secret";
    public static final String JWT = "sandbox-jwt";

    static final String API = "/mngapi/api";
    static final String STATUS_PATH = API + "/standardqueryapi/getshipmentstatus/";
    static final String LEGACY_FOLDER = "/musterikargosiparis";
    static final String LEGACY_PATH = LEGACY_FOLDER + "/musterisiparisnew.asmx";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MOVEMENT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss", Locale.ROOT);

    public MngSandbox() {
        String expires = LocalDateTime.now(ISTANBUL).plusHours(8).withNano(0).toString();
        stub(post(urlEqualTo(API + "/token")).atPriority(1)
                .withHeader("X-IBM-Client-Id", equalTo(CLIENT_ID))
                .withHeader("X-IBM-Client-Secret", equalTo(CLIENT_SECRET))
                .withRequestBody(equalToJson("{\"customerNumber\":\"" + CUSTOMER_NUMBER + "\",\"password\":\"" + PASSWORD
                        + "\",\"identityType\":1}"))
                .willReturn(json(200, "{\"jwt\":\"" + JWT + "\",\"refreshToken\":\"sandbox-refresh\",\"jwtExpireDate\":\"" + expires + "\"}")));
        stub(post(urlEqualTo(API + "/token")).atPriority(10)
                .willReturn(json(401, "{\"httpCode\":\"401\",\"httpMessage\":\"Unauthorized\",\"moreInformation\":\"Invalid credentials\"}")));
    }

    @Override
    public String carrier() {
        return "mng";
    }

    /** The REST API (the product's default). */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("KARGO_CARRIER_MNG_BASE_URL", baseUrl());
        settings.put("KARGO_CARRIER_MNG_LEGACY_BASE_URL", baseUrl() + LEGACY_FOLDER);
        settings.put("KARGO_CARRIER_MNG_CUSTOMER_NUMBER", CUSTOMER_NUMBER);
        settings.put("KARGO_CARRIER_MNG_PASSWORD", PASSWORD);
        settings.put("KARGO_CARRIER_MNG_CLIENT_ID", CLIENT_ID);
        settings.put("KARGO_CARRIER_MNG_CLIENT_SECRET", CLIENT_SECRET);
        return Map.copyOf(settings);
    }

    /** The legacy SOAP service instead ({@code KARGO_CARRIER_MNG_API=legacy}; no IBM client pair). */
    public Map<String, String> legacySettings() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.remove("KARGO_CARRIER_MNG_CLIENT_ID");
        settings.remove("KARGO_CARRIER_MNG_CLIENT_SECRET");
        settings.put("KARGO_CARRIER_MNG_API", "legacy");
        return Map.copyOf(settings);
    }

    /** What getshipmentstatus answers for this reference from now on (to the sandbox's JWT and client pair only). */
    public void answer(String reference, String json) {
        stub(get(urlPathEqualTo(STATUS_PATH + reference))
                .withHeader("Authorization", equalTo("Bearer " + JWT))
                .withHeader("X-IBM-Client-Id", equalTo(CLIENT_ID))
                .withHeader("X-IBM-Client-Secret", equalTo(CLIENT_SECRET))
                .willReturn(json(200, json)));
    }

    /** MNG knows nothing of this reference (HTTP 404). */
    public void notFound(String reference) {
        stub(get(urlPathEqualTo(STATUS_PATH + reference)).willReturn(aResponse().withStatus(404)));
    }

    /** The REST API is down for this reference from now on (HTTP 503). */
    public void outage(String reference) {
        stub(get(urlPathEqualTo(STATUS_PATH + reference))
                .willReturn(json(503, "{\"httpCode\":\"503\",\"httpMessage\":\"Service Unavailable\",\"moreInformation\":\"try later\"}")));
    }

    /** What the legacy service answers for this reference (pCHSiparisNo) from now on, to the sandbox's account only. */
    public void legacyAnswer(String reference, String dataSetXml) {
        stub(post(urlEqualTo(LEGACY_PATH))
                .withHeader("SOAPAction", containing("GelecekIadeSiparisKontrol"))
                .withRequestBody(containing("<pRfSipGnMusteriNo>" + CUSTOMER_NUMBER + "</pRfSipGnMusteriNo>"))
                .withRequestBody(containing("<pRfSipGnMusteriSifre>" + PASSWORD + "</pRfSipGnMusteriSifre>"))
                .withRequestBody(containing("<pCHSiparisNo>" + xml(reference) + "</pCHSiparisNo>"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(dataSetXml)));
    }

    /** How many times getshipmentstatus was asked about this reference. */
    public int trackCalls(String reference) {
        return calls(getRequestedFor(urlPathEqualTo(STATUS_PATH + reference)));
    }

    /** How many times the legacy service was asked about this reference. */
    public int legacyCalls(String reference) {
        return calls(postRequestedFor(urlEqualTo(LEGACY_PATH)).withRequestBody(containing("<pCHSiparisNo>" + xml(reference) + "</pCHSiparisNo>")));
    }

    // ---- answers ------------------------------------------------------------------------------

    /** One MNG scan: the status code (REST or legacy list, as the builder says), its text, when (Istanbul time), where. */
    public record Scan(int code, String description, LocalDateTime local, String location) {
    }

    public static Scan scan(int code, String description, String localIso, String location) {
        return new Scan(code, description, LocalDateTime.parse(localIso), location);
    }

    /** A getshipmentstatus answer: a list with the headline of the shipment's latest scan. */
    public static String shipmentStatus(String reference, String shipmentId, List<Scan> scans, LocalDate estimatedDelivery) {
        Scan latest = latest(scans);
        ObjectNode headline = JSON.createObjectNode()
                .put("orderId", "70" + Math.abs(reference.hashCode() % 1_000_000))
                .put("referenceId", reference)
                .put("shipmentId", shipmentId)
                .put("shipmentDateTime", DAY_FIRST.format(earliest(scans).local()))
                .put("shipmentStatusCode", latest.code())
                .put("shipmentStatusExplanation", latest.description())
                .put("statusDateTime", DAY_FIRST.format(latest.local()))
                .put("isDelivered", latest.code() == 5 ? 1 : 0);
        if (latest.code() == 5) {
            headline.put("deliveryDateTime", DAY_FIRST.format(latest.local()));
        }
        if (estimatedDelivery != null) {
            headline.put("estimatedDeliveryDate", estimatedDelivery.format(DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT)));
        }
        return JSON.createArrayNode().add(headline).toString();
    }

    /** A trackshipment answer: every scan as a movement, oldest first. */
    public static String movements(String reference, String shipmentId, List<Scan> scans) {
        ArrayNode list = JSON.createArrayNode();
        for (Scan s : oldestFirst(scans)) {
            list.addObject().put("referenceId", reference).put("shipmentId", shipmentId).put("eventStatus", String.valueOf(s.code()))
                    .put("eventDateTime", MOVEMENT.format(s.local())).put("location", s.location()).put("description", s.description());
        }
        return list.toString();
    }

    /** A legacy GelecekIadeSiparisKontrol answer: the DataSet row of the order at its latest scan (legacy codes). */
    public static String legacyDataSet(String reference, String gonderiNo, List<Scan> scans) {
        Scan latest = latest(scans);
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>"
                + "<GelecekIadeSiparisKontrolResponse xmlns=\"http://tempuri.org/\"><GelecekIadeSiparisKontrolResult>"
                + "<xs:schema id=\"NewDataSet\" xmlns=\"\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:msdata=\"urn:schemas-microsoft-com:xml-msdata\">"
                + "<xs:element name=\"NewDataSet\" msdata:IsDataSet=\"true\"/></xs:schema>"
                + "<diffgr:diffgram xmlns:msdata=\"urn:schemas-microsoft-com:xml-msdata\" xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\">"
                + "<NewDataSet xmlns=\"\"><Table1 diffgr:id=\"Table11\" msdata:rowOrder=\"0\">"
                + "<SIPARIS_KAYIT_TARIHI>" + earliest(scans).local().toLocalDate() + "T00:00:00+03:00</SIPARIS_KAYIT_TARIHI>"
                + "<SIPARIS_KODU>" + xml(reference) + "</SIPARIS_KODU>"
                + "<GONDERI_NO>" + xml(gonderiNo) + "</GONDERI_NO>"
                + "<SIPARIS_STATU>" + latest.code() + "</SIPARIS_STATU>"
                + "<SIPARIS_STATU_ACIKLAMA>" + xml(latest.description()) + "</SIPARIS_STATU_ACIKLAMA>"
                + "<SIPARIS_STATU_TARIHI>" + DAY_FIRST.format(latest.local()) + "</SIPARIS_STATU_TARIHI>"
                + "</Table1></NewDataSet></diffgr:diffgram>"
                + "</GelecekIadeSiparisKontrolResult></GelecekIadeSiparisKontrolResponse></soap:Body></soap:Envelope>";
    }

    private static List<Scan> oldestFirst(List<Scan> scans) {
        if (scans.isEmpty()) {
            throw new IllegalArgumentException("an answer needs at least one scan");
        }
        List<Scan> sorted = new ArrayList<>(scans);
        sorted.sort(Comparator.comparing(Scan::local));
        return sorted;
    }

    private static Scan latest(List<Scan> scans) {
        List<Scan> sorted = oldestFirst(scans);
        return sorted.get(sorted.size() - 1);
    }

    private static Scan earliest(List<Scan> scans) {
        return oldestFirst(scans).get(0);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
