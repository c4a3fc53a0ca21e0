package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.PageEvents;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tracking page's analytics on dynalite: views on the shipment, every kind per Istanbul day, no personal data. */
class PageEventsTest {

    /** Each test its own day, so the shared tables' day items do not mix. */
    final SelfServiceStack stack = new SelfServiceStack(Instant.parse("2026-12-02T07:00:00Z"));
    final PageEvents events = new PageEvents(stack.dynamo, stack.tables.shipments(), SelfServiceStack.TIMELINE, stack.metrics);

    @Test
    void viewsCountOnTheShipmentAndEveryKindOnItsDay() {
        ShipmentId shipment = stack.shipment(TrackingStatus.IN_TRANSIT);
        ShipmentId other = stack.shipment(TrackingStatus.DELIVERED);
        Instant first = Instant.parse("2031-03-04T08:00:00Z");
        Instant last = Instant.parse("2031-03-04T18:30:00Z");

        events.record(shipment, PageEvents.VIEW, first);
        events.record(shipment, PageEvents.VIEW, last);
        events.record(other, PageEvents.VIEW, first.plusSeconds(60));
        events.record(shipment, PageEvents.SUPPORT_CLICK, first.plusSeconds(5));
        events.record(other, PageEvents.UPSELL_CLICK, first.plusSeconds(90));
        events.record(shipment, "action:address", first.plusSeconds(10));
        events.record(shipment, "action:address", first.plusSeconds(20));
        events.record(other, "action:nps", first.plusSeconds(120));

        assertThat(events.find(LocalDate.of(2031, 3, 4))).isEqualTo(Map.of("view", 3L, "support_click", 1L, "upsell_click", 1L,
                "action:address", 2L, "action:nps", 1L));
        assertThat(events.views(shipment)).contains(new PageEvents.Views(2, first, last));
        assertThat(events.views(other)).hasValueSatisfying(v -> assertThat(v.count()).isEqualTo(1));
        assertThat(stack.shipments.find(shipment)).as("the shipment itself is untouched")
                .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(TrackingStatus.IN_TRANSIT));
        assertThat(stack.metricsLine()).contains("\"PageViews\":3", "\"PageSupportClicks\":1", "\"PageUpsellClicks\":1", "\"PageActions\":3");
    }

    @Test
    void anEventCountsOnIstanbulsDay() {
        ShipmentId shipment = stack.shipment(null);

        events.record(shipment, PageEvents.VIEW, Instant.parse("2031-05-06T21:30:00Z")); // 00:30 on the 7th in Istanbul

        assertThat(events.find(LocalDate.of(2031, 5, 7))).containsEntry("view", 1L);
        assertThat(events.find(LocalDate.of(2031, 5, 6))).isEmpty();
    }

    @Test
    void aViewOfAShipmentNotStoredCountsOnlyInTheDayAndCreatesNoShipment() {
        ShipmentId unknown = new ShipmentId("yurtici", "NOTSTORED9");

        events.record(unknown, PageEvents.VIEW, Instant.parse("2031-06-01T09:00:00Z"));

        assertThat(events.find(LocalDate.of(2031, 6, 1))).containsEntry("view", 1L);
        assertThat(events.views(unknown)).isEmpty();
        assertThat(stack.shipments.find(unknown)).isEmpty();
    }

    @Test
    void anUnknownKindIsRefusedWithAOneLineError() {
        ShipmentId shipment = stack.shipment(null);
        for (String kind : new String[] {"click", "action:", "action:Adres Değiştir", "", null}) {
            assertThatThrownBy(() -> events.record(shipment, kind, Instant.parse("2031-07-01T09:00:00Z"))).as(String.valueOf(kind))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a page event is view, support_click, upsell_click or action:<name> (a-z, 0-9, _)");
        }
        assertThat(events.find(LocalDate.of(2031, 7, 1))).isEmpty();
    }
}
