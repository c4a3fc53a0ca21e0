package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kargotakip.carriers.dhl.DhlTrackingClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Without {@code KARGO_CARRIER_DHL_SERVICE} the call carries no service parameter; the language setting is passed. */
@QuarkusTest
@QuarkusTestResource(value = DhlApiStub.WithoutService.class, restrictToAnnotatedClass = true)
class DhlTrackingClientWithoutServiceTest {

    @Inject
    DhlTrackingClient client;

    @Test
    void no_service_parameter_when_none_is_configured() throws Exception {
        WireMockServer dhl = DhlApiStub.server;
        dhl.resetAll();
        dhl.stubFor(get(urlPathEqualTo("/track/shipments")).willReturn(okJson("{\"shipments\": []}")));

        client.fetch("1234567890");

        dhl.verify(1, getRequestedFor(urlPathEqualTo("/track/shipments"))
                .withHeader("DHL-API-Key", equalTo(DhlApiStub.API_KEY))
                .withQueryParam("trackingNumber", equalTo("1234567890"))
                .withQueryParam("service", absent())
                .withQueryParam("language", equalTo("tr")));
    }
}
