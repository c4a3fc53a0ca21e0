package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.amazon.AmazonCarrier;
import io.kargotakip.carriers.amazon.AmazonTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.amazon.AmazonSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.kargotakip.emulators.amazon.AmazonSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Amazon tracking client as the poller runs it: the declarative SP-API and LWA clients with their fault tolerance
 * and the cached access token, against a WireMock stub of Amazon's published formats.
 */
@QuarkusTest
@QuarkusTestResource(value = AmazonApiStub.class, restrictToAnnotatedClass = true)
class AmazonTrackingClientTest {

    static final String TOKEN_PATH = "/auth/o2/token";
    static final String TRACKING_PATH = "/shipping/v2/tracking";
    static final String TRACKING_ID = "TBAUK1234567890";
    static final String DELIVERED = AmazonSandbox.trackingResponse(TRACKING_ID, "2026-07-03T21:00:00Z", List.of(
            scan("PickupDone", "2026-07-02T14:00:00Z", "Birmingham", "GB"),
            scan("Delivered", "2026-07-03T16:20:00Z", "Manchester", "GB")), List.of("DeliveredToNeighbor"));

    @Inject
    AmazonTrackingClient client;

    WireMockServer amazon;

    @BeforeEach
    void reset() {
        amazon = AmazonApiStub.server;
        amazon.resetAll();
        // the client may hold a token from an earlier test: any token is accepted unless a test says otherwise
        stubToken("Atza|tok-1");
    }

