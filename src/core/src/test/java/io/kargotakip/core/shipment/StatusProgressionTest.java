package io.kargotakip.core.shipment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatusProgressionTest {

    private static final ShipmentId ID = new ShipmentId("ups", "1Z999AA10123456784");

    private static TrackingEvent event(TrackingStatus status, String at) {
        return event(status, null, at, "Istanbul, TR", status.wireName() + " scan");
    }

    private static TrackingEvent event(TrackingStatus status, Reason reason, String at, String location, String description) {
        return new TrackingEvent("ups", "1Z999AA10123456784", status, reason, OffsetDateTime.parse(at), location,
                "X/" + status.wireName(), description, null);
    }

    private static ShipmentState fresh() {
        return ShipmentState.newShipment(ID, "SIP-1");
    }

    private static ShipmentState stateAt(TrackingStatus status, String at) {
        return StatusProgression.apply(fresh(), event(status, at)).orElseThrow();
    }

    @Test
    void firstEventApplies() {
        Optional<ShipmentState> next = StatusProgression.apply(fresh(), event(TrackingStatus.IN_TRANSIT, "2026-12-01T10:00+03:00"));

        assertThat(next).isPresent();
        assertThat(next.get().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void firstEventOfAnyPhaseApplies() {
        assertThat(StatusProgression.apply(fresh(), event(TrackingStatus.DELIVERED, "2026-12-01T10:00+03:00")))
                .map(ShipmentState::status).contains(TrackingStatus.DELIVERED);
    }

    @Test
    void unknownNeverApplies() {
        assertThat(StatusProgression.apply(fresh(), event(TrackingStatus.UNKNOWN, "2026-12-01T10:00+03:00"))).isEmpty();
        ShipmentState inTransit = stateAt(TrackingStatus.IN_TRANSIT, "2026-12-01T10:00+03:00");
        assertThat(StatusProgression.apply(inTransit, event(TrackingStatus.UNKNOWN, "2026-12-05T10:00+03:00"))).isEmpty();
        ShipmentState labelled = stateAt(TrackingStatus.LABEL_CREATED, "2026-12-01T10:00+03:00");
        assertThat(StatusProgression.apply(labelled, event(TrackingStatus.UNKNOWN, "2026-12-05T10:00+03:00"))).isEmpty();
    }

    @Test
    void laterPhaseAppliesEvenWhenOlderInTime() {
        ShipmentState inTransit = stateAt(TrackingStatus.IN_TRANSIT, "2026-12-02T10:00+03:00");

        Optional<ShipmentState> next = StatusProgression.apply(inTransit, event(TrackingStatus.DELIVERED, "2026-12-01T18:00+03:00"));

        assertThat(next).map(ShipmentState::status).contains(TrackingStatus.DELIVERED);
        assertThat(next.get().lastEventAt()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
    }

    @Test
    void earlierPhaseNeverAppliesEvenWhenNewer() {
        ShipmentState delivered = stateAt(TrackingStatus.DELIVERED, "2026-12-02T10:00+03:00");
        assertThat(StatusProgression.apply(delivered, event(TrackingStatus.IN_TRANSIT, "2026-12-03T10:00+03:00"))).isEmpty();
        assertThat(StatusProgression.apply(delivered, event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-03T10:00+03:00"))).isEmpty();
        assertThat(StatusProgression.apply(delivered, event(TrackingStatus.LABEL_CREATED, "2026-12-03T10:00+03:00"))).isEmpty();

        ShipmentState inTransit = stateAt(TrackingStatus.IN_TRANSIT, "2026-12-02T10:00+03:00");
        assertThat(StatusProgression.apply(inTransit, event(TrackingStatus.LABEL_CREATED, "2026-12-03T10:00+03:00"))).isEmpty();

        ShipmentState returned = stateAt(TrackingStatus.RETURNED_TO_SENDER, "2026-12-02T10:00+03:00");
        assertThat(StatusProgression.apply(returned, event(TrackingStatus.RETURN_IN_TRANSIT, "2026-12-03T10:00+03:00"))).isEmpty();
        assertThat(StatusProgression.apply(returned, event(TrackingStatus.DELIVERED, "2026-12-03T10:00+03:00"))).isEmpty();
    }

    @Test
    void samePhaseOlderEventDoesNotApply() {
        ShipmentState out = stateAt(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T09:00+03:00");

        assertThat(StatusProgression.apply(out, event(TrackingStatus.IN_TRANSIT, "2026-12-02T03:00+03:00"))).isEmpty();
    }

    @Test
    void samePhaseNewerEventApplies() {
        ShipmentState out = stateAt(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T09:00+03:00");

        Optional<ShipmentState> next = StatusProgression.apply(out,
                event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T15:30+03:00", "Kadıköy", "Alıcı adreste yok"));

        assertThat(next).map(ShipmentState::status).contains(TrackingStatus.FAILED_ATTEMPT);
        assertThat(next.get().reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
    }

    @Test
    void samePhaseComparesInstantsNotLocalTimes() {
        // 10:00+03:00 is 07:00Z; 08:00Z is one hour later although its local clock reads earlier
        ShipmentState inTransit = stateAt(TrackingStatus.IN_TRANSIT, "2026-12-02T10:00+03:00");

        assertThat(StatusProgression.apply(inTransit, event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T08:00Z")))
                .map(ShipmentState::status).contains(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(StatusProgression.apply(inTransit, event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T09:59+04:00")))
                .isEmpty();
    }

    @Test
    void equalInstantDoesNotApplyTwice() {
        TrackingEvent scan = event(TrackingStatus.IN_TRANSIT, "2026-12-02T10:00+03:00");
        ShipmentState once = StatusProgression.apply(fresh(), scan).orElseThrow();

        assertThat(StatusProgression.apply(once, scan)).isEmpty();
        // the same instant reported with another offset and another same-phase status is not newer either
        assertThat(StatusProgression.apply(once, event(TrackingStatus.DELAYED, "2026-12-02T07:00Z"))).isEmpty();
    }

    @Test
    void returnInTransitAfterDeliveredApplies() {
        ShipmentState delivered = stateAt(TrackingStatus.DELIVERED, "2026-12-02T10:00+03:00");

        assertThat(StatusProgression.apply(delivered, event(TrackingStatus.RETURN_IN_TRANSIT, "2026-12-04T10:00+03:00")))
                .map(ShipmentState::status).contains(TrackingStatus.RETURN_IN_TRANSIT);
    }

    @Test
    void appliedStateCarriesTheEventAndKeepsIdOrderAndVersion() {
        ShipmentState stored = new ShipmentState(ID, "SIP-1", TrackingStatus.IN_TRANSIT, null,
                Instant.parse("2026-12-01T07:00:00Z"), "Ankara", "old", null, null, 7);

        ShipmentState next = StatusProgression.apply(stored, event(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM,
                "2026-12-02T14:02+03:00", "Kadıköy, İstanbul", "Adres bulunamadı")).orElseThrow();

        assertThat(next.id()).isEqualTo(ID);
        assertThat(next.orderId()).isEqualTo("SIP-1");
        assertThat(next.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(next.reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(next.lastEventAt()).isEqualTo(Instant.parse("2026-12-02T11:02:00Z"));
        assertThat(next.location()).isEqualTo("Kadıköy, İstanbul");
        assertThat(next.description()).isEqualTo("Adres bulunamadı");
        assertThat(next.version()).isEqualTo(7);
    }

    @Test
    void appliedStateClearsAReasonTheNewEventDoesNotHave() {
        ShipmentState failed = StatusProgression.apply(fresh(), event(TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED,
                "2026-12-02T10:00+03:00", "X", "refused")).orElseThrow();

        ShipmentState delivered = StatusProgression.apply(failed, event(TrackingStatus.DELIVERED, "2026-12-03T10:00+03:00")).orElseThrow();

        assertThat(delivered.reason()).isNull();
    }

    @Test
    void everyOrderOfADeliveredParcelsEventsEndsDelivered() {
        List<TrackingEvent> events = List.of(
                event(TrackingStatus.LABEL_CREATED, "2026-12-01T09:00+03:00"),
                event(TrackingStatus.IN_TRANSIT, "2026-12-01T18:00+03:00"),
                event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T08:30+03:00"),
                event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00+03:00", "Kadıköy", "absent"),
                event(TrackingStatus.DELIVERED, "2026-12-03T11:15+03:00"));

        assertSameFinalStateInEveryOrder(events, TrackingStatus.DELIVERED, Instant.parse("2026-12-03T08:15:00Z"));
    }

    @Test
    void everyOrderOfAnInTransitParcelsEventsEndsOnTheNewestOfTheLatestPhase() {
        List<TrackingEvent> events = List.of(
                event(TrackingStatus.LABEL_CREATED, "2026-12-01T09:00+03:00"),
                event(TrackingStatus.IN_TRANSIT, "2026-12-01T18:00+03:00"),
                event(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-03T07:00+03:00", "Erzurum", "weather"),
                event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T08:30+03:00"),
                event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00+03:00", "Kadıköy", "absent"));

        assertSameFinalStateInEveryOrder(events, TrackingStatus.DELAYED, Instant.parse("2026-12-03T04:00:00Z"));
    }

    private static void assertSameFinalStateInEveryOrder(List<TrackingEvent> events, TrackingStatus expected, Instant expectedAt) {
        List<List<TrackingEvent>> orders = permutations(events);
        assertThat(orders).hasSize(120);
        Set<ShipmentState> finals = new HashSet<>();
        for (List<TrackingEvent> order : orders) {
            ShipmentState state = fresh();
            for (TrackingEvent e : order) {
                state = StatusProgression.apply(state, e).orElse(state);
            }
            assertThat(state.status()).as("final status after %s", order.stream().map(TrackingEvent::status).toList())
                    .isEqualTo(expected);
            // the occurrence counts follow what applied, which depends on the order (a late scan is not an occurrence)
            finals.add(new ShipmentState(state.id(), state.orderId(), state.status(), state.reason(), state.lastEventAt(),
                    state.location(), state.description(), state.estimatedDelivery(), state.estimateAt(), state.version()));
        }
        assertThat(finals).hasSize(1);
        assertThat(finals.iterator().next().lastEventAt()).isEqualTo(expectedAt);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            List<List<T>> one = new ArrayList<>();
            one.add(new ArrayList<>());
            return one;
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                tail.add(0, head);
                out.add(tail);
            }
        }
        return out;
    }

    private static TrackingEvent withEstimate(TrackingStatus status, String at, String date) {
        return new TrackingEvent("ups", "1Z999AA10123456784", status, null, OffsetDateTime.parse(at), "Istanbul, TR",
                "X/" + status.wireName(), "scan", java.time.LocalDate.parse(date));
    }

    @Test
    void theEstimateFollowsTheNewestEventThatGivesOne() {
        ShipmentState shipped = StatusProgression.apply(fresh(),
                withEstimate(TrackingStatus.IN_TRANSIT, "2026-12-01T10:00+03:00", "2026-12-03")).orElseThrow();
        assertThat(shipped.estimatedDelivery()).isEqualTo(java.time.LocalDate.parse("2026-12-03"));

        ShipmentState moved = StatusProgression.apply(shipped, event(TrackingStatus.OUT_FOR_DELIVERY, "2026-12-02T08:00+03:00")).orElseThrow();
        assertThat(moved.estimatedDelivery()).as("an event without a date keeps the known one").isEqualTo(java.time.LocalDate.parse("2026-12-03"));

        assertThat(StatusProgression.apply(moved, withEstimate(TrackingStatus.IN_TRANSIT, "2026-12-01T12:00+03:00", "2026-12-09")))
                .as("a late scan's older date is ignored").isEmpty();
    }

    @Test
    void aDateUpdateWithoutAStatusMovesOnlyTheEstimate() {
        ShipmentState inTransit = stateAt(TrackingStatus.IN_TRANSIT, "2026-12-01T10:00+03:00");

        ShipmentState updated = StatusProgression.apply(inTransit,
                withEstimate(TrackingStatus.UNKNOWN, "2026-12-02T09:00+03:00", "2026-12-05")).orElseThrow();

        assertThat(updated.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(updated.lastEventAt()).isEqualTo(inTransit.lastEventAt());
        assertThat(updated.estimatedDelivery()).isEqualTo(java.time.LocalDate.parse("2026-12-05"));
        assertThat(StatusProgression.apply(updated, event(TrackingStatus.UNKNOWN, "2026-12-03T09:00+03:00")))
                .as("an unknown event without a date changes nothing").isEmpty();
    }

    @Test
    void eachFailedAttemptIsAnOccurrenceOfItsOwnWhileOtherStatusesRecurOnlyWhenEnteredAgain() {
        ShipmentState s = fresh();
        for (var e : java.util.List.of(event(TrackingStatus.IN_TRANSIT, "2026-12-01T08:00:00+03:00"),
                event(TrackingStatus.IN_TRANSIT, "2026-12-01T09:00:00+03:00"),
                event(TrackingStatus.FAILED_ATTEMPT, "2026-12-01T11:00:00+03:00"),
                event(TrackingStatus.FAILED_ATTEMPT, "2026-12-02T11:00:00+03:00"))) {
            s = StatusProgression.apply(s, e).orElseThrow();
        }
        assertThat(s.occurrence()).as("the second attempt").isEqualTo(2);
        assertThat(s.occurrences()).containsEntry(TrackingStatus.IN_TRANSIT, 1);

        ShipmentState delayed = fresh();
        for (var e : java.util.List.of(event(TrackingStatus.DELAYED, "2026-12-01T08:00:00+03:00"),
                event(TrackingStatus.DELAYED, "2026-12-01T12:00:00+03:00"),
                event(TrackingStatus.IN_TRANSIT, "2026-12-02T08:00:00+03:00"),
                event(TrackingStatus.DELAYED, "2026-12-03T08:00:00+03:00"))) {
            delayed = StatusProgression.apply(delayed, e).orElseThrow();
        }
        assertThat(delayed.occurrence()).as("a delay after the parcel moved on is the second delay; a second scan of one is not")
                .isEqualTo(2);
        assertThat(StatusProgression.apply(delayed, event(TrackingStatus.DELAYED, "2026-12-01T09:00:00+03:00")))
                .as("a late scan changes nothing, its count neither").isEmpty();
    }
}
