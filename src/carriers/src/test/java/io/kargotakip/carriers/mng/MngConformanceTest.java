package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.mng.MngFixtures.bytes;
import static io.kargotakip.carriers.mng.MngFixtures.headline;
import static io.kargotakip.carriers.mng.MngFixtures.legacyAnswer;
import static io.kargotakip.carriers.mng.MngFixtures.utf8;

/** MNG (REST API and legacy SOAP) against the carrier kit's conformance suite. */
class MngConformanceTest extends CarrierConformance {

    private static final MngCarrier MNG = new MngCarrier(false);

    @Override
    protected CarrierAdapter adapter() {
        return MNG;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("REST getshipmentstatus, delivered", bytes("getshipmentstatus-delivered.json")),
                Sample.events("REST getshipmentstatus, not delivered", bytes("getshipmentstatus-not-delivered.json")),
                Sample.events("REST trackshipment movements", bytes("trackshipment-movements.json")),
                Sample.events("REST getshipment ShipmentOUT", bytes("getshipment-shipmentout.json")),
                Sample.events("legacy fixture (reference sample)", bytes("mng-legacy-GelecekIadeSiparisKontrol-fixture.json")),
                Sample.events("legacy GelecekIadeSiparisKontrol DataSet", bytes("legacy-GelecekIadeSiparisKontrol-delivered.xml")),
                Sample.events("legacy FaturaSiparisListesi DataSet", bytes("legacy-FaturaSiparisListesi-two-orders.xml")),
                Sample.notFound("the client's not-found note", bytes("not-found.json")),
                Sample.notFound("gateway 404", bytes("gateway-404.json")),
                Sample.notFound("REST headline without a status yet", bytes("getshipmentstatus-no-status-yet.json")),
                Sample.notFound("legacy empty DataSet", bytes("legacy-GelecekIadeSiparisKontrol-empty.xml")),
                Sample.notFound("legacy fixture without a shipment", utf8("{\"Success\":true,\"Message\":\"OK\",\"Shipment\":null}")),
                Sample.error("gateway 401", bytes("gateway-401.json")),
                Sample.error("MNG error body", bytes("error-response.json")),
                Sample.error("legacy E003 wrong customer number or password", bytes("legacy-error-E003.xml")),
                Sample.error("legacy SOAP fault", bytes("legacy-soap-fault.xml")),
                Sample.error("legacy fixture, unsuccessful", utf8("{\"Success\":false,\"Message\":\"E003:Kullanıcı adi veya sifresi yanlış\",\"Shipment\":null}")));
    }

    /**
     * A REST code row: a getshipmentstatus headline with the code and a text no pattern matches. A legacy row: a
     * DataSet row likewise. A text row: a REST not-delivered (6) whose explanation carries the pattern.
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return switch (row.field()) {
            case MngStatusMap.NEW_API -> headline("SIP-1", row.code(), "Durum", "12.03.2025 10:00:00");
            case MngStatusMap.LEGACY -> utf8(legacyAnswer("SIP-1", row.code(), "Durum", "12.03.2025 10:00:00"));
            case TextPatterns.FIELD -> headline("SIP-1", row.type(), "[K9] Teslim edilemedi - " + row.code(), "12.03.2025 10:00:00");
            default -> throw new IllegalArgumentException("no payload for field " + row.field());
        };
    }
}
