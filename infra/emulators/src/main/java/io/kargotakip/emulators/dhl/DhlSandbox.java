package io.kargotakip.emulators.dhl;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for DHL Shipment Tracking - Unified, in DHL's published format: {@code GET /track/shipments} with the
 * {@code DHL-API-Key} header, whose answers a test or the demo sets per tracking number. Without the sandbox's key
 * it answers 401; with it, a number nobody set is DHL's 404 problem ("No result found"). Builders make tracking
 * answers and Unified Push bodies ({@code shipments[]} with the latest status) from a small list of scans.
 */
public final class DhlSandbox extends CarrierSandbox {

    public static final String API_KEY = "sandbox-dhl-api-key";

    private static final String PATH = "/track/shipments";
    private static final String JSON = "application/json";

    public DhlSandbox() {
        stub(get(urlPathEqualTo(PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", JSON)
                        .withBody("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Invalid or missing API key.\"}")));
        stub(get(urlPathEqualTo(PATH)).atPriority(5).withHeader("DHL-API-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", JSON)
                        .withBody("{\"title\":\"No result found\",\"detail\":\"No shipment with given tracking number found.\","
                                + "\"status\":404,\"instance\":\"" + PATH + "\"}")));
    }

    @Override
    public String carrier() {
        return "dhl";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_DHL_BASE_URL", baseUrl(), "KARGO_CARRIER_DHL_API_KEY", API_KEY);
    }

    /** What the Unified API answers for this tracking number from now on. */
    public void answer(String trackingNumber, String shipmentsJson) {
        stub(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("trackingNumber", equalTo(trackingNumber))
                .withHeader("DHL-API-Key", equalTo(API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(shipmentsJson)));
    }

    /** The Unified API is down for this tracking number from now on (HTTP 503). */
    public void outage(String trackingNumber) {
        stub(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("trackingNumber", equalTo(trackingNumber))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", JSON)
                        .withBody("{\"title\":\"Service Unavailable\",\"status\":503}")));
    }

    /** DHL's rate limit is spent for this tracking number from now on (HTTP 429 with Retry-After). */
    public void throttled(String trackingNumber, int retryAfterSeconds) {
        stub(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("trackingNumber", equalTo(trackingNumber))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", JSON)
                        .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429}")));
    }

    /** How many times the Unified API was asked about this number. */
    public int trackCalls(String trackingNumber) {
        return calls(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("trackingNumber", equalTo(trackingNumber)));
    }

    /**
     * One DHL scan: its family ({@code pre-transit}, {@code transit}, {@code delivered}, {@code failure},
     * {@code unknown}), its text, its local time (written without an offset, as DHL often does: read in the
     * country's zone) and its place.
     */
    public record Scan(String statusCode, String description, LocalDateTime local, String locality, String country) {
    }

    public static Scan scan(String statusCode, String description, String localIso, String locality, String country) {
        return new Scan(statusCode, description, LocalDateTime.parse(localIso), locality, country);
    }

    /** A Unified tracking answer with these scans (newest first, as DHL lists them) and the latest as the status. */
    public static String trackResponse(String trackingNumber, String service, LocalDate estimatedDelivery, List<Scan> scans) {
        List<Scan> newestFirst = new ArrayList<>(scans);
        newestFirst.sort(Comparator.comparing(Scan::local).reversed());
        List<String> events = newestFirst.stream().map(DhlSandbox::event).toList();
        return "{\"url\":\"" + PATH.substring("/track".length()) + "?trackingNumber=" + escape(trackingNumber)
                + "&service=" + escape(service) + "&offset=0&limit=5\",\"shipments\":[{" + head(trackingNumber, service)
                + ",\"status\":" + event(newestFirst.get(0))
                + (estimatedDelivery == null ? "" : ",\"estimatedTimeOfDelivery\":\"" + estimatedDelivery + "T00:00:00Z\"")
                + ",\"events\":[" + String.join(",", events) + "]}]}";
    }

    /** A Unified Push body for one scan: the shipment with that scan as its latest status. */
    public static String push(String trackingNumber, String service, Scan scan) {
        return "{\"shipments\":[{" + head(trackingNumber, service) + ",\"status\":" + event(scan) + "}]}";
    }

    private static String head(String trackingNumber, String service) {
        return "\"id\":\"" + escape(trackingNumber) + "\",\"service\":\"" + escape(service) + "\"";
    }

    private static String event(Scan s) {
        return "{\"timestamp\":\"" + s.local() + "\",\"location\":{\"address\":{\"addressLocality\":\"" + escape(s.locality())
                + "\",\"countryCode\":\"" + escape(s.country()) + "\"}},\"statusCode\":\"" + escape(s.statusCode())
                + "\",\"description\":\"" + escape(s.description()) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
