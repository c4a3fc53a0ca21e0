package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * Addresses a channel must not write to again: an e-mail address that bounced for good or whose owner complained, an SMS
 * number SNS reported as invalid, opted out or blocking SMS.
 * One small item per channel and address in the orders table, keyed by a digest of the address (the key is not
 * personal data a log could leak; the address itself is not stored), kept until an operator removes it.
 */
public final class SuppressionList {

    private final DynamoDbClient dynamo;
    private final String table;

    public SuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Suppresses the address from now on; the first reason is kept. */
    public void suppress(String channel, String address, String why, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key(channel, address))
                .updateExpression("SET reason = if_not_exists(reason, :why), suppressedAt = if_not_exists(suppressedAt, :at)")
                .expressionAttributeValues(Map.of(":why", s(why), ":at", s(at.toString()))));
    }

    /** Why this address is suppressed on this channel, if it is. */
    public Optional<String> reason(String channel, String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(channel, address)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "reason"));
    }

    /** The reason as a notification's outcome: "the address is suppressed: bounced (Permanent/General)". */
    public Optional<String> outcome(String channel, String address) {
        return reason(channel, address).map(r -> "the address is suppressed: " + r);
    }

    private static Map<String, AttributeValue> key(String channel, String address) {
        return Map.of("orderId", s(itemKey(channel, address)));
    }

    /** {@code suppression#<channel>#<hex sha256>} of the address, the item's key in the orders table. */
    public static String itemKey(String channel, String address) {
        return "suppression#" + channel + "#" + digest(address);
    }

    /** Addresses compare case-insensitively (e-mail providers treat them so) and without surrounding spaces. */
    static String digest(String address) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
