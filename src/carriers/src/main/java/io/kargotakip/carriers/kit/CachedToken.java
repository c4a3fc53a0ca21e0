package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.CarrierUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A carrier's access token that is not OAuth (so not the OIDC client's): MNG's JWT from
 * {@code POST /token}, HepsiJET's {@code X-Auth-Token} from {@code GET /auth/getToken}. Fetched on first
 * use, kept until shortly before it expires, renewed at once after the carrier refuses it
 * ({@link #invalidate}). One fetch at a time: concurrent pollers wait for it instead of asking twice.
 * Never logged.
 */
public final class CachedToken {

    /** A token and when the carrier says it expires. */
    public record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    @FunctionalInterface
    public interface Fetch {
        Token fetch() throws CarrierUnavailableException;
    }

    private final Fetch fetch;
    private final Duration skew;
    private final Clock clock;
    private Token current;

    /** @param skew how long before its expiry a token is renewed (calls in flight must not carry an expired one) */
    public CachedToken(Fetch fetch, Duration skew, Clock clock) {
        this.fetch = fetch;
        this.skew = skew;
        this.clock = clock;
    }

    public CachedToken(Fetch fetch) {
        this(fetch, Duration.ofSeconds(60), Clock.systemUTC());
    }

    public synchronized String get() throws CarrierUnavailableException {
        if (current == null || !clock.instant().plus(skew).isBefore(current.expiresAt())) {
            current = fetch.fetch();
        }
        return current.value();
    }

    /** The carrier refused the token (revoked before its expiry): the next {@link #get} fetches a new one. */
    public synchronized void invalidate() {
        current = null;
    }
}
