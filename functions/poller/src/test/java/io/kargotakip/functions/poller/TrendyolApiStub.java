package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for Trendyol's seller API, configured as the poller's Trendyol base URL and
 * credentials, with a short read timeout so the timeout test stays fast. Tests stub it in Trendyol's formats.
 */
public class TrendyolApiStub implements QuarkusTestResourceLifecycleManager {

    static final String SELLER_ID = "998877";
    static final String API_KEY = "kt-api-key";
    static final String API_SECRET = "kt-api-secret-value";
    static final int READ_TIMEOUT_MILLIS = 700;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("KARGO_CARRIER_TRENDYOL_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_TRENDYOL_SELLER_ID", SELLER_ID,
                "KARGO_CARRIER_TRENDYOL_API_KEY", API_KEY,
                "KARGO_CARRIER_TRENDYOL_API_SECRET", API_SECRET,
                "quarkus.rest-client.trendyol.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
