package io.kargotakip.carriers.amazon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/amazon/}, and builds small answers in Amazon's formats. */
final class AmazonFixtures {

    private AmazonFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = AmazonFixtures.class.getResourceAsStream("/amazon/" + name)) {
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

    /** A v2 getTracking answer with one event on a leg, and the forward leg's detail codes (JSON array text). */
    static byte[] oneEvent(String eventCode, String shipmentType, String forwardDetailCodes) {
        return json("""
                {"payload":{"trackingId":"TBA1","alternateLegTrackingId":"null",
                 "eventHistory":[{"eventCode":"%s","location":{"city":"Leeds","countryCode":"GB"},"eventTime":"2026-07-03T10:00:00Z",
                                  "shipmentType":"%s"}],
                 "promisedDeliveryDate":"2026-07-04T21:00:00Z",
                 "summary":{"status":"InTransit","trackingDetailCodes":{"forward":%s,"returns":[]}}}}
                """.formatted(eventCode, shipmentType, forwardDetailCodes));
    }

    /** A getOrder answer with one package; null status or detailedStatus is left out. */
    static byte[] onePackage(String carrier, String trackingNumber, String status, String detailedStatus) {
        StringBuilder packageStatus = new StringBuilder();
        if (status != null) {
            packageStatus.append("\"status\":\"").append(status).append('"');
        }
        if (detailedStatus != null) {
            packageStatus.append(packageStatus.isEmpty() ? "" : ",").append("\"detailedStatus\":\"").append(detailedStatus).append('"');
        }
        return json("""
                {"order":{"orderId":"205-0000000-0000001","createdTime":"2026-07-01T08:00:00Z","lastUpdatedTime":"2026-07-03T09:15:00Z",
                 "buyer":{"buyerName":"Ayşe Yılmaz"},
                 "recipient":{"deliveryAddress":{"city":"İstanbul","countryCode":"TR"}},
                 "fulfillment":{"deliverByWindow":{"earliestDateTime":"2026-07-04T00:00:00Z","latestDateTime":"2026-07-06T20:59:59Z"}},
                 "packages":[{"packageReferenceId":"PKG-1","packageStatus":{%s},"carrier":"%s","trackingNumber":"%s",
                              "shipTime":"2026-07-02T12:00:00Z"}]}}
                """.formatted(packageStatus, carrier, trackingNumber));
    }
}