    @Test
    void configured_with_the_three_lwa_settings() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void asks_with_the_access_token_the_refresh_grant_gave_and_the_business_header() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(okJson(DELIVERED)));

        byte[] body = client.fetch(TRACKING_ID);
        client.fetch(TRACKING_ID);

        amazon.verify(2, getRequestedFor(urlPathEqualTo(TRACKING_PATH))
                .withQueryParam("trackingId", equalTo(TRACKING_ID))
                .withQueryParam("carrierId", equalTo(AmazonTrackingClient.DEFAULT_CARRIER_ID))
                .withHeader("x-amz-access-token", equalTo("Atza|tok-1"))
                .withHeader("x-amzn-shipping-business-id", equalTo(AmazonApiStub.BUSINESS_ID)));
        // one grant at most for both calls (an earlier test may have left a token), with the form Amazon documents
        assertThat(amazon.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSizeLessThanOrEqualTo(1).allSatisfy(r -> {
            assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(r.formParameters().get("grant_type").firstValue()).isEqualTo("refresh_token");
            assertThat(r.formParameters().get("refresh_token").firstValue()).isEqualTo(AmazonApiStub.REFRESH_TOKEN);
            assertThat(r.formParameters().get("client_id").firstValue()).isEqualTo(AmazonApiStub.CLIENT_ID);
            assertThat(r.formParameters().get("client_secret").firstValue()).isEqualTo(AmazonApiStub.CLIENT_SECRET);
        });
        assertThat(new AmazonCarrier().parse(body)).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
    }

    @Test
    void reads_an_orders_packages_from_get_order() throws Exception {
        String order = AmazonSandbox.orderResponse("206-1111111-2222222", "2026-07-03T09:15:00Z", "Ayşe Yılmaz",
                List.of(new AmazonSandbox.Package("P1", "Yurtiçi Kargo", "YK123", "IN_TRANSIT", "OUT_FOR_DELIVERY")));
        amazon.stubFor(get(urlPathEqualTo("/orders/2026-01-01/orders/206-1111111-2222222")).willReturn(okJson(order)));

        byte[] body = client.order("206-1111111-2222222").body();

        amazon.verify(1, getRequestedFor(urlPathEqualTo("/orders/2026-01-01/orders/206-1111111-2222222"))
                .withQueryParam("includedData", equalTo("PACKAGES,BUYER"))
                .withHeader("x-amz-access-token", equalTo("Atza|tok-1")));
        MarketplacePackage pkg = new AmazonCarrier().packages(body).get(0);
        assertThat(pkg.carrier()).isEqualTo("yurtici");
        assertThat(pkg.events()).extracting(TrackingEvent::status).containsExactly(TrackingStatus.OUT_FOR_DELIVERY);
    }

    @Test
    void pages_through_the_merchant_fulfilled_orders_updated_in_a_window() throws Exception {
        String first = "{\"orders\":[" + order("206-1111111-0000001") + "],\"pagination\":{\"nextToken\":\"tok-page-2\"}}";
        String last = "{\"orders\":[" + order("206-1111111-0000002") + "]}";
        amazon.stubFor(get(urlPathEqualTo("/orders/2026-01-01/orders")).atPriority(5).willReturn(okJson(first)));
        amazon.stubFor(get(urlPathEqualTo("/orders/2026-01-01/orders")).atPriority(1)
                .withQueryParam("paginationToken", equalTo("tok-page-2")).willReturn(okJson(last)));
        java.time.Instant from = java.time.Instant.parse("2026-07-03T08:00:00Z");
        java.time.Instant to = java.time.Instant.parse("2026-07-03T09:00:00Z");

        io.kargotakip.core.marketplace.OrderFeed.Page page1 = client.changed(from, to, null, 20);
        io.kargotakip.core.marketplace.OrderFeed.Page page2 = client.changed(from, to, page1.next().orElseThrow(), 20);

        assertThat(page1.next()).contains("tok-page-2");
        assertThat(page2.next()).isEmpty();
        amazon.verify(2, getRequestedFor(urlPathEqualTo("/orders/2026-01-01/orders"))
                .withQueryParam("lastUpdatedAfter", equalTo("2026-07-03T08:00:00Z"))
                .withQueryParam("lastUpdatedBefore", equalTo("2026-07-03T09:00:00Z"))
                .withQueryParam("fulfilledBy", equalTo("MERCHANT"))
                .withQueryParam("includedData", equalTo("PACKAGES,BUYER"))
                .withQueryParam("maxResultsPerPage", equalTo("20"))
                .withHeader("x-amz-access-token", equalTo("Atza|tok-1")));
        assertThat(new AmazonCarrier().packages(page1.body())).extracting(MarketplacePackage::orderNumber)
                .containsExactly("206-1111111-0000001");
        assertThat(new AmazonCarrier().packages(page2.body())).extracting(MarketplacePackage::orderNumber)
                .containsExactly("206-1111111-0000002");
    }

    /** One order of a searchOrders page: getOrder's order object. */
    private static String order(String id) throws Exception {
        String answer = AmazonSandbox.orderResponse(id, "2026-07-03T08:30:00Z", "Ayşe Yılmaz",
                List.of(new AmazonSandbox.Package("P1", "Yurtiçi Kargo", "YK" + id.substring(12), "IN_TRANSIT", "PICKED_UP")));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer).get("order").toString();
    }

    @Test
    void an_expired_token_answered_with_403_is_renewed_and_the_call_made_once_more() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(okJson(DELIVERED)));
        client.fetch(TRACKING_ID); // the client now holds a token, and it is not tok-new
        amazon.resetAll();
        stubToken("Atza|tok-new");
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).atPriority(5).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\"}]}")));
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).atPriority(1).withHeader("x-amz-access-token", equalTo("Atza|tok-new"))
                .willReturn(okJson(DELIVERED)));

        assertThat(new String(client.fetch(TRACKING_ID), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        amazon.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        amazon.verify(2, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void refused_twice_is_unavailable() {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(TRACKING_ID)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Amazon Shipping tracking refused our credentials (HTTP 401)");
        amazon.verify(2, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void lwa_refusing_the_refresh_token_is_unavailable_and_names_no_secret() {
        amazon.resetAll();
        amazon.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error_description\":\"The request has an invalid grant parameter : refresh_token\",\"error\":\"invalid_grant\"}")));
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(TRACKING_ID)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Amazon LWA refused the refresh token or client credentials (HTTP 400)")
                .message().doesNotContain(AmazonApiStub.REFRESH_TOKEN).doesNotContain(AmazonApiStub.CLIENT_SECRET);
        amazon.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void lwa_failing_is_retried_then_unavailable() {
        amazon.resetAll();
        amazon.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(500)));
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(TRACKING_ID)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Amazon Shipping tracking unavailable after retries, last: HTTP 500");
        amazon.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void not_found_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"NotFound\",\"message\":\"The requested resource is invalid or doesn't exist\"}]}")));

        assertThat(new AmazonCarrier().parse(client.fetch(TRACKING_ID))).isEmpty();
        amazon.verify(1, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void an_invalid_request_is_an_answer_that_parse_rejects() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"InvalidRequest\",\"message\":\"Request is missing or has invalid parameters\","
                        + "\"details\":\"CarrierId is missing in the request\"}]}")));

        byte[] body = client.fetch(TRACKING_ID);

        assertThatThrownBy(() -> new AmazonCarrier().parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("Amazon error response (InvalidRequest)");
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"code\":\"TooManyRequests\",\"message\":\"The total number of requests exceeded your allowed limit.\"}]}"))
                .willSetStateTo("open"));
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(TRACKING_ID)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        amazon.verify(2, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.fetch(TRACKING_ID)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Amazon Shipping tracking unavailable after retries, last: HTTP 503");
        amazon.verify(3, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_retried_then_unavailable() {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(okJson(DELIVERED).withFixedDelay(AmazonApiStub.READ_TIMEOUT_MILLIS * 3)));

        assertThatThrownBy(() -> client.fetch(TRACKING_ID)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Amazon Shipping tracking unreachable");
        amazon.verify(3, getRequestedFor(urlPathEqualTo(TRACKING_PATH)));
    }

    @Test
    void a_malformed_body_comes_back_for_parse_to_reject() throws Exception {
        amazon.stubFor(get(urlPathEqualTo(TRACKING_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"payload\":{\"trackingId\":")));

        byte[] body = client.fetch(TRACKING_ID);

        assertThatThrownBy(() -> new AmazonCarrier().parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("Amazon payload is not valid JSON");
    }

    private void stubToken(String token) {
        amazon.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"" + token
                + "\",\"refresh_token\":\"Atzr|unused\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    }
}
