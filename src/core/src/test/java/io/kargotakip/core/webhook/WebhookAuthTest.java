package io.kargotakip.core.webhook;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookAuthTest {

    private static final byte[] BODY = "{\"trackingNumber\":\"1Z999AA10123456784\",\"status\":\"D\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class BearerTokenScheme {
        private final WebhookAuth auth = new WebhookAuth.BearerToken("ups-track-alert-s3cret");

        @Test
        void acceptsTheRightToken() {
            assertThat(auth.rejectReason(headers("authorization", "Bearer ups-track-alert-s3cret"), BODY, NOW)).isNull();
            assertThat(auth.rejectReason(headers("authorization", "bearer ups-track-alert-s3cret "), BODY, NOW)).isNull();
        }

        @Test
        void rejectsMissingCredentials() {
            assertThat(auth.rejectReason(headers(), BODY, NOW)).isEqualTo("missing bearer credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ups-track-alert-s3cret", "Token ups-track-alert-s3cret", "Bearer", "Basic dXBzOnMzY3JldA=="})
        void rejectsMalformedCredentials(String header) {
            assertThat(auth.rejectReason(headers("authorization", header), BODY, NOW)).isEqualTo("missing bearer credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer wrong", "Bearer ups-track-alert-s3cre", "Bearer ups-track-alert-s3cretX", "Bearer "})
        void rejectsWrongCredentialsWithoutEchoingThem(String header) {
            String reason = auth.rejectReason(headers("authorization", header), BODY, NOW);

            assertThat(reason).isEqualTo("wrong credentials");
            assertThat(reason).doesNotContain("s3cret");
        }
    }

    @Nested
    class BasicScheme {
        private final WebhookAuth auth = new WebhookAuth.Basic("trendyol", "pa:ss-wörd");

        @Test
        void acceptsTheRightUserAndPassword() {
            assertThat(auth.rejectReason(headers("authorization", basic("trendyol:pa:ss-wörd")), BODY, NOW)).isNull();
            assertThat(auth.rejectReason(headers("authorization", basic("trendyol:pa:ss-wörd").replace("Basic", "BASIC")), BODY, NOW)).isNull();
        }

        @Test
        void rejectsMissingCredentials() {
            assertThat(auth.rejectReason(headers(), BODY, NOW)).isEqualTo("missing basic credentials");
            assertThat(auth.rejectReason(headers("authorization", "Bearer x"), BODY, NOW)).isEqualTo("missing basic credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"trendyol:wrong", "TRENDYOL:pa:ss-wörd", "trendyol:pa:ss-word", "trendyol", "hepsiburada:pa:ss-wörd"})
        void rejectsWrongCredentials(String credentials) {
            assertThat(auth.rejectReason(headers("authorization", basic(credentials)), BODY, NOW)).isEqualTo("wrong credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Basic !!!not-base64!!!", "Basic dHJlbmR5b2w6cGFzcw=x=", "Basic é"})
        void rejectsBadBase64(String header) {
            assertThat(auth.rejectReason(headers("authorization", header), BODY, NOW)).isEqualTo("unreadable basic credentials");
        }
    }

    @Nested
    class ApiKeyScheme {
        private final WebhookAuth auth = new WebhookAuth.ApiKey("X-Shop-Key", "k-123456789");

        @Test
        void acceptsTheRightKeyUnderTheLowerCaseHeaderName() {
            assertThat(auth.rejectReason(headers("x-shop-key", "k-123456789"), BODY, NOW)).isNull();
            assertThat(auth.rejectReason(headers("x-shop-key", " k-123456789 "), BODY, NOW)).isNull();
        }

        @Test
        void rejectsAMissingHeader() {
            assertThat(auth.rejectReason(headers(), BODY, NOW)).isEqualTo("missing X-Shop-Key header");
            assertThat(auth.rejectReason(headers("x-api-key", "k-123456789"), BODY, NOW)).isEqualTo("missing X-Shop-Key header");
        }

        @ParameterizedTest
        @ValueSource(strings = {"k-12345678", "K-123456789", "", "Bearer k-123456789"})
        void rejectsAWrongKey(String key) {
            assertThat(auth.rejectReason(headers("x-shop-key", key), BODY, NOW)).isEqualTo("wrong credentials");
        }
    }

    @Nested
    class HmacSha256Scheme {
        private static final String SECRET = "whsec_0123456789abcdef";
        private final WebhookAuth auth = new WebhookAuth.HmacSha256("X-Signature", "X-Timestamp", SECRET, Duration.ofMinutes(5));
        private final String ts = Long.toString(NOW.getEpochSecond());
        private final byte[] mac = WebhookAuth.HmacSha256.sign(SECRET, ts, BODY);

        private String reason(String signature, String timestamp, byte[] body, Instant now) {
            return auth.rejectReason(headers("x-signature", signature, "x-timestamp", timestamp), body, now);
        }

        @Test
        void signIsHmacSha256OverTimestampDotBody() throws Exception {
            javax.crypto.Mac ref = javax.crypto.Mac.getInstance("HmacSHA256");
            ref.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = ref.doFinal((ts + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

            assertThat(mac).isEqualTo(expected);
        }

        @Test
        void acceptsHexAndBase64WithAndWithoutPrefix() {
            String hex = HexFormat.of().formatHex(mac);
            String b64 = Base64.getEncoder().encodeToString(mac);

            assertThat(reason(hex, ts, BODY, NOW)).isNull();
            assertThat(reason(hex.toUpperCase(Locale.ROOT), ts, BODY, NOW)).isNull();
            assertThat(reason("sha256=" + hex, ts, BODY, NOW)).isNull();
            assertThat(reason(b64, ts, BODY, NOW)).isNull();
            assertThat(reason("sha256=" + b64, ts, BODY, NOW)).isNull();
            assertThat(reason(" " + hex + " ", " " + ts + " ", BODY, NOW)).isNull();
        }

        @Test
        void rejectsMissingHeaders() {
            String hex = HexFormat.of().formatHex(mac);

            assertThat(auth.rejectReason(headers(), BODY, NOW)).isEqualTo("missing signature or timestamp header");
            assertThat(auth.rejectReason(headers("x-signature", hex), BODY, NOW)).isEqualTo("missing signature or timestamp header");
            assertThat(auth.rejectReason(headers("x-timestamp", ts), BODY, NOW)).isEqualTo("missing signature or timestamp header");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "", "1.7e9", "2026-12-01T10:00:00Z"})
        void rejectsAnUnreadableTimestamp(String timestamp) {
            assertThat(reason(HexFormat.of().formatHex(mac), timestamp, BODY, NOW)).isEqualTo("unreadable timestamp");
        }
        @ParameterizedTest
        @ValueSource(strings = {"99999999999999999", "-99999999999999999", "9223372036854775807"})
        void rejectsATimestampBeyondTheCalendar(String timestamp) {
            assertThat(reason(HexFormat.of().formatHex(mac), timestamp, BODY, NOW)).isNotNull();
        }

        @Test
        void rejectsATimestampOutsideTheToleranceBothWays() {
            String old = Long.toString(NOW.getEpochSecond() - 301);
            String future = Long.toString(NOW.getEpochSecond() + 301);

            // correctly signed, so only the timestamp can be the reason
            assertThat(reason(HexFormat.of().formatHex(WebhookAuth.HmacSha256.sign(SECRET, old, BODY)), old, BODY, NOW))
                    .isEqualTo("timestamp outside the tolerance");
            assertThat(reason(HexFormat.of().formatHex(WebhookAuth.HmacSha256.sign(SECRET, future, BODY)), future, BODY, NOW))
                    .isEqualTo("timestamp outside the tolerance");
        }

        @Test
        void acceptsATimestampAtTheEdgeOfTheTolerance() {
            String old = Long.toString(NOW.getEpochSecond() - 300);
            String future = Long.toString(NOW.getEpochSecond() + 300);

            assertThat(reason(HexFormat.of().formatHex(WebhookAuth.HmacSha256.sign(SECRET, old, BODY)), old, BODY, NOW)).isNull();
            assertThat(reason(HexFormat.of().formatHex(WebhookAuth.HmacSha256.sign(SECRET, future, BODY)), future, BODY, NOW)).isNull();
        }

        @Test
        void rejectsABodyChangedByOneByte() {
            byte[] tampered = BODY.clone();
            tampered[tampered.length - 3] ^= 1;

            assertThat(reason(HexFormat.of().formatHex(mac), ts, tampered, NOW)).isEqualTo("signature does not match");
            assertThat(reason(Base64.getEncoder().encodeToString(mac), ts, tampered, NOW)).isEqualTo("signature does not match");
        }

        @Test
        void rejectsASignatureReplayedWithAnotherTimestamp() {
            String later = Long.toString(NOW.getEpochSecond() + 60);

            assertThat(reason(HexFormat.of().formatHex(mac), later, BODY, NOW)).isEqualTo("signature does not match");
        }

        @Test
        void rejectsAWrongOrMalformedSignature() {
            byte[] otherSecret = WebhookAuth.HmacSha256.sign("another-secret-0123", ts, BODY);

            assertThat(reason(HexFormat.of().formatHex(otherSecret), ts, BODY, NOW)).isEqualTo("signature does not match");
            assertThat(reason("sha256=", ts, BODY, NOW)).isEqualTo("signature does not match");
            assertThat(reason("not a signature", ts, BODY, NOW)).isEqualTo("signature does not match");
            assertThat(reason(Base64.getEncoder().encodeToString(mac).toLowerCase(Locale.ROOT), ts, BODY, NOW))
                    .isEqualTo("signature does not match");
        }
    }

    @Nested
    class ZendeskScheme {
        private static final String SECRET = "dGhpc19pc19hX3plbmRlc2tfc2lnbmluZ19zZWNyZXQ=";
        private static final String TS = "2026-12-01T09:59:30Z";
        private final WebhookAuth auth = WebhookAuth.ConcatenatedHmacSha256.zendesk(SECRET, Duration.ofMinutes(5));

        private String signature(String secret, String timestamp, byte[] body) {
            return Base64.getEncoder().encodeToString(WebhookAuth.ConcatenatedHmacSha256.sign(secret, timestamp, body));
        }

        private String reason(String signature, String timestamp, byte[] body) {
            // the receiver lower-cases header names
            return auth.rejectReason(headers("x-zendesk-webhook-signature", signature, "x-zendesk-webhook-signature-timestamp", timestamp), body, NOW);
        }

        @Test
        void signIsBase64HmacSha256OverTimestampAndBodyWithNoSeparator() throws Exception {
            javax.crypto.Mac ref = javax.crypto.Mac.getInstance("HmacSHA256");
            ref.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = ref.doFinal((TS + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

            assertThat(WebhookAuth.ConcatenatedHmacSha256.sign(SECRET, TS, BODY)).isEqualTo(expected);
            // not the dotted form of the other scheme
            assertThat(WebhookAuth.ConcatenatedHmacSha256.sign(SECRET, TS, BODY)).isNotEqualTo(WebhookAuth.HmacSha256.sign(SECRET, TS, BODY));
        }

        @Test
        void acceptsAGoodSignature() {
            assertThat(reason(signature(SECRET, TS, BODY), TS, BODY)).isNull();
            assertThat(reason(" " + signature(SECRET, TS, BODY) + " ", TS, BODY)).isNull();
            String withOffset = "2026-12-01T12:59:30+03:00";
            assertThat(reason(signature(SECRET, withOffset, BODY), withOffset, BODY)).isNull();
        }

        @Test
        void rejectsAForgedSignature() {
            assertThat(reason(signature("another-secret", TS, BODY), TS, BODY)).isEqualTo("signature does not match");
            // hex of the right MAC is not Zendesk's form
            assertThat(reason(HexFormat.of().formatHex(WebhookAuth.ConcatenatedHmacSha256.sign(SECRET, TS, BODY)), TS, BODY))
                    .isEqualTo("signature does not match");
            assertThat(reason(Base64.getEncoder().encodeToString(WebhookAuth.HmacSha256.sign(SECRET, TS, BODY)), TS, BODY))
                    .isEqualTo("signature does not match");
        }

        @Test
        void rejectsATamperedBody() {
            byte[] tampered = BODY.clone();
            tampered[5] ^= 1;

            assertThat(reason(signature(SECRET, TS, BODY), TS, tampered)).isEqualTo("signature does not match");
        }

        @Test
        void rejectsAStaleOrFutureTimestampEvenWhenCorrectlySigned() {
            String stale = "2026-12-01T09:54:59Z";
            String future = "2026-12-01T10:05:01Z";

            assertThat(reason(signature(SECRET, stale, BODY), stale, BODY)).isEqualTo("timestamp outside the tolerance");
            assertThat(reason(signature(SECRET, future, BODY), future, BODY)).isEqualTo("timestamp outside the tolerance");
            String edge = "2026-12-01T09:55:00Z";
            assertThat(reason(signature(SECRET, edge, BODY), edge, BODY)).isNull();
        }

        @Test
        void rejectsASignatureReplayedWithAFreshTimestamp() {
            assertThat(reason(signature(SECRET, "2026-12-01T09:50:00Z", BODY), TS, BODY)).isEqualTo("signature does not match");
        }

        @Test
        void rejectsMissingHeadersAndEpochTimestamps() {
            assertThat(auth.rejectReason(headers(), BODY, NOW)).isEqualTo("missing signature or timestamp header");
            assertThat(auth.rejectReason(headers("x-zendesk-webhook-signature", "x"), BODY, NOW)).isEqualTo("missing signature or timestamp header");
            String epoch = Long.toString(NOW.getEpochSecond());
            assertThat(reason(signature(SECRET, epoch, BODY), epoch, BODY)).isEqualTo("unreadable timestamp");
        }
    }

    @Nested
    class Config {

        private Optional<WebhookAuth> forSource(String source, Map<String, String> env) {
            return WebhookAuthConfig.forSource(source, env::get);
        }

        @Test
        void buildsBearer() {
            assertThat(forSource("ups", Map.of("KARGO_WEBHOOK_UPS_SCHEME", "bearer", "KARGO_WEBHOOK_UPS_SECRET", "tok-123")))
                    .contains(new WebhookAuth.BearerToken("tok-123"));
        }

        @Test
        void buildsBasicSplittingAtTheFirstColon() {
            assertThat(forSource("trendyol", Map.of("KARGO_WEBHOOK_TRENDYOL_SCHEME", "basic",
                    "KARGO_WEBHOOK_TRENDYOL_SECRET", "seller42:pa:ss")))
                    .contains(new WebhookAuth.Basic("seller42", "pa:ss"));
        }

        @Test
        void buildsApiKeyWithDefaultAndConfiguredHeader() {
            assertThat(forSource("orders", Map.of("KARGO_WEBHOOK_ORDERS_SCHEME", "api-key", "KARGO_WEBHOOK_ORDERS_SECRET", "k-1")))
                    .contains(new WebhookAuth.ApiKey("x-api-key", "k-1"));
            assertThat(forSource("orders", Map.of("KARGO_WEBHOOK_ORDERS_SCHEME", "api-key", "KARGO_WEBHOOK_ORDERS_SECRET", "k-1",
                    "KARGO_WEBHOOK_ORDERS_HEADER", "X-Shop-Key")))
                    .contains(new WebhookAuth.ApiKey("X-Shop-Key", "k-1"));
        }

        @Test
        void buildsHmacWithDefaults() {
            assertThat(forSource("shop", Map.of("KARGO_WEBHOOK_SHOP_SCHEME", "hmac-sha256", "KARGO_WEBHOOK_SHOP_SECRET", "s")))
                    .contains(new WebhookAuth.HmacSha256("x-signature", "x-timestamp", "s", Duration.ofSeconds(300)));
        }

        @Test
        void buildsHmacWithEverySetting() {
            Map<String, String> env = Map.of(
                    "KARGO_WEBHOOK_HEPSI_BURADA_SCHEME", " HMAC-SHA256 ",
                    "KARGO_WEBHOOK_HEPSI_BURADA_SECRET", "s",
                    "KARGO_WEBHOOK_HEPSI_BURADA_HEADER", "X-HB-Signature",
                    "KARGO_WEBHOOK_HEPSI_BURADA_TIMESTAMP_HEADER", "X-HB-Timestamp",
                    "KARGO_WEBHOOK_HEPSI_BURADA_TOLERANCE_SECONDS", "60");

            assertThat(forSource("hepsi-burada", env))
                    .contains(new WebhookAuth.HmacSha256("X-HB-Signature", "X-HB-Timestamp", "s", Duration.ofSeconds(60)));
        }

        @Test
        void buildsZendeskWithItsHeadersAndTolerance() {
            assertThat(forSource("zendesk", Map.of("KARGO_WEBHOOK_ZENDESK_SCHEME", "zendesk", "KARGO_WEBHOOK_ZENDESK_SECRET", "s")))
                    .contains(new WebhookAuth.ConcatenatedHmacSha256("X-Zendesk-Webhook-Signature", "X-Zendesk-Webhook-Signature-Timestamp",
                            "s", Duration.ofSeconds(300)));
            assertThat(forSource("zendesk", Map.of("KARGO_WEBHOOK_ZENDESK_SCHEME", "Zendesk", "KARGO_WEBHOOK_ZENDESK_SECRET", "s",
                    "KARGO_WEBHOOK_ZENDESK_TOLERANCE_SECONDS", "120")))
                    .contains(WebhookAuth.ConcatenatedHmacSha256.zendesk("s", Duration.ofSeconds(120)));
        }

        @Test
        void emptyWithoutSchemeOrSecret() {
            assertThat(forSource("ups", Map.of())).isEmpty();
            assertThat(forSource("ups", Map.of("KARGO_WEBHOOK_UPS_SECRET", "tok"))).isEmpty();
            assertThat(forSource("ups", Map.of("KARGO_WEBHOOK_UPS_SCHEME", "bearer"))).isEmpty();
            assertThat(forSource("ups", Map.of("KARGO_WEBHOOK_UPS_SCHEME", "bearer", "KARGO_WEBHOOK_UPS_SECRET", "  "))).isEmpty();
            // another source's settings do not leak over
            assertThat(forSource("aras", Map.of("KARGO_WEBHOOK_UPS_SCHEME", "bearer", "KARGO_WEBHOOK_UPS_SECRET", "tok"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"oauth2", "none", "", "hmac-sha1"})
        void emptyWithAnUnknownScheme(String scheme) {
            assertThat(forSource("ups", Map.of("KARGO_WEBHOOK_UPS_SCHEME", scheme, "KARGO_WEBHOOK_UPS_SECRET", "tok"))).isEmpty();
        }

        @Test
        void emptyForBasicWithoutAColon() {
            assertThat(forSource("trendyol", Map.of("KARGO_WEBHOOK_TRENDYOL_SCHEME", "basic",
                    "KARGO_WEBHOOK_TRENDYOL_SECRET", "seller42-password"))).isEmpty();
        }

        @Test
        void configuredHmacHeaderNamesAreCaseInsensitive() {
            WebhookAuth auth = forSource("shop", Map.of(
                    "KARGO_WEBHOOK_SHOP_SCHEME", "hmac-sha256",
                    "KARGO_WEBHOOK_SHOP_SECRET", "shop-secret-0123456789",
                    "KARGO_WEBHOOK_SHOP_HEADER", "X-Shop-Signature",
                    "KARGO_WEBHOOK_SHOP_TIMESTAMP_HEADER", "X-Shop-Timestamp")).orElseThrow();
            String ts = Long.toString(NOW.getEpochSecond());
            String sig = "sha256=" + HexFormat.of().formatHex(WebhookAuth.HmacSha256.sign("shop-secret-0123456789", ts, BODY));

            // the receiver lower-cases every header name before it asks
            assertThat(auth.rejectReason(headers("x-shop-signature", sig, "x-shop-timestamp", ts), BODY, NOW)).isNull();
            assertThat(auth.rejectReason(headers("x-signature", sig, "x-timestamp", ts), BODY, NOW))
                    .isEqualTo("missing signature or timestamp header");
        }

        @Test
        void configuredApiKeyHeaderNameIsCaseInsensitive() {
            WebhookAuth auth = forSource("orders", Map.of("KARGO_WEBHOOK_ORDERS_SCHEME", "API-KEY",
                    "KARGO_WEBHOOK_ORDERS_SECRET", "k-1", "KARGO_WEBHOOK_ORDERS_HEADER", "X-Shop-Key")).orElseThrow();

            assertThat(auth.rejectReason(headers("x-shop-key", "k-1"), BODY, NOW)).isNull();
            assertThat(auth.rejectReason(headers("x-shop-key", "k-2"), BODY, NOW)).isEqualTo("wrong credentials");
        }
    }
}
