package io.kargotakip.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved forward by the milliseconds a file holds: the local runtime's controllable clock
 * ({@code KARGO_CLOCK_FILE}), so the demo can let two hours pass for a fallback chain, or reach 08:00 in Istanbul
 * for quiet hours, without waiting. Read on every call: the demo moves it between two messages. A missing or
 * empty file is no shift; a file that is not a number of milliseconds ≥ 0 is a broken local set-up and fails loudly.
 * Never set on AWS.
 */
public final class ShiftedClock extends Clock {

    public static final String FILE_ENV = "KARGO_CLOCK_FILE";

    private final Path file;
    private final Clock base;

    public ShiftedClock(Path file, Clock base) {
        this.file = file;
        this.base = base;
    }

    /** The clock of a function: the shifted one when {@code KARGO_CLOCK_FILE} is set, else the system's. */
    public static Clock of(KargoSettings settings) {
        return settings.get(FILE_ENV).filter(s -> !s.isBlank()).<Clock>map(f -> new ShiftedClock(Path.of(f.trim()), Clock.systemUTC()))
                .orElse(Clock.systemUTC());
    }

    /** The shift now in the file. */
    public long shiftMillis() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException(FILE_ENV + " cannot be read: " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            return 0;
        }
        try {
            long shift = Long.parseLong(text);
            if (shift < 0) {
                throw new NumberFormatException();
            }
            return shift;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(FILE_ENV + " holds no shift in milliseconds (≥ 0): " + text);
        }
    }

    /** Moves this clock (and every process reading the file) forward; atomically, so a reader never sees half a number. */
    public void advance(java.time.Duration by) throws IOException {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(shiftMillis() + by.toMillis()), StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves it forward to {@code when} (no move when that is already past). */
    public void advanceTo(Instant when) throws IOException {
        long ahead = when.toEpochMilli() - instant().toEpochMilli();
        if (ahead > 0) {
            advance(java.time.Duration.ofMillis(ahead));
        }
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(shiftMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC clock; convert instants to the zone you need");
    }
}
