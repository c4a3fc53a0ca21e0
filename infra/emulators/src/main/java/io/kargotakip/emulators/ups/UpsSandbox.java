package io.kargotakip.emulators.ups;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in for UPS, in UPS's published formats: a WireMock server with the OAuth token endpoint
 * and the Tracking API v1, whose answers a test or the demo sets per tracking number, plus builders
 * for Tracking API responses and Track Alert push bodies.
 */
public final class UpsSandbox extends CarrierSandbox {

    public static final String CLIENT_ID = "sandbox-client-id";
    public static final String CLIENT_SECRET = "sandbox-client-secret";

    public UpsSandbox() {
        // a number nobody told the sandbox about is one UPS has no scan of yet: its 404 with the TW0001 warning
        stub(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/track/v1/details/.+")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"trackResponse\":{\"shipment\":[{\"warnings\":[{\"code\":\"TW0001\","
                                + "\"message\":\"Tracking Information Not Found\"}]}]}}")));
        stub(post(urlEqualTo("/security/v1/oauth/token"))
                .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"issued_at\":\"1764230400000\",\"client_id\":\"" + CLIENT_ID
                                + "\",\"access_token\":\"sandbox-access-token\",\"expires_in\":\"14399\",\"status\":\"approved\"}")));
    }

    @Override
    public String carrier() {
        return "ups";
    }

    @Override
    public java.util.Map<String, String> settings() {
        return java.util.Map.of("KARGO_CARRIER_UPS_BASE_URL", baseUrl(), "KARGO_CARRIER_UPS_CLIENT_ID", CLIENT_ID,
                "KARGO_CARRIER_UPS_CLIENT_SECRET", CLIENT_SECRET);
    }

    /** What the Tracking API answers for this tracking number from now on. */
    public void answer(String trackingNumber, String trackResponseJson) {
        stub(get(urlPathEqualTo("/api/track/v1/details/" + trackingNumber))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sandbox-access-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(trackResponseJson)));
    }

    /** The Tracking API is down for this tracking number from now on (HTTP 503). */
    public void outage(String trackingNumber) {
        stub(get(urlPathEqualTo("/api/track/v1/details/" + trackingNumber))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"response\":{\"errors\":[{\"code\":\"503\",\"message\":\"Service Unavailable\"}]}}")));
    }

    /** How many times the Tracking API was asked about this number. */
    public int trackCalls(String trackingNumber) {
        return calls(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/track/v1/details/" + trackingNumber)));
    }

    /** One UPS scan: type, code and 3-digit status code, when (local time and its offset), where. */
    public record Scan(String type, String code, String statusCode, String description, LocalDateTime local,
                       ZoneOffset offset, String city, String country) {
    }

    public static Scan scan(String type, String code, String statusCode, String description, String localIso, String offset,
                            String city, String country) {
        return new Scan(type, code, statusCode, description, LocalDateTime.parse(localIso), ZoneOffset.of(offset), city, country);
    }

    /**
     * A scan this long before now, in Istanbul time: the demo and the bench tell a recent journey, so the stall
     * rule (no scan for 24 business hours) does not take their parcels for stuck ones.
     */
    public static Scan scanAgo(String type, String code, String statusCode, String description, java.time.Duration ago, String city,
                               String country) {
        ZoneOffset offset = ZoneOffset.of("+03:00");
        LocalDateTime local = LocalDateTime.ofInstant(java.time.Instant.now().minus(ago), offset).withNano(0);
        return new Scan(type, code, statusCode, description, local, offset, city, country);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    /** A Tracking API v1 response with these scans (newest first, as UPS lists them). */
    public static String trackResponse(String trackingNumber, String scheduledDelivery, List<Scan> scans) {
        List<String> activities = new ArrayList<>();
        List<Scan> newestFirst = new ArrayList<>(scans);
        newestFirst.sort((a, b) -> b.local().toInstant(b.offset()).compareTo(a.local().toInstant(a.offset())));
        for (Scan s : newestFirst) {
            LocalDateTime gmt = s.local().minusSeconds(s.offset().getTotalSeconds());
            activities.add("{\"location\":{\"address\":{\"city\":\"" + s.city() + "\",\"countryCode\":\"" + s.country()
                    + "\",\"country\":\"" + s.country() + "\"}},\"status\":{\"type\":\"" + s.type() + "\",\"description\":\""
                    + s.description() + "\",\"code\":\"" + s.code() + "\",\"statusCode\":\"" + s.statusCode() + "\"},\"date\":\""
                    + DATE.format(s.local()) + "\",\"time\":\"" + TIME.format(s.local()) + "\",\"gmtDate\":\"" + DATE.format(gmt)
                    + "\",\"gmtTime\":\"" + TIME.format(gmt) + "\",\"gmtOffset\":\"" + s.offset() + "\"}");
        }
        Scan current = newestFirst.get(0);
        return "{\"trackResponse\":{\"shipment\":[{\"inquiryNumber\":\"" + trackingNumber + "\",\"package\":[{\"trackingNumber\":\""
                + trackingNumber + "\",\"currentStatus\":{\"type\":\"" + current.type() + "\",\"code\":\"" + current.code()
                + "\",\"statusCode\":\"" + current.statusCode() + "\",\"description\":\"" + current.description()
                + "\"},\"deliveryDate\":[{\"type\":\"SDD\",\"date\":\"" + scheduledDelivery + "\"}],\"activity\":["
                + String.join(",", activities) + "]}]}]}}";
    }

    /** A Track Alert push body for one scan. */
    public static String push(String trackingNumber, Scan s, String scheduledDelivery) {
        LocalDateTime gmt = s.local().minusSeconds(s.offset().getTotalSeconds());
        return "{\"trackingNumber\":\"" + trackingNumber + "\",\"localActivityDate\":\"" + DATE.format(s.local())
                + "\",\"localActivityTime\":\"" + TIME.format(s.local()) + "\",\"gmtActivityDate\":\"" + DATE.format(gmt)
                + "\",\"gmtActivityTime\":\"" + TIME.format(gmt) + "\",\"gmtOffset\":\"" + s.offset()
                + "\",\"activityLocation\":{\"city\":\"" + s.city() + "\",\"country\":\"" + s.country()
                + "\"},\"activityStatus\":{\"type\":\"" + s.type() + "\",\"code\":\"" + s.code() + "\",\"description\":\""
                + s.description() + "\"},\"scheduledDeliveryDate\":\"" + scheduledDelivery + "\"}";
    }
}
