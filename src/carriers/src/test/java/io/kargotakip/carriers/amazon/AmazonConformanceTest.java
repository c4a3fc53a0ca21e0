package io.kargotakip.carriers.amazon;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.amazon.AmazonFixtures.bytes;
import static io.kargotakip.carriers.amazon.AmazonFixtures.oneEvent;
import static io.kargotakip.carriers.amazon.AmazonFixtures.onePackage;

/**
 * Amazon against the carrier kit's conformance suite. The suite holds every event to the adapter's own carrier id, so
 * its Orders samples are packages carried by Amazon Shipping (or by a carrier we do not track, which gives no events);
 * packages of other carriers are {@link AmazonPayloadParserTest}'s.
 */
class AmazonConformanceTest extends CarrierConformance {

    private static final AmazonCarrier AMAZON = new AmazonCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return AMAZON;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("Shipping v1 getTracking (karrio's copy)", bytes("amazon-shipping-v1-tracking-response.json")),
                Sample.events("Shipping v2 getTracking, Amazon's example", bytes("shipping-v2-tracking-example.json")),
                Sample.events("Shipping v2 getTracking, a delivery attempt", bytes("shipping-v2-delivery-attempted.json")),
                Sample.events("Orders getOrder, an Amazon Shipping package", bytes("orders-getOrder-amazon-shipping.json")),
                Sample.notFound("Shipping v2 404 NotFound", bytes("shipping-v2-error-not-found.json")),
                Sample.notFound("Orders getOrder, Amazon's example (a Royal Mail package: not a carrier we track)",
                        bytes("amazon-sp-api-orders-2026-01-01-getOrder-packages-response.json")),
                Sample.error("Shipping v2 400 InvalidRequest", bytes("shipping-v2-error-invalid-request.json")),
                Sample.error("Shipping v2 401 Unauthorized", bytes("shipping-v2-error-unauthorized.json")),
                Sample.error("Shipping v2 429 TooManyRequests", bytes("shipping-v2-error-too-many-requests.json")));
    }

    /**
     * eventCode rows: one event of that code on its leg ({@code *}: Departed, which has no return-leg row of its own);
     * detailCode rows: one forward event of the refined code with that detail code; Orders rows: one Amazon Shipping
     * package with that detailedStatus, or with only that status.
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return switch (row.field()) {
            case AmazonStatusMap.EVENT_CODE -> row.type().equals(AmazonStatusMap.RETURNS)
                    ? oneEvent(row.code().equals(AmazonStatusMap.ANY) ? "Departed" : row.code(), "RETURNS", "[]")
                    : oneEvent(row.code(), "FORWARD", "[]");
            case AmazonStatusMap.DETAIL_CODE -> oneEvent(row.type(), "FORWARD", "[\"" + row.code() + "\"]");
            case AmazonStatusMap.DETAILED_STATUS -> onePackage("Amazon Shipping", "TBA1", "SHIPPED", row.code());
            case AmazonStatusMap.PACKAGE_STATUS -> onePackage("Amazon Shipping", "TBA1", row.code(), null);
            default -> throw new IllegalArgumentException("no payload for field " + row.field());
        };
    }
}
