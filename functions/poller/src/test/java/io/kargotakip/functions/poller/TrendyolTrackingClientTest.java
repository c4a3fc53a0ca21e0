package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.trendyol.TrendyolCarrier;
import io.kargotakip.carriers.trendyol.TrendyolTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.trendyol.TrendyolSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kargotakip.emulators.trendyol.TrendyolSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Trendyol tracking client as the poller runs it: the declarative REST client with its fault tolerance against a
 * WireMock stub of getShipmentPackages. The circuit breaker is off in tests ({@code application.properties}).
 */
@QuarkusTest
@QuarkusTestResource(value = TrendyolApiStub.class, restrictToAnnotatedClass = true)
class TrendyolTrackingClientTest {

    static final String ORDER = "10654411111";
    static final String ORDERS_PATH = "/integration/order/sellers/" + TrendyolApiStub.SELLER_ID + "/orders";
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (TrendyolApiStub.API_KEY + ":" + TrendyolApiStub.API_SECRET).getBytes(StandardCharsets.UTF_8));
    static final String SHIPPED = TrendyolSandbox.page(List.of(TrendyolSandbox.pkg(ORDER, 3330111111L, "Yurtiçi Kargo", "7330012345678",
            List.of(scan("Created", "2026-11-24T07:00:00Z"), scan("Shipped", "2026-11-24T15:30:00Z")))));

    @Inject
    TrendyolTrackingClient client;

    WireMockServer trendyol;

    @BeforeEach
    void reset() {
        trendyol = TrendyolApiStub.server;
        trendyol.resetAll();
    }

    @Test
    void configured_with_seller_id_key_and_secret() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void reads_the_packages_changed_in_a_window_page_by_page_oldest_change_first() throws Exception {
        String second = TrendyolSandbox.pkg("10654422222", 3330222222L, "Aras Kargo", "1234567890", List.of(scan("Shipped", "2026-11-24T16:00:00Z")));
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).withQueryParam("page", equalTo("0"))
                .willReturn(okJson(TrendyolSandbox.page(List.of(TrendyolSandbox.pkg(ORDER, 3330111111L, "Yurtiçi Kargo", "7330012345678",
                        List.of(scan("Shipped", "2026-11-24T15:30:00Z")))), 0, 2))));
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(TrendyolSandbox.page(List.of(second), 1, 2))));
        java.time.Instant from = java.time.Instant.parse("2026-11-24T15:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-11-24T17:00:00Z");

        var first = client.changed(from, to, null, 50);
        var last = client.changed(from, to, first.next().orElseThrow(), 50);

        assertThat(first.next()).contains("1");
        assertThat(last.next()).isEmpty();
        trendyol.verify(2, getRequestedFor(urlPathEqualTo(ORDERS_PATH))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("User-Agent", equalTo(TrendyolApiStub.SELLER_ID + " - SelfIntegration"))
                .withQueryParam("startDate", equalTo(Long.toString(from.toEpochMilli())))
                .withQueryParam("endDate", equalTo(Long.toString(to.toEpochMilli())))
                .withQueryParam("orderByField", equalTo("PackageLastModifiedDate"))
                .withQueryParam("orderByDirection", equalTo("ASC"))
                .withQueryParam("size", equalTo("50"))
                .withQueryParam("orderNumber", absent()));
        assertThat(new TrendyolCarrier().packages(last.body())).extracting(p -> p.orderNumber()).containsExactly("10654422222");
    }

    @Test
    void asks_by_order_number_with_basic_auth_and_the_user_agent_trendyol_requires() throws Exception {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(okJson(SHIPPED)));

        byte[] body = client.fetch(ORDER);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(SHIPPED);
        trendyol.verify(1, getRequestedFor(urlPathEqualTo(ORDERS_PATH))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("User-Agent", equalTo(TrendyolApiStub.SELLER_ID + " - SelfIntegration"))
                .withQueryParam("orderNumber", equalTo(ORDER))
                .withQueryParam("page", equalTo("0"))
                .withQueryParam("size", equalTo("200"))
                .withQueryParam("status", absent())
                .withQueryParam("startDate", absent())
                .withQueryParam("endDate", absent()));
        List<TrackingEvent> events = new TrendyolCarrier().parse(body);
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT);
        assertThat(events).extracting(TrackingEvent::carrier).containsOnly("yurtici");
    }

    @Test
    void an_order_trendyol_does_not_know_is_an_empty_page_with_no_events() throws Exception {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(okJson(TrendyolSandbox.page(List.of()))));

        assertThat(new TrendyolCarrier().parse(client.fetch("999"))).isEmpty();
    }

    @Test
    void refused_credentials_are_unavailable_without_retries_and_without_the_secret() {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":\"ClientApiAuthenticationException\",\"errors\":[{\"key\":\"ClientApiAuthenticationException\"}]}")));

        assertThatThrownBy(() -> client.fetch(ORDER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Trendyol orders refused our credentials (HTTP 401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TrendyolApiStub.API_SECRET).doesNotContain(BASIC));
        trendyol.verify(1, getRequestedFor(urlPathEqualTo(ORDERS_PATH)));
    }

    @Test
    void a_refused_user_agent_is_unavailable() {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(ORDER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Trendyol orders refused our credentials (HTTP 403)");
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(SHIPPED)));

        long start = System.nanoTime();
        assertThat(client.fetch(ORDER)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        trendyol.verify(2, getRequestedFor(urlPathEqualTo(ORDERS_PATH)));
    }

    @Test
    void server_errors_three_times_are_unavailable() {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> client.fetch(ORDER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Trendyol orders unavailable after retries, last: HTTP 502");
        trendyol.verify(3, getRequestedFor(urlPathEqualTo(ORDERS_PATH)));
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_retried_then_unavailable() {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(okJson(SHIPPED)
                .withFixedDelay(TrendyolApiStub.READ_TIMEOUT_MILLIS + 800)));

        assertThatThrownBy(() -> client.fetch(ORDER)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Trendyol orders unreachable");
        assertThat(trendyol.findAll(getRequestedFor(urlPathEqualTo(ORDERS_PATH)))).hasSize(3);
    }

    @Test
    void a_malformed_body_passes_through_for_parse_to_reject() throws Exception {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(okJson("{\"content\": [{\"orderNumber\": ")));

        byte[] body = client.fetch(ORDER);

        assertThatThrownBy(() -> new TrendyolCarrier().parse(body)).isInstanceOf(PayloadException.class);
    }

    @Test
    void an_order_number_stays_one_query_value() throws Exception {
        trendyol.stubFor(get(urlPathEqualTo(ORDERS_PATH)).willReturn(okJson(TrendyolSandbox.page(List.of()))));

        client.fetch("1&status=Delivered");

        trendyol.verify(1, getRequestedFor(urlPathEqualTo(ORDERS_PATH)).withQueryParam("orderNumber", equalTo("1&status=Delivered"))
                .withQueryParam("status", absent()));
    }
}
