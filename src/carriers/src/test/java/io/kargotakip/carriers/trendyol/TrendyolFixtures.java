package io.kargotakip.carriers.trendyol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test payloads: files from {@code src/test/resources/<dir>/} and small pages in Trendyol's package model. */
public final class TrendyolFixtures {

    private TrendyolFixtures() {
    }

    public static byte[] bytes(String dir, String name) {
        try (InputStream in = TrendyolFixtures.class.getResourceAsStream("/" + dir + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + dir + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A one-package page: the carrier's name, its tracking number (null: none yet), and history entries as
     * status/epoch-millisecond pairs; the package's status is the last entry's.
     */
    public static byte[] page(String provider, String trackingNumber, Object... history) {
        List<String> entries = new ArrayList<>();
        String last = null;
        for (int i = 0; i < history.length; i += 2) {
            last = (String) history[i];
            entries.add("{\"createdDate\": " + history[i + 1] + ", \"status\": \"" + last + "\"}");
        }
        return json("""
                {"totalElements": 1, "totalPages": 1, "page": 0, "size": 200, "content": [{
                  "orderNumber": "10654499999", "shipmentPackageId": 3330999999, "customerFirstName": "Can",
                  "cargoTrackingNumber": %s, "cargoProviderName": %s,
                  "packageHistories": [%s], "shipmentPackageStatus": %s, "lastModifiedDate": 1762900000000}]}
                """.formatted(trackingNumber == null ? "null" : "\"" + trackingNumber + "\"",
                provider == null ? "null" : "\"" + provider + "\"", String.join(",", entries),
                last == null ? "null" : "\"" + last + "\""));
    }
}
