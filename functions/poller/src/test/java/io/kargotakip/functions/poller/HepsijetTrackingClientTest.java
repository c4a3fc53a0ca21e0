package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.hepsijet.HepsijetCarrier;
import io.kargotakip.carriers.hepsijet.HepsijetTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.hepsijet.HepsijetSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kargotakip.emulators.hepsijet.HepsijetSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HepsiJET tracking client as the poller runs it: the declarative REST client with its fault tolerance and the
 * cached X-Auth-Token, against a WireMock stub of HepsiJET's documented integration/track and token endpoints.
 */
@QuarkusTest
@QuarkusTestResource(value = HepsijetApiStub.class, restrictToAnnotatedClass = true)
class HepsijetTrackingClientTest {

    static final String TOKEN_PATH = "/auth/getToken";
    static final String TRACK_PATH = "/delivery/integration/track";
    static final String BARCODE = "KTP100000000042";
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (HepsijetApiStub.USER + ":" + HepsijetApiStub.PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String DELIVERED = HepsijetSandbox.trackResponse(Map.of(BARCODE, List.of(
            scan("ACCEPTED", "Dağıtım Aracında", "2026-11-26T08:45:10+03:00"),
            scan("DELIVERED", "Teslim Edildi", "2026-11-26T14:32:05+03:00"))));

    @Inject
    HepsijetTrackingClient client;

    WireMockServer hepsijet;

    @BeforeEach
    void reset() {
        hepsijet = HepsijetApiStub.server;
        hepsijet.resetAll();
        // the client may hold a token from an earlier test: any token is accepted unless a test says otherwise
        stubToken("tok-1");
    }

    @Test
    void configured_with_user_and_password_and_batches_five() {
        assertThat(client.configured()).isTrue();
        assertThat(client.batchSize()).isEqualTo(5);
    }

    @Test
    void posts_the_barcode_with_the_token_from_basic_auth_and_keeps_the_token() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(okJson(DELIVERED)));

        byte[] body = client.fetch(BARCODE);
        client.fetch(BARCODE);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        hepsijet.verify(2, postRequestedFor(urlEqualTo(TRACK_PATH))
                .withHeader("X-Auth-Token", equalTo("tok-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"barcodes\":[\"" + BARCODE + "\"],\"isTrackAdded\":true}")));
        // fetched at most once for both calls (an earlier test may have left one cached), always with HTTP Basic
        assertThat(hepsijet.findAll(getRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSizeLessThanOrEqualTo(1)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(BASIC));
        assertThat(new HepsijetCarrier().parse(body)).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
    }

    @Test
    void asks_about_a_batch_in_one_call() throws Exception {
        Map<String, List<HepsijetSandbox.Scan>> scans = new LinkedHashMap<>();
        scans.put("KTP1", List.of(scan("ACCEPTED", "Transfer Merkezinde", "2026-11-25T06:05:00+03:00")));
        scans.put("KTP2", List.of(scan("DELIVERED", "Teslim Edildi", "2026-11-26T14:32:05+03:00")));
        scans.put("KTP3", List.of());
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(okJson(HepsijetSandbox.trackResponse(scans))));

        byte[] body = client.fetchAll(List.of("KTP1", "KTP2", "KTP3"));

        hepsijet.verify(1, postRequestedFor(urlEqualTo(TRACK_PATH))
                .withRequestBody(equalToJson("{\"barcodes\":[\"KTP1\",\"KTP2\",\"KTP3\"],\"isTrackAdded\":true}")));
        assertThat(new HepsijetCarrier().parse(body)).extracting(TrackingEvent::trackingNumber).containsExactly("KTP1", "KTP2");
        assertThatThrownBy(() -> client.fetchAll(List.of("1", "2", "3", "4", "5", "6"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_movement_yet_is_an_answer_with_no_events() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(okJson("{\"status\":\"OK\"}")));

        assertThat(new HepsijetCarrier().parse(client.fetch(BARCODE))).isEmpty();
    }

    @Test
    void an_error_answer_is_a_body_that_parse_rejects() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"FAIL\",\"message\":\"Barkod hatalı\"}")));

        byte[] body = client.fetch(BARCODE);

        assertThatThrownBy(() -> new HepsijetCarrier().parse(body)).isInstanceOf(PayloadException.class);
        hepsijet.verify(1, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void an_unauthorised_track_fetches_a_new_token_and_is_made_once_more() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(okJson(DELIVERED)));
        client.fetch(BARCODE); // the client now holds a token, and it is not tok-new
        hepsijet.resetAll();
        stubToken("tok-new");
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).atPriority(5).willReturn(aResponse().withStatus(401)));
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).atPriority(1).withHeader("X-Auth-Token", equalTo("tok-new"))
                .willReturn(okJson(DELIVERED)));

        assertThat(new String(client.fetch(BARCODE), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        hepsijet.verify(1, getRequestedFor(urlEqualTo(TOKEN_PATH)));
        hepsijet.verify(2, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void unauthorised_twice_is_unavailable() {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET track refused our credentials (HTTP 401)");
        hepsijet.verify(2, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void forbidden_is_unavailable_without_a_second_call() {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET track refused our credentials (HTTP 403)");
        hepsijet.verify(1, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void the_token_endpoint_refusing_the_password_is_unavailable_and_names_no_secret() {
        hepsijet.resetAll();
        hepsijet.stubFor(get(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":\"FAIL\",\"message\":\"Kullanıcı adı veya şifre hatalı\"}")));
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET refused the user name and password (HTTP 401)")
                .message().doesNotContain(HepsijetApiStub.PASSWORD);
        hepsijet.verify(1, getRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void a_token_answer_without_a_token_is_unavailable() {
        hepsijet.resetAll();
        hepsijet.stubFor(get(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"status\":\"FAIL\",\"data\":null}")));
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET token answer has no token (credentials refused?)");
    }

    @Test
    void the_token_service_failing_is_retried_then_unavailable() {
        hepsijet.resetAll();
        hepsijet.stubFor(get(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET track unavailable after retries, last: HTTP 503");
        hepsijet.verify(3, getRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(okJson(DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(BARCODE)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        hepsijet.verify(2, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("HepsiJET track unavailable after retries, last: HTTP 503");
        hepsijet.verify(3, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_retried_then_unavailable() {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(okJson(DELIVERED)
                .withFixedDelay(HepsijetApiStub.READ_TIMEOUT_MILLIS * 3)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("HepsiJET track unreachable");
        hepsijet.verify(3, postRequestedFor(urlEqualTo(TRACK_PATH)));
    }

    @Test
    void a_malformed_body_comes_back_for_parse_to_reject() throws Exception {
        hepsijet.stubFor(post(urlEqualTo(TRACK_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"OK\",\"data\":[{")));

        byte[] body = client.fetch(BARCODE);

        assertThatThrownBy(() -> new HepsijetCarrier().parse(body)).isInstanceOf(PayloadException.class)
                .hasMessage("HepsiJET payload is not valid JSON");
    }

    private void stubToken(String token) {
        hepsijet.stubFor(get(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"data\":{\"token\":\"" + token + "\"}}")));
    }
}
