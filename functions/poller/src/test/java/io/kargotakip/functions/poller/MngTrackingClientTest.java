package io.kargotakip.functions.poller;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.mng.MngCarrier;
import io.kargotakip.carriers.mng.MngTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.mng.MngSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.kargotakip.emulators.mng.MngSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MNG tracking client against the REST API, as the poller runs it: the declarative REST client with its fault
 * tolerance and the JWT kept in a CachedToken, against a WireMock stub of MNG's formats. The client's token lives as
 * long as the application, so each test starts by making it hold a token of the test's own ({@link #primeToken}).
 */
@QuarkusTest
@QuarkusTestResource(value = MngApiStub.class, restrictToAnnotatedClass = true)
class MngTrackingClientTest {

    static final String REFERENCE = "SIP-2025-0042";
    static final String STATUS_PATH = "/mngapi/api/standardqueryapi/getshipmentstatus/" + REFERENCE;
    static final String TOKEN_PATH = "/mngapi/api/token";
    static final String DELIVERED = MngSandbox.shipmentStatus(REFERENCE, "401202500042",
            List.of(scan(3, "Teslimat birimine ulaştı", "2025-03-11T07:55:10", "ANKARA"),
                    scan(5, "Teslim edildi", "2025-03-12T16:28:37", "ANKARA")), LocalDate.of(2025, 3, 12));

    @Inject
    MngTrackingClient client;

    WireMockServer mng;
    /** The token the client holds when a test starts. */
    String token;

