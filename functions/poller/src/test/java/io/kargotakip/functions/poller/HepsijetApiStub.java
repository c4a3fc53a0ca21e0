package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A WireMock server standing in for HepsiJET's token and tracking endpoints, configured as the poller's HepsiJET base
 * URL and credentials, with a short read timeout so the timeout test is quick.
 */
public class HepsijetApiStub implements QuarkusTestResourceLifecycleManager {

    static final String USER = "kt-user";
    static final String PASSWORD = "s3cr3t-pass";
    static final int READ_TIMEOUT_MILLIS = 500;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = CarrierStubs.start();
        return CarrierStubs.settings("hepsijet", server.baseUrl(), READ_TIMEOUT_MILLIS, "user", USER, "password", PASSWORD);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
