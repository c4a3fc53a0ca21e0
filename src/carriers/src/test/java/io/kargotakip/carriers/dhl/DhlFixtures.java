package io.kargotakip.carriers.dhl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/dhl/} and builds small ones in DHL's Unified format. */
final class DhlFixtures {

    private DhlFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = DhlFixtures.class.getResourceAsStream("/dhl/" + name)) {
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

    /** A tracking answer with one shipment and one event. */
    static byte[] oneEvent(String statusCode, String description) {
        return json("""
                {"shipments": [{"id": "1234567890", "events": [
                  {"timestamp": "2025-11-14T10:10:10", "location": {"address": {"countryCode": "TR"}},
                   "statusCode": "%s", "description": "%s"}]}]}
                """.formatted(escape(statusCode), escape(description)));
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
