package io.kargotakip.core.channel;

import java.util.Optional;

/**
 * The kind of contact a channel sends to. A customer's contacts are kept by kind, so a new channel that needs
 * an existing kind adds nothing to the order, and one that needs a new kind adds only an enum constant.
 */
public enum ContactKind {
    EMAIL("email", "e-mail address"),
    /** A phone number in E.164 form, {@code +905321234567} (normalized at intake). */
    PHONE("phone", "phone number"),
    /** WhatsApp's id of the customer; it is their phone number unless the merchant gives another. */
    WHATSAPP("whatsapp", "WhatsApp id"),
    DEVICE_TOKEN("device_token", "device token"),
    /** A browser's push subscription (endpoint and keys), as the JSON the browser hands out. */
    WEB_PUSH_SUBSCRIPTION("webpush_subscription", "web-push subscription");

    private static final java.util.regex.Pattern PUSH_SERVICE = java.util.regex.Pattern.compile("\"endpoint\"\\s*:\\s*\"(https?://[^/\"]+)");

    private final String wireName;
    private final String description;

    ContactKind(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    /** The name in stored items and in the orders API's {@code contacts} object. */
    public String wireName() {
        return wireName;
    }

    /** For people: "no phone number for sms". */
    public String description() {
        return description;
    }

    /** The kind whose value stands in when this one is not given (WhatsApp's id is the phone number). */
    public Optional<ContactKind> fallback() {
        return this == WHATSAPP ? Optional.of(PHONE) : Optional.empty();
    }

    /**
     * The contact as an operator may see it: enough to tell two customers apart, not enough to write to them
     * ({@code a***@example.com}, {@code +90532*****67}, a token's first four characters).
     */
    public String mask(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        String v = value.strip();
        return switch (this) {
            case EMAIL -> {
                int at = v.indexOf('@');
                yield at <= 0 ? "***" : v.charAt(0) + "***" + v.substring(at);
            }
            case PHONE, WHATSAPP -> v.length() <= 7 ? "***" : v.substring(0, 5) + "*".repeat(v.length() - 7) + v.substring(v.length() - 2);
            case DEVICE_TOKEN -> v.length() <= 8 ? "***" : v.substring(0, 4) + "…";
            // the endpoint's path identifies the browser; its host only names the push service (fcm.googleapis.com)
            case WEB_PUSH_SUBSCRIPTION -> {
                java.util.regex.Matcher m = PUSH_SERVICE.matcher(v);
                yield m.find() ? m.group(1) + "/…" : "***";
            }
        };
    }

    /**
     * The kind the built-in channel with that id sends to: the rule evaluator, which ships no channel, asks it
     * whether a customer can be reached on a preferred channel. Every channel's {@code contactKind()} agrees (the
     * sender's {@code SenderChannelsTest} checks); a channel of another id has no entry here.
     */
    public static Optional<ContactKind> ofChannel(String channelId) {
        return Optional.ofNullable(BY_CHANNEL.get(channelId));
    }

    private static final java.util.Map<String, ContactKind> BY_CHANNEL = java.util.Map.of("email", EMAIL, "sms", PHONE,
            "whatsapp", WHATSAPP, "push", DEVICE_TOKEN, "webpush", WEB_PUSH_SUBSCRIPTION);

    public static Optional<ContactKind> fromWireName(String name) {
        for (ContactKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
