package io.kargotakip.carriers.kit;

import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingTableTest {

    private static final String HEADER = "field,type,code,status,reason,basis,note\n";

    /** "Validated at start-up: unknown canonical names fail the build": every carrier on the classpath has a good table. */
    @Test
    void everyCarrierFoundByTheServiceLoaderHasAValidTable() {
        Set<String> carriers = CarrierRegistry.load().ids();
        assertThat(carriers).contains("ups");
        for (String carrier : carriers) {
            if (carrier.equals(io.kargotakip.carriers.manual.ManualStatuses.ID)) {
                continue; // its events carry canonical statuses already
            }
            MappingTable table = MappingTable.load(carrier);
            assertThat(table.carrier()).isEqualTo(carrier);
            assertThat(table.rows()).as(carrier).isNotEmpty();
        }
    }

    @Test
    void rowsAreReadWithTheirMappingBasisAndNote() throws Exception {
        MappingTable table = parse("""
                # a comment
                statusCode,,011,delivered,,table,delivered
                typeCode,X,48,failed_attempt,recipient_absent,inf,"receiver not available, notice left"
                text,,adreste bulunamadı,failed_attempt,recipient_absent,doc,
                """);

        assertThat(table.rows()).hasSize(3);
        MappingTable.Row quoted = table.rows().get(1);
        assertThat(quoted.mapping()).isEqualTo(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(quoted.type()).isEqualTo("X");
        assertThat(quoted.inferred()).isTrue();
        assertThat(quoted.note()).isEqualTo("receiver not available, notice left");
        assertThat(table.rows().get(0).inferred()).isFalse();
        assertThat(table.rows("text")).extracting(MappingTable.Row::code).containsExactly("adreste bulunamadı");
    }

    @Test
    void unknownCanonicalNamesFailTheLoad() {
        assertBad("statusCode,,011,teleported,,table,x\n", "test mapping table row 1: unknown status 'teleported'");
        assertBad("statusCode,,011,failed_attempt,napping,table,x\n", "test mapping table row 1: unknown reason 'napping'");
        // wire names only: the enum's Java name is not a canonical name
        assertBad("statusCode,,011,DELIVERED,,table,x\n", "test mapping table row 1: unknown status 'DELIVERED'");
    }

    @Test
    void reasonsGoExactlyWithFailuresDelaysAndExceptions() {
        assertBad("statusCode,,011,delivered,damaged,table,x\n", "test mapping table row 1: delivered takes no reason");
        assertBad("statusCode,,011,unknown,other,table,x\n", "test mapping table row 1: unknown takes no reason");
        assertBad("statusCode,,011,exception,,table,x\n",
                "test mapping table row 1: exception needs a reason (use 'other' when the carrier gives none)");
    }

    @Test
    void otherBadRowsFailTheLoad() {
        assertBad("statusCode,,011,delivered,,guess,x\n", "test mapping table row 1: basis must be one of [doc, inf, lib, table]");
        assertBad("statusCode,,,delivered,,table,x\n", "test mapping table row 1: field and code are required");
        assertBad("statusCode,,011,delivered,,table,x\nstatusCode,,011,in_transit,,table,x\n",
                "test mapping table row 2: duplicate statusCode /011");
        assertBad("statusCode,,011,delivered,,table,x,extra\n", "test mapping table row 1: expected 7 columns");
        assertThatThrownBy(() -> MappingTable.parse("test", new StringReader("code,status\n011,delivered\n")))
                .isInstanceOf(MappingTableException.class)
                .hasMessage("test mapping table: the header must be field,type,code,status,reason,basis,note");
    }

    @Test
    void aMissingTableFailsAndCarrierIdsAreChecked() {
        assertThatThrownBy(() -> MappingTable.load("no-such-carrier"))
                .isInstanceOf(MappingTableException.class)
                .hasMessage("no-such-carrier mapping table not on the classpath: /carriers/no-such-carrier/status-map.csv");
        assertThatThrownBy(() -> MappingTable.resource("../ups")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MappingTable parse(String rows) throws Exception {
        return MappingTable.parse("test", new StringReader(HEADER + rows));
    }

    private static void assertBad(String rows, String message) {
        assertThatThrownBy(() -> parse(rows)).isInstanceOf(MappingTableException.class).hasMessage(message);
    }
}
