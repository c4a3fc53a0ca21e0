package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for Sürat's ASMX service, configured as the poller's Sürat base URL and
 * credentials, with a short read timeout so the timeout test is quick. Tests stub it in Sürat's SOAP envelope.
 */
public class SuratApiStub implements QuarkusTestResourceLifecycleManager {

    static final String CARI_KODU = "kt-cari";
    static final String PASSWORD = "s3cr3t-sifre";
    static final int READ_TIMEOUT_MILLIS = 400;

    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "KARGO_CARRIER_SURAT_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_SURAT_CARI_KODU", CARI_KODU,
                "KARGO_CARRIER_SURAT_PASSWORD", PASSWORD,
                "quarkus.rest-client.surat.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
