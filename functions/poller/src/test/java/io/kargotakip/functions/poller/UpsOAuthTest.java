package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kargotakip.carriers.ups.UpsTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UPS OAuth client-credentials grant, from a fresh application (no token cached yet): refused
 * credentials first, then a token fetched once and reused.
 */
@QuarkusTest
@QuarkusTestResource(value = UpsApiStub.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpsOAuthTest {

    @Inject
    UpsTrackingClient client;

    @Test
    @Order(1)
    void refused_client_credentials_are_unavailable_and_no_track_call_is_made() {
        WireMockServer ups = UpsApiStub.server;
        ups.resetAll();
        ups.stubFor(post(urlEqualTo("/security/v1/oauth/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}")));

        assertThatThrownBy(() -> client.fetch("1Z7E4W930468215537"))
                .isInstanceOf(CarrierUnavailableException.class)
                .hasMessageContaining("refused the OAuth client credentials")
                .hasMessageNotContaining(UpsApiStub.CLIENT_SECRET).hasMessageNotContaining("Invalid Authentication");
        ups.verify(0, getRequestedFor(urlPathMatching("/api/track/.*")));
    }

    @Test
    @Order(2)
    void the_token_is_fetched_with_basic_auth_and_the_client_credentials_grant_once_then_reused() throws Exception {
        WireMockServer ups = UpsApiStub.server;
        ups.resetAll();
        ups.stubFor(post(urlEqualTo("/security/v1/oauth/token")).willReturn(okJson("{\"token_type\":\"Bearer\",\"client_id\":\""
                + UpsApiStub.CLIENT_ID + "\",\"access_token\":\"tok-1\",\"expires_in\":\"14399\",\"status\":\"approved\"}")));
        ups.stubFor(get(urlPathMatching("/api/track/v1/details/.*")).willReturn(okJson("{\"trackResponse\":{\"shipment\":[]}}")));

        client.fetch("1Z7E4W930468215537");
        client.fetch("1Z7E4W930468215538");

        String basic = Base64.getEncoder().encodeToString((UpsApiStub.CLIENT_ID + ":" + UpsApiStub.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        ups.verify(1, postRequestedFor(urlEqualTo("/security/v1/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
        ups.verify(2, getRequestedFor(urlPathMatching("/api/track/v1/details/.*")).withHeader("Authorization", equalTo("Bearer tok-1")));
    }
}
