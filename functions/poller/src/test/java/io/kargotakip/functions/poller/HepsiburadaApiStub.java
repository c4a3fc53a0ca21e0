package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for Hepsiburada's OMS API, configured as the poller's Hepsiburada base URL and
 * credentials, with a short read timeout so the timeout test stays fast. Tests stub it in Hepsiburada's formats.
 */
public class HepsiburadaApiStub implements QuarkusTestResourceLifecycleManager {

    static final String MERCHANT_ID = "b2910839-83b9-4d45-adb6-86bad457edcb";
    static final String USER = "kt-integrator";
    static final String PASSWORD = "kt-service-key-value";
    static final String USER_AGENT = "kt-integrator-agent";
    static final int READ_TIMEOUT_MILLIS = 700;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("KARGO_CARRIER_HEPSIBURADA_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_HEPSIBURADA_MERCHANT_ID", MERCHANT_ID,
                "KARGO_CARRIER_HEPSIBURADA_USER", USER,
                "KARGO_CARRIER_HEPSIBURADA_PASSWORD", PASSWORD,
                "KARGO_CARRIER_HEPSIBURADA_USER_AGENT", USER_AGENT,
                "quarkus.rest-client.hepsiburada.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
