package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kargo erase}'s work against dynalite, through the real SDK. */
class CustomerErasureTest {

    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("e" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    static Map<String, AttributeValue> item(String table, String keyName, String key) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of(keyName, AttributeValue.fromS(key))).consistentRead(true)).item();
    }

    @Test
    void every_trace_of_the_customer_goes_and_an_anonymous_tombstone_stays_while_others_are_untouched() {
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        Instant now = Instant.now();
        Customer ayse = new Customer("Ayşe", "ayse.erase@example.com", "+905321112233", "tr");
        Customer other = new Customer("Can", "can.keep@example.com", "+905324445566", "tr");
        ShipmentId s1 = new ShipmentId("ups", "1ZE1" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        ShipmentId s2 = new ShipmentId("ups", "1ZE2" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        orders.save(new Order("E-1", "1", "web", ayse, Consent.none().with("sms", true, now), List.of(s1), now,
                new io.kargotakip.core.order.Purchase(new java.math.BigDecimal("99.90"), "TRY", null, java.util.Set.of("shoes"),
                        java.util.Set.of("vip"), "high")));
        orders.save(new Order("E-2", "2", "web", new Customer("Ayşe", "AYSE.erase@example.com", null, "tr"), Consent.none(), List.of(), now));
        orders.save(new Order("K-1", "3", "web", other, Consent.none(), List.of(s2), now));
        NotificationIntent sent = NotificationIntent.of(new StatusChange(s1, "E-1", null, TrackingStatus.DELIVERED, null, now, null, null, null, "k"),
                MessageKind.DELIVERED, "sms");
        notifications.createIfAbsent(sent, now);
        notifications.claimAndRead(sent.notificationId(), now, Duration.ofMinutes(2));
        notifications.markSent(sent.notificationId(), "m-1", now, "+90532*****33", "Ayşe, siparişiniz teslim edildi", 1);
        NotificationIntent others = NotificationIntent.of(new StatusChange(s2, "K-1", null, TrackingStatus.DELIVERED, null, now, null, null, null, "k"),
                MessageKind.DELIVERED, "sms");
        notifications.createIfAbsent(others, now);
        new OptOutList(dynamo, tables.orders()).record("whatsapp", "905321112233", "whatsapp-reply", now);
        new SuppressionList(dynamo, tables.orders()).suppress("email", "ayse.erase@example.com", "bounced", now);
        new ServiceWindows(dynamo, tables.orders()).opened("whatsapp", "+905321112233", now);
        dynamo.putItem(b -> b.tableName(tables.shipments()).item(Map.of("shipmentId", AttributeValue.fromS(s1.toString()),
                "carrier", AttributeValue.fromS("ups"), "status", AttributeValue.fromS("delivered"),
                "description", AttributeValue.fromS("Teslim alan: AYŞE Y."), "location", AttributeValue.fromS("KADIKOY"))));
        String id = CustomerId.of(ayse).orElseThrow();
        ConsentLedger ledger = new ConsentLedger(dynamo, tables.orders());
        ledger.append(id, new ConsentLedger.Entry("sms", false, now, ConsentLedger.PREFERENCE_API, "Ayşe Hanım, SMS istemiyorum"));

        CustomerErasure.Result result = new CustomerErasure(dynamo, tables).erase(id, now);

        assertThat(result.orders()).isEqualTo(2);
        assertThat(result.notifications()).isEqualTo(1);
        assertThat(result.listItems()).as("the opt-out, the suppression and the WhatsApp service window").isEqualTo(3);
        assertThat(new ServiceWindows(dynamo, tables.orders()).isOpen("whatsapp", "+905321112233", now)).isFalse();
        Order erased = orders.find("E-1").orElseThrow();
        assertThat(erased.customer().contacts()).isEmpty();
        assertThat(erased.customer().firstName()).isNull();
        assertThat(erased.purchase()).as("her segments and lifetime value describe her: gone too")
                .isEqualTo(io.kargotakip.core.order.Purchase.NONE);
        assertThat(erased.shipments()).as("the shipment is still tracked").containsExactly(s1);
        assertThat(item(tables.shipments(), "shipmentId", s1.toString())).as("who took the parcel, and where, are gone; its status stays")
                .containsKeys("status", "carrier").doesNotContainKeys("description", "location");
        assertThat(orders.find("E-2").orElseThrow().customer().contacts()).isEmpty();
        Map<String, AttributeValue> n = item(tables.notifications(), "notificationId", sent.notificationId());
        assertThat(n).doesNotContainKeys("to", "preview").containsKey("state");
        assertThat(new OptOutList(dynamo, tables.orders()).isOptedOut("whatsapp", "+905321112233")).isFalse();
        assertThat(new SuppressionList(dynamo, tables.orders()).reason("email", "ayse.erase@example.com")).isEmpty();
        assertThat(ledger.history(id)).extracting(ConsentLedger.Entry::text).containsOnlyNulls();
        assertThat(ledger.granted(id, "sms")).as("the choice itself is kept").contains(false);
        Map<String, AttributeValue> tombstone = item(tables.orders(), "orderId", CustomerErasure.tombstoneKey(id));
        assertThat(tombstone).containsKeys("erasedAt").doesNotContainKeys("contacts", "firstName", "email", "phone");
        assertThat(tombstone.toString()).doesNotContain("ayse").doesNotContain("+90532").doesNotContain("5321112233"); // not "532" alone: erasedAt's nanoseconds may hold it

        assertThat(orders.find("K-1").orElseThrow().customer().email()).as("another customer").isEqualTo("can.keep@example.com");
        assertThat(new CustomerErasure(dynamo, tables).erase(CustomerId.ofEmail("nobody@example.com"), now).foundAnything()).isFalse();
    }
}
