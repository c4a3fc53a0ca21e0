package io.kargotakip.core.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The channels a message falls back to when the customer does not read it (the brief: "first e-mail; if not read
 * in 2 h, WhatsApp; after 6 h, SMS"): each later step waits its time after the first message, and is cancelled once
 * a message of the chain is read or clicked, or the shipment moves on.
 *
 * @param steps the first channel (after zero), then each fallback with its wait after the first message
 */
public record FallbackChain(List<Step> steps) {

    public record Step(String channel, Duration after) {
    }

    private static final Pattern STEP = Pattern.compile("([a-z][a-z0-9_-]*)(?:@(\\d{1,4})([mh]))?");

    public FallbackChain {
        steps = List.copyOf(steps);
    }

    /** The brief's chain. */
    public static FallbackChain defaults() {
        return parse("email,whatsapp@2h,sms@6h");
    }

    /** No fallbacks: every message goes once over the channel the rules chose. */
    public static final FallbackChain NONE = new FallbackChain(List.of());

    /**
     * {@code email,whatsapp@2h,sms@6h} (waits in {@code m} or {@code h}, after the first message), or {@code off}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static FallbackChain parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaults();
        }
        if (spec.trim().equalsIgnoreCase("off")) {
            return NONE;
        }
        List<Step> steps = new ArrayList<>();
        Set<String> channels = new HashSet<>();
        Duration last = Duration.ZERO;
        for (String part : spec.toLowerCase(Locale.ROOT).split(",")) {
            Matcher m = STEP.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("fallback chain step is not channel or channel@<n>h|m: " + part.trim());
            }
            Duration after = m.group(2) == null ? Duration.ZERO
                    : m.group(3).equals("h") ? Duration.ofHours(Long.parseLong(m.group(2))) : Duration.ofMinutes(Long.parseLong(m.group(2)));
            if (steps.isEmpty() != after.isZero()) {
                throw new IllegalArgumentException(steps.isEmpty() ? "the fallback chain's first step has no wait: " + part.trim()
                        : "a fallback step waits some time after the first message: " + part.trim());
            }
            if (after.compareTo(last) < 0) {
                throw new IllegalArgumentException("fallback steps are in the order of their waits: " + part.trim());
            }
            if (!channels.add(m.group(1))) {
                throw new IllegalArgumentException("a channel is in the fallback chain once: " + m.group(1));
            }
            last = after;
            steps.add(new Step(m.group(1), after));
        }
        return new FallbackChain(steps);
    }

    /** The fallbacks of a message sent first over {@code channel}: none unless the chain starts there. */
    public List<Step> fallbacksOf(String channel) {
        return steps.size() > 1 && steps.get(0).channel().equals(channel) ? steps.subList(1, steps.size()) : List.of();
    }
}
