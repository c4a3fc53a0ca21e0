package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.ups.UpsCarrier;
import io.kargotakip.carriers.ups.UpsTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.kargotakip.emulators.ups.UpsSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UPS tracking client as the poller runs it: the declarative REST client with its fault tolerance
 * and the OIDC client's token, against a WireMock stub of UPS's published formats. The circuit breaker
 * is off in tests ({@code application.properties}; it has its own test), so the failures of one test
 * cannot open it for the next.
 */
@QuarkusTest
@QuarkusTestResource(value = UpsApiStub.class, restrictToAnnotatedClass = true)
class UpsTrackingClientTest {

    static final String TRACKING_NUMBER = "1Z7E4W930468215537";
    static final String TRACK_PATH = "/api/track/v1/details/" + TRACKING_NUMBER;
    static final String TRACK_URL = TRACK_PATH + "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false";
    static final String TOKEN_PATH = "/security/v1/oauth/token";
    static final String DELIVERED = UpsSandbox.trackResponse(TRACKING_NUMBER, "20251114",
            List.of(scan("D", "FS", "011", "DELIVERED", "2025-11-14T10:12:00", "+03:00", "ISTANBUL", "TR")));

    @Inject
    UpsTrackingClient client;

    WireMockServer ups;

    @BeforeEach
    void reset() {
        ups = UpsApiStub.server;
        ups.resetAll();
        // the token the OIDC client holds may come from an earlier test: any token is accepted unless a test says otherwise
        stubToken("tok-1", "14399");
    }

    @Test
    void configured_with_both_credentials() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void returns_the_body_with_a_bearer_token_trans_id_and_transaction_src() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(DELIVERED)));

        assertThat(new String(client.fetch(TRACKING_NUMBER), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        client.fetch(TRACKING_NUMBER);

        ups.verify(2, getRequestedFor(urlPathEqualTo(TRACK_PATH))
                .withHeader("Authorization", matching("Bearer .+"))
                .withHeader("transId", matching("[0-9a-f]{32}"))
                .withHeader("transactionSrc", equalTo("kargo-test"))
                .withQueryParam("locale", equalTo("en_US"))
                .withQueryParam("returnSignature", equalTo("false"))
                .withQueryParam("returnMilestones", equalTo("false"))
                .withQueryParam("returnPOD", equalTo("false")));
        List<String> transIds = ups.findAll(getRequestedFor(urlPathEqualTo(TRACK_PATH))).stream().map(r -> r.getHeader("transId")).toList();
        assertThat(transIds).doesNotHaveDuplicates();
    }

    @Test
    void an_unauthorised_track_renews_the_token_and_is_made_once_more() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(okJson(DELIVERED)));
        client.fetch(TRACKING_NUMBER); // the OIDC client now holds a token, and it is not tok-new
        ups.resetAll();
        stubToken("tok-new", "14399");
        ups.stubFor(get(urlEqualTo(TRACK_URL)).atPriority(5).willReturn(aResponse().withStatus(401)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}")));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).atPriority(1).withHeader("Authorization", equalTo("Bearer tok-new"))
                .willReturn(okJson(DELIVERED)));

        assertThat(new String(client.fetch(TRACKING_NUMBER), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        ups.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)).withHeader("Authorization", equalTo("Bearer tok-new")));
    }

    @Test
    void unauthorised_twice_is_unavailable() {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS track refused our credentials (HTTP 401)");
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void a_blocked_merchant_is_unavailable_without_retries() {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS track refused our credentials (HTTP 403)");
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(TRACKING_NUMBER)).isNotEmpty();

        // Retry-After is honoured: the second attempt came no sooner than the second UPS asked for
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        ups.verify(2, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void a_long_retry_after_is_capped_so_the_poll_run_stays_inside_its_timeout() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")).willSetStateTo("open"));
        ups.stubFor(get(urlEqualTo(TRACK_URL)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(TRACKING_NUMBER)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(503)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"10004\",\"message\":\"try later\"}]}}")));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("UPS track unavailable after retries, last: HTTP 503");
        ups.verify(3, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("UPS track unreachable");
        assertThat(ups.findAll(getRequestedFor(urlEqualTo(TRACK_URL)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void not_found_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"trackResponse\":{\"shipment\":[{\"inquiryNumber\":\"" + TRACKING_NUMBER
                        + "\",\"warnings\":[{\"code\":\"TW0001\",\"message\":\"Tracking Information Not Found\"}]}]}}")));

        byte[] body = client.fetch(TRACKING_NUMBER);

        assertThat(new UpsCarrier(ZoneId.of("UTC")).parse(body)).isEmpty();
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void an_invalid_inquiry_is_an_answer_that_parse_rejects() throws Exception {
        ups.stubFor(get(urlEqualTo(TRACK_URL)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"response\":{\"errors\":[{\"code\":\"TV1002\",\"message\":\"Invalid inquiry number\"}]}}")));

        byte[] body = client.fetch(TRACKING_NUMBER);

        assertThatThrownBy(() -> new UpsCarrier(ZoneId.of("UTC")).parse(body)).isInstanceOf(PayloadException.class);
        ups.verify(1, getRequestedFor(urlEqualTo(TRACK_URL)));
    }

    @Test
    void a_tracking_number_cannot_escape_its_path_segment() throws Exception {
        ups.stubFor(get(urlPathMatching("/api/track/v1/details/.*")).willReturn(okJson(DELIVERED)));

        client.fetch("1Z/../x?y");

        assertThat(ups.findAll(getRequestedFor(urlPathMatching("/api/track/v1/details/.*")))).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).startsWith("/api/track/v1/details/1Z%2F..%2Fx%3Fy?"));
    }

    private void stubToken(String token, String expiresIn) {
        ups.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token_type\":\"Bearer\",\"issued_at\":\"1763107200000\",\"client_id\":\""
                + UpsApiStub.CLIENT_ID + "\",\"access_token\":\"" + token + "\",\"expires_in\":\"" + expiresIn + "\",\"status\":\"approved\"}")));
    }
}
