package io.kargotakip.carriers.ups;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsStatusMapTest {

    private final UpsStatusMap map = UpsStatusMap.standard();

    @Test
    void everyRowNamesARealStatusAndReason() throws Exception {
        try (InputStream in = UpsStatusMap.class.getResourceAsStream(UpsStatusMap.RESOURCE);
             CSVParser csv = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8),
                     CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> records = csv.getRecords();
            assertThat(records).hasSizeGreaterThan(100);
            for (CSVRecord record : records) {
                assertThat(TrackingStatus.fromWireName(record.get("status")))
                        .as("status of row %d", record.getRecordNumber()).isPresent();
                String reason = record.get("reason");
                if (!reason.isEmpty()) {
                    assertThat(Reason.fromWireName(reason)).as("reason of row %d", record.getRecordNumber()).isPresent();
                }
                assertThat(record.get("basis")).isIn("table", "inf");
            }
        }
    }

    @Test
    void everyRowIsWhatTheLookupReturns() throws Exception {
        List<UpsStatusMap.Row> rows;
        try (InputStream in = UpsStatusMap.class.getResourceAsStream(UpsStatusMap.RESOURCE)) {
            rows = UpsStatusMap.rows(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (UpsStatusMap.Row row : rows) {
            UpsStatusMap.Mapping expected = new UpsStatusMap.Mapping(row.status(), row.reason());
            UpsStatusMap.Mapping actual;
            if (row.isStatusCode()) {
                // a type with no rows, so only the statusCode can decide
                actual = map.forActivity(row.code(), "QQ", null);
            } else if (row.code().equals(UpsStatusMap.ANY_CODE)) {
                actual = map.forPush(row.type(), "#not-a-code", null);
            } else {
                actual = map.forPush(row.type(), row.code(), null);
            }
            assertThat(actual).as("row %d %s %s/%s", row.line(), row.field(), row.type(), row.code()).isEqualTo(expected);
            if (row.status() == TrackingStatus.UNKNOWN) {
                assertThat(row.reason()).isNull();
            }
        }
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
        assertThat(map.forActivity("11", "QQ", null).status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(map.forActivity(" 011 ", "QQ", null).status()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void pushDescriptionCodeIsUsedOnlyWhenTypeAndCodeSayNothingMoreSpecific() {
        // I/XD has no row of its own, so 021 decides before the I/* catch-all
        assertThat(map.forPush("I", "XD", "021").status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(map.forPush("I", "AR", "021").status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        // only a 3-digit descriptionCode is trusted
        assertThat(map.forPush("I", "XD", "21").status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void unmappedIsUnknown() {
        assertThat(map.forActivity(null, null, null)).isEqualTo(UpsStatusMap.Mapping.UNKNOWN);
        assertThat(map.forActivity("998", "DO", "ZZ")).isEqualTo(UpsStatusMap.Mapping.UNKNOWN);
        assertThat(map.forPush("W", "AB", "998")).isEqualTo(UpsStatusMap.Mapping.UNKNOWN);
    }

    @Test
    void badTablesFailLoudly() {
        String header = "field,type,code,status,reason,basis,note\n";
        assertThatThrownBy(() -> UpsStatusMap.parse(new StringReader(header
                + "statusCode,,011,delivered,,table,x\nstatusCode,,11,delivered,,table,x\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> UpsStatusMap.parse(new StringReader(header + "statusCode,,011,teleported,,table,x\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown status");
        assertThatThrownBy(() -> UpsStatusMap.parse(new StringReader(header + "typeCode,X,48,failed_attempt,napping,inf,x\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown reason");
    }

    private void assertStatusCodes(String codes, TrackingStatus status, Reason reason) {
        for (String code : codes.split(" ")) {
            assertThat(map.forActivity(code, "QQ", null)).as(code).isEqualTo(new UpsStatusMap.Mapping(status, reason));
        }
    }
}
