package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArasStatusMapTest {

    private final ArasStatusMap map = ArasStatusMap.standard();

    @Test
    void everyRowIsWhatTheLookupReturns() {
        List<MappingTable.Row> rows = MappingTable.load("aras").rows();
        assertThat(rows).hasSize(46);
        for (MappingTable.Row row : rows) {
            String what = "row %d %s %s/%s".formatted(row.line(), row.field(), row.type(), row.code());
            Optional<StatusMapping> actual = switch (row.field()) {
                case ArasStatusMap.DURUM -> map.durum(row.code());
                case ArasStatusMap.TIP -> map.tip(row.code(), row.type().equals(ArasStatusMap.DELIVERED));
                case ArasStatusMap.DEVIR -> {
                    // a devir code comes as its letters or as its numeric ID
                    assertThat(map.devir(row.type())).as(what + " by ID").contains(row.mapping());
                    yield map.devir(row.code());
                }
                case TextPatterns.FIELD -> map.text(row.code());
                default -> throw new AssertionError(what);
            };
            assertThat(actual).as(what).contains(row.mapping());
        }
    }

    @Test
    void theReferenceTableOfCarriersMdSection13() {
        assertDurum("1 2 3 7", TrackingStatus.IN_TRANSIT, null);
        assertDurum("4", TrackingStatus.OUT_FOR_DELIVERY, null);
        assertDurum("5 6", TrackingStatus.DELIVERED, null);
        assertThat(map.tip("3", false)).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        assertThat(map.tip("3", true)).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertDevir("AY AA", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM);
        assertDevir("NT", TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT);
        assertDevir("ÜR KE", TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED);
        assertDevir("MD TL TG TT TO", TrackingStatus.DELAYED, Reason.OTHER);
        assertDevir("KG", TrackingStatus.DELAYED, Reason.CUSTOMS);
        assertDevir("ŞA PR", TrackingStatus.AVAILABLE_FOR_PICKUP, null);
        assertDevir("AD", TrackingStatus.EXCEPTION, Reason.ADDRESS_PROBLEM);
        assertDevir("HT PS", TrackingStatus.EXCEPTION, Reason.DAMAGED);
    }

    @Test
    void codesAreNormalised() {
        assertThat(map.durum("06")).isEqualTo(map.durum("6")).isPresent();
        assertThat(map.durum(" 4 ")).isEqualTo(map.durum("4")).isPresent();
        // Aras's tables write Ş and Ü; ASCII systems write S and U; the ID alone, or ID and code, name it too
        assertThat(map.devir("SA")).isEqualTo(map.devir("ŞA")).isEqualTo(map.devir("15")).isEqualTo(map.devir("15 ŞA")).isPresent();
        assertThat(map.devir("ur")).isEqualTo(map.devir("ÜR")).isPresent();
        assertThat(map.devir("010")).isEqualTo(map.devir("AY")).isPresent();
    }

    @Test
    void undocumentedCodesAreEmpty() {
        assertThat(map.durum("0")).isEmpty();
        assertThat(map.durum("8")).isEmpty();
        assertThat(map.durum("x")).isEmpty();
        assertThat(map.durum(null)).isEmpty();
        assertThat(map.tip("1", false)).isEmpty();
        assertThat(map.tip("2", true)).isEmpty();
        assertThat(map.devir("13")).isEmpty();
        assertThat(map.devir("ZZ")).isEmpty();
        assertThat(map.devir("")).isEmpty();
        assertThat(map.text("TESLİM EDİLDİ")).isEmpty();
        assertThat(ArasStatusMap.neutralTip("1")).isTrue();
        assertThat(ArasStatusMap.neutralTip("02")).isTrue();
        assertThat(ArasStatusMap.neutralTip("3")).isFalse();
    }

    @Test
    void theLongestWordingWins() {
        assertThat(map.text("PARÇA SORUNLU/TESLİM EDİLEMEDİ")).contains(StatusMapping.of(TrackingStatus.EXCEPTION, Reason.DAMAGED));
        assertThat(map.text("Teslim edilemedi")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
        assertThat(map.text("HASARLI/TAZMİNLİK/SORUNLU KARGO (İADE - GÖNDERİCİ VE ALICININ KABUL ETMEDİĞİ)"))
                .contains(StatusMapping.of(TrackingStatus.EXCEPTION, Reason.DAMAGED));
        assertThat(map.text("İADE EDİLDİ")).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        assertThat(map.text("alici adreste taninmiyor")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
    }

    @Test
    void inferredRowsKeepTheirMarker() {
        MappingTable table = MappingTable.load("aras");
        assertThat(table.rows()).extracting(MappingTable.Row::basis).containsOnly("table", "inf");
        assertThat(table.rows()).filteredOn(MappingTable.Row::inferred)
                .extracting(r -> r.field() + " " + r.type() + "/" + r.code())
                .contains("DURUM KODU /5", "TIP KODU /3", "TIP KODU delivered/3", "DEVIR KODU 32/PR", "DEVIR KODU 45/TT");
        assertThat(table.rows(TextPatterns.FIELD)).allSatisfy(r -> assertThat(r.basis()).isEqualTo("inf"));
    }

    @Test
    void aTableWithAnUnknownFieldOrABadKeyIsRefused() {
        assertThatThrownBy(() -> table("OTHER,,1,in_transit,,table,"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> table("TIP KODU,returned,3,return_in_transit,,table,"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> table("DURUM KODU,,x,in_transit,,table,"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("bad code");
        assertThatThrownBy(() -> table("DURUM KODU,,6,delivered,,table,\nDURUM KODU,,06,delivered,,table,"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> table("DEVIR KODU,15,ŞA,available_for_pickup,,table,\nDEVIR KODU,16,SA,available_for_pickup,,table,"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("duplicate");
    }

    private static ArasStatusMap table(String rows) throws Exception {
        return ArasStatusMap.of(MappingTable.parse("aras", new StringReader("field,type,code,status,reason,basis,note\n" + rows + "\n")));
    }

    private void assertDurum(String codes, TrackingStatus status, Reason reason) {
        for (String code : codes.split(" ")) {
            assertThat(map.durum(code)).as("DURUM " + code).contains(StatusMapping.of(status, reason));
        }
    }

    private void assertDevir(String codes, TrackingStatus status, Reason reason) {
        for (String code : codes.split(" ")) {
            assertThat(map.devir(code)).as("DEVIR " + code).contains(StatusMapping.of(status, reason));
        }
    }
}
