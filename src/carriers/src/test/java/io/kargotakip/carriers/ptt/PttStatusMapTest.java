package io.kargotakip.carriers.ptt;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PttStatusMapTest {

    private final PttStatusMap map = PttStatusMap.standard();

    @Test
    void everyRowIsWhatTheLookupReturns() {
        List<MappingTable.Row> rows = MappingTable.load("ptt").rows();
        assertThat(rows).hasSize(32);
        for (MappingTable.Row row : rows) {
            assertThat(map.forCode(row.code())).as("row %d IKODU %s", row.line(), row.code()).contains(row.mapping());
        }
    }

    /** carriers.md §13's PTT table, code group by code group. */
    @Test
    void theReferenceTable() {
        assertCodes("701", TrackingStatus.LABEL_CREATED, null);
        assertCodes("1 77 8 9 3 6 11 91 92 149", TrackingStatus.IN_TRANSIT, null);
        assertCodes("7", TrackingStatus.OUT_FOR_DELIVERY, null);
        assertCodes("202 100 157 252 807 812", TrackingStatus.DELIVERED, null);
        assertCodes("124", TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT);
        assertCodes("126", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM);
        assertCodes("140", TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED);
        assertCodes("101", TrackingStatus.FAILED_ATTEMPT, Reason.OTHER);
        assertCodes("99 151 154 155 156 161", TrackingStatus.RETURN_IN_TRANSIT, null);
        assertCodes("120 141", TrackingStatus.RETURNED_TO_SENDER, null);
        assertCodes("109", TrackingStatus.EXCEPTION, Reason.LOST);
        assertCodes("2", TrackingStatus.EXCEPTION, Reason.CANCELLED);
    }

    @Test
    void everyRowNamesItsParentGroupAndLibOrInfBasis() {
        assertThat(MappingTable.load("ptt").rows()).allSatisfy(row -> {
            assertThat(row.note()).matches(".*\\b(1000|2000|3000|4000|5000|5500|6000|7000):.*");
            assertThat(row.basis()).isIn("lib", "inf");
        });
    }

    @Test
    void unknownAndOddCodes() {
        assertThat(map.forCode("9999")).isEmpty();
        assertThat(map.forCode("00007")).contains(StatusMapping.of(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(map.forCode("A7")).isEmpty();
        assertThat(map.forCode(null)).isEmpty();
    }

    @Test
    void badTablesFailTheLoad() {
        assertBad("text,,iade,return_in_transit,,inf,x\n", "ptt mapping table row 1: only IKODU rows without a type");
        assertBad("IKODU,,1a,in_transit,,lib,x\n", "ptt mapping table row 1: IKODU is a number");
        assertBad("IKODU,,7,in_transit,,lib,x\nIKODU,,07,in_transit,,lib,x\n", "ptt mapping table row 2: duplicate 7");
    }

    private void assertCodes(String codes, TrackingStatus status, Reason reason) {
        for (String code : Arrays.asList(codes.split(" "))) {
            assertThat(map.forCode(code)).as(code).contains(StatusMapping.of(status, reason));
        }
    }

    private static void assertBad(String rows, String message) {
        assertThatThrownBy(() -> PttStatusMap.of(MappingTable.parse("ptt",
                new StringReader("field,type,code,status,reason,basis,note\n" + rows))))
                .isInstanceOf(MappingTableException.class).hasMessage(message);
    }
}
