package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.selfservice.SelfServiceCheck;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another delivery day from the tracking page, on dynalite, in the week of Republic Day 2026: Tuesday 27 October at
 * noon in Istanbul, the 28th its eve (a half day, worked), the 29th off, 1 November a Sunday.
 */
class RescheduleTest {

    /** Tuesday 27 October 2026, 12:00 in Istanbul. */
    static final Instant TUESDAY_NOON = Instant.parse("2026-10-27T09:00:00Z");
    final SelfServiceStack stack = new SelfServiceStack(TUESDAY_NOON);
    final SelfService service = stack.service;

    static LocalDate day(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    @Test
    void theOfferedDaysStartTomorrowAndSkipTheHolidayAndTheSunday() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);

        assertThat(service.offeredDays(shipment)).containsExactly(day(10, 28), day(10, 30), day(10, 31), day(11, 2), day(11, 3));
        assertThat(new SelfServiceStack(TUESDAY_NOON, new SelfService.Settings(6, 3)).service.offeredDays(shipment))
                .as("as many as the settings say").containsExactly(day(10, 28), day(10, 30), day(10, 31));
    }

    @Test
    void todayIsIstanbulsTodayNotUtcs() {
        // 22:30 UTC on the 27th is 01:30 on the 28th in Istanbul: the days start on the 29th, a holiday, so on the 30th
        SelfServiceStack late = new SelfServiceStack(Instant.parse("2026-10-27T22:30:00Z"));
        ShipmentId shipment = late.shipment(TrackingStatus.OUT_FOR_DELIVERY);

        assertThat(late.service.offeredDays(shipment)).containsExactly(day(10, 30), day(10, 31), day(11, 2), day(11, 3), day(11, 4));
    }

    @Test
    void aDayNotOfferedIsRefusedWithTheOfferedOnesAndNothingIsRecorded() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);

        for (LocalDate notOffered : new LocalDate[] {day(10, 29), day(11, 1), day(10, 27), day(11, 4)}) {
            assertThat(service.reschedule(shipment, notOffered)).as(notOffered.toString())
                    .isInstanceOfSatisfying(SelfService.RescheduleResult.NotOffered.class, r -> {
                        assertThat(r.offered()).containsExactly(day(10, 28), day(10, 30), day(10, 31), day(11, 2), day(11, 3));
                        assertThat(r.problem().field()).isEqualTo("day");
                        assertThat(r.problem().suggestions()).containsExactly("2026-10-28", "2026-10-30", "2026-10-31", "2026-11-02", "2026-11-03");
                        assertThat(r.problem().message("tr")).startsWith("Bu gün teslimat için seçilemez.").contains("30 Ekim Cuma");
                        assertThat(r.problem().message("en")).contains("Friday 30 October");
                    });
        }
        assertThat(service.reschedule(shipment, null)).isInstanceOf(SelfService.RescheduleResult.NotOffered.class);
        assertThat(stack.log.findReschedule(shipment, TUESDAY_NOON)).isEmpty();
        assertThat(stack.desk.alerts).isEmpty();
    }

    @Test
    void anOfferedDayIsRecordedTheLatestCountsAndEachRequestAlertsOnce() {
        ShipmentId shipment = stack.shipment(TrackingStatus.FAILED_ATTEMPT);
        String orderNo = stack.orderNo(shipment);

        SelfService.RescheduleResult first = service.reschedule(shipment, day(10, 30));
        SelfService.RescheduleResult second = service.reschedule(shipment, day(11, 2));

        assertThat(first).isInstanceOfSatisfying(SelfService.RescheduleResult.Recorded.class, r -> {
            assertThat(r.request().number()).isEqualTo(1);
            assertThat(r.request().day()).isEqualTo(day(10, 30));
        });
        assertThat(second).isInstanceOfSatisfying(SelfService.RescheduleResult.Recorded.class, r -> assertThat(r.request().number()).isEqualTo(2));
        assertThat(stack.log.findReschedule(shipment, TUESDAY_NOON)).contains(new SelfServiceLog.Reschedule(2, day(11, 2), TUESDAY_NOON));
        assertThat(stack.log.rescheduleHistory(shipment, TUESDAY_NOON)).containsExactly(
                new SelfServiceLog.Reschedule(1, day(10, 30), TUESDAY_NOON), new SelfServiceLog.Reschedule(2, day(11, 2), TUESDAY_NOON));
        assertThat(service.done(shipment).reschedule()).hasValueSatisfying(r -> assertThat(r.day()).isEqualTo(day(11, 2)));
        assertThat(stack.desk.alerts).extracting(a -> a.key())
                .containsExactly(shipment + "/self-service/reschedule/1", shipment + "/self-service/reschedule/2");
        assertThat(stack.desk.alerts.get(0).text()).contains("order " + orderNo, "shipment " + shipment, "delivery day: 2026-10-30 (FRIDAY)")
                .doesNotContain("Ayşe");
        assertThat(stack.metricsLine()).contains("\"Reschedules\":2", "\"RescheduleAlerts\":2");
    }

    @Test
    void aDeliveredShipmentIsOfferedNoDayAndTakesNone() {
        ShipmentId shipment = stack.shipment(TrackingStatus.DELIVERED);

        assertThat(service.offeredDays(shipment)).isEmpty();
        assertThat(service.reschedule(shipment, day(10, 30))).isInstanceOfSatisfying(SelfService.RescheduleResult.Refused.class, r -> {
            assertThat(r.refusal().reason()).isEqualTo(SelfServiceCheck.DELIVERED);
            assertThat(r.refusal().message("en")).isEqualTo("This shipment has been delivered; its delivery day can no longer be changed.");
        });
        assertThat(stack.log.findReschedule(shipment, TUESDAY_NOON)).isEmpty();
        assertThat(stack.desk.alerts).isEmpty();
    }
}
