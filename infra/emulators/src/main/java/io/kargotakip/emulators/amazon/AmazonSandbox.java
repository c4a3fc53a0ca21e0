package io.kargotakip.emulators.amazon;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A stand-in for Amazon's Selling Partner API, in its published formats: Login with Amazon's token endpoint
 * ({@code POST /auth/o2/token}, refresh-token grant), Shipping v2 getTracking ({@code GET /shipping/v2/tracking}) and
 * Orders 2026-01-01 getOrder, on one WireMock server ({@link #settings()} points both the SP-API and the LWA base URL
 * at it). Tracking answers are set per trackingId (a trackingId never set answers 404 NotFound), orders per orderId;
 * builders for both from a small list of scans / packages.
 */
public final class AmazonSandbox extends CarrierSandbox {

    public static final String CLIENT_ID = "amzn1.application-oa2-client.sandbox";
    public static final String CLIENT_SECRET = "sandbox-client-secret";
    public static final String REFRESH_TOKEN = "Atzr|sandbox-refresh-token";
    public static final String ACCESS_TOKEN = "Atza|sandbox-access-token";
    static final String TRACKING_PATH = "/shipping/v2/tracking";
    static final String ORDERS_PATH = "/orders/2026-01-01/orders/";

    public AmazonSandbox() {
        stub(post(urlEqualTo("/auth/o2/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(REFRESH_TOKEN))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .willReturn(json(200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        stub(post(urlEqualTo("/auth/o2/token")).atPriority(10).willReturn(json(400,
                "{\"error_description\":\"The request has an invalid grant parameter : refresh_token\",\"error\":\"invalid_grant\"}")));
        stub(get(urlPathEqualTo(TRACKING_PATH)).atPriority(10).willReturn(json(404,
                "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"The requested resource is invalid or doesn't exist\"}]}")));
        stub(get(urlPathMatching(ORDERS_PATH + ".*")).atPriority(10).willReturn(json(404,
                "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"The requested resource is invalid or doesn't exist\"}]}")));
        // searchOrders: nothing changed, until a test or the demo says otherwise
        stub(get(urlPathEqualTo(SEARCH_PATH)).atPriority(10).withHeader("x-amz-access-token", equalTo(ACCESS_TOKEN))
                .willReturn(json(200, "{\"orders\":[]}")));
    }

    static final String SEARCH_PATH = "/orders/2026-01-01/orders";

    @Override
    public String carrier() {
        return "amazon";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_AMAZON_BASE_URL", baseUrl(), "KARGO_CARRIER_AMAZON_AUTH_URL", baseUrl(),
                "KARGO_CARRIER_AMAZON_CLIENT_ID", CLIENT_ID, "KARGO_CARRIER_AMAZON_CLIENT_SECRET", CLIENT_SECRET,
                "KARGO_CARRIER_AMAZON_REFRESH_TOKEN", REFRESH_TOKEN);
    }

    /** What getTracking answers for this trackingId from now on (any carrierId), to the sandbox's access token. */
    public void answer(String trackingId, String trackingResponseJson) {
        stub(get(urlPathEqualTo(TRACKING_PATH)).atPriority(5).withQueryParam("trackingId", equalTo(trackingId))
                .withHeader("x-amz-access-token", equalTo(ACCESS_TOKEN))
                .willReturn(json(200, trackingResponseJson)));
    }

    /** getTracking is down for this trackingId from now on (HTTP 503, Amazon's ServiceUnavailable body). */
    public void outage(String trackingId) {
        stub(get(urlPathEqualTo(TRACKING_PATH)).atPriority(1).withQueryParam("trackingId", equalTo(trackingId))
                .willReturn(json(503, "{\"errors\":[{\"code\":\"ServiceUnavailable\",\"message\":\"Service temporarily unavailable\"}]}")));
    }

    /** What getOrder answers for this order from now on. */
    public void order(String orderId, String getOrderResponseJson) {
        stub(get(urlPathEqualTo(ORDERS_PATH + orderId)).atPriority(5).withHeader("x-amz-access-token", equalTo(ACCESS_TOKEN))
                .willReturn(json(200, getOrderResponseJson)));
    }

    /** How many times getOrder was asked about this order. */
    public int orderCalls(String orderId) {
        return calls(getRequestedFor(urlPathEqualTo(ORDERS_PATH + orderId)));
    }

    public int trackCalls(String trackingId) {
        return calls(getRequestedFor(urlPathEqualTo(TRACKING_PATH)).withQueryParam("trackingId", equalTo(trackingId)));
    }

    /** One Shipping event: its eventCode, leg (FORWARD or RETURNS), instant and place. */
    public record Scan(String eventCode, String shipmentType, Instant at, String city, String countryCode) {
    }

    public static Scan scan(String eventCode, String isoInstant, String city, String countryCode) {
        return new Scan(eventCode, "FORWARD", Instant.parse(isoInstant), city, countryCode);
    }

    public static Scan returnScan(String eventCode, String isoInstant, String city, String countryCode) {
        return new Scan(eventCode, "RETURNS", Instant.parse(isoInstant), city, countryCode);
    }

    /** A getTracking answer ({@code {"payload":…}}) with these events, newest first, and the forward leg's detail codes. */
    public static String trackingResponse(String trackingId, String promisedIso, List<Scan> scans, List<String> forwardDetailCodes) {
        List<Scan> newestFirst = new ArrayList<>(scans);
        newestFirst.sort(Comparator.comparing(Scan::at).reversed());
        List<String> events = new ArrayList<>();
        for (Scan s : newestFirst) {
            events.add("{\"eventCode\":\"" + s.eventCode() + "\",\"location\":{\"city\":\"" + s.city() + "\",\"countryCode\":\""
                    + s.countryCode() + "\"},\"eventTime\":\"" + s.at() + "\",\"shipmentType\":\"" + s.shipmentType() + "\"}");
        }
        String status = newestFirst.isEmpty() ? "PreTransit" : newestFirst.get(0).eventCode();
        return "{\"payload\":{\"trackingId\":\"" + trackingId + "\",\"alternateLegTrackingId\":\"null\",\"eventHistory\":["
                + String.join(",", events) + "],\"promisedDeliveryDate\":\"" + promisedIso + "\",\"summary\":{\"status\":\"" + status
                + "\",\"trackingDetailCodes\":{\"forward\":[" + quoted(forwardDetailCodes) + "],\"returns\":[]}}}}";
    }

    /** One package of an order: Orders API's carrier name, tracking number and packageStatus. */
    public record Package(String packageReferenceId, String carrier, String trackingNumber, String status, String detailedStatus) {
    }

    /** A getOrder answer ({@code includedData=PACKAGES,BUYER}) for an FBM order with these packages. */
    public static String orderResponse(String orderId, String lastUpdatedIso, String buyerName, List<Package> packages) {
        List<String> items = new ArrayList<>();
        for (Package p : packages) {
            items.add("{\"packageReferenceId\":\"" + p.packageReferenceId() + "\",\"packageStatus\":{\"status\":\"" + p.status()
                    + "\",\"detailedStatus\":\"" + p.detailedStatus() + "\"},\"carrier\":\"" + p.carrier() + "\",\"trackingNumber\":\""
                    + p.trackingNumber() + "\"}");
        }
        return "{\"order\":{\"orderId\":\"" + orderId + "\",\"createdTime\":\"" + lastUpdatedIso + "\",\"lastUpdatedTime\":\""
                + lastUpdatedIso + "\",\"buyer\":{\"buyerName\":\"" + buyerName + "\"},\"fulfillment\":{\"fulfillmentStatus\":\"SHIPPED\","
                + "\"fulfilledBy\":\"MERCHANT\"},\"packages\":[" + String.join(",", items) + "]}}";
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
