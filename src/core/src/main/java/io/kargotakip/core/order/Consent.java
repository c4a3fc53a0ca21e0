package io.kargotakip.core.order;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The customer's communication permissions (KVKK / İYS) per channel id ({@code email}, {@code sms}, ...), each
 * recorded with the time it was given. A channel is used only when its permission is granted; a channel with no
 * entry is not allowed, so a new channel starts with nobody's consent.
 */
public record Consent(Map<String, Grant> channels) {

    /** One channel's permission and when it was recorded. */
    public record Grant(boolean granted, Instant recordedAt) {
    }

    public Consent {
        channels = channels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    /**
     * The four permissions of order imports. Web push shares the push permission: the customer allows
     * "notifications" once, on whichever device.
     */
    public Consent(boolean email, boolean sms, boolean whatsapp, boolean push, Instant recordedAt) {
        this(Map.of("email", new Grant(email, recordedAt), "sms", new Grant(sms, recordedAt),
                "whatsapp", new Grant(whatsapp, recordedAt), "push", new Grant(push, recordedAt),
                "webpush", new Grant(push, recordedAt)));
    }

    /**
     * Permissions as an import states them, channel id → granted, all recorded at {@code recordedAt}. Web push
     * follows push unless stated, as in the four-permission form.
     */
    public static Consent of(Map<String, Boolean> granted, Instant recordedAt) {
        Map<String, Grant> grants = new TreeMap<>();
        granted.forEach((channel, yes) -> grants.put(channel, new Grant(Boolean.TRUE.equals(yes), recordedAt)));
        if (grants.containsKey("push") && !grants.containsKey("webpush")) {
            grants.put("webpush", grants.get("push"));
        }
        return new Consent(grants);
    }

    public static Consent none() {
        return new Consent(Map.of());
    }

    public boolean allows(String channel) {
        Grant grant = channels.get(channel);
        return grant != null && grant.granted();
    }

    /** The same consent with one channel's permission set. */
    public Consent with(String channel, boolean granted, Instant recordedAt) {
        Map<String, Grant> changed = new TreeMap<>(channels);
        changed.put(Objects.requireNonNull(channel), new Grant(granted, recordedAt));
        return new Consent(changed);
    }

    public boolean email() {
        return allows("email");
    }

    public boolean sms() {
        return allows("sms");
    }

    public boolean whatsapp() {
        return allows("whatsapp");
    }

    public boolean push() {
        return allows("push");
    }

    /** When the latest of the permissions was recorded; null when none has a time. */
    public Instant recordedAt() {
        return channels.values().stream().map(Grant::recordedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
