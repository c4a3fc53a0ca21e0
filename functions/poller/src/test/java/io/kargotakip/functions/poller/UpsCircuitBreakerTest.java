package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kargotakip.carriers.ups.UpsTrackingClient;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** During an outage the circuit opens: polls then fail fast instead of piling more calls onto UPS. */
@QuarkusTest
@TestProfile(UpsCircuitBreakerTest.SmallWindow.class)
@QuarkusTestResource(value = UpsApiStub.class, restrictToAnnotatedClass = true)
class UpsCircuitBreakerTest {

    /** Fault-tolerance settings are read when the application is built: a profile of their own, circuit on, no retries. */
    public static class SmallWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.quarkus.fault-tolerance.global.circuit-breaker.enabled", "true",
                    "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.global.retry.max-retries", "0");
        }
    }

    @Inject
    UpsTrackingClient client;

    @Test
    void an_outage_opens_the_circuit_and_later_polls_fail_without_calling_ups() {
        WireMockServer ups = UpsApiStub.server;
        ups.stubFor(post(urlEqualTo("/security/v1/oauth/token")).willReturn(okJson(
                "{\"token_type\":\"Bearer\",\"access_token\":\"tok-1\",\"expires_in\":\"14399\",\"status\":\"approved\"}")));
        ups.stubFor(get(urlPathMatching("/api/track/v1/details/.*")).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.fetch("1ZOUTAGE0000000001")).isInstanceOf(CarrierUnavailableException.class);
        }
        int callsWhileClosed = ups.findAll(getRequestedFor(urlPathMatching("/api/track/v1/details/.*"))).size();

        assertThatThrownBy(() -> client.fetch("1ZOUTAGE0000000001"))
                .isInstanceOf(CarrierUnavailableException.class).hasMessageContaining("circuit open");
        assertThat(ups.findAll(getRequestedFor(urlPathMatching("/api/track/v1/details/.*")))).hasSize(callsWhileClosed);
        assertThat(callsWhileClosed).isEqualTo(4);
    }
}
