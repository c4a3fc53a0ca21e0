package io.kargotakip.core.shipment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PollPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final PollPolicy policy = new PollPolicy(Duration.ofMinutes(90), Duration.ofMinutes(7));

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class, names = {"DELIVERED", "RETURNED_TO_SENDER", "OUT_FOR_DELIVERY"}, mode = EnumSource.Mode.EXCLUDE)
    void activeStatusesArePolledAgainAfterTheInterval(TrackingStatus status) {
        assertThat(policy.nextPoll(status, NOW)).contains(NOW.plus(Duration.ofMinutes(90)));
    }

    @Test
    void outForDeliveryIsPolledEveryHalfHour() {
        assertThat(policy.nextPoll(TrackingStatus.OUT_FOR_DELIVERY, NOW)).contains(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aParcelExpectedTodayInIstanbulIsPolledMoreOften() {
        // 10:00 UTC is 13:00 in Istanbul on 1 December
        assertThat(policy.next(TrackingStatus.IN_TRANSIT, LocalDate.of(2026, 12, 1), null, NOW)).contains(NOW.plus(Duration.ofMinutes(30)));
        assertThat(policy.next(TrackingStatus.IN_TRANSIT, LocalDate.of(2026, 12, 2), null, NOW)).contains(NOW.plus(Duration.ofMinutes(90)));
        // 22:30 UTC on 1 December is already 2 December in Istanbul
        Instant lateEvening = Instant.parse("2026-12-01T22:30:00Z");
        assertThat(policy.next(TrackingStatus.IN_TRANSIT, LocalDate.of(2026, 12, 2), null, lateEvening))
                .contains(lateEvening.plus(Duration.ofMinutes(30)));
    }

    @Test
    void whilePushesArrivePollsWaitUntilTheyStop() {
        Instant pushed = NOW.minus(Duration.ofHours(1));
        assertThat(policy.next(TrackingStatus.IN_TRANSIT, null, pushed, NOW)).contains(pushed.plus(PollPolicy.DEFAULT_AFTER_PUSH));
        assertThat(policy.next(TrackingStatus.OUT_FOR_DELIVERY, null, pushed, NOW)).as("also on the delivery day")
                .contains(pushed.plus(PollPolicy.DEFAULT_AFTER_PUSH));
        Instant longAgo = NOW.minus(Duration.ofDays(2));
        assertThat(policy.next(TrackingStatus.IN_TRANSIT, null, longAgo, NOW)).as("pushes stopped: the usual cadence")
                .contains(NOW.plus(Duration.ofMinutes(90)));
    }

    @Test
    void aLifecycleWithPushesNeedsFarFewerPollsThanANaiveTwoHourlyPoll() {
        // three days from label to delivery, a push every 8 hours: polls happen only when pushes pause 12 h
        PollPolicy defaults = PollPolicy.defaults();
        Instant start = Instant.parse("2026-11-30T06:00:00Z");
        Instant end = start.plus(Duration.ofDays(3));
        java.util.List<Instant> pushes = new java.util.ArrayList<>();
        for (Instant p = start; p.isBefore(end); p = p.plus(Duration.ofHours(8))) {
            pushes.add(p);
        }
        int polls = 0;
        Instant lastPush = null;
        Instant next = start;
        int pushIndex = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(5))) {
            while (pushIndex < pushes.size() && !pushes.get(pushIndex).isAfter(t)) {
                lastPush = pushes.get(pushIndex++);
                next = defaults.next(TrackingStatus.IN_TRANSIT, null, lastPush, lastPush).orElseThrow();
            }
            if (!t.isBefore(next)) {
                polls++;
                next = defaults.next(TrackingStatus.IN_TRANSIT, null, lastPush, t).orElseThrow();
            }
        }
        assertThat(polls).isLessThanOrEqualTo(2);
    }

    @Test
    void aNeverSeenShipmentIsPolledAfterTheInterval() {
        assertThat(policy.nextPoll(null, NOW)).contains(Instant.parse("2026-12-01T11:30:00Z"));
    }

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class, names = {"DELIVERED", "RETURNED_TO_SENDER"})
    void terminalStatusesAreNotPolledAgain(TrackingStatus status) {
        assertThat(policy.nextPoll(status, NOW)).isEmpty();
    }

    @Test
    void aReturnAfterDeliveryIsStillPolled() {
        assertThat(policy.nextPoll(TrackingStatus.RETURN_IN_TRANSIT, NOW)).isPresent();
    }

    @Test
    void afterAFailureTheRetryDelayIsUsed() {
        assertThat(policy.afterFailure(NOW)).isEqualTo(Instant.parse("2026-12-01T10:07:00Z"));
    }

    @Test
    void defaultsAreTwoHoursAndASoonerButNotImmediateRetry() {
        PollPolicy defaults = PollPolicy.defaults();

        assertThat(defaults.nextPoll(TrackingStatus.IN_TRANSIT, NOW)).contains(NOW.plus(Duration.ofHours(2)));
        assertThat(defaults.afterFailure(NOW)).isAfter(NOW).isBefore(NOW.plus(Duration.ofHours(2)));
        assertThat(defaults.retryAfterFailure()).isEqualTo(Duration.ofMinutes(15));
    }
}
