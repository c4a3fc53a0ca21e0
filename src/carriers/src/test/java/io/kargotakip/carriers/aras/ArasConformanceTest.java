package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.aras.ArasFixtures.bytes;
import static io.kargotakip.carriers.aras.ArasFixtures.json;
import static io.kargotakip.carriers.aras.ArasFixtures.jsonPush;
import static io.kargotakip.carriers.aras.ArasFixtures.row;

/** Aras against the carrier kit's conformance suite. */
class ArasConformanceTest extends CarrierConformance {

    private static final ArasCarrier ARAS = new ArasCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return ARAS;
    }

    /** Aras publishes no sample answer: these are written from the PDF's columns and codes (see each .source.txt). */
    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("GetQueryJSON, QueryType 39, four shipments", bytes("getqueryjson-qt39-batch.xml")),
                Sample.events("GetQueryJSON, QueryType 1, delivered", bytes("getqueryjson-qt1-delivered.xml")),
                Sample.events("GetQueryXML, QueryType 1, devir ŞA", bytes("getqueryxml-qt1-devir.xml")),
                Sample.events("push, SOAP", bytes("push-setcargostatus.xml")),
                Sample.events("push, JSON", bytes("push-devir.json")),
                Sample.notFound("GetQueryJSON, no rows", bytes("getqueryjson-empty.xml")),
                Sample.notFound("GetQueryXML, no rows", bytes("getqueryxml-empty.xml")),
                Sample.notFound("GetQueryJSON, not-found message", bytes("getqueryjson-not-found-message.xml")),
                Sample.error("credentials refused", bytes("getqueryjson-credentials-refused.xml")),
                Sample.error("the PDF's error message", bytes("getqueryjson-error-message.xml")),
                Sample.error("SOAP fault", bytes("soap-fault.xml")));
    }

    /**
     * DURUM rows: a row with that DURUM and TİP 1. TİP rows: DURUM 2 (or 6 for the 'delivered' type) with that TİP.
     * DEVIR rows: DURUM 3 with that devir letter code. Text rows: a push with CargoStatus 3 and that wording.
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return switch (row.field()) {
            case ArasStatusMap.DURUM -> json("[" + row("DURUM_KODU", row.code()) + "]");
            case ArasStatusMap.TIP -> json("[" + (row.type().equals(ArasStatusMap.DELIVERED)
                    ? row("DURUM_KODU", "6", "TIP_KODU", row.code(), "TESLIM_TARIHI", "14.11.2025", "TESLIM_SAATI", "12:00")
                    : row("DURUM_KODU", "2", "TIP_KODU", row.code())) + "]");
            case ArasStatusMap.DEVIR -> json("[" + row("DURUM_KODU", "3", "DEVIR_KODU", row.code()) + "]");
            case TextPatterns.FIELD -> jsonPush("K1", "3", "2025-11-14T10:10:10", row.code());
            default -> throw new IllegalArgumentException("no payload for field " + row.field());
        };
    }
}
