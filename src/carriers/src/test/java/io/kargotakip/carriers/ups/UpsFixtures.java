package io.kargotakip.carriers.ups;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/ups/}. */
final class UpsFixtures {

    private UpsFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = UpsFixtures.class.getResourceAsStream("/ups/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
