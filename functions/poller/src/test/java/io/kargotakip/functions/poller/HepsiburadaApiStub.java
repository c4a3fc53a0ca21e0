package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A WireMock server standing in for Hepsiburada's OMS API, configured as the poller's Hepsiburada base URL and
 * credentials, with a short read timeout so the timeout test stays fast. Tests stub it in Hepsiburada's formats.
 */
public class HepsiburadaApiStub implements QuarkusTestResourceLifecycleManager {

    static final String MERCHANT_ID = "b2910839-83b9-4d45-adb6-86bad457edcb";
    static final String USER = "kt-integrator";
    static final String PASSWORD = "kt-service-key-value";
    static final String USER_AGENT = "kt-integrator-agent";
    static final int READ_TIMEOUT_MILLIS = 700;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = CarrierStubs.start();
        return CarrierStubs.settings("hepsiburada", server.baseUrl(), READ_TIMEOUT_MILLIS,
                "merchant-id", MERCHANT_ID, "user", USER, "password", PASSWORD, "user-agent", USER_AGENT);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
