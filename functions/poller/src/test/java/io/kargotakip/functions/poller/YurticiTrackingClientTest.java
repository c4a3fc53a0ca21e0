package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.yurtici.YurticiCarrier;
import io.kargotakip.carriers.yurtici.YurticiTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.yurtici.YurticiSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kargotakip.emulators.yurtici.YurticiSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Yurtiçi tracking client as the poller runs it: the declarative REST client with its fault tolerance, against
 * a WireMock stub of YK's ShippingOrderDispatcherServices. The circuit breaker is off in tests
 * ({@code application.properties}), so one test's failures cannot open it for the next.
 */
@QuarkusTest
@QuarkusTestResource(value = YurticiApiStub.class, restrictToAnnotatedClass = true)
class YurticiTrackingClientTest {

    static final String PATH = YurticiSandbox.PATH;
    static final String DELIVERED = YurticiSandbox.queryAnswer(new YurticiSandbox.Shipment("KT-1001", "100365926603", "DLV",
            List.of(scan("Kargo Yüklendi", "2025-11-10T22:30:45", "TRANSFER MERKEZİ", "Bağcılar", "İstanbul"),
                    scan("Teslim Edildi", "2025-11-12T14:15:00", "KADIKÖY ŞUBE", "Kadıköy", "İstanbul")),
            LocalDateTime.parse("2025-11-12T14:15:00")));

    @Inject
    YurticiTrackingClient client;

    WireMockServer yk;

    private final YurticiCarrier yurtici = new YurticiCarrier();

    @BeforeEach
    void reset() {
        yk = YurticiApiStub.server;
        yk.resetAll();
    }

    @Test
    void configured_with_user_and_password_and_batches_twenty_keys() {
        assertThat(client.configured()).isTrue();
        assertThat(client.batchSize()).isEqualTo(20).isEqualTo(yurtici.profile().batchSize());
    }

