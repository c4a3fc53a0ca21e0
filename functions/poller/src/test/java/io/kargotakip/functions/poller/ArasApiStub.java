package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for Aras's query service, configured as the poller's Aras base URL and credentials,
 * with a short read timeout so the timeout test stays fast. Tests stub it in Aras's shapes.
 */
public class ArasApiStub implements QuarkusTestResourceLifecycleManager {

    static final String USER = "kt-aras";
    static final String PASSWORD = "s3cr3t&<pw>";
    static final String CUSTOMER_CODE = "1234567890123";
    static final int READ_TIMEOUT_MILLIS = 1000;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "KARGO_CARRIER_ARAS_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_ARAS_USER", USER,
                "KARGO_CARRIER_ARAS_PASSWORD", PASSWORD,
                "KARGO_CARRIER_ARAS_CUSTOMER_CODE", CUSTOMER_CODE,
                "quarkus.rest-client.aras.read-timeout", Integer.toString(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
