package io.kargotakip.carriers.ptt;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.ptt.PttFixtures.bytes;
import static io.kargotakip.carriers.ptt.PttFixtures.oneMovement;
import static io.kargotakip.carriers.ptt.PttFixtures.utf8;

/** PTT against the carrier kit's conformance suite. */
class PttConformanceTest extends CarrierConformance {

    private static final PttCarrier PTT = new PttCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return PTT;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("the reference fixture (OMNI-ptt, JSON)", bytes("ptt-gonderiHareketV2-barkodSorgu-fixture.json")),
                Sample.events("flat JSON, one dongu object", bytes("json-flat-single.json")),
                Sample.events("SOAP answer, delivered", bytes("barkodSorgu-delivered.xml")),
                Sample.notFound("SOAP, Barkod bulunamadı", bytes("barkodSorgu-not-found.xml")),
                Sample.notFound("SOAP, known barcode without movements", bytes("barkodSorgu-no-movements.xml")),
                Sample.notFound("JSON, Barkod bulunamadı (the library's error case)", bytes("json-not-found.json")),
                Sample.error("SOAP, wrong password", bytes("barkodSorgu-wrong-password.xml")),
                Sample.error("SOAP, other sonucKodu", bytes("barkodSorgu-error.xml")),
                Sample.error("SOAP fault", bytes("soap-fault.xml")));
    }

    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return utf8(oneMovement(row.code(), "x", "22/03/2026", "14:30:00"));
    }
}
