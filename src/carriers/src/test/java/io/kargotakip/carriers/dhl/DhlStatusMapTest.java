package io.kargotakip.carriers.dhl;

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

class DhlStatusMapTest {

    private final DhlStatusMap map = DhlStatusMap.standard();

    @Test
    void everyTextRowRefinesEveryFamilyItNames() {
        List<MappingTable.Row> rows = MappingTable.load("dhl").rows(DhlStatusMap.TEXT);
        assertThat(rows).hasSizeGreaterThan(40);
        for (MappingTable.Row row : rows) {
            for (String family : DhlStatusMap.families(row.type())) {
                assertThat(map.forEvent(family, "Update: " + row.code() + "."))
                        .as("row %d %s in %s", row.line(), row.code(), family).contains(row.mapping());
            }
        }
    }

    @Test
    void theFiveDocumentedFamilies() {
        assertThat(map.forEvent("pre-transit", null)).contains(StatusMapping.of(TrackingStatus.LABEL_CREATED, null));
        assertThat(map.forEvent("transit", null)).contains(StatusMapping.of(TrackingStatus.IN_TRANSIT, null));
        assertThat(map.forEvent("delivered", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.forEvent("failure", null)).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
        assertThat(map.forEvent("unknown", "out for delivery")).contains(StatusMapping.UNKNOWN);
        assertThat(map.forEvent(" DELIVERED ", null)).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.forEvent("returned", "return")).isEmpty();
        assertThat(map.forEvent(null, "delivered")).isEmpty();
    }

    @Test
    void inferredRowsKeepTheirMarker() {
        MappingTable table = MappingTable.load("dhl");
        assertThat(table.rows(DhlStatusMap.TEXT)).allSatisfy(row -> assertThat(row.basis()).isEqualTo("inf"));
        assertThat(table.rows()).extracting(MappingTable.Row::basis).containsOnly("table", "inf");
    }

    @Test
    void aPatternMatchesAtAWordStart() {
        // "return" is in "returned" but not in "nonreturnable"
        assertThat(map.forEvent("transit", "Returned").orElseThrow().status()).isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
        assertThat(map.forEvent("transit", "nonreturnable").orElseThrow().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void badTablesFailLoudly() {
        assertThatThrownBy(() -> table("scanCode,,AR,in_transit,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("dhl mapping table row 1: unknown field scanCode");
        assertThatThrownBy(() -> table("statusCode,,transit,in_transit,,inf,x\nstatusCode,,TRANSIT,in_transit,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("dhl mapping table row 2: duplicate statusCode transit");
        assertThatThrownBy(() -> table("statusCode,,transit,in_transit,,inf,x\ntext,,out for delivery,out_for_delivery,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("row 2: a text row names the families");
        assertThatThrownBy(() -> table("statusCode,,transit,in_transit,,inf,x\ntext,failure,address,failed_attempt,address_problem,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("row 2: text row for a family without a statusCode row");
        assertThatThrownBy(() -> table("statusCode,,unknown,unknown,,inf,x\ntext,unknown,x,in_transit,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("or for unknown: unknown");
        assertThatThrownBy(() -> table("statusCode,,transit,in_transit,,inf,x\ntext,transit,Dağıtımda,out_for_delivery,,inf,x\n"
                + "text,transit|transit,DAGITIMDA,out_for_delivery,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("row 3: text pattern repeats another of family transit");
        assertThatThrownBy(() -> table("statusCode,,transit,in_transit,,inf,x\ntext,transit,...,out_for_delivery,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("dhl mapping table row 2: blank text pattern");
    }

    @Test
    void familiesAreReadSpaceOrBarSeparated() {
        assertThat(DhlStatusMap.families(" pre-transit  Transit|failure ")).containsExactly("pre-transit", "transit", "failure");
        assertThat(DhlStatusMap.families("")).isEmpty();
    }

    private static DhlStatusMap table(String rows) throws Exception {
        return DhlStatusMap.of(MappingTable.parse("dhl", new StringReader("field,type,code,status,reason,basis,note\n" + rows)));
    }
}
