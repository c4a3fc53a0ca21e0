package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

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
        server = CarrierStubs.start();
        return CarrierStubs.settings("trendyol", server.baseUrl(), READ_TIMEOUT_MILLIS,
                "seller-id", SELLER_ID, "api-key", API_KEY, "api-secret", API_SECRET);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
