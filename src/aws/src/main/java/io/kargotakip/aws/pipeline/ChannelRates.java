package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.store.RateQuotas;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each channel's send rate across every sender instance: a {@link RateQuotas} window per channel and second
 * ({@code rate#<channel>#<epoch second>}), one conditional write per message. The defaults are the providers'
 * account limits; {@code KARGO_RATE_<CHANNEL>_PER_SECOND} changes one ({@code off}: no limit).
 */
public final class ChannelRates implements Dispatcher.SendRates {

    /**
     * SES: an account's {@code MaxSendRate} (1/s in the sandbox, commonly 14/s in production); SNS SMS: 20 messages/s,
     * the default account throughput in many regions; WhatsApp Cloud API: 80 messages/s per business phone number.
     * SES and SNS figures are not in the project's references (unverified); WhatsApp's is channels.md's (a secondary
     * source, not Meta's). Push and web push have no default limit.
     */
    public static final Map<String, Integer> DEFAULTS = Map.of("email", 14, "sms", 20, "whatsapp", 80);

    /** A window's counter outlives its second by this much (TTL deletion is lazy anyway). */
    private static final Duration KEEP = Duration.ofHours(1);

    private final RateQuotas quotas;
    private final Map<String, Integer> perSecond;

    public ChannelRates(RateQuotas quotas, Map<String, Integer> perSecond) {
        this.quotas = quotas;
        this.perSecond = Map.copyOf(perSecond);
    }

    /**
     * The limits of these channels: the setting when there is one, else the default.
     *
     * @throws IllegalArgumentException naming the setting that is not a positive whole number or {@code off}
     */
    public static Map<String, Integer> limits(Collection<String> channels, Function<String, Optional<String>> settings) {
        Map<String, Integer> limits = new HashMap<>();
        for (String channel : channels) {
            String key = setting(channel);
            Optional<String> value = settings.apply(key).map(String::trim);
            if (value.isEmpty()) {
                Integer d = DEFAULTS.get(channel);
                if (d != null) {
                    limits.put(channel, d);
                }
                continue;
            }
            if (value.get().equalsIgnoreCase("off")) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw new IllegalArgumentException(key + " must be a whole number of messages per second above 0, or off; not '" + value.get() + "'");
            }
            limits.put(channel, n);
        }
        return limits;
    }

    /** {@code KARGO_RATE_EMAIL_PER_SECOND} for {@code email}. */
    public static String setting(String channel) {
        return "KARGO_RATE_" + channel.toUpperCase(Locale.ROOT).replace('-', '_') + "_PER_SECOND";
    }

    public Map<String, Integer> perSecond() {
        return perSecond;
    }

    @Override
    public Optional<Duration> take(String channel, Instant now) {
        Integer limit = perSecond.get(channel);
        if (limit == null) {
            return Optional.empty();
        }
        long second = now.getEpochSecond();
        long place = quotas.place("rate#" + channel + "#" + second, Instant.ofEpochSecond(second).plus(KEEP));
        return waitFor(place, limit, second, now);
    }

    /**
     * Nothing when {@code place} is within this second's budget; else until the second whose budget it falls in, had
     * the ones over the limit before it each gone in turn: a burst spreads over the seconds it needs instead of every
     * throttled message coming back at the next second and colliding again (which spends the sender's time on
     * refusals, a congestion collapse).
     */
    static Optional<Duration> waitFor(long place, int limit, long second, Instant now) {
        if (place <= limit) {
            return Optional.empty();
        }
        long secondsBehind = 1 + (place - limit - 1) / limit;
        return Optional.of(Duration.between(now, Instant.ofEpochSecond(second + secondsBehind)));
    }
}
