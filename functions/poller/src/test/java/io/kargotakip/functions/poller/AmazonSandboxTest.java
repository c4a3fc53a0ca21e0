package io.kargotakip.functions.poller;

import io.kargotakip.carriers.amazon.AmazonCarrier;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.amazon.AmazonSandbox;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.kargotakip.emulators.amazon.AmazonSandbox.returnScan;
import static io.kargotakip.emulators.amazon.AmazonSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;

/** The Amazon sandbox speaks the SP-API's formats; and the SP-API host follows the region setting. */
class AmazonSandboxTest {

    static AmazonSandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = new AmazonSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void grantsATokenAndAnswersTrackingPerTrackingId() throws Exception {
        sandbox.answer("SBX-1", AmazonSandbox.trackingResponse("SBX-1", "2026-07-05T21:00:00Z", List.of(
                scan("Rejected", "2026-07-03T10:00:00Z", "Leeds", "GB"),
                returnScan("Delivered", "2026-07-06T10:00:00Z", "Leeds", "GB")), List.of("IncorrectItems")));

        assertThat(token(AmazonSandbox.REFRESH_TOKEN).body()).contains(AmazonSandbox.ACCESS_TOKEN);
        HttpResponse<String> answer = tracking("SBX-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<TrackingEvent> events = new AmazonCarrier().parse(answer.body().getBytes(StandardCharsets.UTF_8));
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.FAILED_ATTEMPT, TrackingStatus.RETURNED_TO_SENDER);
        assertThat(sandbox.trackCalls("SBX-1")).isEqualTo(1);
    }

    @Test
    void aTrackingIdNeverSetIsNotFoundAndAWrongRefreshTokenIsRefused() throws Exception {
        HttpResponse<String> unknown = tracking("NEVER-SET");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new AmazonCarrier().parse(unknown.body().getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(token("Atzr|wrong").statusCode()).isEqualTo(400);
    }

    @Test
    void anOutageIs503() throws Exception {
        sandbox.outage("SBX-DOWN");
        assertThat(tracking("SBX-DOWN").statusCode()).isEqualTo(503);
    }

    @Test
    void theSellingPartnerHostFollowsTheRegionUnlessABaseUrlIsSet() throws Exception {
        assertThat(amazonUrl(Map.of())).isEqualTo("https://sellingpartnerapi-eu.amazon.com");
        assertThat(amazonUrl(Map.of("KARGO_CARRIER_AMAZON_REGION", "fe"))).isEqualTo("https://sellingpartnerapi-fe.amazon.com");
        assertThat(amazonUrl(Map.of("KARGO_CARRIER_AMAZON_REGION", "na", "KARGO_CARRIER_AMAZON_BASE_URL", "http://127.0.0.1:1")))
                .isEqualTo("http://127.0.0.1:1");
    }

    private static String amazonUrl(Map<String, String> environment) throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(AmazonSandboxTest.class.getResource("/application.properties"), 100))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
        return config.getValue("quarkus.rest-client.amazon.url", String.class);
    }

    private static HttpResponse<String> token(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(AmazonSandbox.CLIENT_ID, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(AmazonSandbox.CLIENT_SECRET, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/auth/o2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> tracking(String trackingId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/shipping/v2/tracking?trackingId=" + trackingId
                        + "&carrierId=AMZN_UK")).header("x-amz-access-token", AmazonSandbox.ACCESS_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
