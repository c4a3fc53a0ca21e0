package io.kargotakip.channels.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the SMS channel sends, from the environment.
 *
 * @param senderId     {@code KARGO_SMS_SENDER_ID}: the alphabetic sender the phone shows (3-11 letters, digits or
 *                     hyphens, at least one letter). Turkey accepts only a pre-registered one; setting it is what
 *                     turns the SMS channel on.
 * @param smsType      {@code KARGO_SMS_TYPE}: {@code Transactional} (default; shipment updates, and the only kind
 *                     Turkish sender IDs may carry) or {@code Promotional}
 * @param maxSegments  {@code KARGO_SMS_MAX_SEGMENTS}: most segments one SMS may take (default 1); a longer text is
 *                     refused, never cut
 * @param alphabet     {@code KARGO_SMS_ALPHABET}: {@code gsm7} (default) writes the Turkish letters outside GSM-7 as
 *                     their plain neighbours (ş→s, ğ→g, ı→i, İ→I, ç→c), so an SMS holds 160 characters instead of 70;
 *                     {@code unicode} keeps them (UCS-2, 70 characters a segment: raise the maximum)
 */
public record SmsSettings(String senderId, String smsType, int maxSegments, Alphabet alphabet) {

    public static final String SENDER_ID = "KARGO_SMS_SENDER_ID";
    public static final String TYPE = "KARGO_SMS_TYPE";
    public static final String MAX_SEGMENTS = "KARGO_SMS_MAX_SEGMENTS";
    public static final String ALPHABET = "KARGO_SMS_ALPHABET";

    /** SNS's rule for an alphabetic sender ID. */
    private static final Pattern SENDER_ID_FORMAT = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9-]{3,11}");

    public enum Alphabet {
        GSM7, UNICODE;

        /** The text as the SMS channel sends it in this alphabet (and as the start-up's template check counts it). */
        public String write(String text) {
            return this == GSM7 ? Gsm7Text.of(text) : text;
        }
    }

    /**
     * The two settings the templates are checked against ({@code KARGO_SMS_MAX_SEGMENTS}, {@code KARGO_SMS_ALPHABET}),
     * read without the sender ID, for a check run where SMS is not configured ({@code ./kargo rules check}).
     *
     * @throws IllegalArgumentException naming an invalid setting
     */
    public static SmsSettings forTemplates(Function<String, String> env) {
        if (configured(env)) {
            return fromEnvironment(env);
        }
        java.util.Map<String, String> withSender = new java.util.HashMap<>();
        for (String key : List.of(TYPE, MAX_SEGMENTS, ALPHABET)) {
            value(env, key).ifPresent(v -> withSender.put(key, v));
        }
        withSender.put(SENDER_ID, "KargoTakip");
        return fromEnvironment(withSender::get);
    }

    public SmsSettings {
        List<String> problems = problems(senderId, smsType, maxSegments);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMS configuration: " + String.join("; ", problems));
        }
        if (alphabet == null) {
            alphabet = Alphabet.GSM7;
        }
    }

    /** The SMS channel is configured when its sender ID is. */
    public static boolean configured(Function<String, String> env) {
        return value(env, SENDER_ID).isPresent();
    }

    /** @throws IllegalArgumentException naming every invalid setting */
    public static SmsSettings fromEnvironment(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        String senderId = value(env, SENDER_ID).orElse(null);
        String type = value(env, TYPE).orElse("Transactional");
        String normalizedType = switch (type.toLowerCase(Locale.ROOT)) {
            case "transactional" -> "Transactional";
            case "promotional" -> "Promotional";
            default -> {
                problems.add(TYPE + " must be Transactional or Promotional, was '" + type + "'");
                yield null;
            }
        };
        int maxSegments = 1;
        String segments = value(env, MAX_SEGMENTS).orElse("1");
        try {
            maxSegments = Integer.parseInt(segments);
        } catch (NumberFormatException e) {
            problems.add(MAX_SEGMENTS + " must be a whole number, was '" + segments + "'");
        }
        Alphabet alphabet = Alphabet.GSM7;
        String alphabetValue = value(env, ALPHABET).orElse("gsm7");
        switch (alphabetValue.toLowerCase(Locale.ROOT)) {
            case "gsm7" -> alphabet = Alphabet.GSM7;
            case "unicode" -> alphabet = Alphabet.UNICODE;
            default -> problems.add(ALPHABET + " must be gsm7 or unicode, was '" + alphabetValue + "'");
        }
        if (senderId == null) {
            problems.add(SENDER_ID + " is required");
        } else if (!SENDER_ID_FORMAT.matcher(senderId).matches()) {
            problems.add(senderIdProblem());
        }
        if (maxSegments < 1 || maxSegments > 10) {
            problems.add(MAX_SEGMENTS + " must be 1..10, was " + maxSegments);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMS configuration: " + String.join("; ", problems));
        }
        return new SmsSettings(senderId, normalizedType, maxSegments, alphabet);
    }

    private static List<String> problems(String senderId, String smsType, int maxSegments) {
        List<String> problems = new ArrayList<>();
        if (senderId == null || !SENDER_ID_FORMAT.matcher(senderId).matches()) {
            problems.add(senderIdProblem());
        }
        if (!"Transactional".equals(smsType) && !"Promotional".equals(smsType)) {
            problems.add(TYPE + " must be Transactional or Promotional");
        }
        if (maxSegments < 1 || maxSegments > 10) {
            problems.add(MAX_SEGMENTS + " must be 1..10, was " + maxSegments);
        }
        return problems;
    }

    private static String senderIdProblem() {
        return SENDER_ID + " must be 3-11 letters, digits or hyphens with at least one letter (an SNS sender ID)";
    }

    private static Optional<String> value(Function<String, String> env, String key) {
        return Optional.ofNullable(env.apply(key)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
