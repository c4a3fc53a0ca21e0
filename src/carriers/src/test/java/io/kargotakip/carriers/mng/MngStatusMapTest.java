package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MngStatusMapTest {

    private final MngStatusMap map = MngStatusMap.standard();

    @Test
    void everyDocumentedCodeOfBothListsHasARow() {
        for (String code : List.of("1", "2", "3", "4", "5", "6", "7", "8")) {
            assertThat(map.newApi(code, null)).as("new %s", code).isPresent();
        }
        for (String code : List.of("0", "1", "2", "3", "4", "5", "6", "7")) {
            assertThat(map.legacy(code, null)).as("legacy %s", code).isPresent();
        }
        assertThat(map.newApi("0", null)).isEmpty();
        assertThat(map.legacy("8", null)).isEmpty();
    }

    @Test
    void theNormalizationTableRows() {
        assertThat(map.legacy("0", null)).contains(StatusMapping.of(TrackingStatus.LABEL_CREATED, null));
        assertThat(map.legacy("1", null)).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
        assertThat(map.newApi("1", null)).contains(StatusMapping.of(TrackingStatus.LABEL_CREATED, null));
        for (String code : List.of("2", "3")) {
            assertThat(map.newApi(code, null)).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
            assertThat(map.legacy(code, null)).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
        }
        assertThat(map.newApi("4", null)).contains(StatusMapping.of(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(map.legacy("4", null)).contains(StatusMapping.of(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(map.newApi("5", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.legacy("5", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.newApi("6", null)).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
        assertThat(map.legacy("6", null)).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
        assertThat(map.newApi("7", null)).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        assertThat(map.legacy("7", null)).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertThat(map.newApi("8", null)).contains(StatusMapping.of(TrackingStatus.EXCEPTION, Reason.OTHER));
    }

    @Test
    void textRefinesOnlyTheReasonOfANotDelivered() {
        assertThat(map.legacy("6", "[A1] Teslim Edilemedi - ALICI KABUL ETMEDİ"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED));
        assertThat(map.newApi("6", "Teslim edilemedi: ADRES YETERSIZ"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        // the longest pattern wins: "adreste yok" over "adres"
        assertThat(map.newApi("6", "alıcı adreste yok"))
                .contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        // a delivered with the word "adres" in it stays delivered
        assertThat(map.newApi("5", "adrese teslim edildi")).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
    }

    @Test
    void codesMatchWithPaddingAndNothingElse() {
        assertThat(map.newApi(" 05 ", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.newApi("5.0", null)).isEmpty();
        assertThat(map.newApi("", null)).isEmpty();
        assertThat(map.newApi(null, null)).isEmpty();
    }

    @Test
    void inferredRowsAreMarkedAndTheRestComeFromTheReferenceTable() {
        MappingTable table = MappingTable.load("mng");
        assertThat(table.rows()).extracting(MappingTable.Row::basis).containsOnly("table", "inf");
        assertThat(table.rows("text")).allSatisfy(r -> assertThat(r.basis()).isEqualTo("inf"));
        assertThat(table.rows()).filteredOn(MappingTable.Row::inferred)
                .extracting(r -> r.field() + "/" + r.code())
                .contains("shipmentStatusCode/1", "shipmentStatusCode/4", "SIPARIS_STATU/4");
    }

    @Test
    void badTablesFailTheLoad() {
        assertThatThrownBy(() -> MngStatusMap.of(table("eventStatus,,5,delivered,,table,")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> MngStatusMap.of(table("text,,adres,failed_attempt,address_problem,inf,")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("type 6");
        assertThatThrownBy(() -> MngStatusMap.of(table("SIPARIS_STATU,,five,delivered,,table,")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> MngStatusMap.of(table("SIPARIS_STATU,,5,delivered,,table,\nSIPARIS_STATU,,05,delivered,,table,")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("duplicate");
    }

    private static MappingTable table(String rows) {
        try {
            return MappingTable.parse("mng", new StringReader("field,type,code,status,reason,basis,note\n" + rows + "\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
