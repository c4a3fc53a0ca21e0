package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.dhl.DhlCarrier;
import io.kargotakip.carriers.dhl.DhlTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.dhl.DhlSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kargotakip.emulators.dhl.DhlSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DHL tracking client as the poller runs it: the declarative REST client with its fault tolerance, against a
 * WireMock stub of DHL Shipment Tracking - Unified. The circuit breaker is off in tests ({@code application.properties}),
 * so the failures of one test cannot open it for the next.
 */
@QuarkusTest
@QuarkusTestResource(value = DhlApiStub.class, restrictToAnnotatedClass = true)
class DhlTrackingClientTest {

    static final String TRACKING_NUMBER = "1234567890";
    static final String PATH = "/track/shipments";
    static final String DELIVERED = DhlSandbox.trackResponse(TRACKING_NUMBER, "express", LocalDate.of(2025, 11, 14), List.of(
            scan("transit", "With delivery courier", "2025-11-14T08:45:10", "ISTANBUL - TURKEY", "TR"),
            scan("delivered", "Delivered", "2025-11-14T14:32:05", "ISTANBUL - TURKEY", "TR")));

    @Inject
    DhlTrackingClient client;

    WireMockServer dhl;

    @BeforeEach
    void reset() {
        dhl = DhlApiStub.server;
        dhl.resetAll();
    }

    @Test
    void configured_with_the_api_key() {
        assertThat(client.configured()).isTrue();
        assertThat(client.batchSize()).isEqualTo(1);
    }

    @Test
    void returns_the_body_asked_with_the_api_key_the_service_hint_and_english() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(DELIVERED)));

        byte[] body = client.fetch(" " + TRACKING_NUMBER + " ");

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("DHL-API-Key", equalTo(DhlApiStub.API_KEY))
                .withQueryParam("trackingNumber", equalTo(TRACKING_NUMBER))
                .withQueryParam("service", equalTo("express"))
                .withQueryParam("language", equalTo("en")));
        List<TrackingEvent> events = new DhlCarrier(ZoneOffset.UTC).parse(body);
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
    }

    @Test
    void one_number_per_call() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(DELIVERED)));

        client.fetchAll(List.of(TRACKING_NUMBER));

        assertThatThrownBy(() -> client.fetchAll(List.of(TRACKING_NUMBER, "1234567891"))).isInstanceOf(IllegalArgumentException.class);
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void not_found_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"No result found\",\"detail\":\"No shipment with given tracking number found.\","
                        + "\"status\":404,\"instance\":\"/shipment/" + TRACKING_NUMBER + "\"}")));

        byte[] body = client.fetch(TRACKING_NUMBER);

        assertThat(new DhlCarrier(ZoneOffset.UTC).parse(body)).isEmpty();
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_bad_request_is_an_answer_that_parse_rejects() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Invalid service.\"}")));

        byte[] body = client.fetch(TRACKING_NUMBER);

        assertThatThrownBy(() -> new DhlCarrier(ZoneOffset.UTC).parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("DHL error response (HTTP 400)");
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_refused_api_key_is_unavailable_without_retries() {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"title\":\"Unauthorized\",\"status\":401}")));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("DHL track refused our credentials (HTTP 401)");
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_forbidden_api_key_is_unavailable_without_retries() {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("DHL track refused our credentials (HTTP 403)");
        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429}")).willSetStateTo("open"));
        dhl.stubFor(get(urlPathEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(new String(client.fetch(TRACKING_NUMBER), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        // Retry-After is honoured: the second attempt came no sooner than the second DHL asked for
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        dhl.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void server_errors_three_times_are_carrier_unavailable() {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withBody("{\"title\":\"Service Unavailable\",\"status\":503}")));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("DHL track unavailable after retries, last: HTTP 503");
        dhl.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a_read_timeout_is_retried_then_unavailable() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(DELIVERED).withFixedDelay(DhlApiStub.READ_TIMEOUT_MILLIS + 500)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("DHL track unreachable");
        // the last attempt may still be in WireMock's delay when the client gives up on it
        assertThat(requestsWithin(Duration.ofSeconds(2), 3)).isEqualTo(3);
    }

    private int requestsWithin(Duration wait, int expected) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        int seen;
        while ((seen = dhl.findAll(getRequestedFor(urlPathEqualTo(PATH))).size()) < expected && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return seen;
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch(TRACKING_NUMBER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("DHL track unreachable");
        assertThat(dhl.findAll(getRequestedFor(urlPathEqualTo(PATH)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"shipments\": [{\"id\": \"1234567890\", \"events\": [")));

        byte[] body = client.fetch(TRACKING_NUMBER);

        assertThatThrownBy(() -> new DhlCarrier(ZoneOffset.UTC).parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("DHL payload is not valid JSON");
    }

    @Test
    void a_tracking_number_stays_one_query_value() throws Exception {
        dhl.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(DELIVERED)));

        client.fetch("12&service=parcel-de");

        dhl.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("trackingNumber", equalTo("12&service=parcel-de"))
                .withQueryParam("service", equalTo("express")));
    }

    @Test
    void the_sandbox_speaks_the_same_format() throws Exception {
        try (DhlSandbox sandbox = new DhlSandbox()) {
            sandbox.answer(TRACKING_NUMBER, DELIVERED);
            HttpClient http = HttpClient.newHttpClient();
            DhlCarrier carrier = new DhlCarrier(ZoneOffset.UTC);

            HttpResponse<byte[]> answered = http.send(request(sandbox, TRACKING_NUMBER, DhlSandbox.API_KEY), BodyHandlers.ofByteArray());
            HttpResponse<byte[]> unknown = http.send(request(sandbox, "999", DhlSandbox.API_KEY), BodyHandlers.ofByteArray());
            HttpResponse<byte[]> wrongKey = http.send(request(sandbox, TRACKING_NUMBER, "wrong"), BodyHandlers.ofByteArray());

            assertThat(answered.statusCode()).isEqualTo(200);
            List<TrackingEvent> polled = carrier.parse(answered.body());
            assertThat(polled).hasSize(2);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(carrier.parse(unknown.body())).isEmpty();
            assertThat(wrongKey.statusCode()).isEqualTo(401);
            assertThat(sandbox.trackCalls(TRACKING_NUMBER)).isEqualTo(2);
            // a push built from the same scan is the same event
            TrackingEvent pushed = carrier.parse(DhlSandbox.push(TRACKING_NUMBER, "express",
                    scan("delivered", "Delivered", "2025-11-14T14:32:05", "ISTANBUL - TURKEY", "TR"))
                    .getBytes(StandardCharsets.UTF_8)).get(0);
            assertThat(pushed.idempotencyKey()).isEqualTo(polled.get(1).idempotencyKey());
            assertThat(sandbox.settings()).containsEntry("KARGO_CARRIER_DHL_API_KEY", DhlSandbox.API_KEY)
                    .containsEntry("KARGO_CARRIER_DHL_BASE_URL", sandbox.baseUrl());
        }
    }

    private static HttpRequest request(DhlSandbox sandbox, String trackingNumber, String apiKey) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + PATH + "?trackingNumber=" + trackingNumber + "&service=express"))
                .header("DHL-API-Key", apiKey).GET().build();
    }
}
