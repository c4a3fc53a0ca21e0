package io.kargotakip.core.shipment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PollPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final PollPolicy policy = new PollPolicy(Duration.ofMinutes(90), Duration.ofMinutes(7));

    @ParameterizedTest
    @EnumSource(value = TrackingStatus.class, names = {"DELIVERED", "RETURNED_TO_SENDER"}, mode = EnumSource.Mode.EXCLUDE)
    void activeStatusesArePolledAgainAfterTheInterval(TrackingStatus status) {
        assertThat(policy.nextPoll(status, NOW)).contains(NOW.plus(Duration.ofMinutes(90)));
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
