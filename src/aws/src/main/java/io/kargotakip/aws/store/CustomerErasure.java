package io.kargotakip.aws.store;

import io.kargotakip.core.order.CustomerId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * The right to erasure (KVKK art. 7, {@code kargo erase --customer ID}): removes a customer's personal data from
 * every table and leaves an anonymous tombstone, {@code erased#<customerId>} with the time and counts. No index finds
 * a customer's orders (orders embed their customer), so the orders and notifications tables are scanned: fine for an
 * operator's command, not for a request path. What stays: the orders without name, contacts and what was told of the
 * sale (segments and lifetime value describe the customer), so only the shipments they track; the notifications
 * without recipient and preview; the ledger's choices without the texts shown. Her shipments' tracking-page items
 * ({@link SelfServiceLog}: address changes, delivery days, the survey's answer) are deleted.
 */
public final class CustomerErasure {

    /** What an erasure found and removed. */
    /** @param selfServiceItems her shipments' tracking-page items deleted ({@link SelfServiceLog}: addresses, survey comments) */
    public record Result(String customerId, int orders, int notifications, int listItems, boolean ledger, int selfServiceItems) {
        public boolean foundAnything() {
            return orders > 0 || notifications > 0 || listItems > 0 || ledger || selfServiceItems > 0;
        }
    }

    /** Channels whose opt-out and suppression items are keyed by an address. */
    private static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "push", "webpush");

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public CustomerErasure(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    public Result erase(String customerId, Instant now) {
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        Set<String> orderIds = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<io.kargotakip.core.shipment.ShipmentId> shipments = new HashSet<>();
        for (var page : dynamo.scanPaginator(b -> b.tableName(tables.orders()).projectionExpression("orderId"))) {
            for (Map<String, AttributeValue> item : page.items()) {
                String orderId = str(item, "orderId");
                if (orderId == null || orderId.contains("#")) {
                    continue; // ledger, opt-out, suppression, tombstone items
                }
                orders.find(orderId).filter(o -> CustomerId.of(o.customer()).filter(customerId::equals).isPresent()).ifPresent(o -> {
                    orderIds.add(o.orderId());
                    addresses.addAll(o.customer().contacts().values());
                    shipments.addAll(o.shipments());
                });
            }
        }
        for (String orderId : orderIds) {
            dynamo.updateItem(b -> b.tableName(tables.orders()).key(Map.of("orderId", s(orderId)))
                    .updateExpression("REMOVE firstName, contacts, email, phone, purchase SET erasedAt = :at")
                    .expressionAttributeValues(Map.of(":at", s(now.toString()))));
        }
        // the carrier's last description and place of the parcel may name who took it ("Teslim alan: ..."): gone too;
        // the shipment itself (carrier, number, status) is no personal data and is still tracked
        for (io.kargotakip.core.shipment.ShipmentId shipment : shipments) {
            try {
                dynamo.updateItem(b -> b.tableName(tables.shipments()).key(Map.of("shipmentId", s(shipment.toString())))
                        .updateExpression("REMOVE description, #location").expressionAttributeNames(Map.of("#location", "location"))
                        .conditionExpression("attribute_exists(shipmentId)"));
            } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException notTrackedYet) {
                // no status yet: nothing stored
            }
        }
        // what she did on the tracking page holds an address and free text: deleted, not emptied
        int selfServiceItems = 0;
        for (io.kargotakip.core.shipment.ShipmentId shipment : shipments) {
            for (String key : SelfServiceLog.keysOf(shipment)) {
                selfServiceItems += delete(tables.shipments(), RateQuotas.KEY, key);
            }
        }
        int notifications = 0;
        if (!orderIds.isEmpty()) {
            for (var page : dynamo.scanPaginator(b -> b.tableName(tables.notifications()).projectionExpression("notificationId, orderId"))) {
                for (Map<String, AttributeValue> item : page.items()) {
                    if (orderIds.contains(str(item, "orderId"))) {
                        dynamo.updateItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", item.get("notificationId")))
                                .updateExpression("REMOVE #to, preview").expressionAttributeNames(Map.of("#to", "to")));
                        notifications++;
                    }
                }
            }
        }
        int listItems = 0;
        for (String address : addresses) {
            for (String channel : CHANNELS) {
                listItems += delete(OptOutList.key(channel, address)) + delete(SuppressionList.itemKey(channel, address))
                        + delete(ServiceWindows.key(channel, address));
            }
        }
        ConsentLedger ledger = new ConsentLedger(dynamo, tables.orders());
        boolean inLedger = !ledger.history(customerId).isEmpty();
        ledger.eraseTexts(customerId);
        Result result = new Result(customerId, orderIds.size(), notifications, listItems, inLedger, selfServiceItems);
        if (result.foundAnything()) {
            Map<String, AttributeValue> tombstone = new HashMap<>();
            tombstone.put("orderId", s(tombstoneKey(customerId)));
            tombstone.put("erasedAt", s(now.toString()));
            tombstone.put("erasedOrders", Attr.n(orderIds.size()));
            tombstone.put("erasedNotifications", Attr.n(notifications));
            dynamo.putItem(b -> b.tableName(tables.orders()).item(tombstone));
        }
        return result;
    }

    public static String tombstoneKey(String customerId) {
        return "erased#" + customerId;
    }

    /** 1 when an item was there. */
    private int delete(String key) {
        return delete(tables.orders(), "orderId", key);
    }

    private int delete(String table, String keyName, String key) {
        var response = dynamo.deleteItem(b -> b.tableName(table).key(Map.of(keyName, s(key)))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        return response.hasAttributes() && !response.attributes().isEmpty() ? 1 : 0;
    }
}
