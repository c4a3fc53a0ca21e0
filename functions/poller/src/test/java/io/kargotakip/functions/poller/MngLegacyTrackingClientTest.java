package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kargotakip.carriers.mng.MngCarrier;
import io.kargotakip.carriers.mng.MngTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.mng.MngSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kargotakip.emulators.mng.MngSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MNG tracking client in legacy mode ({@code KARGO_CARRIER_MNG_API=legacy}): the declarative SOAP client posting
 * {@code GelecekIadeSiparisKontrol} to {@code musterisiparisnew.asmx}, with the account in the body and no token,
 * against a WireMock stub answering MNG's .NET DataSets.
 */
@QuarkusTest
@QuarkusTestResource(value = MngApiStub.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "api", value = "legacy"))
class MngLegacyTrackingClientTest {

    static final String REFERENCE = "SIP-001";
    static final String SERVICE = "/musterikargosiparis/musterisiparisnew.asmx";
    static final String DELIVERED = MngSandbox.legacyDataSet(REFERENCE, "89472001590",
            List.of(scan(2, "Transfer Aşamasında", "2025-03-11T07:55:10", "ANKARA"),
                    scan(5, "Teslim Edildi", "2025-03-12T16:28:37", "ANKARA")));
    static final String EMPTY = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Body><GelecekIadeSiparisKontrolResponse xmlns=\"http://tempuri.org/\"><GelecekIadeSiparisKontrolResult>"
            + "<xs:schema id=\"NewDataSet\" xmlns=\"\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>"
            + "<diffgr:diffgram xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\"/>"
            + "</GelecekIadeSiparisKontrolResult></GelecekIadeSiparisKontrolResponse></soap:Body></soap:Envelope>";

    @Inject
    MngTrackingClient client;

    WireMockServer mng;

    @BeforeEach
    void reset() {
        mng = MngApiStub.server;
        mng.resetAll();
    }

    @Test
    void configured_with_the_account_alone() {
        assertThat(client.legacy()).isTrue();
        assertThat(client.configured()).isTrue();
    }

    @Test
    void posts_the_query_with_the_account_and_the_reference_and_returns_the_data_set() throws Exception {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(200, DELIVERED)));

        byte[] body = client.fetch(REFERENCE.toLowerCase());

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(DELIVERED);
        mng.verify(1, postRequestedFor(urlEqualTo(SERVICE))
                .withHeader("SOAPAction", equalTo("\"http://tempuri.org/GelecekIadeSiparisKontrol\""))
                .withHeader("Content-Type", containing("text/xml"))
                .withRequestBody(containing("<GelecekIadeSiparisKontrol xmlns=\"http://tempuri.org/\">"))
                .withRequestBody(containing("<pRfSipGnMusteriNo>" + MngApiStub.CUSTOMER_NUMBER + "</pRfSipGnMusteriNo>"))
                // the password's XML characters are escaped, so it cannot become markup
                .withRequestBody(containing("<pRfSipGnMusteriSifre>pa&lt;ss&gt;&amp;w&apos;rd&quot;</pRfSipGnMusteriSifre>"))
                .withRequestBody(containing("<pCHSiparisNo>" + REFERENCE + "</pCHSiparisNo>")));
        // no REST call, no token
        assertThat(mng.findAll(anyRequestedFor(anyUrl()))).hasSize(1);

        TrackingEvent event = new MngCarrier(true).parse(body).get(0);
        assertThat(event.trackingNumber()).isEqualTo(REFERENCE);
        assertThat(event.alternateNumber()).isEqualTo("89472001590");
        assertThat(event.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-12T16:28:37+03:00"));
    }

    @Test
    void an_unknown_order_is_an_empty_data_set_that_parses_to_no_events() throws Exception {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(200, EMPTY)));

        assertThat(new MngCarrier(true).parse(client.fetch(REFERENCE))).isEmpty();
    }

    @Test
    void a_wrong_customer_number_or_password_is_unavailable() {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(200, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GelecekIadeSiparisKontrolResponse xmlns=\"http://tempuri.org/\"><GelecekIadeSiparisKontrolResult>"
                + "E003:Kullanıcı adi veya sifresi yanlış tekrar kontrol ediniz. [3]"
                + "</GelecekIadeSiparisKontrolResult></GelecekIadeSiparisKontrolResponse></soap:Body></soap:Envelope>")));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG legacy service refused the customer number or password (E003)");
        mng.verify(1, postRequestedFor(urlEqualTo(SERVICE)));
    }

    @Test
    void a_soap_fault_is_retried_as_an_outage_then_unavailable() {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(500, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring>"
                + "</soap:Fault></soap:Body></soap:Envelope>")));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG legacy unavailable after retries, last: HTTP 500");
        mng.verify(3, postRequestedFor(urlEqualTo(SERVICE)));
    }

    @Test
    void a_wrong_address_is_unavailable_not_an_answer() {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessage("MNG legacy service answered HTTP 404");
    }

    @Test
    void too_many_requests_waits_the_retry_after_then_succeeds() throws Exception {
        mng.stubFor(post(urlEqualTo(SERVICE)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        mng.stubFor(post(urlEqualTo(SERVICE)).inScenario("throttle").whenScenarioStateIs("open").willReturn(xml(200, DELIVERED)));

        long start = System.nanoTime();
        assertThat(client.fetch(REFERENCE)).isNotEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        mng.verify(2, postRequestedFor(urlEqualTo(SERVICE)));
    }

    @Test
    void a_slow_answer_times_out_is_retried_then_unavailable() {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(200, DELIVERED).withFixedDelay(MngApiStub.READ_TIMEOUT_MILLIS + 500)));

        assertThatThrownBy(() -> client.fetch(REFERENCE)).isInstanceOf(CarrierUnavailableException.class)
                .hasMessageStartingWith("MNG legacy unreachable");
        mng.verify(3, postRequestedFor(urlEqualTo(SERVICE)));
    }

    @Test
    void a_malformed_body_passes_through_and_parse_rejects_it() throws Exception {
        mng.stubFor(post(urlEqualTo(SERVICE)).willReturn(xml(200, "<html><body>Bakım çalışması</body></html>")));

        byte[] body = client.fetch(REFERENCE);

        assertThatThrownBy(() -> new MngCarrier(true).parse(body)).isInstanceOf(PayloadException.class);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }
}
