package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

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
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "KARGO_CARRIER_PTT_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_PTT_CUSTOMER_ID", CUSTOMER_ID,
                "KARGO_CARRIER_PTT_PASSWORD", PASSWORD,
                "quarkus.rest-client.ptt.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
