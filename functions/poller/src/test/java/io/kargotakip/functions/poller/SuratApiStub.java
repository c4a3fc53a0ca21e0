package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

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
        server = CarrierStubs.start();
        return CarrierStubs.settings("surat", server.baseUrl(), READ_TIMEOUT_MILLIS, "cari-kodu", CARI_KODU, "password", PASSWORD);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
