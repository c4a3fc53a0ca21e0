package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When each customer last wrote to us on a channel that allows free-form messages only for a while after that
 * (WhatsApp's customer-service window: 24 hours from the customer's last message). One item per channel and address
 * in the orders table, {@code window#<channel>#<sha256 of the address>} (as {@link OptOutList}, never the address),
 * with the time of the last message; the sender asks it before rendering a message of such a channel.
 */
public final class ServiceWindows {

    /** The channels with a service window; the sender asks before their sends only. */
    public static final java.util.Set<String> CHANNELS = java.util.Set.of("whatsapp");
    /** WhatsApp's window. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Taken an hour short: a text rendered near the end must not reach Meta after it closed (error 131047). */
    static final Duration MARGIN = Duration.ofHours(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public ServiceWindows(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    /** The customer wrote at {@code at}; an older message (delivered late, out of order) moves nothing back. */
    public void opened(String channel, String address, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS(key(channel, address))))
                    .updateExpression("SET lastInboundAt = :at")
                    .conditionExpression("attribute_not_exists(lastInboundAt) OR lastInboundAt < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())))));
        } catch (ConditionalCheckFailedException newer) {
            // a later message is already recorded
        }
    }

    /** Whether a free-form message to this address may go now; false without a read for channels outside {@link #CHANNELS}. */
    public boolean isOpen(String channel, String address, Instant now) {
        if (!CHANNELS.contains(channel) || address == null) {
            return false;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("orderId", AttributeValue.fromS(key(channel, address)))).consistentRead(true)).item();
        if (item == null || !item.containsKey("lastInboundAt")) {
            return false;
        }
        Instant last = Instant.ofEpochMilli(Long.parseLong(item.get("lastInboundAt").n()));
        return now.isBefore(last.plus(WINDOW).minus(MARGIN));
    }

    static String key(String channel, String address) {
        return OptOutList.hashedKey("window", channel, address);
    }
}
