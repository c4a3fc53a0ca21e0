package io.kargotakip.core.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An alert or a ticket did not get through. Retryable: the destination throttled, is down or did not answer in time
 * (try again, after {@link #retryAfter()} when it said); otherwise it refused the request, and the message says why
 * in the provider's words, without the destination's address or credentials.
 */
public class OperationsException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;
    private final Set<String> targets;

    public OperationsException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        this(message, retryable, retryAfter, Set.of(), cause);
    }

    /** @param targets the alert targets that failed ({@code email}, {@code webhook}); empty for a ticket */
    public OperationsException(String message, boolean retryable, Duration retryAfter, Set<String> targets, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.targets = Set.copyOf(targets);
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the destination asked to wait ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The alert targets that failed; the others received the alert. */
    public Set<String> targets() {
        return targets;
    }
}
