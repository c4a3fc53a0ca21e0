package io.kargotakip.aws.store;

import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.bool;
import static io.kargotakip.aws.store.Attr.flag;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/** Orders with their customer contact and consent. A re-import of the same order id replaces it. */
public final class OrderRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public OrderRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void save(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(order.orderId()));
        putIfPresent(item, "orderNo", order.orderNo());
        putIfPresent(item, "source", order.source());
        Customer c = order.customer();
        putIfPresent(item, "firstName", c.firstName());
        putIfPresent(item, "email", c.email());
        putIfPresent(item, "phone", c.phone());
        putIfPresent(item, "locale", c.locale());
        Consent consent = order.consent() == null ? Consent.none() : order.consent();
        item.put("consentEmail", bool(consent.email()));
        item.put("consentSms", bool(consent.sms()));
        item.put("consentWhatsapp", bool(consent.whatsapp()));
        item.put("consentPush", bool(consent.push()));
        if (consent.recordedAt() != null) {
            item.put("consentRecordedAt", s(consent.recordedAt().toString()));
        }
        item.put("shipments", AttributeValue.fromL(order.shipments().stream().map(id -> s(id.toString())).toList()));
        item.put("createdAt", s((order.createdAt() == null ? Instant.now() : order.createdAt()).toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    public Optional<Order> find(String orderId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId))).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        Customer customer = new Customer(str(item, "firstName"), str(item, "email"), str(item, "phone"), str(item, "locale"));
        String recorded = str(item, "consentRecordedAt");
        Consent consent = new Consent(flag(item, "consentEmail"), flag(item, "consentSms"), flag(item, "consentWhatsapp"),
                flag(item, "consentPush"), recorded == null ? null : Instant.parse(recorded));
        List<ShipmentId> shipments = item.containsKey("shipments")
                ? item.get("shipments").l().stream().map(v -> ShipmentId.parse(v.s())).toList()
                : List.of();
        String created = str(item, "createdAt");
        return Optional.of(new Order(str(item, "orderId"), str(item, "orderNo"), str(item, "source"), customer, consent,
                shipments, created == null ? null : Instant.parse(created)));
    }
}
