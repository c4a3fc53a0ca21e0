package io.kargotakip.carriers.kit;

import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextPatternsTest {

    // The way a text-only carrier (Sürat, per normalization.csv) writes its patterns into its status-map.csv.
    private static final String TABLE = """
            field,type,code,status,reason,basis,note
            text,,Kargo Kabul,in_transit,,inf,accepted
            text,,Aktarma,in_transit,,inf,hub
            text,,Dağıtıma Verildi,out_for_delivery,,inf,
            text,,Dağıtımda,out_for_delivery,,inf,
            text,,Teslim Edildi,delivered,,inf,
            text,,Teslim Edilemedi,failed_attempt,other,inf,
            text,,Adreste Bulunamadı,failed_attempt,recipient_absent,inf,
            text,,Adres Hatalı,failed_attempt,address_problem,inf,
            text,,İade,return_in_transit,,inf,
            text,,İptal,exception,cancelled,inf,
            statusCode,,5,delivered,,doc,a code row beside the text rows
            """;

    private final TextPatterns patterns = TextPatterns.from(table(TABLE));

    @Test
    void onlyTextRowsArePatterns() {
        assertThat(patterns.size()).isEqualTo(10);
    }

    @Test
    void deliveredMatchesHoweverItIsWritten() {
        for (String text : new String[] {"TESLİM EDİLDİ", "teslim edildi", "Teslim Edildi", "TESLIM EDILDI", "Kargo teslim edildi."}) {
            assertThat(patterns.match(text)).as(text).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        }
    }

    @Test
    void recipientAbsentAndOtherFailures() {
        assertThat(patterns.match("ADRESTE BULUNAMADI"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(patterns.match("Alıcı adreste bulunamadı, not bırakıldı"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(patterns.match("ADRES HATALI"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
    }

    @Test
    void theLongestMatchWins() {
        // "Teslim Edilemedi" is a failure, not a delivery, although it starts like one
        assertThat(patterns.match("TESLİM EDİLEMEDİ - ADRESTE BULUNAMADI"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(patterns.match("Teslim edilemedi"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
    }

    @Test
    void patternsStartAtAWordAndMayTakeSuffixes() {
        assertThat(patterns.match("İADE EDİLDİ")).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        assertThat(patterns.match("Göndericiye iadesi başladı")).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        assertThat(patterns.match("AKTARMA MERKEZİNDE")).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
        // inside another word it is no match
        assertThat(patterns.match("Fiyatiade")).isEmpty();
    }

    @Test
    void textThatMatchesNothingIsEmpty() {
        assertThat(patterns.match("Şube ile görüşünüz")).isEmpty();
        assertThat(patterns.match("")).isEmpty();
        assertThat(patterns.match(null)).isEmpty();
    }

    @Test
    void badPatternsFailTheLoad() {
        assertThatThrownBy(() -> TextPatterns.from(table("""
                field,type,code,status,reason,basis,note
                text,,Teslim Edildi,delivered,,inf,
                text,,TESLIM EDILDI,delivered,,inf,
                """))).isInstanceOf(MappingTableException.class)
                .hasMessage("test mapping table row 2: text pattern repeats another once case and accents are folded");
        assertThatThrownBy(() -> TextPatterns.from(table("""
                field,type,code,status,reason,basis,note
                text,,...,delivered,,inf,
                """))).isInstanceOf(MappingTableException.class).hasMessage("test mapping table row 1: blank text pattern");
    }

    private static MappingTable table(String csv) {
        try {
            return MappingTable.parse("test", new StringReader(csv));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
