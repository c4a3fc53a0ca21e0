package io.kargotakip.carriers.kit;

import java.time.Duration;
import java.util.Optional;

/**
 * A carrier answer worth another attempt (408, 429, 5xx), with the wait the carrier asked for in
 * {@code Retry-After}, if any. Thrown by {@link TransientStatusMapper} inside a REST client call so that
 * fault tolerance retries it; the carrier's client turns what is left after the retries into a
 * {@link io.kargotakip.core.carrier.CarrierUnavailableException}. No stack trace: it is an answer, not a bug.
 */
public final class TransientCarrierFailure extends RuntimeException {

    private final int status;
    private final transient Duration retryAfter;

    public TransientCarrierFailure(int status, Duration retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
