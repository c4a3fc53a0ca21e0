package io.kargotakip.core.shipment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackingEventTest {

    private static TrackingEvent event(String carrier, String number, TrackingStatus status, String code, String at,
                                       String description) {
        return new TrackingEvent(carrier, number, status, null, OffsetDateTime.parse(at), "Istanbul", code, description,
                null);
    }

    private static TrackingEvent event(String code, String at) {
        return event("ups", "1Z999AA10123456784", TrackingStatus.IN_TRANSIT, code, at, "Departed facility");
    }

    @Test
    void sameScanWithDifferentOffsetsHasTheSameKey() {
        String local = event("I/DP/005", "2026-12-01T14:02+03:00").idempotencyKey();
        String utc = event("I/DP/005", "2026-12-01T11:02Z").idempotencyKey();

        assertThat(local).isEqualTo(utc);
        assertThat(local).matches("[0-9a-f]{32}");
    }

    @Test
    void keyIgnoresPayloadShapeAndNumberSpelling() {
        TrackingEvent pushed = event("UPS", " 1z999aa10123456784 ", TrackingStatus.IN_TRANSIT, "I/DP/005",
                "2026-12-01T14:02+03:00", "Departed from facility");
        TrackingEvent polled = new TrackingEvent("ups", "1Z999AA10123456784", TrackingStatus.IN_TRANSIT, null,
                OffsetDateTime.parse("2026-12-01T11:02Z"), null, "I/DP/005", "DEPARTED", LocalDate.of(2026, 12, 3));

        assertThat(pushed.idempotencyKey()).isEqualTo(polled.idempotencyKey());
    }

    @Test
    void keyDiffersWhenTheCodeDiffers() {
        assertThat(event("I/DP/005", "2026-12-01T14:02+03:00").idempotencyKey())
                .isNotEqualTo(event("I/AR/005", "2026-12-01T14:02+03:00").idempotencyKey());
    }

    @Test
    void keyDiffersWhenTheInstantDiffers() {
        assertThat(event("I/DP/005", "2026-12-01T14:02+03:00").idempotencyKey())
                .isNotEqualTo(event("I/DP/005", "2026-12-01T14:02:01+03:00").idempotencyKey())
                // same wall-clock time in another offset is another instant
                .isNotEqualTo(event("I/DP/005", "2026-12-01T14:02Z").idempotencyKey());
    }

    @Test
    void keyDiffersForAnotherShipment() {
        String a = event("ups", "1Z999AA10123456784", TrackingStatus.IN_TRANSIT, "I", "2026-12-01T14:02+03:00", "d").idempotencyKey();
        String otherNumber = event("ups", "1Z999AA10123456785", TrackingStatus.IN_TRANSIT, "I", "2026-12-01T14:02+03:00", "d").idempotencyKey();
        String otherCarrier = event("aras", "1Z999AA10123456784", TrackingStatus.IN_TRANSIT, "I", "2026-12-01T14:02+03:00", "d").idempotencyKey();

        assertThat(a).isNotEqualTo(otherNumber).isNotEqualTo(otherCarrier);
    }

    @Test
    void shipmentIdOfAnEventIsNormalised() {
        TrackingEvent e = event("UPS", "  1z999aa10123456784\t", TrackingStatus.IN_TRANSIT, "I", "2026-12-01T14:02+03:00", "d");

        assertThat(e.shipmentId()).isEqualTo(new ShipmentId("ups", "1Z999AA10123456784"));
        assertThat(e.shipmentId().carrier()).isEqualTo("ups");
        assertThat(e.shipmentId().trackingNumber()).isEqualTo("1Z999AA10123456784");
    }

    @Test
    void shipmentIdUpperCasesAndTrimsTheNumberAndLowerCasesTheCarrier() {
        ShipmentId id = new ShipmentId("Yurtici", " ab12cd34 ");

        assertThat(id.carrier()).isEqualTo("yurtici");
        assertThat(id.trackingNumber()).isEqualTo("AB12CD34");
        assertThat(id.toString()).isEqualTo("yurtici:AB12CD34");
    }

    @Test
    void shipmentIdUsesRootLocaleSoTurkishIStaysLatin() {
        ShipmentId id = new ShipmentId("UPS", "tri1");

        assertThat(id.trackingNumber()).isEqualTo("TRI1");
        assertThat(new ShipmentId("ARIS", "X").carrier()).isEqualTo("aris");
    }

    @Test
    void shipmentIdRejectsNulls() {
        assertThatThrownBy(() -> new ShipmentId(null, "X")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ShipmentId("ups", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parseRoundTrips() {
        ShipmentId id = new ShipmentId("ups", "1Z999AA10123456784");

        assertThat(ShipmentId.parse(id.toString())).isEqualTo(id);
        assertThat(ShipmentId.parse("UPS:1z999aa10123456784")).isEqualTo(id);
    }

    @Test
    void parseSplitsAtTheFirstColon() {
        ShipmentId id = ShipmentId.parse("ptt:AB:12");

        assertThat(id.carrier()).isEqualTo("ptt");
        assertThat(id.trackingNumber()).isEqualTo("AB:12");
        assertThat(ShipmentId.parse(id.toString())).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ups", "1Z999AA10123456784", ":1Z999AA10123456784", "ups:", ":"})
    void parseRejectsBadInput(String value) {
        assertThatThrownBy(() -> ShipmentId.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carrier:trackingNumber");
    }
    @ParameterizedTest
    @ValueSource(strings = {"ups:   ", " :1Z999AA10123456784"})
    void parseRejectsBlankParts(String value) {
        assertThatThrownBy(() -> ShipmentId.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
