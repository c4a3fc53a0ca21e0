package io.kargotakip.emulators.hepsijet;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for HepsiJET, in its documented format: {@code GET /auth/getToken} (HTTP Basic with {@link #USER} /
 * {@link #PASSWORD}, answering {@code {"data":{"token":…}}}) and {@code POST /delivery/integration/track}, which answers
 * every barcode of a batch request in one body — the scans set per barcode with {@link #answer}, none ("no movement yet")
 * for a barcode never set. Builders for answers from a small list of scans.
 */
public final class HepsijetSandbox extends CarrierSandbox {

    public static final String USER = "sandbox-user";
    public static final String PASSWORD = "sandbox-password";
    public static final String TOKEN = "sandbox-x-auth-token";
    static final String TRACK_PATH = "/delivery/integration/track";

    /** barcode → its details, as JSON objects joined by commas; insertion order for a stable template. */
    private final Map<String, String> details = new LinkedHashMap<>();
    /** The batch stub keeps one id, so each {@link #answer} replaces it instead of piling up mappings. */
    private final UUID trackStub = UUID.randomUUID();

    public HepsijetSandbox() {
        stub(get(urlEqualTo("/auth/getToken")).withBasicAuth(USER, PASSWORD)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"token\":\"" + TOKEN + "\"}}")));
        stub(get(urlEqualTo("/auth/getToken")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"FAIL\",\"message\":\"Unauthorized\"}")));
        stub(post(urlPathEqualTo(TRACK_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"FAIL\",\"message\":\"Token is invalid\"}")));
        rebuild();
    }

    @Override
    public String carrier() {
        return "hepsijet";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_HEPSIJET_BASE_URL", baseUrl(), "KARGO_CARRIER_HEPSIJET_USER", USER,
                "KARGO_CARRIER_HEPSIJET_PASSWORD", PASSWORD);
    }

    /** What integration/track answers for this barcode from now on, in a batch or alone. */
    public synchronized void answer(String barcode, List<Scan> scans) {
        requireCode(barcode);
        details.put(barcode, detailsJson(scans));
        rebuild();
    }

    /** integration/track is down for any call that asks about this barcode from now on (HTTP 503). */
    public void outage(String barcode) {
        requireCode(barcode);
        stub(post(urlPathEqualTo(TRACK_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.barcodes[?(@ == '" + barcode + "')]"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"FAIL\",\"message\":\"Service Unavailable\"}")));
    }

    /** How many tracking calls asked about this barcode. */
    public int trackCalls(String barcode) {
        return calls(postRequestedFor(urlPathEqualTo(TRACK_PATH))
                .withRequestBody(matchingJsonPath("$.barcodes[?(@ == '" + barcode + "')]")));
    }

    /** One HepsiJET movement: its integrationStatus, its transactionLocation words, when. */
    public record Scan(String status, String location, OffsetDateTime at) {
    }

    public static Scan scan(String status, String location, String isoWithOffset) {
        return new Scan(status, location, OffsetDateTime.parse(isoWithOffset));
    }

    /** A whole integration/track answer for these barcodes and their scans (newest first, as a tracking page lists them). */
    public static String trackResponse(Map<String, List<Scan>> scansByBarcode) {
        List<String> entries = new ArrayList<>();
        scansByBarcode.forEach((barcode, scans) -> entries.add(entry(barcode, detailsJson(scans))));
        return "{\"status\":\"OK\",\"data\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(String barcode, String details) {
        return "{\"barcode\":\"" + barcode + "\",\"trackingUrl\":\"https://hepsijet.com/gonderi-takibi/" + barcode
                + "\",\"details\":[" + details + "]}";
    }

    private static String detailsJson(List<Scan> scans) {
        List<Scan> newestFirst = new ArrayList<>(scans);
        newestFirst.sort(Comparator.comparing((Scan s) -> s.at().toInstant()).reversed());
        List<String> items = new ArrayList<>();
        for (Scan s : newestFirst) {
            items.add("{\"transactionLocation\":\"" + s.location().replace("\"", "'") + "\",\"transactionDate\":\"" + s.at()
                    + "\",\"integrationStatus\":\"" + s.status() + "\"}");
        }
        return String.join(",", items);
    }

    /**
     * One stub answers every batch: a response template walks the request's barcodes and puts in each one's details
     * ({@code eq} blocks, at most one of which matches a barcode). Needs the X-Auth-Token the token endpoint gave.
     */
    private void rebuild() {
        StringBuilder perBarcode = new StringBuilder();
        details.forEach((barcode, json) -> perBarcode.append("{{#eq b '").append(barcode).append("'}}").append(json).append("{{/eq}}"));
        String template = "{\"status\":\"OK\",\"data\":[{{#each (jsonPath request.body '$.barcodes') as |b|}}"
                + "{{#unless @first}},{{/unless}}{\"barcode\":\"{{b}}\",\"trackingUrl\":\"https://hepsijet.com/gonderi-takibi/{{b}}\","
                + "\"details\":[" + perBarcode + "]}{{/each}}]}";
        var previous = server.getStubMapping(trackStub);
        if (previous.isPresent()) {
            server.removeStubMapping(previous.getItem());
        }
        stub(post(urlPathEqualTo(TRACK_PATH)).withId(trackStub).atPriority(5).withHeader("X-Auth-Token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(template).withTransformers("response-template")));
    }

    /** Barcodes go into a template and a JSON path: letters, digits and dashes only, as HepsiJET's are. */
    private static void requireCode(String barcode) {
        if (barcode == null || !barcode.matches("[A-Za-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("a HepsiJET barcode is letters and digits");
        }
    }
}
