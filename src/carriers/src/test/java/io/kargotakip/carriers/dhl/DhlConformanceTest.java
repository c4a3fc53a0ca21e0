package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.time.ZoneOffset;
import java.util.List;

import static io.kargotakip.carriers.dhl.DhlFixtures.bytes;
import static io.kargotakip.carriers.dhl.DhlFixtures.oneEvent;

/** DHL against the carrier kit's conformance suite. */
class DhlConformanceTest extends CarrierConformance {

    private static final DhlCarrier DHL = new DhlCarrier(ZoneOffset.UTC);

    @Override
    protected CarrierAdapter adapter() {
        return DHL;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("Unified answer, DHL's OpenAPI example (karrio)", bytes("dhl-unified-track-shipments-response.json")),
                Sample.events("Unified answer, Express into Türkiye", bytes("track-express-turkey.json")),
                Sample.events("Unified answer, Parcel DE failed then returned", bytes("track-parcel-de-failed-return.json")),
                Sample.events("Push, shipments[] with the latest status", bytes("push-shipments.json")),
                Sample.events("Push, envelope around shipments[]", bytes("push-envelope-delivered.json")),
                Sample.notFound("Unified 404 problem, DHL's sample (karrio)", bytes("dhl-unified-error-404.json")),
                Sample.notFound("Unified answer without shipments", bytes("track-empty.json")),
                Sample.notFound("Push subscription lifecycle message", bytes("push-subscription-validate.json")),
                Sample.error("401 problem", bytes("error-401.json")),
                Sample.error("400 problem", bytes("error-400.json")),
                Sample.error("429 problem", bytes("error-429.json")),
                Sample.error("our own push subscription request is not a DHL payload", bytes("dhl-unified-push-subscription-request.json")));
    }

    /**
     * A statusCode row: an event of that family with a text no pattern matches. A text row: an event of the
     * first family the row refines, whose text is the pattern.
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        if (row.field().equals(DhlStatusMap.STATUS_CODE)) {
            return oneEvent(row.code(), "Shipment scanned");
        }
        return oneEvent(DhlStatusMap.families(row.type()).iterator().next(), row.code());
    }
}
