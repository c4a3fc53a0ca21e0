package io.kargotakip.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@code @QuarkusTestResource(KargoStackResource.class)}: a fresh stack on the shared emulators,
 * its settings handed to the function under test as configuration.
 */
public class KargoStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KargoStack current;

    /** The stack of the test class that is running. */
    public static KargoStack stack() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        current = KargoStack.create();
        return current.environment();
    }

    @Override
    public void stop() {
        // the emulators are shared by the JVM and stop with it; the stack's prefix keeps its data apart
    }
}