    @Test
    void posts_a_soap_envelope_with_the_credentials_in_its_body_and_returns_the_answer() throws Exception {
        stubAnswer(DELIVERED);

        byte[] body = client.fetch("KT-1001");

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        yk.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("SOAPAction", equalTo("\"\""))
                .withHeader("Content-Type", matching("text/xml;\\s*charset=(?i)utf-8"))
                .withRequestBody(containing("<ship:queryShipment><wsUserName>" + YurticiApiStub.USER + "</wsUserName><wsPassword>"
                        + YurticiApiStub.PASSWORD + "</wsPassword><wsLanguage>TR</wsLanguage><keys>KT-1001</keys><keyType>0</keyType>"
                        + "<addHistoricalData>true</addHistoricalData><onlyTracking>false</onlyTracking></ship:queryShipment>")));
        assertThat(yurtici.parse(body)).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
    }

    @Test
    void asks_about_several_keys_in_one_call() throws Exception {
        String answer = YurticiSandbox.queryAnswer(
                new YurticiSandbox.Shipment("KT-1", "11", "IND",
                        List.of(scan("Dağıtıma Çıkarıldı", "2025-11-12T09:05:00", "KADIKÖY ŞUBE", "Kadıköy", "İstanbul")), null),
                new YurticiSandbox.Shipment("KT-3", "33", "IND",
                        List.of(scan("Kargo İndirildi", "2025-11-12T06:00:00", "ÇANKAYA ŞUBE", "Çankaya", "Ankara")), null));
        stubAnswer(answer);

        byte[] body = client.fetchAll(List.of("KT-1", "KT-2", "KT-3"));

        yk.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("<keys>KT-1</keys><keys>KT-2</keys><keys>KT-3</keys>")));
        // KT-2 is not in the answer: YK does not know it, and it gets no events
        assertThat(yurtici.parse(body)).extracting(TrackingEvent::trackingNumber, TrackingEvent::alternateNumber, TrackingEvent::status)
                .containsExactly(tuple("KT-3", "33", TrackingStatus.IN_TRANSIT), tuple("KT-1", "11", TrackingStatus.OUT_FOR_DELIVERY));
    }

    @Test
    void more_keys_than_a_call_takes_are_refused_before_any_call() {
        assertThatThrownBy(() -> client.fetchAll(Collections.nCopies(21, "KT-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.fetchAll(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.fetch(" ")).isInstanceOf(IllegalArgumentException.class);
        yk.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void an_unknown_key_is_an_answer_whose_body_parses_to_no_events() throws Exception {
        stubAnswer(YurticiSandbox.unknownKeys());

        assertThat(yurtici.parse(client.fetch("KT-404"))).isEmpty();
        yk.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void refused_credentials_are_unavailable_at_once_without_retries() {
        stubAnswer(YurticiSandbox.refusedCredentials());

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Yurtiçi queryShipment refused the web-service user name or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(YurticiApiStub.PASSWORD));
        yk.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void http_401_or_403_is_unavailable_without_retries() {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403).withBody("Forbidden")));

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Yurtiçi queryShipment refused our credentials (HTTP 403)");
        yk.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void yks_own_unexpected_error_is_unavailable() {
        stubAnswer("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns1:queryShipmentResponse"
                + " xmlns:ns1=\"" + YurticiSandbox.NAMESPACE + "\"><ShippingDeliveryVO><outFlag>2</outFlag><outResult>Bilinmeyen hata"
                + "</outResult><errCode>936</errCode></ShippingDeliveryVO></ns1:queryShipmentResponse></S:Body></S:Envelope>");

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Yurtiçi queryShipment answered with an unexpected error of its own");
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        yk.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        yk.stubFor(post(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(DELIVERED)));

        long start = System.nanoTime();
        assertThat(new String(client.fetch("KT-1001"), StandardCharsets.UTF_8)).isEqualTo(DELIVERED);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        yk.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void service_unavailable_three_times_is_carrier_unavailable() {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Yurtiçi queryShipment unavailable after retries, last: HTTP 503");
        yk.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_soap_fault_comes_as_a_500_and_is_retried_then_unavailable() {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
                        + "<faultcode>S:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring>"
                        + "</S:Fault></S:Body></S:Envelope>")));

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("Yurtiçi queryShipment unavailable after retries, last: HTTP 500");
        yk.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void connection_failures_are_retried_then_unavailable() {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Yurtiçi queryShipment unreachable");
        assertThat(yk.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void an_answer_slower_than_the_read_timeout_is_retried_then_unavailable() {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(DELIVERED).withFixedDelay(YurticiApiStub.READ_TIMEOUT_MILLIS * 3)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.fetch("KT-1001")).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("Yurtiçi queryShipment");

        assertThat(yk.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
        // each attempt gave up at the read timeout, not after the answer's delay
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3L * YurticiApiStub.READ_TIMEOUT_MILLIS * 3));
    }

    @Test
    void a_malformed_body_is_handed_on_for_parse_to_reject() throws Exception {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bakım çalışması</body>")));

        byte[] body = client.fetch("KT-1001");

        assertThatThrownBy(() -> yurtici.parse(body)).isInstanceOf(PayloadException.class);
        yk.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a_windows_1254_answer_that_says_so_only_in_its_content_type_reaches_the_parser_readable() throws Exception {
        String answer = YurticiSandbox.queryAnswer(new YurticiSandbox.Shipment("KT-1", "11", "IND",
                List.of(scan("Dağıtıma Çıkarıldı", "2025-11-12T09:05:00", "ŞİŞLİ ŞUBE", "Şişli", "İstanbul")), null))
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=windows-1254")
                .withBody(answer.getBytes(Charset.forName("windows-1254")))));

        byte[] body = client.fetch("KT-1");

        // the poller keeps bytes only: parse without the header must read it right
        assertThat(yurtici.parse(body)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.location()).isEqualTo("ŞİŞLİ ŞUBE, Şişli, İstanbul");
        });
    }

    @Test
    void a_key_cannot_escape_its_element() throws Exception {
        stubAnswer(YurticiSandbox.unknownKeys());

        client.fetch("KT</keys><keyType>1</keyType><keys>x");

        assertThat(yk.findAll(postRequestedFor(urlEqualTo(PATH)))).singleElement().satisfies(r -> {
            assertThat(r.getBodyAsString()).contains("<keys>KT&lt;/keys&gt;&lt;keyType&gt;1&lt;/keyType&gt;&lt;keys&gt;x</keys><keyType>0</keyType>");
        });
    }

    private void stubAnswer(String body) {
        yk.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
                .withBody(body)));
    }
}
