package io.kargotakip.carriers.hepsijet;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.bytes;
import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.json;
import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.oneDetail;

/** HepsiJET against the carrier kit's conformance suite. */
class HepsijetConformanceTest extends CarrierConformance {

    private static final HepsijetCarrier HEPSIJET = new HepsijetCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return HEPSIJET;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("integration/track, HepsiJET's documented example", bytes("hepsijet-integration-track-response.json")),
                Sample.events("integration/track, a batch of three barcodes", bytes("track-batch-delivered.json")),
                Sample.events("getDeliveryTracking (unverified shape)", bytes("delivery-tracking-unverified.json")),
                Sample.notFound("integration/track, no movement yet", bytes("track-no-movement.json")),
                Sample.notFound("integration/track, a barcode without details", json("""
                        {"status":"OK","data":[{"barcode":"KTP1","trackingUrl":"https://hepsijet.com/gonderi-takibi/KTP1","details":[]}]}""")),
                Sample.notFound("getDeliveryTracking without events (unverified shape)", json("""
                        {"data":{"customerDeliveryNo":"KTP1","currentStatusCode":null,"events":[]}}""")),
                Sample.error("an error answer (inferred shape)", bytes("track-error.json")),
                Sample.error("the token answer is not a tracking answer", bytes("token-answer.json")));
    }

    /**
     * A code row: that code with words no pattern matches ("Merkez"). A text row: the pattern as the words with a
     * code no row names, so only the text decides.
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        if (row.field().equals(TextPatterns.FIELD)) {
            return oneDetail("KTP1", "NO_SUCH_CODE", row.code(), "2026-11-26T10:00:00+03:00");
        }
        return oneDetail("KTP1", row.code(), "Merkez", "2026-11-26T10:00:00+03:00");
    }
}
