package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.aras.ArasCarrier;
import io.kargotakip.carriers.aras.ArasTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.aras.ArasSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kargotakip.emulators.aras.ArasSandbox.devir;
import static io.kargotakip.emulators.aras.ArasSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Aras tracking client as the poller runs it: the declarative REST client posting the SOAP request, with its
 * fault tolerance, against a WireMock stub answering in Aras's shapes (built with {@link ArasSandbox}'s builders).
 * The circuit breaker is off in tests ({@code application.properties}).
 */
@QuarkusTest
@QuarkusTestResource(value = ArasApiStub.class, restrictToAnnotatedClass = true)
class ArasTrackingClientTest {

    static final String PATH = ArasSandbox.SERVICE_PATH;
    static final String DELIVERED_ROW = ArasSandbox.row("SIP-1", "7340000000001",
            List.of(scan(1, "ÇIKIŞ ŞUBESİNDE", "2025-11-12T17:40:00", "BAĞCILAR"), scan(6, "TESLİM EDİLDİ", "2025-11-14T14:32:00", "KADIKÖY")));
    static final String DEVIR_ROW = ArasSandbox.row("SIP-2", "7340000000002",
            List.of(devir("AY", "TESLİMAT ŞUBESİNDE", "2025-11-14T18:05:00", "KADIKÖY")));

    @Inject
    ArasTrackingClient client;

    final ArasCarrier aras = new ArasCarrier();

    WireMockServer stub;

    @BeforeEach
    void reset() {
        stub = ArasApiStub.server;
        stub.resetAll();
    }

    @Test
    void configured_with_user_password_and_customer_code() {
        assertThat(client.configured()).isTrue();
        assertThat(client.batchSize()).isEqualTo(25);
    }

    @Test
    void posts_the_documented_soap_request_and_returns_the_body() throws Exception {
        String answer = ArasSandbox.answer(List.of(DELIVERED_ROW));
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, answer)));

        byte[] body = client.fetch("SIP-1");

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(answer);
        stub.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("SOAPAction", equalTo("\"http://tempuri.org/IArasCargoIntegrationService/GetQueryJSON\""))
                .withHeader("Content-Type", matching("(?i)text/xml;\\s*charset=utf-8"))
                // both parameters are XML strings: escaped inside the envelope, the password escaped twice
                .withRequestBody(containing("<GetQueryJSON xmlns=\"http://tempuri.org/\"><loginInfo>&lt;LoginInfo&gt;&lt;UserName&gt;kt-aras&lt;/UserName&gt;"
                        + "&lt;Password&gt;s3cr3t&amp;amp;&amp;lt;pw&amp;gt;&lt;/Password&gt;&lt;CustomerCode&gt;1234567890123&lt;/CustomerCode&gt;"
                        + "&lt;/LoginInfo&gt;</loginInfo>"))
                .withRequestBody(containing("<queryInfo>&lt;QueryInfo&gt;&lt;QueryType&gt;39&lt;/QueryType&gt;&lt;CustomerCode&gt;1234567890123"
                        + "&lt;/CustomerCode&gt;&lt;IntegrationCode&gt;SIP-1&lt;/IntegrationCode&gt;&lt;/QueryInfo&gt;</queryInfo>")));
        List<TrackingEvent> events = aras.parse(body);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("SIP-1");
            assertThat(e.alternateNumber()).isEqualTo("7340000000001");
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
        });
    }

    @Test
    void a_batch_is_one_call_with_a_comma_separated_list_and_the_shipments_not_found_are_absent() throws Exception {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, ArasSandbox.answer(List.of(DELIVERED_ROW, DEVIR_ROW)))));

        byte[] body = client.fetchAll(List.of("SIP-1", " SIP-2 ", "SIP-3", "SIP-1"));

        stub.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("&lt;IntegrationCode&gt;SIP-1,SIP-2,SIP-3&lt;/IntegrationCode&gt;")));
        assertThat(aras.parse(body)).extracting(TrackingEvent::trackingNumber, TrackingEvent::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SIP-1", TrackingStatus.DELIVERED),
                org.assertj.core.groups.Tuple.tuple("SIP-2", TrackingStatus.FAILED_ATTEMPT));
    }

    @Test
    void a_batch_is_at_most_25_codes_without_commas() {
        assertThatThrownBy(() -> client.fetchAll(Collections.nCopies(26, "x").stream().map(s -> s + Math.random()).toList()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.fetch("A,B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.fetch(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.fetchAll(List.of())).isInstanceOf(IllegalArgumentException.class);
        stub.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void not_found_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, ArasSandbox.answer(List.of()))));

        assertThat(aras.parse(client.fetch("SIP-404"))).isEmpty();
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void wrong_credentials_are_unavailable_at_once() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, ArasSandbox.answer("Kullanıcı adı veya şifre hatalı."))));

        assertThatThrownBy(() -> client.fetch("SIP-1"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Aras query refused our credentials (user, password or customer code)");
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_login_fault_with_http_500_is_retried_then_unavailable() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(500, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Kullanıcı adı veya şifre hatalı</faultstring>"
                + "</s:Fault></s:Body></s:Envelope>")));

        assertThatThrownBy(() -> client.fetch("SIP-1"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Aras query unavailable after retries, last: HTTP 500");
        stub.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_proxy_refusing_us_is_unavailable_without_retries() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client.fetch("SIP-1")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Aras query refused our credentials (HTTP 403)");
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        stub.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        stub.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(xml(200, ArasSandbox.answer(List.of(DELIVERED_ROW)))));

        long start = System.nanoTime();
        assertThat(aras.parse(client.fetch("SIP-1"))).hasSize(1);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        stub.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> client.fetch("SIP-1"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Aras query unavailable after retries, last: HTTP 503");
        stub.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_read_timeout_is_retried_then_unavailable() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(xml(200, ArasSandbox.answer(List.of(DELIVERED_ROW)))
                .withFixedDelay(ArasApiStub.READ_TIMEOUT_MILLIS + 1500)));

        assertThatThrownBy(() -> client.fetch("SIP-1"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Aras query unreachable");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch("SIP-1"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Aras query unreachable");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        stub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Runtime Error</body>")));

        byte[] body = client.fetch("SIP-1");

        assertThatThrownBy(() -> aras.parse(body)).isInstanceOf(PayloadException.class);
        stub.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }
}
