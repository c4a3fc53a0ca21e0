package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.hepsiburada.HepsiburadaCarrier;
import io.kargotakip.carriers.hepsiburada.HepsiburadaTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.hepsiburada.HepsiburadaSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Hepsiburada tracking client as the poller runs it: the declarative REST client with its fault tolerance against
 * a WireMock stub of the OMS package cargo info. The circuit breaker is off in tests ({@code application.properties}).
 */
@QuarkusTest
@QuarkusTestResource(value = HepsiburadaApiStub.class, restrictToAnnotatedClass = true)
class HepsiburadaTrackingClientTest {

    static final String PACKAGE = "5000031669";
    static final String PACKAGE_PATH = "/packages/merchantid/" + HepsiburadaApiStub.MERCHANT_ID + "/packagenumber/" + PACKAGE;
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (HepsiburadaApiStub.USER + ":" + HepsiburadaApiStub.PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String IN_TRANSIT = HepsiburadaSandbox.packageAnswer(PACKAGE, "623333333333", "InTransit", "HepsiJET",
            "HJ623333333333", "https://hepsijet.com/gonderi-takibi/HJ623333333333");
    static final String NOT_FOUND = "{\"statusCode\":404,\"code\":\"1004\",\"defaultMessage\":null,"
            + "\"correlationId\":\"0e678213-0f2e-4efd-a91b-6d8e648f2868\",\"message\":\"cannot find package with package number 1\"}";

    @Inject
    HepsiburadaTrackingClient client;

    WireMockServer hepsiburada;

    @BeforeEach
    void reset() {
        hepsiburada = HepsiburadaApiStub.server;
        hepsiburada.resetAll();
    }

    @Test
    void configured_with_merchant_user_and_password() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void asks_by_package_number_with_basic_auth_and_a_user_agent() throws Exception {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(okJson(IN_TRANSIT)));

        byte[] body = client.fetch(PACKAGE);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(IN_TRANSIT);
        hepsiburada.verify(1, getRequestedFor(urlPathEqualTo(PACKAGE_PATH))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("User-Agent", equalTo(HepsiburadaApiStub.USER_AGENT)));
        List<TrackingEvent> events = new HepsiburadaCarrier().parse(body);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("hepsijet");
            assertThat(e.trackingNumber()).isEqualTo("HJ623333333333");
            assertThat(e.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        });
    }

    @Test
    void cannot_find_package_is_an_answer_with_no_events() throws Exception {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));

        byte[] body = client.fetch(PACKAGE);

        assertThat(new HepsiburadaCarrier().parse(body)).isEmpty();
        hepsiburada.verify(1, getRequestedFor(urlPathEqualTo(PACKAGE_PATH)));
    }

    @Test
    void refused_credentials_are_unavailable_without_retries_and_without_the_password() {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(PACKAGE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Hepsiburada package refused our credentials (HTTP 401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(HepsiburadaApiStub.PASSWORD));
        hepsiburada.verify(1, getRequestedFor(urlPathEqualTo(PACKAGE_PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1")).willSetStateTo("open"));
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(IN_TRANSIT)));

        long start = System.nanoTime();
        assertThat(client.fetch(PACKAGE)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        hepsiburada.verify(2, getRequestedFor(urlPathEqualTo(PACKAGE_PATH)));
    }

    @Test
    void server_errors_three_times_are_unavailable() {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> client.fetch(PACKAGE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Hepsiburada package unavailable after retries, last: HTTP 500");
        hepsiburada.verify(3, getRequestedFor(urlPathEqualTo(PACKAGE_PATH)));
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_retried_then_unavailable() {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(okJson(IN_TRANSIT)
                .withFixedDelay(HepsiburadaApiStub.READ_TIMEOUT_MILLIS + 800)));

        assertThatThrownBy(() -> client.fetch(PACKAGE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Hepsiburada package unreachable");
        assertThat(hepsiburada.findAll(getRequestedFor(urlPathEqualTo(PACKAGE_PATH)))).hasSize(3);
    }

    @Test
    void a_malformed_body_passes_through_for_parse_to_reject() throws Exception {
        hepsiburada.stubFor(get(urlPathEqualTo(PACKAGE_PATH)).willReturn(okJson("[{\"packageNumber\": \"5000031669\", ")));

        byte[] body = client.fetch(PACKAGE);

        assertThatThrownBy(() -> new HepsiburadaCarrier().parse(body)).isInstanceOf(PayloadException.class);
    }

    @Test
    void a_package_number_cannot_escape_its_path_segment() throws Exception {
        hepsiburada.stubFor(get(urlPathMatching("/packages/merchantid/.*")).willReturn(okJson(IN_TRANSIT)));

        client.fetch("1/../x?y");

        assertThat(hepsiburada.findAll(getRequestedFor(urlPathMatching("/packages/merchantid/.*")))).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/packages/merchantid/" + HepsiburadaApiStub.MERCHANT_ID
                        + "/packagenumber/1%2F..%2Fx%3Fy"));
    }
}
