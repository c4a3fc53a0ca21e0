package io.kargotakip.carriers.ups;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsTrackingClientTest {

    private static final String TRACKING_NUMBER = "1Z7E4W930468215537";
    private static final String TOKEN_PATH = "/security/v1/oauth/token";
    private static final String TRACK_PATH = "/api/track/v1/details/" + TRACKING_NUMBER;
    private static final String TRACK_URL = TRACK_PATH
            + "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false";
    private static final String CLIENT_ID = "kt-client";
    private static final String CLIENT_SECRET = "s3cr3t-value";

    private WireMockServer ups;
    private final List<Duration> waits = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-14T08:00:00Z"));

    @BeforeEach
    void start() {
        ups = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        ups.start();
    }

    @AfterEach
    void stop() {
        ups.stop();
    }

    @Test
    void tokenIsFetchedOnceAndReusedAcrossTracks() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(fixture("track-poll-delivered.json"))));
        UpsTrackingClient client = client();

        assertThat(client.fetch(TRACKING_NUMBER)).isEqualTo(UpsFixtures.bytes("track-poll-delivered.json"));
        assertThat(client.fetch(TRACKING_NUMBER)).isNotEmpty();

        ups.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        assertThat(waits).isEmpty();
    }

    @Test
    void tokenCallUsesBasicAuthAndTheClientCredentialsGrant() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(fixture("track-poll-delivered.json"))));

        client().fetch(TRACKING_NUMBER);

        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        ups.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void trackCallCarriesTransIdAndTransactionSrc() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(fixture("track-poll-delivered.json"))));
        UpsTrackingClient client = client();

        client.fetch(TRACKING_NUMBER);
        client.fetch(TRACKING_NUMBER);

        ups.verify(2, getRequestedFor(urlPathEqualTo(TRACK_PATH))
                .withHeader("transId", matching("[0-9a-f]{32}"))
                .withHeader("transactionSrc", equalTo("kargo-test"))
                .withQueryParam("locale", equalTo("en_US"))
                .withQueryParam("returnSignature", equalTo("false"))
                .withQueryParam("returnMilestones", equalTo("false"))
                .withQueryParam("returnPOD", equalTo("false")));
        List<String> transIds = ups.findAll(getRequestedFor(urlPathEqualTo(TRACK_PATH))).stream()
                .map(r -> r.getHeader("transId")).toList();
        assertThat(transIds).doesNotHaveDuplicates();
    }

    @Test
    void tokenIsRenewedSixtySecondsBeforeItExpires() throws Exception {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenBody("tok-1", "120"))).willSetStateTo("second"));
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("second")
                .willReturn(okJson(tokenBody("tok-2", "120"))));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(fixture("track-poll-delivered.json"))));
        UpsTrackingClient client = client();

        client.fetch(TRACKING_NUMBER);
        clock.advance(Duration.ofSeconds(59));
        client.fetch(TRACKING_NUMBER);
        clock.advance(Duration.ofSeconds(1));
        client.fetch(TRACKING_NUMBER);

        ups.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)).withHeader("Authorization", equalTo("Bearer tok-1")));
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void unauthorisedTrackDropsTheTokenAndRetriesOnceWithANewOne() throws Exception {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenBody("tok-old", "14399"))).willSetStateTo("renewed"));
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson(tokenBody("tok-new", "14399"))));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).withHeader("Authorization", equalTo("Bearer tok-old"))
                .willReturn(aResponse().withStatus(401)
                        .withBody("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}")));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).withHeader("Authorization", equalTo("Bearer tok-new"))
                .willReturn(okJson(fixture("track-poll-delivered.json"))));
        UpsTrackingClient client = client();

        assertThat(client.fetch(TRACKING_NUMBER)).isEqualTo(UpsFixtures.bytes("track-poll-delivered.json"));

        ups.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
        assertThat(waits).isEmpty();
    }

    @Test
    void unauthorisedTwiceIsUnavailable() {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client().fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS track refused our credentials (HTTP 401)");
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void tooManyRequestsThenSuccess() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(okJson(fixture("track-poll-delivered.json"))));

        assertThat(client().fetch(TRACKING_NUMBER)).isEqualTo(UpsFixtures.bytes("track-poll-delivered.json"));

        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsCappedAtTwoSeconds() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")).willSetStateTo("open"));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(okJson(fixture("track-poll-delivered.json"))));

        client().fetch(TRACKING_NUMBER);

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void serviceUnavailableThreeTimesIsCarrierUnavailable() {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(503)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"10004\",\"message\":\"try later\"}]}}")));

        assertThatThrownBy(() -> client().fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS track unavailable after 3 attempts, last: HTTP 503");

        ups.verify(3, getRequestedFor(urlEqualTo(TRACK_URL)));
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void connectionFailuresAreRetriedThenUnavailable() {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client().fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("UPS track unavailable after 3 attempts, last: I/O error");
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        // the JDK client may itself resend a GET once when the connection drops
        assertThat(ups.findAll(getRequestedFor(urlEqualTo(TRACK_URL)))).hasSizeBetween(3, 6);
    }

    @Test
    void tokenOutageIsRetriedLikeATrackOutage() throws Exception {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("up")
                .willReturn(okJson(tokenBody("tok-1", "14399"))));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(fixture("track-poll-delivered.json"))));

        assertThat(client().fetch(TRACKING_NUMBER)).isNotEmpty();
        assertThat(waits).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void refusedClientCredentialsAreUnavailableWithoutRetryOrSecrets() {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}")));

        assertThatThrownBy(() -> client().fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS refused the OAuth client credentials (HTTP 401)")
                .hasMessageNotContaining(CLIENT_SECRET);
        ups.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        ups.verify(0, getRequestedFor(urlPathEqualTo(TRACK_PATH)));
    }

    @Test
    void notFoundBodyIsReturnedAndParsesToNoEvents() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("track-not-found.json"))));

        byte[] body = client().fetch(TRACKING_NUMBER);

        assertThat(new UpsCarrier(ZoneId.of("UTC")).parse(body)).isEmpty();
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void invalidInquiryBodyIsReturnedAndParseRejectsIt() throws Exception {
        stubToken("tok-1", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-invalid-inquiry.json"))));

        byte[] body = client().fetch(TRACKING_NUMBER);

        assertThatThrownBy(() -> new UpsCarrier(ZoneId.of("UTC")).parse(body)).isInstanceOf(PayloadException.class);
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)));
        assertThat(waits).isEmpty();
    }

    @Test
    void trackingNumberCannotEscapeThePath() {
        assertThat(UpsTrackingClient.pathSegment("1Z/../x?y")).isEqualTo("1Z%2F..%2Fx%3Fy");
        assertThat(UpsTrackingClient.pathSegment(TRACKING_NUMBER)).isEqualTo(TRACKING_NUMBER);
    }

    private UpsTrackingClient client() {
        return new UpsTrackingClient(new UpsTrackingClient.Config(ups.baseUrl() + "/", CLIENT_ID, CLIENT_SECRET, "kargo-test"),
                UpsTrackingClient.defaultHttpClient(), clock, waits::add);
    }

    private void stubToken(String token, String expiresIn) {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(tokenBody(token, expiresIn))));
    }

    private static String tokenBody(String token, String expiresIn) {
        return "{\"token_type\":\"Bearer\",\"issued_at\":\"1763107200000\",\"client_id\":\"" + CLIENT_ID
                + "\",\"access_token\":\"" + token + "\",\"expires_in\":\"" + expiresIn + "\",\"status\":\"approved\"}";
    }

    private static String fixture(String name) {
        return new String(UpsFixtures.bytes(name), StandardCharsets.UTF_8);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
