package io.kargotakip.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The merchant's identity in messages and links.
 *
 * @param name            brand name shown in messages
 * @param fromEmail       verified SES sender
 * @param trackingBaseUrl base of the branded tracking page, e.g. {@code https://takip.example.com}
 * @param supportUrl      where the customer reaches support
 * @param defaultLocale   locale of customers with none, {@code tr} or {@code en}
 * @param linkSecret      key that makes the opaque link tokens (no PII in URLs)
 * @param posInfo         what a cash-on-delivery customer is told of paying at the door ("card or cash; the courier
 *                        has a POS device"); null: the locale's default words ({@code pos_info} in {@code words_*.properties})
 */
public record Brand(String name, String fromEmail, String trackingBaseUrl, String supportUrl, String defaultLocale,
                    String linkSecret, String posInfo) {

    /** A brand without its own POS text: cash-on-delivery messages give the locale's default. */
    public Brand(String name, String fromEmail, String trackingBaseUrl, String supportUrl, String defaultLocale, String linkSecret) {
        this(name, fromEmail, trackingBaseUrl, supportUrl, defaultLocale, linkSecret, null);
    }

    /**
     * Reads {@code KARGO_BRAND_NAME}, {@code KARGO_BRAND_FROM_EMAIL}, {@code KARGO_TRACKING_BASE_URL},
     * {@code KARGO_SUPPORT_URL}, {@code KARGO_DEFAULT_LOCALE}, {@code KARGO_LINK_SECRET}, {@code KARGO_POS_INFO}.
     *
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public static Brand fromEnvironment(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        String name = required(env, "KARGO_BRAND_NAME", problems);
        String from = required(env, "KARGO_BRAND_FROM_EMAIL", problems);
        String tracking = required(env, "KARGO_TRACKING_BASE_URL", problems);
        String support = Optional.ofNullable(env.apply("KARGO_SUPPORT_URL")).filter(v -> !v.isBlank()).map(String::trim).orElse(tracking == null ? null : strip(tracking) + "/destek");
        String locale = Optional.ofNullable(env.apply("KARGO_DEFAULT_LOCALE")).filter(v -> !v.isBlank()).map(String::trim).orElse("tr");
        String secret = required(env, "KARGO_LINK_SECRET", problems);
        String pos = Optional.ofNullable(env.apply("KARGO_POS_INFO")).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (from != null && !from.contains("@")) {
            problems.add("KARGO_BRAND_FROM_EMAIL is not an e-mail address");
        }
        if (tracking != null && !tracking.startsWith("https://") && !tracking.startsWith("http://")) {
            problems.add("KARGO_TRACKING_BASE_URL must start with https://");
        }
        if (!locale.equals("tr") && !locale.equals("en")) {
            problems.add("KARGO_DEFAULT_LOCALE must be tr or en");
        }
        if (secret != null && secret.length() < 16) {
            problems.add("KARGO_LINK_SECRET must be at least 16 characters");
        }
        if (pos != null && pos.length() > MAX_POS_INFO) {
            // it goes into SMS and WhatsApp texts too: a paragraph would not fit them
            problems.add("KARGO_POS_INFO must be at most " + MAX_POS_INFO + " characters, was " + pos.length());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid brand configuration: " + String.join("; ", problems));
        }
        return new Brand(name, from, strip(tracking), support, locale, secret, pos);
    }

    /** The longest {@code KARGO_POS_INFO}: one short sentence. */
    public static final int MAX_POS_INFO = 80;

    private static String required(Function<String, String> env, String key, List<String> problems) {
        String value = env.apply(key);
        if (value == null || value.isBlank()) {
            problems.add(key + " is required");
            return null;
        }
        return value.trim();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
