package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A WireMock server standing in for PTT's GonderiHareketV2 service, configured as the poller's PTT base URL and
 * credentials, with a short read timeout so the timeout test is quick. Tests stub it in PTT's barkodSorgu answer.
 */
public class PttApiStub implements QuarkusTestResourceLifecycleManager {

    static final String CUSTOMER_ID = "kt-musteri";
    static final String PASSWORD = "s3cr3t-sifre";
    static final int READ_TIMEOUT_MILLIS = 400;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = CarrierStubs.start();
        return CarrierStubs.settings("ptt", server.baseUrl(), READ_TIMEOUT_MILLIS, "customer-id", CUSTOMER_ID, "password", PASSWORD);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
