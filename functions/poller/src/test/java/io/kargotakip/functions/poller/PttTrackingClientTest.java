package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.ptt.PttCarrier;
import io.kargotakip.carriers.ptt.PttTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.ptt.PttSandbox;
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
import static io.kargotakip.emulators.ptt.PttSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PTT tracking client as the poller runs it: the declarative REST client posting the kit's SOAP envelope, with
 * its fault tolerance, against a WireMock stub answering in barkodSorgu's structure. The circuit breaker is off in tests.
 */
@QuarkusTest
@QuarkusTestResource(value = PttApiStub.class, restrictToAnnotatedClass = true)
class PttTrackingClientTest {

    static final String BARCODE = "KP02123456789";
    static final String PATH = "/GonderiHareketV2/services/Sorgu";
    static final String DELIVERED = PttSandbox.answer(BARCODE, "10", null, List.of(
            scan("1", "Kabul Edildi", "2026-03-20T10:00:00", "İSTANBUL/KADIKÖY"),
            scan("100", "Teslim Edildi", "2026-03-22T14:30:00", "ANKARA/ÇANKAYA")));

    @Inject
    PttTrackingClient client;

    WireMockServer ptt;

    @BeforeEach
    void reset() {
        ptt = PttApiStub.server;
        ptt.resetAll();
    }

    @Test
    void configured_with_customer_id_and_password() {
        assertThat(client.configured()).isTrue();
    }

    @Test
    void posts_barkodSorgu_with_the_credentials_in_its_input_and_returns_the_body() throws Exception {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED)));

        byte[] body = client.fetch(BARCODE);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        List<TrackingEvent> events = new PttCarrier().parse(body);
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly(BARCODE);
        ptt.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("SOAPAction", equalTo("\"urn:barkodSorgu\""))
                .withHeader("Content-Type", containing("text/xml"))
                .withRequestBody(containing("<barkodSorgu xmlns=\"http://sorgu.ptt.gov.tr\"><input><musteriId>" + PttApiStub.CUSTOMER_ID
                        + "</musteriId><sifre>" + PttApiStub.PASSWORD + "</sifre><barkod>" + BARCODE + "</barkod></input></barkodSorgu>")));
    }

    @Test
    void an_answer_whose_charset_only_its_header_names_keeps_it_for_the_parser() throws Exception {
        // a windows-1254 body without an XML declaration: only the Content-Type says how to read "İSTANBUL/KADIKÖY"
        String body = DELIVERED.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=windows-1254")
                .withBody(body.getBytes(java.nio.charset.Charset.forName("windows-1254")))));

        io.kargotakip.core.carrier.TrackingClient.Answer answer = client.ask(List.of(BARCODE));

        assertThat(answer.contentType()).isEqualTo("text/xml; charset=windows-1254");
        assertThat(new PttCarrier().parse(answer.body(), answer.contentType())).extracting(TrackingEvent::location)
                .first().asString().contains("İSTANBUL").contains("KADIKÖY");
    }

    @Test
    void an_unknown_barcode_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, PttSandbox.answer(null, "0", "Barkod bulunamadı", List.of()))));

        assertThat(new PttCarrier().parse(client.fetch(BARCODE))).isEmpty();
        ptt.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_wrong_password_answer_is_unavailable_without_retries() {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, PttSandbox.answer(null, "2", "Şifre hatalı", List.of()))));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("PTT track refused our credentials (customer id or password)");
        ptt.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void http_401_is_unavailable() {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("PTT track refused our credentials (HTTP 401)");
        ptt.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        ptt.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        ptt.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("open").willReturn(xml(200, DELIVERED)));

        long start = System.nanoTime();
        assertThat(new PttCarrier().parse(client.fetch(BARCODE))).hasSize(2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        ptt.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void soap_faults_three_times_are_carrier_unavailable() {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(500, PttSandbox.fault())));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("PTT track unavailable after retries, last: HTTP 500");
        ptt.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_slow_answer_times_out_and_is_unavailable_after_retries() {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED).withFixedDelay(PttApiStub.READ_TIMEOUT_MILLIS * 3)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("PTT track unreachable");
        ptt.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch(BARCODE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("PTT track unreachable");
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Servis geçici olarak kullanılamıyor")));

        byte[] body = client.fetch(BARCODE);

        assertThatThrownBy(() -> new PttCarrier().parse(body)).isInstanceOf(PayloadException.class);
    }

    @Test
    void a_barcode_cannot_become_markup() throws Exception {
        ptt.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, DELIVERED)));

        client.fetch("KP<1>&");

        ptt.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("<barkod>KP&lt;1&gt;&amp;</barkod>")));
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }
}
