package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kargotakip.core.carrier.CarrierSettings;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** What the carriers' WireMock test resources share: a server on loopback, and the poller's settings pointing at it. */
final class CarrierStubs {

    private CarrierStubs() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /**
     * {@code KARGO_CARRIER_<ID>_BASE_URL}, the given settings ({@code "user", "kt-user", …} as setting keys and
     * values) and a short read timeout for the carrier's REST client, so the timeout tests are quick.
     */
    static Map<String, String> settings(String carrier, String baseUrl, int readTimeoutMillis, String... keysAndValues) {
        CarrierSettings names = new CarrierSettings(carrier, key -> null);
        Map<String, String> config = new HashMap<>();
        config.put(names.variable("base-url"), baseUrl);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put(names.variable(keysAndValues[i]), keysAndValues[i + 1]);
        }
        config.put("quarkus.rest-client." + carrier + ".read-timeout", String.valueOf(readTimeoutMillis));
        return config;
    }
}
