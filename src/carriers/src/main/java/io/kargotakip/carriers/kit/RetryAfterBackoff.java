package io.kargotakip.carriers.kit;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a carrier call is tried again ({@code @CustomBackoff} with {@code @Retry}): the
 * carrier's {@code Retry-After} when it sent one, otherwise exponential from the retry's delay with
 * "full jitter" (a random wait up to the exponential bound, so many pollers do not retry in step);
 * never more than {@value #MAX_WAIT_MILLIS} ms, so a poll run stays inside its Lambda timeout.
 */
public final class RetryAfterBackoff implements CustomBackoffStrategy {

    static final long MAX_WAIT_MILLIS = 2_000;

    private long initialDelayMillis;
    private int retries;

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelayMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long bound = Math.min(MAX_WAIT_MILLIS, initialDelayMillis << Math.min(retries++, 16));
        if (failure instanceof TransientCarrierFailure transientFailure && transientFailure.retryAfter().isPresent()) {
            return Math.min(MAX_WAIT_MILLIS, transientFailure.retryAfter().get().toMillis());
        }
        return bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
    }
}
