package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

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
        server = CarrierStubs.start();
        return CarrierStubs.settings("yurtici", server.baseUrl(), READ_TIMEOUT_MILLIS, "user", USER, "password", PASSWORD);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
