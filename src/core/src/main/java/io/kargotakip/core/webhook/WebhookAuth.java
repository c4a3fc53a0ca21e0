package io.kargotakip.core.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * How a webhook sender proves who it is. Secrets are compared in constant time
 * ({@link MessageDigest#isEqual}); a failed check says why without echoing any secret.
 */
public sealed interface WebhookAuth {

    /**
     * @param headers request headers with lower-case names
     * @param body    the raw body, exactly as received
     * @return null when the call is authentic, otherwise why it is not
     */
    String rejectReason(Map<String, String> headers, byte[] body, Instant now);

    /** {@code Authorization: Bearer <token>}: UPS Track Alert echoes the credential it was given. */
    record BearerToken(String token) implements WebhookAuth {
        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            String value = headers.get("authorization");
            if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return "missing bearer credentials";
            }
            return constantTimeEquals(value.substring(7).trim(), token) ? null : "wrong credentials";
        }
    }

    /** {@code Authorization: Basic base64(user:password)}: Trendyol, Hepsiburada. */
    record Basic(String user, String password) implements WebhookAuth {
        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            String value = headers.get("authorization");
            if (value == null || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
                return "missing basic credentials";
            }
            String given;
            try {
                given = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "unreadable basic credentials";
            }
            return constantTimeEquals(given, user + ":" + password) ? null : "wrong credentials";
        }
    }

    /** A static key in a header of the sender's choice, e.g. {@code x-api-key}. */
    record ApiKey(String header, String key) implements WebhookAuth {
        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            String value = headers.get(header.toLowerCase(java.util.Locale.ROOT));
            if (value == null) {
                return "missing " + header + " header";
            }
            return constantTimeEquals(value.trim(), key) ? null : "wrong credentials";
        }
    }

    /**
     * A user name and password inside the push body (Aras's callback): the adapter reads them
     * ({@code CarrierAdapter.pushCredentials}), this compares them in constant time.
     */
    record BodyCredentials(String user, String password) implements WebhookAuth {
        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            return "credentials are read from the body by the source's adapter";
        }

        public String rejectReason(java.util.Optional<Map.Entry<String, String>> given) {
            if (given.isEmpty()) {
                return "missing credentials in the body";
            }
            boolean user = constantTimeEquals(given.get().getKey() == null ? "" : given.get().getKey(), user());
            boolean password = constantTimeEquals(given.get().getValue() == null ? "" : given.get().getValue(), password());
            return user & password ? null : "wrong credentials";
        }
    }

    /**
     * HMAC-SHA256 over {@code <timestamp>.<raw body>}, hex or base64, with the timestamp (epoch
     * seconds) in its own header and a tolerance against replays.
     */
    record HmacSha256(String signatureHeader, String timestampHeader, String secret, Duration tolerance)
            implements WebhookAuth {
        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            String signature = headers.get(signatureHeader.toLowerCase(java.util.Locale.ROOT));
            String timestamp = headers.get(timestampHeader.toLowerCase(java.util.Locale.ROOT));
            if (signature == null || timestamp == null) {
                return "missing signature or timestamp header";
            }
            Instant signedAt;
            try {
                signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return "unreadable timestamp";
            }
            if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
                return "timestamp outside the tolerance";
            }
            byte[] expected = sign(secret, timestamp.trim(), body);
            String given = signature.trim();
            if (given.startsWith("sha256=")) {
                given = given.substring(7);
            }
            boolean matches = constantTimeEquals(given.toLowerCase(java.util.Locale.ROOT), HexFormat.of().formatHex(expected))
                    || constantTimeEquals(given, Base64.getEncoder().encodeToString(expected));
            return matches ? null : "signature does not match";
        }

        public static byte[] sign(String secret, String timestamp, byte[] body) {
            return hmacSha256(secret, timestamp + ".", body);
        }
    }

    /**
     * Zendesk's webhook signature: {@code X-Zendesk-Webhook-Signature} = base64(HMAC-SHA256(secret, timestamp + raw body)),
     * the timestamp and the body joined with no separator, the timestamp an ISO-8601 instant in
     * {@code X-Zendesk-Webhook-Signature-Timestamp}, within a tolerance against replays. A sibling of {@link HmacSha256}
     * rather than an option of it: the message, the timestamp's form and the encoding all differ.
     */
    record ConcatenatedHmacSha256(String signatureHeader, String timestampHeader, String secret, Duration tolerance)
            implements WebhookAuth {

        public static final String ZENDESK_SIGNATURE = "X-Zendesk-Webhook-Signature";
        public static final String ZENDESK_TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";

        /** With Zendesk's two headers. */
        public static ConcatenatedHmacSha256 zendesk(String secret, Duration tolerance) {
            return new ConcatenatedHmacSha256(ZENDESK_SIGNATURE, ZENDESK_TIMESTAMP, secret, tolerance);
        }

        @Override
        public String rejectReason(Map<String, String> headers, byte[] body, Instant now) {
            String signature = headers.get(signatureHeader.toLowerCase(java.util.Locale.ROOT));
            String timestamp = headers.get(timestampHeader.toLowerCase(java.util.Locale.ROOT));
            if (signature == null || timestamp == null) {
                return "missing signature or timestamp header";
            }
            Instant signedAt;
            try {
                signedAt = java.time.OffsetDateTime.parse(timestamp.trim()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return "unreadable timestamp";
            }
            if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
                return "timestamp outside the tolerance";
            }
            // signed over the timestamp exactly as sent: a re-formatted instant would not match
            String expected = Base64.getEncoder().encodeToString(sign(secret, timestamp.trim(), body));
            return constantTimeEquals(signature.trim(), expected) ? null : "signature does not match";
        }

        public static byte[] sign(String secret, String timestamp, byte[] body) {
            return hmacSha256(secret, timestamp, body);
        }
    }

    /** HMAC-SHA256 with the secret over {@code prefix} then the raw body: what both signed schemes compute. */
    static byte[] hmacSha256(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
