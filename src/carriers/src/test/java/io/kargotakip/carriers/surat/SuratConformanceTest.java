package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.surat.SuratFixtures.bytes;
import static io.kargotakip.carriers.surat.SuratFixtures.polled;

/** Sürat against the carrier kit's conformance suite, on the guessed answer shapes (see SuratPayloadParser). */
class SuratConformanceTest extends CarrierConformance {

    private static final SuratCarrier SURAT = new SuratCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return SURAT;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("escaped DataSet rows", bytes("rows-escaped-dataset.xml")),
                Sample.events("inline diffgram rows", bytes("rows-inline-diffgram.xml")),
                Sample.events("status|datetime|location lines", bytes("lines.xml")),
                Sample.notFound("Kayıt bulunamadı", bytes("not-found.xml")),
                Sample.notFound("empty result", bytes("empty-result.xml")),
                Sample.error("wrong password message", bytes("wrong-password.xml")),
                Sample.error("ASMX SOAP fault", bytes("soap-fault.xml")),
                Sample.error("unrecognised message", bytes("unrecognised-message.xml")));
    }

    /** One movement line whose status text is the row's pattern (a reason row's text alone gives its reason). */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return polled(row.code() + "|22.03.2026 14:30:00|ANKARA/ÇANKAYA");
    }
}
