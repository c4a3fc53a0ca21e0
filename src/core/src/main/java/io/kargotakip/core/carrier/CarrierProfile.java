package io.kargotakip.core.carrier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a carrier offers and needs, as data: shown by {@code ./kargo carriers}, used by the poller for
 * batching and pacing, and by every function to say at start-up whether the carrier can be polled.
 *
 * @param poll      how it is polled (protocol and operation, e.g. {@code SOAP queryShipment}), or empty: push or
 *                  marketplace only
 * @param push      how it pushes and how the push is authenticated, or empty
 * @param batchSize keys per tracking call (1 where the API takes one)
 * @param rateLimit the carrier's published limit, or our default where none is published
 * @param auth      the tracking API's authentication, in words
 * @param keyedBy   what the shipment's key is at this carrier: {@code tracking number}, or the merchant's reference
 *                  the carrier is queried by (e.g. {@code cargoKey})
 * @param settings  the {@code KARGO_CARRIER_<ID>_*} keys polling needs (e.g. {@code client-id}); all set = configured
 */
public record CarrierProfile(Optional<String> poll, Optional<String> push, int batchSize, RateLimit rateLimit, String auth,
                             String keyedBy, List<String> settings) {

    public CarrierProfile {
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(rateLimit, "rateLimit");
        settings = List.copyOf(settings);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
    }

    /**
     * A carrier's call rate: per second and, where the carrier has a daily quota (DHL's starter plan), per day.
     * Overridable per carrier with {@code KARGO_CARRIER_<ID>_RATE_PER_SECOND} and {@code _RATE_PER_DAY}.
     *
     * @param perSecond steady calls per second (may be below 1, e.g. 1000/min = 16.6)
     * @param perDay    calls per day, 0 for no daily quota
     */
    public record RateLimit(double perSecond, int perDay) {
        public RateLimit {
            if (!(perSecond > 0) || perDay < 0) {
                throw new IllegalArgumentException("a rate limit needs a positive rate per second and a daily quota >= 0");
            }
        }

        public static RateLimit perSecond(double perSecond) {
            return new RateLimit(perSecond, 0);
        }

        public static RateLimit perMinute(int perMinute) {
            return new RateLimit(perMinute / 60.0, 0);
        }

        /** This limit with the merchant's overrides, when set and valid (an invalid value keeps the default). */
        public RateLimit overriddenBy(CarrierSettings settings) {
            double second = settings.get("rate-per-second").flatMap(RateLimit::number).filter(v -> v > 0).orElse(perSecond);
            int day = settings.get("rate-per-day").flatMap(RateLimit::number).filter(v -> v >= 0).map(Double::intValue).orElse(perDay);
            return new RateLimit(second, day);
        }

        private static Optional<Double> number(String text) {
            try {
                return Optional.of(Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** A carrier known only through pushes or a marketplace: nothing to configure for polling. */
    public static CarrierProfile pushOnly(String push, String keyedBy) {
        return new CarrierProfile(Optional.empty(), Optional.ofNullable(push), 1, RateLimit.perSecond(1), "—", keyedBy, List.of());
    }

    public boolean pollable() {
        return poll.isPresent();
    }

    /** Every setting polling needs is set: the carrier is polled. */
    public boolean configured(CarrierSettings carrier) {
        return pollable() && settings.stream().allMatch(key -> carrier.get(key).isPresent());
    }

    /** The settings still missing, as the environment variables to set. */
    public List<String> missing(CarrierSettings carrier) {
        return settings.stream().filter(key -> carrier.get(key).isEmpty()).map(carrier::variable).toList();
    }
}
