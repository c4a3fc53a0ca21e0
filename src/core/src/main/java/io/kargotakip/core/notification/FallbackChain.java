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
 * <p>
 * The first step may name channels preferred to it, {@code push|webpush|email}: the message goes over the first of
 * them the customer can be reached on (a contact and consent for it: an app that registered its device, a browser
 * that subscribed, on this order), else over the first step's own channel, which then waits as the preferred
 * channel's stand-in: sent at once if that one cannot go, never otherwise. The brief's order is "low-cost channel
 * first, then high visibility"; a push the customer asked for on this order costs nothing and is what they expect.
 *
 * @param preferred the channels tried before the first step's, in order
 * @param steps     the first channel (after zero), then each fallback with its wait after the first message
 */
public record FallbackChain(List<String> preferred, List<Step> steps) {

    public record Step(String channel, Duration after) {
    }

    private static final Pattern STEP = Pattern.compile("([a-z][a-z0-9_-]*)(?:@(\\d{1,4})([mh]))?");
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]*");

    public FallbackChain {
        preferred = List.copyOf(preferred);
        steps = List.copyOf(steps);
    }

    public FallbackChain(List<Step> steps) {
        this(List.of(), steps);
    }

    /** The brief's chain, after the app's or the browser's push when the customer asked for one on this order. */
    public static FallbackChain defaults() {
        return parse(DEFAULT);
    }

    public static final String DEFAULT = "push|webpush|email,whatsapp@2h,sms@6h";

    /** No fallbacks: every message goes once over the channel the rules chose. */
    public static final FallbackChain NONE = new FallbackChain(List.of());

    /**
     * {@code push|webpush|email,whatsapp@2h,sms@6h} (preferred channels before the first with {@code |}; waits in
     * {@code m} or {@code h}, after the first message), or {@code off}.
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
        List<String> preferred = new ArrayList<>();
        Set<String> channels = new HashSet<>();
        Duration last = Duration.ZERO;
        for (String part : spec.toLowerCase(Locale.ROOT).split(",")) {
            String step = part.trim();
            if (steps.isEmpty() && step.contains("|")) {
                String[] choices = step.split("\\|", -1);
                for (int i = 0; i < choices.length - 1; i++) {
                    String choice = choices[i].trim();
                    if (!CHANNEL.matcher(choice).matches()) {
                        throw new IllegalArgumentException("a preferred channel of the first step is not a channel id: " + step);
                    }
                    if (!channels.add(choice)) {
                        throw new IllegalArgumentException("a channel is in the fallback chain once: " + choice);
                    }
                    preferred.add(choice);
                }
                step = choices[choices.length - 1].trim();
            }
            Matcher m = STEP.matcher(step);
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
        return new FallbackChain(preferred, steps);
    }

    /** The fallbacks of a message sent first over {@code channel}: none unless the chain starts there. */
    public List<Step> fallbacksOf(String channel) {
        return steps.size() > 1 && startsAt(channel) ? steps.subList(1, steps.size()) : List.of();
    }

    /** Whether a message over {@code channel} opens this chain: the first step's channel or one preferred to it. */
    public boolean startsAt(String channel) {
        return !steps.isEmpty() && (steps.get(0).channel().equals(channel) || preferred.contains(channel));
    }

    /**
     * The channel the rules' message over {@code channel} goes on: the first preferred one {@code reachable} says the
     * customer can be reached on, when the chain starts at {@code channel}; else {@code channel}.
     */
    public String opening(String channel, java.util.function.Predicate<String> reachable) {
        if (steps.isEmpty() || !steps.get(0).channel().equals(channel)) {
            return channel;
        }
        return preferred.stream().filter(reachable).findFirst().orElse(channel);
    }

    /** The first step's own channel ({@code email}), the stand-in of a preferred one; null for no chain. */
    public String standIn() {
        return steps.isEmpty() ? null : steps.get(0).channel();
    }
}
