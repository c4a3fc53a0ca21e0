package io.kargotakip.core.webhook;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a webhook source's scheme and secret from configuration:
 * {@code KARGO_WEBHOOK_<SOURCE>_SCHEME} = {@code bearer | basic | api-key | body-credentials | hmac-sha256 | zendesk} and
 * {@code KARGO_WEBHOOK_<SOURCE>_SECRET} (for basic and body-credentials: {@code user:password}), plus
 * {@code _HEADER} (api-key, hmac signature), {@code _TIMESTAMP_HEADER} and {@code _TOLERANCE_SECONDS} (hmac, zendesk).
 * {@code zendesk} is Zendesk's signature (base64 HMAC-SHA256 over the ISO-8601 timestamp and the body, no separator),
 * its headers {@code X-Zendesk-Webhook-Signature} and {@code X-Zendesk-Webhook-Signature-Timestamp} unless set.
 * A source with no scheme or no secret is not accepted at all.
 */
public final class WebhookAuthConfig {

    private WebhookAuthConfig() {
    }

    public static Optional<WebhookAuth> forSource(String source, Function<String, String> env) {
        String prefix = "KARGO_WEBHOOK_" + source.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        String scheme = env.apply(prefix + "SCHEME");
        String secret = env.apply(prefix + "SECRET");
        if (scheme == null || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String header = Optional.ofNullable(env.apply(prefix + "HEADER")).orElse("x-api-key");
        return switch (scheme.trim().toLowerCase(Locale.ROOT)) {
            case "bearer" -> Optional.of(new WebhookAuth.BearerToken(secret));
            case "basic" -> {
                int colon = secret.indexOf(':');
                yield colon < 0 ? Optional.empty()
                        : Optional.of(new WebhookAuth.Basic(secret.substring(0, colon), secret.substring(colon + 1)));
            }
            case "api-key" -> Optional.of(new WebhookAuth.ApiKey(header, secret));
            case "body-credentials" -> {
                int colon = secret.indexOf(':');
                yield colon < 0 ? Optional.empty()
                        : Optional.of(new WebhookAuth.BodyCredentials(secret.substring(0, colon), secret.substring(colon + 1)));
            }
            case "hmac-sha256" -> Optional.of(new WebhookAuth.HmacSha256(
                    Optional.ofNullable(env.apply(prefix + "HEADER")).orElse("x-signature"),
                    Optional.ofNullable(env.apply(prefix + "TIMESTAMP_HEADER")).orElse("x-timestamp"),
                    secret, tolerance(prefix, env)));
            case "zendesk" -> Optional.of(new WebhookAuth.ConcatenatedHmacSha256(
                    Optional.ofNullable(env.apply(prefix + "HEADER")).orElse(WebhookAuth.ConcatenatedHmacSha256.ZENDESK_SIGNATURE),
                    Optional.ofNullable(env.apply(prefix + "TIMESTAMP_HEADER")).orElse(WebhookAuth.ConcatenatedHmacSha256.ZENDESK_TIMESTAMP),
                    secret, tolerance(prefix, env)));
            default -> Optional.empty();
        };
    }

    private static Duration tolerance(String prefix, Function<String, String> env) {
        String tolerance = Optional.ofNullable(env.apply(prefix + "TOLERANCE_SECONDS")).orElse("300").trim();
        if (!tolerance.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(prefix + "TOLERANCE_SECONDS must be a number of seconds");
        }
        return Duration.ofSeconds(Long.parseLong(tolerance));
    }
}
