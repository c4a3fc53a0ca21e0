package io.kargotakip.emulators.hepsiburada;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.emulators.CarrierSandbox;

import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A stand-in for Hepsiburada's OMS API, in Hepsiburada's published formats: the package cargo info
 * ({@code GET /packages/merchantid/{merchantId}/packagenumber/{packageNumber}}), whose answer a test or the demo sets
 * per package number, behind HTTP Basic; plus builders for that answer and for the package webhooks Hepsiburada
 * PUTs to the merchant (intransit, deliver, undeliver, unpack). A package no one set is Hepsiburada's 404
 * "cannot find package" (code 1004); wrong credentials a 401.
 */
public final class HepsiburadaSandbox extends CarrierSandbox {

    public static final String MERCHANT_ID = "b2910839-83b9-4d45-adb6-86bad457edcb";
    public static final String USER = "sandbox-integrator";
    public static final String PASSWORD = "sandbox-service-key";
    public static final String PACKAGES_PATH = "/packages/merchantid/" + MERCHANT_ID + "/packagenumber/";

    private static final ObjectMapper JSON = new ObjectMapper();

    public HepsiburadaSandbox() {
        stub(get(urlPathMatching("/packages/merchantid/.*")).atPriority(10)
                .willReturn(json(401, error(401, "401", "Unauthorized"))));
        stub(get(urlPathMatching(PACKAGES_PATH + "[^/]+")).atPriority(9).withBasicAuth(USER, PASSWORD)
                .willReturn(json(404, error(404, "1004", "cannot find package"))));
    }

    @Override
    public String carrier() {
        return "hepsiburada";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_HEPSIBURADA_BASE_URL", baseUrl(), "KARGO_CARRIER_HEPSIBURADA_MERCHANT_ID", MERCHANT_ID,
                "KARGO_CARRIER_HEPSIBURADA_USER", USER, "KARGO_CARRIER_HEPSIBURADA_PASSWORD", PASSWORD);
    }

    /** What the package cargo info answers for this package number from now on. */
    public void answer(String packageNumber, String answerJson) {
        stub(get(urlPathEqualTo(PACKAGES_PATH + packageNumber)).atPriority(1).withBasicAuth(USER, PASSWORD)
                .willReturn(json(200, answerJson)));
    }

    /** The package cargo info is down for this package number from now on (HTTP 503). */
    public void outage(String packageNumber) {
        stub(get(urlPathEqualTo(PACKAGES_PATH + packageNumber)).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    /** How many times Hepsiburada was asked about this package. */
    public int packageCalls(String packageNumber) {
        return calls(getRequestedFor(urlPathEqualTo(PACKAGES_PATH + packageNumber)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("statusCode", status);
        e.put("code", code);
        e.putNull("defaultMessage");
        e.put("correlationId", "00000000-0000-0000-0000-000000000000");
        e.put("message", message);
        return e.toString();
    }

    // ---- builders ---------------------------------------------------------------------------------

    /** The package cargo info answer: a one-element list, as Hepsiburada sends it. */
    public static String packageAnswer(String packageNumber, String barcode, String status, String cargoCompany,
                                       String trackingInfoCode, String trackingInfoUrl) {
        ObjectNode p = JSON.createObjectNode();
        p.put("packageNumber", packageNumber);
        p.put("barcode", barcode);
        p.put("status", status);
        p.put("cargoCompany", cargoCompany);
        p.put("trackingInfoCode", trackingInfoCode);
        p.put("trackingInfoUrl", trackingInfoUrl);
        return JSON.createArrayNode().add(p).toString();
    }

    /** The intransit webhook body ({@code PUT …/packages/{packageNumber}/intransit}). */
    public static String intransit(String packageNumber, String barcode, String trackingInfoCode, String trackingInfoUrl,
                                   Instant shippedDate) {
        ObjectNode p = webhook(packageNumber, barcode);
        p.put("shippedDate", shippedDate.toString());
        p.put("trackingInfoCode", trackingInfoCode);
        p.put("trackingInfoUrl", trackingInfoUrl);
        p.put("deci", 3);
        return p.toString();
    }

    /** The deliver webhook body ({@code PUT …/packages/{packageNumber}/deliver}). */
    public static String deliver(String packageNumber, String barcode, Instant receivedDate) {
        ObjectNode p = webhook(packageNumber, barcode);
        p.put("receivedDate", receivedDate.toString());
        p.put("receivedBy", "Alıcı");
        return p.toString();
    }

    /** The undeliver webhook body ({@code PUT …/packages/{packageNumber}/undeliver}), with its free-text reason. */
    public static String undeliver(String packageNumber, String barcode, String reason, Instant undeliveredDate) {
        ObjectNode p = webhook(packageNumber, barcode);
        p.put("undeliveredDate", undeliveredDate.toString());
        p.put("undeliveredReason", reason);
        return p.toString();
    }

    /** The unpack webhook body ({@code PUT …/packages/{packageNumber}/unpack}): the package was broken up. */
    public static String unpack(String packageNumber, String orderNumber, Instant unpackedDate) {
        ObjectNode p = JSON.createObjectNode();
        p.put("unpackedDate", unpackedDate.toString());
        p.put("packageNumber", packageNumber);
        p.put("merchantId", MERCHANT_ID);
        p.putArray("orderNumbers").add(orderNumber);
        return p.toString();
    }

    private static ObjectNode webhook(String packageNumber, String barcode) {
        ObjectNode p = JSON.createObjectNode();
        p.put("merchantId", MERCHANT_ID);
        p.put("packageNumber", packageNumber);
        p.put("barcode", barcode);
        return p;
    }
}
