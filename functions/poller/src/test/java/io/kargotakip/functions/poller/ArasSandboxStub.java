package io.kargotakip.functions.poller;

import io.kargotakip.emulators.aras.ArasSandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Aras's sandbox as the poller's Aras service: its settings are the poller's configuration. */
public class ArasSandboxStub implements QuarkusTestResourceLifecycleManager {

    static volatile ArasSandbox sandbox;

    @Override
    public Map<String, String> start() {
        sandbox = new ArasSandbox();
        return sandbox.settings();
    }

    @Override
    public void stop() {
        sandbox.close();
    }
}
