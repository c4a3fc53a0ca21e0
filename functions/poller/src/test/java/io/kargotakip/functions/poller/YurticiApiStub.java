package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for Yurtiçi's ShippingOrderDispatcherServices, configured as the poller's Yurtiçi
 * base URL and web-service credentials, with a short read timeout so the timeout test stays quick. Tests stub it in
 * YK's format.
 */
public class YurticiApiStub implements QuarkusTestResourceLifecycleManager {

    static final String USER = "kt-ws-user";
    static final String PASSWORD = "kt-ws-s3cr3t";
    static final int READ_TIMEOUT_MILLIS = 500;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "KARGO_CARRIER_YURTICI_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_YURTICI_USER", USER,
                "KARGO_CARRIER_YURTICI_PASSWORD", PASSWORD,
                "quarkus.rest-client.yurtici.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
