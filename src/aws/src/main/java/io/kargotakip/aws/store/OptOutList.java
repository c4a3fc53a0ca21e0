package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.kargotakip.aws.store.Attr.s;

/**
 * Customers who stopped a channel by replying on it (STOP, İPTAL or DUR to a WhatsApp message): one item per channel
 * and address in the orders table, {@code optout#<channel>#<sha256 of the address>} (order ids cannot contain
 * {@code #}), with when and how it was recorded and never the address itself. The address is all a reply gives (no
 * index finds the orders of a phone number), so the sender asks here before each send on such a channel; an order's
 * own consent is not changed. The hash keeps the number out of keys and logs; it is pseudonymous, not anonymous.
 */
public final class OptOutList {

    /** The channels whose customers opt out by replying; the sender asks this list before their sends only. */
    public static final Set<String> REPLY_CHANNELS = Set.of("whatsapp");

    private final DynamoDbClient dynamo;
    private final String table;

    public OptOutList(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    /** Records an opt-out; the first one stands (a second STOP changes nothing). */
    public void record(String channel, String address, String source, Instant at) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", s(key(channel, address)), "optOutChannel", s(channel),
                    "optOutSource", s(source), "recordedAt", s(at.toString()))).conditionExpression("attribute_not_exists(orderId)"));
        } catch (ConditionalCheckFailedException already) {
            // opted out before
        }
    }

    /** Whether this address opted out of this channel; false without a read for channels outside {@link #REPLY_CHANNELS}. */
    public boolean isOptedOut(String channel, String address) {
        if (!REPLY_CHANNELS.contains(channel) || address == null) {
            return false;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(key(channel, address))))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** {@code optout#<channel>#<hex sha256>} of the address, a phone number in any form counting as its E.164 digits. */
    public static String key(String channel, String address) {
        return hashedKey("optout", channel, address);
    }

    /** {@code <kind>#<channel>#<hex sha256>} of the address: the key of an item about an address, never the address. */
    static String hashedKey(String kind, String channel, String address) {
        return kind + "#" + channel + "#" + sha256(normalized(address));
    }

    static String normalized(String address) {
        String compact = address.strip().replaceAll("[\\s\\-().]", "");
        if (compact.matches("\\+?[0-9]{6,15}")) {
            return "+" + compact.replace("+", "");
        }
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
