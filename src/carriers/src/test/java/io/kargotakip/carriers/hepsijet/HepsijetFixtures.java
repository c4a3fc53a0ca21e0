package io.kargotakip.carriers.hepsijet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/hepsijet/}, and builds one-event answers. */
final class HepsijetFixtures {

    private HepsijetFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = HepsijetFixtures.class.getResourceAsStream("/hepsijet/" + name)) {
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

    /** A documented integration/track answer with one detail. */
    static byte[] oneDetail(String barcode, String integrationStatus, String transactionLocation, String transactionDate) {
        return json("""
                {"status":"OK","data":[{"barcode":"%s","trackingUrl":"https://hepsijet.com/gonderi-takibi/%s",
                 "details":[{"transactionLocation":"%s","transactionDate":"%s","integrationStatus":"%s"}]}]}
                """.formatted(barcode, barcode, transactionLocation, transactionDate, integrationStatus));
    }
}
