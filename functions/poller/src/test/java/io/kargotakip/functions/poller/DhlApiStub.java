package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for DHL Shipment Tracking - Unified, configured as the poller's DHL base URL and
 * API key, with the {@code express} service hint and a 1 s read timeout (so the timeout test stays short).
 * Tests stub it in DHL's published format.
 */
public class DhlApiStub implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "dhl-test-key";
    static final int READ_TIMEOUT_MILLIS = 1000;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> config = new HashMap<>(Map.of(
                "KARGO_CARRIER_DHL_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_DHL_API_KEY", API_KEY,
                "quarkus.rest-client.dhl.read-timeout", Integer.toString(READ_TIMEOUT_MILLIS)));
        config.putAll(extra());
        return config;
    }

    /** Further settings of a variant of this stub. */
    protected Map<String, String> extra() {
        return Map.of("KARGO_CARRIER_DHL_SERVICE", "express");
    }

    @Override
    public void stop() {
        server.stop();
    }

    /** The same stub without a service hint, and with the language set. */
    public static class WithoutService extends DhlApiStub {
        @Override
        protected Map<String, String> extra() {
            return Map.of("KARGO_CARRIER_DHL_LANGUAGE", "tr");
        }
    }
}
