package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YurticiStatusMapTest {

    private final YurticiStatusMap map = YurticiStatusMap.standard();

    @Test
    void everyRowIsWhatTheLookupReturns() {
        MappingTable table = MappingTable.load("yurtici");
        assertThat(table.rows()).hasSizeGreaterThan(40);
        for (MappingTable.Row row : table.rows()) {
            Optional<StatusMapping> actual = switch (row.field()) {
                case YurticiStatusMap.OPERATION_STATUS -> map.operationStatus(row.code());
                case YurticiStatusMap.REJECT_STATUS -> map.rejectStatus(row.code());
                default -> map.text(row.code());
            };
            assertThat(actual).as("row %d %s %s", row.line(), row.field(), row.code()).contains(row.mapping());
        }
    }

    @Test
    void theReferenceTableOfOperationStatuses() {
        assertOperation("NOP", TrackingStatus.LABEL_CREATED, null);
        assertOperation("IND", TrackingStatus.IN_TRANSIT, null);
        assertOperation("ISR", TrackingStatus.IN_TRANSIT, null);
        assertOperation("CNL", TrackingStatus.EXCEPTION, Reason.CANCELLED);
        assertOperation("ISC", TrackingStatus.EXCEPTION, Reason.CANCELLED);
        assertOperation("DLV", TrackingStatus.DELIVERED, null);
        assertOperation("BI", TrackingStatus.EXCEPTION, Reason.CANCELLED);
        assertThat(map.operationStatus(" dlv ")).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
    }

    @Test
    void operationCodesAreTheirDocumentedStatuses() {
        String[] expected = {"NOP", "IND", "ISR", "CNL", "ISC", "DLV", "BI"};
        for (int code = 0; code < expected.length; code++) {
            assertThat(YurticiStatusMap.operationStatusOf(String.valueOf(code))).isEqualTo(expected[code]);
        }
        assertThat(YurticiStatusMap.operationStatusOf("7")).isNull();
        assertThat(YurticiStatusMap.operationStatusOf("x")).isNull();
        assertThat(YurticiStatusMap.operationStatusOf(null)).isNull();
    }

    @Test
    void theReferenceTableOfReturnStates() {
        for (String code : new String[] {"0", "1", "2", "3", "10"}) {
            assertThat(map.rejectStatus(code)).as(code).contains(StatusMapping.of(TrackingStatus.RETURN_IN_TRANSIT, null));
        }
        assertThat(map.rejectStatus("9")).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertThat(map.rejectStatus("09")).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        for (String code : new String[] {"4", "7", "8", "11"}) {
            assertThat(map.rejectStatus(code)).as(code).contains(StatusMapping.UNKNOWN);
        }
        assertThat(map.rejectStatus("5")).isEmpty();
    }

    @Test
    void textPatternsFoldCaseAndDiacriticsAndTheLongestWins() {
        assertThat(map.text("TESLİM EDİLDİ")).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.text("teslim edilemedi")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER));
        assertThat(map.text("Şubeden teslim edildi")).contains(StatusMapping.of(TrackingStatus.DELIVERED, null));
        assertThat(map.text("Şubeden teslim alınacak")).contains(StatusMapping.of(TrackingStatus.AVAILABLE_FOR_PICKUP, null));
        assertThat(map.text("Göndericiye teslim edildi")).contains(StatusMapping.of(TrackingStatus.RETURNED_TO_SENDER, null));
        assertThat(map.text("ALICI ADRESTE BULUNAMADI")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(map.text("Adres bulunamadı")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        assertThat(map.text("Alıcı kabul etmedi")).contains(StatusMapping.of(TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED));
        assertThat(map.text("DAGITIMA CIKARILDI")).contains(StatusMapping.of(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(map.text("Kargo bilgisi güncellendi")).isEmpty();
        assertThat(map.text(null)).isEmpty();
    }

    @Test
    void everyTextRowIsInferredAndEveryRowSaysWhereItComesFrom() {
        MappingTable table = MappingTable.load("yurtici");
        assertThat(table.rows(TextPatterns.FIELD)).isNotEmpty().allSatisfy(row -> assertThat(row.basis()).isEqualTo("inf"));
        assertThat(table.rows(YurticiStatusMap.REJECT_STATUS)).allSatisfy(row -> assertThat(row.basis()).isEqualTo("inf"));
        assertThat(table.rows(YurticiStatusMap.OPERATION_STATUS)).hasSize(7).allSatisfy(row -> assertThat(row.basis()).isEqualTo("doc"));
        assertThat(table.rows()).allSatisfy(row -> assertThat(row.note()).isNotBlank());
    }

    @Test
    void aBadTableIsRefused() {
        assertThatThrownBy(() -> YurticiStatusMap.of(table("eventId,,IN,in_transit,,inf,x")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown field eventId");
        assertThatThrownBy(() -> YurticiStatusMap.of(table("rejectStatus,,9,returned_to_sender,,inf,x\nrejectStatus,,09,returned_to_sender,,inf,x")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("duplicate 9");
        assertThatThrownBy(() -> YurticiStatusMap.of(table("operationStatus,,D-LV,delivered,,doc,x")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("bad code");
    }

    private void assertOperation(String code, TrackingStatus status, Reason reason) {
        assertThat(map.operationStatus(code)).as(code).contains(StatusMapping.of(status, reason));
    }

    private static MappingTable table(String rows) {
        try {
            return MappingTable.parse("yurtici", new StringReader("field,type,code,status,reason,basis,note\n" + rows + "\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
