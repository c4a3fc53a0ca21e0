package io.kargotakip.core.order;

import java.time.Instant;

/**
 * The customer's communication permissions (KVKK / İYS), recorded with the time they were given.
 * A channel is used only when its permission is true.
 */
public record Consent(boolean email, boolean sms, boolean whatsapp, boolean push, Instant recordedAt) {

    public static Consent none() {
        return new Consent(false, false, false, false, null);
    }

    public boolean allows(String channel) {
        return switch (channel) {
            case "email" -> email;
            case "sms" -> sms;
            case "whatsapp" -> whatsapp;
            case "push", "webpush" -> push;
            default -> false;
        };
    }
}
