package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.time.ZoneId;
import java.util.List;

import static io.kargotakip.carriers.ups.UpsFixtures.bytes;
import static io.kargotakip.carriers.ups.UpsFixtures.json;

/** UPS against the carrier kit's conformance suite. */
class UpsConformanceTest extends CarrierConformance {

    private static final UpsCarrier UPS = new UpsCarrier(ZoneId.of("Europe/Istanbul"));

    @Override
    protected CarrierAdapter adapter() {
        return UPS;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("Tracking API, delivered", bytes("track-poll-delivered.json")),
                Sample.events("Tracking API, UPS's sample (karrio)", bytes("ups-track-v1-details-response.json")),
                Sample.events("Track Alert, out for delivery", bytes("push-out-for-delivery.json")),
                Sample.events("Track Alert, delivered", bytes("push-delivered.json")),
                Sample.notFound("Tracking API, TW0001", bytes("track-not-found.json")),
                Sample.notFound("Tracking API, UPS's TW0001 sample", bytes("ups-warning-tracking-not-found.json")),
                Sample.error("invalid inquiry", bytes("error-invalid-inquiry.json")),
                Sample.error("UPS's invalid inquiry sample", bytes("ups-error-invalid-inquiry.json")),
                Sample.error("UPS's auth failure sample", bytes("ups-error-auth.json")));
    }

    /**
     * A statusCode row: a poll activity whose type has no rows, so only the statusCode decides. A
     * typeCode row: a push with that type and code ({@code *}: a code no row names).
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        if (row.field().equals(UpsStatusMap.STATUS_CODE)) {
            return json("""
                    {"trackResponse": {"shipment": [{"package": [{"trackingNumber": "1Z1",
                      "activity": [{"status": {"type": "QQ", "statusCode": "%s"}, "date": "20251114", "time": "101010"}]}]}]}}
                    """.formatted(row.code()));
        }
        String code = row.code().equals(UpsStatusMap.ANY_CODE) ? "Q#" : row.code();
        return json("""
                {"trackingNumber": "1Z1", "localActivityDate": "20251114", "localActivityTime": "101010",
                 "activityStatus": {"type": "%s", "code": "%s"}}
                """.formatted(row.type(), code));
    }
}
