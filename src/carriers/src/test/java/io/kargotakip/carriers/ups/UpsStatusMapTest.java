package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsStatusMapTest {

    private final UpsStatusMap map = UpsStatusMap.standard();

    @Test
    void everyRowIsWhatTheLookupReturns() {
        List<MappingTable.Row> rows = MappingTable.load("ups").rows();
        assertThat(rows).hasSizeGreaterThan(400);
        for (MappingTable.Row row : rows) {
            Optional<StatusMapping> actual;
            if (row.field().equals(UpsStatusMap.STATUS_CODE)) {
                // a type with no rows, so only the statusCode can decide
                actual = map.forActivity(row.code(), "QQ", null);
            } else if (row.code().equals(UpsStatusMap.ANY_CODE)) {
                actual = map.forPush(row.type(), "#not-a-code", null);
            } else {
                actual = map.forPush(row.type(), row.code(), null);
            }
            assertThat(actual).as("row %d %s %s/%s", row.line(), row.field(), row.type(), row.code()).contains(row.mapping());
        }
    }

    @Test
    void inferredRowsKeepTheirMarker() {
        MappingTable table = MappingTable.load("ups");
        assertThat(table.rows()).filteredOn(MappingTable.Row::inferred).isNotEmpty()
                .allSatisfy(row -> assertThat(row.basis()).isEqualTo("inf"));
        assertThat(table.rows()).extracting(MappingTable.Row::basis).containsOnly("table", "inf");
    }

    @Test
    void normalizationTableRowsForStatusCodes() {
        assertStatusCodes("003 157", TrackingStatus.LABEL_CREATED, null);
        assertStatusCodes("007", TrackingStatus.EXCEPTION, Reason.CANCELLED);
        assertStatusCodes("005 010 025 038 039 047 087 158 159 160 164 165", TrackingStatus.IN_TRANSIT, null);
        assertStatusCodes("006 021 037 072 089 091 146 162", TrackingStatus.OUT_FOR_DELIVERY, null);
        assertStatusCodes("011 026 143", TrackingStatus.DELIVERED, null);
        assertStatusCodes("017 040 106 144 161", TrackingStatus.AVAILABLE_FOR_PICKUP, null);
        assertStatusCodes("022 023 024 060 145", TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT);
        assertStatusCodes("050", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM);
        assertStatusCodes("064", TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED);
        assertStatusCodes("061 062", TrackingStatus.FAILED_ATTEMPT, Reason.PAYMENT_REQUIRED);
        assertStatusCodes("032 051 052 053", TrackingStatus.DELAYED, Reason.WEATHER);
        assertStatusCodes("046 048 086 090 132 138", TrackingStatus.DELAYED, Reason.OTHER);
        assertStatusCodes("012 058 092 123 124 125 126 141", TrackingStatus.DELAYED, Reason.CUSTOMS);
        assertStatusCodes("059 081", TrackingStatus.EXCEPTION, Reason.DAMAGED);
        assertStatusCodes("068", TrackingStatus.EXCEPTION, Reason.LOST);
        assertStatusCodes("147 149", TrackingStatus.EXCEPTION, Reason.OTHER);
        assertStatusCodes("013 029 049 069 076", TrackingStatus.EXCEPTION, Reason.OTHER);
        assertStatusCodes("033 035 036 118 119", TrackingStatus.RETURN_IN_TRANSIT, null);
        assertStatusCodes("034 067", TrackingStatus.RETURNED_TO_SENDER, null);
    }

    @Test
    void statusCodesMatchWithOrWithoutPadding() {
        assertThat(map.forActivity("11", "QQ", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.forActivity(" 011 ", "QQ", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
    }

    @Test
    void pushDescriptionCodeIsUsedOnlyWhenTypeAndCodeSayNothingMoreSpecific() {
        // I/XD has no row of its own, so 021 decides before the I/* catch-all
        assertThat(map.forPush("I", "XD", "021").orElseThrow().status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(map.forPush("I", "AR", "021").orElseThrow().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        // only a 3-digit descriptionCode is trusted
        assertThat(map.forPush("I", "XD", "21").orElseThrow().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void unmappedCodesFindNoRow() {
        assertThat(map.forActivity(null, null, null)).isEmpty();
        assertThat(map.forActivity("998", "DO", "ZZ")).isEmpty();
        assertThat(map.forPush("W", "AB", "998")).isEmpty();
    }

    @Test
    void aRowCanMapToUnknownOnPurpose() {
        // type U is "updated delivery date": mapped, but it moves no status
        assertThat(map.forPush("U", "UP", null)).contains(StatusMapping.UNKNOWN);
    }

    @Test
    void badTablesFailLoudly() {
        // the same code once padded and once not collides only once UPS's normalisation applies
        assertThatThrownBy(() -> table("statusCode,,011,delivered,,table,x\nstatusCode,,11,delivered,,table,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("ups mapping table row 2: duplicate 011");
        assertThatThrownBy(() -> table("typeCode,X,03,delayed,other,inf,x\ntypeCode,x,3,delayed,other,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("ups mapping table row 2: duplicate X/3");
        assertThatThrownBy(() -> table("scanCode,,AR,in_transit,,table,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("ups mapping table row 1: unknown field scanCode");
        assertThatThrownBy(() -> table("typeCode,,AR,in_transit,,table,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("ups mapping table row 1: bad code or missing type");
        assertThatThrownBy(() -> table("statusCode,,011,teleported,,table,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown status 'teleported'");
    }

    private void assertStatusCodes(String codes, TrackingStatus status, Reason reason) {
        for (String code : codes.split(" ")) {
            assertThat(map.forActivity(code, "QQ", null)).as(code).contains(StatusMapping.of(status, reason));
        }
    }

    private static UpsStatusMap table(String rows) throws Exception {
        return UpsStatusMap.of(MappingTable.parse("ups", new StringReader("field,type,code,status,reason,basis,note\n" + rows)));
    }
}
