package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;

/**
 * Fixed-window rate limits shared by every instance of a function: one item per scope, key and window
 * ({@code rate#<scope>#<key>#<window start, epoch seconds>}) among the shipments, expiring when the window is past.
 * A hit is one conditional {@code ADD} (no read): the {@code limit}-th hit of a window is allowed, the next refused,
 * and a refused hit counts nothing. The tracking page limits per page token and per source; a source is a client
 * IP, which is never stored: {@link #sourceKey} turns it into a keyed hash first.
 */
public final class RateLimits {

    /** A scope names what is limited ({@code page}, {@code source}); a key is a token or a {@link #sourceKey}. */
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** 16 of HMAC-SHA256's 32 bytes: 128 bits tell sources apart; 22 characters of base64url. */
    private static final int SOURCE_KEY_BYTES = 16;
    private static final int MIN_SECRET = 16;

    private final DynamoDbClient dynamo;
    private final String table;

    public RateLimits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Counts a hit in the current window of {@code window} (windows start at multiples of it since the epoch) and tells
     * whether it is within {@code limit}.
     *
     * @param key letters, digits, {@code _} and {@code -} (a page token, a {@link #sourceKey}), at most 64
     */
    public boolean allow(String scope, String key, int limit, Duration window, Instant now) {
        String item = itemKey(scope, key, window, now);
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least 1 hit, not " + limit);
        }
        // a minute past the window's end: a clock a little behind still finds the window it counts in
        Instant expires = windowStart(window, now).plus(window).plus(Duration.ofMinutes(1));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(RateQuotas.KEY, s(item)))
                    .updateExpression("SET " + KargoTables.TTL_ATTRIBUTE + " = :expires ADD hits :one")
                    .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":expires", n(expires.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException spent) {
            return false;
        }
    }

    /** {@code rate#<scope>#<key>#<window start>}. */
    static String itemKey(String scope, String key, Duration window, Instant now) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("a rate limit's scope is 1-32 of a-z, 0-9, _ and -");
        }
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a rate limit's key is 1-64 of A-Z, a-z, 0-9, _ and -");
        }
        if (window == null || window.getSeconds() < 1) {
            throw new IllegalArgumentException("a rate limit's window is at least a second");
        }
        return "rate#" + scope + "#" + key + "#" + windowStart(window, now).getEpochSecond();
    }

    private static Instant windowStart(Duration window, Instant now) {
        return Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), window.getSeconds()));
    }

    /**
     * A client IP as a rate-limit key: HMAC-SHA256 of the address (stripped, lower case, so an IPv6 address written
     * either way is one source) under {@code secret}, its first {@value #SOURCE_KEY_BYTES} bytes in base64url. Without
     * the secret the key tells nothing of the address, and it cannot be reversed by trying the 2^32 IPv4 addresses.
     *
     * @param secret at least {@value #MIN_SECRET} characters (the page's own secret, not the links')
     */
    public static String sourceKey(String ip, String secret) {
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("the source key's secret must be at least " + MIN_SECRET + " characters");
        }
        if (ip == null || ip.isBlank()) {
            throw new IllegalArgumentException("a source key needs the client's address");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(ip.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, SOURCE_KEY_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
