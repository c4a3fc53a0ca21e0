package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuratStatusMapTest {

    private final SuratStatusMap map = SuratStatusMap.standard();

    @Test
    void everyRowMatchesItsOwnTextInAnyCase() {
        for (MappingTable.Row row : MappingTable.load("surat").rows()) {
            assertThat(map.match(row.code())).as("row %d %s", row.line(), row.code()).contains(row.mapping());
            assertThat(map.match(row.code().toUpperCase(java.util.Locale.forLanguageTag("tr")) + ".")).as("row %d upper", row.line())
                    .contains(row.mapping());
        }
    }

    @Test
    void everyRowIsInferredUntilRealAnswersAreCaptured() {
        assertThat(MappingTable.load("surat").rows()).extracting(MappingTable.Row::basis).containsOnly("inf");
    }

    @Test
    void aReasonRefinesANotDeliveredMovement() {
        assertThat(map.match("Teslim Edilemedi - Adres yetersiz")).contains(failed(Reason.ADDRESS_PROBLEM));
        assertThat(map.match("TESLİM EDİLEMEDİ (ALICI KABUL ETMEDİ)")).contains(failed(Reason.REFUSED));
        assertThat(map.match("Teslim edilemedi, alıcı adreste bulunamadı")).contains(failed(Reason.RECIPIENT_ABSENT));
        assertThat(map.match("Teslim Edilemedi")).contains(failed(Reason.OTHER));
        assertThat(map.match("Alıcı adreste bulunamadı")).contains(failed(Reason.RECIPIENT_ABSENT));
    }

    @Test
    void aReasonDoesNotOverrideAnotherStatus() {
        assertThat(map.match("İade - alıcı kabul etmedi")).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
    }

    @Test
    void longerPatternsWin() {
        assertThat(map.match("Göndericiye teslim edildi")).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertThat(map.match("İADE EDİLDİ")).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertThat(map.match("Aktarma Merkezinde")).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
        assertThat(map.match("Paket kontrol")).isEmpty();
        // a pattern starts where a word starts
        assertThat(map.match("Kargoiptal")).isEmpty();
    }

    @Test
    void badTablesFailTheLoad() {
        assertBad("statusCode,,1,delivered,,inf,x\n", "surat mapping table row 1: only text rows, not statusCode");
        assertBad("text,why,iade,return_in_transit,,inf,x\n", "surat mapping table row 1: unknown type why");
        assertBad("text,reason,iade,return_in_transit,,inf,x\n", "surat mapping table row 1: a reason row is a failed_attempt");
        assertBad("text,,İade,return_in_transit,,inf,x\ntext,,iade,return_in_transit,,inf,x\n",
                "surat mapping table row 2: text pattern repeats another once case and accents are folded");
    }

    private static StatusMapping failed(Reason reason) {
        return StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, reason);
    }

    private static void assertBad(String rows, String message) {
        assertThatThrownBy(() -> SuratStatusMap.of(MappingTable.parse("surat",
                new StringReader("field,type,code,status,reason,basis,note\n" + rows))))
                .isInstanceOf(MappingTableException.class).hasMessage(message);
    }
}
