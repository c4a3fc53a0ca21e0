package io.kargotakip.emulators.trendyol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.emulators.CarrierSandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for Trendyol's seller API, in Trendyol's published formats: getShipmentPackages
 * ({@code GET /integration/order/sellers/{sellerId}/orders}), whose page a test or the demo sets per order number,
 * behind HTTP Basic and the {@code User-Agent} Trendyol requires; plus builders for the package model, which is also
 * the webhook body. An order no one set is an empty page, as Trendyol answers for an unknown order; wrong
 * credentials are its 401 {@code ClientApiAuthenticationException}, a missing User-Agent its 403.
 */
public final class TrendyolSandbox extends CarrierSandbox {

    public static final String SELLER_ID = "123456";
    public static final String API_KEY = "sandbox-api-key";
    public static final String API_SECRET = "sandbox-api-secret";
    public static final String USER_AGENT = SELLER_ID + " - SelfIntegration";
    public static final String ORDERS_PATH = "/integration/order/sellers/" + SELLER_ID + "/orders";

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrendyolSandbox() {
        stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"timestamp\":1764230400000,\"exception\":\"ClientApiAuthenticationException\","
                                + "\"errors\":[{\"key\":\"ClientApiAuthenticationException\",\"message\":\"Unauthorized\",\"errorParams\":[]}]}")));
        stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(9).withBasicAuth(API_KEY, API_SECRET)
                .willReturn(aResponse().withStatus(403)));
        stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(8).withBasicAuth(API_KEY, API_SECRET)
                .withHeader("User-Agent", equalTo(USER_AGENT))
                .willReturn(json(200, page(List.of()))));
    }

    @Override
    public String carrier() {
        return "trendyol";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_TRENDYOL_BASE_URL", baseUrl(), "KARGO_CARRIER_TRENDYOL_SELLER_ID", SELLER_ID,
                "KARGO_CARRIER_TRENDYOL_API_KEY", API_KEY, "KARGO_CARRIER_TRENDYOL_API_SECRET", API_SECRET);
    }

    /** What getShipmentPackages answers for this order number from now on. */
    public void answer(String orderNumber, String pageJson) {
        stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(1).withQueryParam("orderNumber", equalTo(orderNumber))
                .withBasicAuth(API_KEY, API_SECRET).withHeader("User-Agent", equalTo(USER_AGENT))
                .willReturn(json(200, pageJson)));
    }

    /**
     * What the sync's window query (packages changed, {@code orderByField=PackageLastModifiedDate}) answers from now on,
     * page by page: page {@code i} holds {@code pages.get(i)}.
     */
    public void changes(List<List<String>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(2).withQueryParam("orderByField", equalTo("PackageLastModifiedDate"))
                    .withQueryParam("page", equalTo(Integer.toString(i)))
                    .withBasicAuth(API_KEY, API_SECRET).withHeader("User-Agent", equalTo(USER_AGENT))
                    .willReturn(json(200, page(pages.get(i), i, pages.size()))));
        }
    }

    /** How many window queries the sync made. */
    public int changeCalls() {
        return calls(getRequestedFor(urlPathEqualTo(ORDERS_PATH)).withQueryParam("orderByField", equalTo("PackageLastModifiedDate")));
    }

    /** getShipmentPackages is down for this order number from now on (HTTP 503). */
    public void outage(String orderNumber) {
        stub(get(urlPathEqualTo(ORDERS_PATH)).atPriority(1).withQueryParam("orderNumber", equalTo(orderNumber))
                .willReturn(aResponse().withStatus(503)));
    }

    /** How many times getShipmentPackages was asked about this order number. */
    public int orderCalls(String orderNumber) {
        return calls(getRequestedFor(urlPathEqualTo(ORDERS_PATH)).withQueryParam("orderNumber", equalTo(orderNumber)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }

    // ---- builders ---------------------------------------------------------------------------------

    /** One entry of a package's history: a Trendyol package status and when it was set. */
    public record Scan(String status, Instant at) {
    }

    public static Scan scan(String status, String instant) {
        return new Scan(status, Instant.parse(instant));
    }

    /**
     * One package of Trendyol's package model: its order, package id, carrier name ({@code cargoProviderName}),
     * tracking number (null before Trendyol assigns one) and history; its status is the last scan's.
     */
    public static String pkg(String orderNumber, long packageId, String provider, String trackingNumber, List<Scan> history) {
        ObjectNode p = JSON.createObjectNode();
        p.put("orderNumber", orderNumber);
        p.put("shipmentPackageId", packageId);
        p.put("customerFirstName", "Deniz");
        if (trackingNumber == null) {
            p.putNull("cargoTrackingNumber");
        } else {
            p.put("cargoTrackingNumber", trackingNumber);
            p.put("cargoTrackingLink", "https://tracking.trendyol.com/?id=sandbox-" + packageId);
        }
        p.put("cargoProviderName", provider);
        ArrayNode histories = p.putArray("packageHistories");
        Instant last = Instant.EPOCH;
        String status = null;
        for (Scan s : history) {
            histories.addObject().put("createdDate", s.at().toEpochMilli()).put("status", s.status());
            status = s.status();
            last = s.at().isAfter(last) ? s.at() : last;
        }
        p.put("shipmentPackageStatus", status);
        p.put("status", status);
        p.put("lastModifiedDate", last.toEpochMilli());
        return p.toString();
    }

    /** A getShipmentPackages page (and a webhook body: Trendyol posts the same model) holding these packages. */
    public static String page(List<String> packages) {
        return page(packages, 0, packages.isEmpty() ? 0 : 1);
    }

    /** Page {@code number} of {@code totalPages}, holding these packages. */
    public static String page(List<String> packages, int number, int totalPages) {
        try {
            ObjectNode page = JSON.createObjectNode();
            page.put("totalElements", packages.size());
            page.put("totalPages", totalPages);
            page.put("page", number);
            page.put("size", 200);
            ArrayNode content = page.putArray("content");
            for (String p : packages) {
                content.add(JSON.readTree(p));
            }
            return page.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a package: " + e.getOriginalMessage());
        }
    }
}
