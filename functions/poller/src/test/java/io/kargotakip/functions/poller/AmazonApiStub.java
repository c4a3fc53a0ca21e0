package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for both Login with Amazon and the Selling Partner API, configured as the poller's
 * Amazon base URLs and credentials, with a short read timeout so the timeout test is quick.
 */
public class AmazonApiStub implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "amzn1.application-oa2-client.kt";
    static final String CLIENT_SECRET = "amzn-s3cr3t";
    static final String REFRESH_TOKEN = "Atzr|kt-refresh";
    static final String BUSINESS_ID = "AmazonShipping_IT";
    static final int READ_TIMEOUT_MILLIS = 500;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("KARGO_CARRIER_AMAZON_BASE_URL", server.baseUrl());
        config.put("KARGO_CARRIER_AMAZON_AUTH_URL", server.baseUrl());
        config.put("KARGO_CARRIER_AMAZON_CLIENT_ID", CLIENT_ID);
        config.put("KARGO_CARRIER_AMAZON_CLIENT_SECRET", CLIENT_SECRET);
        config.put("KARGO_CARRIER_AMAZON_REFRESH_TOKEN", REFRESH_TOKEN);
        config.put("KARGO_CARRIER_AMAZON_BUSINESS_ID", BUSINESS_ID);
        config.put("quarkus.rest-client.amazon.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
        return config;
    }

    @Override
    public void stop() {
        server.stop();
    }
}
