package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for HepsiJET's token and tracking endpoints, configured as the poller's HepsiJET base
 * URL and credentials, with a short read timeout so the timeout test is quick.
 */
public class HepsijetApiStub implements QuarkusTestResourceLifecycleManager {

    static final String USER = "kt-user";
    static final String PASSWORD = "s3cr3t-pass";
    static final int READ_TIMEOUT_MILLIS = 500;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "KARGO_CARRIER_HEPSIJET_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_HEPSIJET_USER", USER,
                "KARGO_CARRIER_HEPSIJET_PASSWORD", PASSWORD,
                "quarkus.rest-client.hepsijet.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
