package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.surat.SuratCarrier;
import io.kargotakip.carriers.surat.SuratTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.surat.SuratSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kargotakip.emulators.surat.SuratSandbox.movement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Sürat tracking client as the poller runs it: the declarative REST client posting the kit's SOAP envelope, with
 * its fault tolerance, against a WireMock stub answering in Sürat's ASMX envelope (the result string inside being
 * the product's guess, see SuratPayloadParser). The circuit breaker is off in tests.
 */
@QuarkusTest
@QuarkusTestResource(value = SuratApiStub.class, restrictToAnnotatedClass = true)
class SuratTrackingClientTest {

    static final String KEY = "SIP-2026-0042";
    static final String PATH = "/services.asmx";
    static final String DELIVERED = SuratSandbox.envelope(SuratSandbox.movementLines(List.of(
            movement("Kargo Kabul", "2026-03-20T10:05:00", "İSTANBUL/KADIKÖY"),
            movement("Teslim Edildi", "2026-03-22T14:30:00", "ANKARA/ÇANKAYA"))));

    @Inject
    SuratTrackingClient client;

    WireMockServer surat;

    @BeforeEach
    void reset() {
        surat = SuratApiStub.server;
        surat.resetAll();
    }

    @Test
    void configured_with_cari_kodu_and_password() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void posts_the_soap_request_and_returns_the_answer_with_the_polled_key() throws Exception {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED)));

        byte[] body = client.fetch(KEY);

        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith(DELIVERED);
        List<TrackingEvent> events = new SuratCarrier().parse(body);
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly(KEY);
        surat.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("SOAPAction", equalTo(SuratSandbox.SOAP_ACTION))
                .withHeader("Content-Type", containing("text/xml"))
                .withRequestBody(containing("<KargoTakipHareketDetayliV2 xmlns=\"http://tempuri.org/\">"))
                .withRequestBody(containing("<CariKodu>" + SuratApiStub.CARI_KODU + "</CariKodu>"))
                .withRequestBody(containing("<Sifre>" + SuratApiStub.PASSWORD + "</Sifre>"))
                .withRequestBody(containing("<WebSiparisKodu>" + KEY + "</WebSiparisKodu>")));
    }

    @Test
    void a_key_cannot_become_markup() throws Exception {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED)));

        byte[] body = client.fetch("A<B>&C");

        surat.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("<WebSiparisKodu>A&lt;B&gt;&amp;C</WebSiparisKodu>")));
        assertThat(new SuratCarrier().parse(body)).extracting(TrackingEvent::trackingNumber).containsOnly("A<B>&C");
    }

    @Test
    void not_found_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, SuratSandbox.envelope(SuratSandbox.NOT_FOUND))));

        assertThat(new SuratCarrier().parse(client.fetch(KEY))).isEmpty();
        surat.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_wrong_password_answer_is_unavailable_without_retries() {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, SuratSandbox.envelope(SuratSandbox.WRONG_PASSWORD))));

        assertThatThrownBy(() -> client.fetch(KEY)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Sürat track refused our credentials (cari kodu or web service password)");
        surat.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void http_401_or_403_is_unavailable() {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch(KEY)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Sürat track refused our credentials (HTTP 403)");
        surat.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        surat.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        surat.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(xml(200, DELIVERED)));

        long start = System.nanoTime();
        assertThat(new SuratCarrier().parse(client.fetch(KEY))).hasSize(2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        surat.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void soap_faults_three_times_are_carrier_unavailable() {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(500, SuratSandbox.fault())));

        assertThatThrownBy(() -> client.fetch(KEY)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Sürat track unavailable after retries, last: HTTP 500");
        surat.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_slow_answer_times_out_and_is_unavailable_after_retries() {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED).withFixedDelay(SuratApiStub.READ_TIMEOUT_MILLIS * 3)));

        assertThatThrownBy(() -> client.fetch(KEY)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Sürat track unreachable");
        surat.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch(KEY)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Sürat track unreachable");
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        surat.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bakım çalışması</body>")));

        byte[] body = client.fetch(KEY);

        assertThatThrownBy(() -> new SuratCarrier().parse(body)).isInstanceOf(PayloadException.class);
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }
}
