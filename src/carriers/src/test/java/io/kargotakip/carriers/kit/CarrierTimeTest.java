package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.PayloadException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarrierTimeTest {

    private static final DateTimeFormatter YURTICI = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    @Test
    void turkishLocalTimesAreInstantsInIstanbul() throws Exception {
        OffsetDateTime scan = CarrierTime.parseInZone("20240114183045", YURTICI, CarrierTime.ISTANBUL, "event time");

        assertThat(scan).isEqualTo(OffsetDateTime.parse("2024-01-14T18:30:45+03:00"));
        assertThat(scan.toInstant()).isEqualTo(Instant.parse("2024-01-14T15:30:45Z"));
        // no summer time in Türkiye since 2016
        assertThat(CarrierTime.parseInZone("20240714183045", YURTICI, CarrierTime.ISTANBUL, "event time").getOffset())
                .isEqualTo(ZoneOffset.ofHours(3));
    }

    @Test
    void badLocalTimesArePayloadExceptionsThatDoNotEchoTheValue() {
        assertThatThrownBy(() -> CarrierTime.parseInZone("2024-13-99", YURTICI, CarrierTime.ISTANBUL, "Yurtiçi event time"))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi event time is malformed");
        assertThatThrownBy(() -> CarrierTime.parseInZone(" ", YURTICI, CarrierTime.ISTANBUL, "Yurtiçi event time"))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi event time is missing");
    }

    @Test
    void daylightSavingGapsAndOverlapsStillGiveAnInstant() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 02:30 does not exist on 2025-03-09 in New York: moved forward by the gap
        assertThat(CarrierTime.inZone(LocalDateTime.parse("2025-03-09T02:30:00"), newYork))
                .isEqualTo(OffsetDateTime.parse("2025-03-09T03:30:00-04:00"));
        // 01:30 happens twice on 2025-11-02: the earlier one
        assertThat(CarrierTime.inZone(LocalDateTime.parse("2025-11-02T01:30:00"), newYork))
                .isEqualTo(OffsetDateTime.parse("2025-11-02T01:30:00-04:00"));
    }

    @Test
    void gmtTimesKeepTheLocalOffset() {
        assertThat(CarrierTime.fromGmt(LocalDateTime.parse("2025-11-14T11:32:05"), ZoneOffset.ofHours(3)))
                .isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:05+03:00"));
        assertThat(CarrierTime.fromGmt(LocalDateTime.parse("2025-11-14T11:32:05"), null))
                .isEqualTo(OffsetDateTime.parse("2025-11-14T11:32:05Z"));
    }

    @Test
    void offsetBetweenLocalAndGmtIsRoundedToTheQuarterHour() {
        assertThat(CarrierTime.offsetBetween(LocalDateTime.parse("2025-11-14T14:32:05"), LocalDateTime.parse("2025-11-14T11:32:04")))
                .isEqualTo(ZoneOffset.ofHours(3));
        assertThat(CarrierTime.offsetBetween(LocalDateTime.parse("2025-11-14T17:17:00"), LocalDateTime.parse("2025-11-14T11:32:00")))
                .isEqualTo(ZoneOffset.ofHoursMinutes(5, 45));
        assertThat(CarrierTime.offsetBetween(LocalDateTime.parse("2025-11-16T11:32:00"), LocalDateTime.parse("2025-11-14T11:32:00")))
                .isNull();
    }

    @Test
    void offsetFormats() {
        assertThat(CarrierTime.parseOffset("-05:00")).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(CarrierTime.parseOffset("-04.00")).isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(CarrierTime.parseOffset("+0530")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(CarrierTime.parseOffset("+3")).isEqualTo(ZoneOffset.ofHours(3));
        assertThat(CarrierTime.parseOffset("Z")).isEqualTo(ZoneOffset.UTC);
        assertThat(CarrierTime.parseOffset("garbage")).isNull();
        assertThat(CarrierTime.parseOffset("+25:00")).isNull();
        assertThat(CarrierTime.parseOffset(null)).isNull();
    }
}
