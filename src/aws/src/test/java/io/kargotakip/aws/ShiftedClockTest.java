package io.kargotakip.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShiftedClockTest {

    static final Instant NOW = Instant.parse("2026-12-01T19:30:00Z");

    @Test
    void it_is_the_base_clock_moved_by_the_file_and_every_reader_of_the_file_moves_with_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock");
        ShiftedClock demo = new ShiftedClock(file, Clock.fixed(NOW, ZoneOffset.UTC));
        ShiftedClock function = new ShiftedClock(file, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(function.instant()).as("no file: no shift").isEqualTo(NOW);

        demo.advance(Duration.ofHours(2));
        assertThat(function.instant()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        demo.advanceTo(Instant.parse("2026-12-02T05:00:00Z"));
        assertThat(function.instant()).isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
        demo.advanceTo(NOW);
        assertThat(function.instant()).as("never backwards").isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
        assertThatThrownBy(() -> demo.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_file_that_holds_no_shift_fails_loudly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock");
        Files.writeString(file, "two hours");
        assertThatThrownBy(() -> new ShiftedClock(file, Clock.systemUTC()).instant())
                .hasMessage("KARGO_CLOCK_FILE holds no shift in milliseconds (≥ 0): two hours");
    }

    @Test
    void without_the_setting_a_function_has_the_system_clock(@TempDir Path dir) {
        assertThat(ShiftedClock.of(KargoSettings.of(Map.<String, String>of()::get))).isEqualTo(Clock.systemUTC());
        assertThat(ShiftedClock.of(KargoSettings.of(Map.of(ShiftedClock.FILE_ENV, dir.resolve("c").toString())::get)))
                .isInstanceOf(ShiftedClock.class);
    }
}
