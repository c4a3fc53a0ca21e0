package io.kargotakip.core.selfservice;

import java.util.Map;

/**
 * Why the tracking page cannot do what the customer asked for this shipment now, with what to tell her in Turkish and
 * English ({@code selfservice/messages_<locale>.properties}).
 *
 * @param reason {@link SelfServiceCheck#NOT_FOUND}, {@link SelfServiceCheck#DELIVERED}, {@link SelfServiceCheck#RETURNED}
 *               or {@link SelfServiceCheck#NOT_DELIVERED}
 */
public record Refusal(String reason, Map<String, String> messages) {

    public Refusal {
        messages = Map.copyOf(messages);
    }

    /** The message in {@code locale}, English for a locale that is not shipped. */
    public String message(String locale) {
        String m = messages.get(locale);
        return m != null ? m : messages.get("en");
    }
}
