package io.kargotakip.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's clock starts in Istanbul's daytime, so quiet hours hold nothing a demo run at night sends. */
class LocalClockTest {

    @Test
    void a_daytime_start_is_kept_an_evening_or_night_one_moves_to_the_next_nine_oclock_in_istanbul() {
        assertThat(LocalPlatform.daytime(Instant.parse("2026-12-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        // 19:30 and 23:00 Istanbul (UTC+3): the next morning, 09:00
        assertThat(LocalPlatform.daytime(Instant.parse("2026-12-01T16:30:00Z"))).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(LocalPlatform.daytime(Instant.parse("2026-12-01T20:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        // 02:00 Istanbul: the same day's 09:00
        assertThat(LocalPlatform.daytime(Instant.parse("2026-12-01T23:00:00Z"))).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
    }
}
