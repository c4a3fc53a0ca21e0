package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for UPS's OAuth and Tracking API, configured as the poller's UPS base
 * URL and credentials. Tests stub it in UPS's published formats.
 */
public class UpsApiStub implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "kt-client";
    static final String CLIENT_SECRET = "s3cr3t-value";

    static volatile WireMockServer server;
    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> config = new HashMap<>(Map.of(
                "KARGO_CARRIER_UPS_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_UPS_CLIENT_ID", CLIENT_ID,
                "KARGO_CARRIER_UPS_CLIENT_SECRET", CLIENT_SECRET,
                "KARGO_CARRIER_UPS_TRANSACTION_SRC", "kargo-test"));
        return config;
    }

    @Override
    public void stop() {
        server.stop();
    }
}