    @BeforeEach
    void primeToken() throws Exception {
        mng = MngApiStub.server;
        token = "tok-" + UUID.randomUUID();
        mng.resetAll();
        stubToken(token);
        mng.stubFor(get(urlPathMatching("/mngapi/api/standardqueryapi/.*")).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(DELIVERED)));
        mng.stubFor(get(urlPathMatching("/mngapi/api/standardqueryapi/.*")).atPriority(20).willReturn(aResponse().withStatus(401)));
        client.fetch("PRIME");
        mng.resetAll();
        stubToken(token);
    }

    @Test
    void configured_with_the_account_and_the_ibm_client_pair() {
        assertThat(client.configured()).isTrue();
        assertThat(client.legacy()).isFalse();
    }

    @Test
    void returns_the_headline_with_the_jwt_the_ibm_pair_and_the_api_version_and_keeps_the_token() throws Exception {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson(DELIVERED)));

        assertThat(new String(client.fetch(REFERENCE.toLowerCase()), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        client.fetch(REFERENCE);

        mng.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        mng.verify(2, getRequestedFor(urlEqualTo(STATUS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-IBM-Client-Id", equalTo(MngApiStub.CLIENT_ID))
                .withHeader("X-IBM-Client-Secret", equalTo(MngApiStub.CLIENT_SECRET))
                .withHeader("x-api-version", equalTo("1.0")));
        List<TrackingEvent> events = new MngCarrier(false).parse(client.fetch(REFERENCE));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo(REFERENCE);
            assertThat(e.alternateNumber()).isEqualTo("401202500042");
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
        });
    }

    @Test
    void an_unauthorised_query_drops_the_token_fetches_a_new_one_with_the_account_and_is_made_once_more() throws Exception {
        String fresh = "tok-new-" + UUID.randomUUID();
        stubToken(fresh);
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).atPriority(1).withHeader("Authorization", equalTo("Bearer " + fresh))
                .willReturn(okJson(DELIVERED)));
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).atPriority(5).willReturn(aResponse().withStatus(401)
                .withBody("{\"httpCode\":\"401\",\"httpMessage\":\"Unauthorized\",\"moreInformation\":\"jwt expired\"}")));

        assertThat(new String(client.fetch(REFERENCE), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        mng.verify(2, getRequestedFor(urlEqualTo(STATUS_PATH)));
        mng.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer " + fresh)));
        mng.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("X-IBM-Client-Id", equalTo(MngApiStub.CLIENT_ID))
                .withHeader("X-IBM-Client-Secret", equalTo(MngApiStub.CLIENT_SECRET))
                .withHeader("x-api-version", equalTo("1.0"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"customerNumber\":\"" + MngApiStub.CUSTOMER_NUMBER + "\",\"password\":"
                        + TextNode.valueOf(MngApiStub.PASSWORD) + ",\"identityType\":1}")));
    }

    @Test
    void unauthorised_twice_is_unavailable() {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG track refused our credentials (HTTP 401)");
        mng.verify(2, getRequestedFor(urlEqualTo(STATUS_PATH)));
        mng.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void a_refused_account_at_the_token_endpoint_is_unavailable_and_quotes_nothing() {
        mng.resetAll();
        mng.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"httpCode\":\"401\",\"httpMessage\":\"Unauthorized\",\"moreInformation\":\"Kullanıcı adı veya şifre hatalı\"}")));
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG refused the customer number, password or client credentials (HTTP 401)")
                .hasMessageNotContaining(MngApiStub.PASSWORD).hasMessageNotContaining("hatalı");
        mng.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void a_token_service_outage_is_retried_then_unavailable() {
        mng.resetAll();
        mng.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG track unavailable after retries, last: HTTP 503");
        mng.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void a_product_not_subscribed_is_unavailable_without_retries() {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG track refused our credentials (HTTP 403)");
        mng.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void not_found_and_empty_answers_become_the_note_that_parses_to_no_events() throws Exception {
        MngCarrier carrier = new MngCarrier(false);
        for (ResponseDefinitionBuilder answer : List.of(
                aResponse().withStatus(404).withBody("{\"httpCode\":\"404\",\"moreInformation\":\"/" + REFERENCE + "\"}"),
                aResponse().withStatus(404), okJson("[]"), okJson(" "), aResponse().withStatus(204))) {
            mng.resetAll();
            stubToken(token);
            mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(answer));

            byte[] body = client.fetch(REFERENCE);

            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(REFERENCE).contains("not-found");
            assertThat(carrier.parse(body)).isEmpty();
        }
    }

    @Test
    void an_error_answer_is_a_body_that_parse_rejects() throws Exception {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"30102\",\"message\":\"Referans numarası geçersiz\"}}")));

        byte[] body = client.fetch(REFERENCE);

        assertThatThrownBy(() -> new MngCarrier(false).parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("MNG error response (30102)");
        mng.verify(1, getRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>maintenance")));

        byte[] body = client.fetch(REFERENCE);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("<html>maintenance");
        assertThatThrownBy(() -> new MngCarrier(false).parse(body)).isInstanceOf(PayloadException.class);
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(REFERENCE)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        mng.verify(2, getRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withStatus(503)
                .withBody("{\"httpCode\":\"503\",\"httpMessage\":\"Service Unavailable\"}")));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG track unavailable after retries, last: HTTP 503");
        mng.verify(3, getRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void a_slow_answer_times_out_is_retried_then_unavailable() {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(okJson(DELIVERED).withFixedDelay(MngApiStub.READ_TIMEOUT_MILLIS + 500)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("MNG track unreachable");
        mng.verify(3, getRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        mng.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("MNG track unreachable");
        assertThat(mng.findAll(getRequestedFor(urlEqualTo(STATUS_PATH)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void a_reference_is_upper_cased_and_cannot_escape_its_path_segment() throws Exception {
        mng.stubFor(get(urlPathMatching("/mngapi/api/standardqueryapi/getshipmentstatus/.*")).willReturn(okJson(DELIVERED)));

        client.fetch("sip/../x?y");

        assertThat(mng.findAll(getRequestedFor(urlPathMatching("/mngapi/api/standardqueryapi/getshipmentstatus/.*"))))
                .singleElement().satisfies(r -> assertThat(r.getUrl()).isEqualTo("/mngapi/api/standardqueryapi/getshipmentstatus/SIP%2F..%2FX%3FY"));
    }

    private void stubToken(String jwt) {
        String expires = LocalDateTime.now(ZoneId.of("Europe/Istanbul")).plusHours(8).withNano(0).toString();
        mng.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"jwt\":\"" + jwt + "\",\"refreshToken\":\"r-" + jwt
                + "\",\"jwtExpireDate\":\"" + expires + "\"}")));
    }
}
