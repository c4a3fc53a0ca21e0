package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

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
        server = CarrierStubs.start();
        return CarrierStubs.settings("aras", server.baseUrl(), READ_TIMEOUT_MILLIS, "user", USER, "password", PASSWORD, "customer-code", CUSTOMER_CODE);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
