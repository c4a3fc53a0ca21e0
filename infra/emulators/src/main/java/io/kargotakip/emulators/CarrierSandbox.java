package io.kargotakip.emulators;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * What every carrier's local sandbox shares: a WireMock server on loopback that speaks the carrier's
 * published format, whose answers the demo and the tests set per shipment. Each carrier's sandbox (one
 * package per carrier under {@code io.kargotakip.emulators}) adds its token endpoint, its answer builders
 * and the settings that point the product at it.
 */
public abstract class CarrierSandbox implements AutoCloseable {

    protected final WireMockServer server;

    protected CarrierSandbox() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    /** The carrier id this sandbox stands in for. */
    public abstract String carrier();

    /**
     * The settings that point the product at this sandbox, as configuration names ({@code KARGO_CARRIER_<ID>_BASE_URL}
     * and the sandbox's credentials).
     */
    public abstract java.util.Map<String, String> settings();

    public String baseUrl() {
        return server.baseUrl();
    }

    protected void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** How many requests matched. */
    public int calls(RequestPatternBuilder pattern) {
        return server.findAll(pattern).size();
    }

    /** Every request this sandbox received, for the bench's calls per shipment lifecycle. */
    public int totalCalls() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
