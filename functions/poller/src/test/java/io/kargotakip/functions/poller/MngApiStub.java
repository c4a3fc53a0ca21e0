package io.kargotakip.functions.poller;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server standing in for MNG (the REST API's token and query endpoints, and the legacy SOAP service),
 * configured as the poller's MNG base URLs and credentials, with short read timeouts for the timeout tests. With the
 * argument {@code api=legacy} the product polls the legacy service and has no IBM client pair. Tests stub it in MNG's
 * formats.
 */
public class MngApiStub implements QuarkusTestResourceLifecycleManager {

    static final String CUSTOMER_NUMBER = "1234567890";
    /** XML's special characters, so the SOAP request's escaping is seen. */
    static final String PASSWORD = "pa<ss>&w'rd\"";
    static final String CLIENT_ID = "ibm-client-id";
    static final String CLIENT_SECRET = "ibm-client-s3cret";
    static final int READ_TIMEOUT_MILLIS = 1000;

    static volatile WireMockServer server;

    private boolean legacy;

    @Override
    public void init(Map<String, String> initArgs) {
        legacy = "legacy".equals(initArgs.get("api"));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Map<String, String> config = new HashMap<>(Map.of(
                "KARGO_CARRIER_MNG_BASE_URL", server.baseUrl(),
                "KARGO_CARRIER_MNG_LEGACY_BASE_URL", server.baseUrl() + "/musterikargosiparis",
                "KARGO_CARRIER_MNG_CUSTOMER_NUMBER", CUSTOMER_NUMBER,
                "KARGO_CARRIER_MNG_PASSWORD", PASSWORD,
                "quarkus.rest-client.mng.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS),
                "quarkus.rest-client.mng-legacy.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS)));
        if (legacy) {
            config.put("KARGO_CARRIER_MNG_API", "legacy");
        } else {
            config.put("KARGO_CARRIER_MNG_CLIENT_ID", CLIENT_ID);
            config.put("KARGO_CARRIER_MNG_CLIENT_SECRET", CLIENT_SECRET);
        }
        return config;
    }

    @Override
    public void stop() {
        server.stop();
    }
}
