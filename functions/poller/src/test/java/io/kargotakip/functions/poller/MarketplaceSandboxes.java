package io.kargotakip.functions.poller;

import io.kargotakip.emulators.hepsiburada.HepsiburadaSandbox;
import io.kargotakip.emulators.trendyol.TrendyolSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/** The Trendyol and Hepsiburada sandboxes, with the poller pointed at both (their own {@code settings()}). */
public class MarketplaceSandboxes implements QuarkusTestResourceLifecycleManager {

    static volatile TrendyolSandbox trendyol;
    static volatile HepsiburadaSandbox hepsiburada;

    @Override
    public Map<String, String> start() {
        trendyol = new TrendyolSandbox();
        hepsiburada = new HepsiburadaSandbox();
        Map<String, String> settings = new HashMap<>(trendyol.settings());
        settings.putAll(hepsiburada.settings());
        return settings;
    }

    @Override
    public void stop() {
        trendyol.close();
        hepsiburada.close();
    }
}
