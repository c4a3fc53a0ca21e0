package io.kargotakip.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock moved by hand ({@code clock.now = …}) by the tests and the bench: what the pipeline reads as now. Never on AWS. */
public final class MovableClock extends Clock {

    public Instant now;

    public MovableClock(Instant now) {
        this.now = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
