package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders with per-channel contacts and consents against dynalite, through the real SDK. */
class OrderRepositoryTest {

    static final Instant GIVEN = Instant.parse("2026-11-30T09:00:00Z");
    static DynamoDbClient dynamo;
    static OrderRepository orders;
    static String table;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        TableNames tables = TableNames.withPrefix("o" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        table = tables.orders();
        orders = new OrderRepository(dynamo, table);
    }

    @Test
    void contacts_and_consents_of_any_channel_are_stored_as_maps_and_read_back() {
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        contacts.put(ContactKind.PHONE, "+905321234567");
        contacts.put(ContactKind.DEVICE_TOKEN, "fcm-token-1");
        Consent consent = new Consent(Map.of("email", new Consent.Grant(true, GIVEN), "push", new Consent.Grant(true, GIVEN),
                "sms", new Consent.Grant(false, GIVEN.plusSeconds(5))));
        Order order = new Order("MAP-1", "1", "web", new Customer("Ayşe", contacts, "tr"), consent,
                List.of(new ShipmentId("ups", "1Z999AA10123456784")), GIVEN);

        orders.save(order);

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS("MAP-1")))).item();
        assertThat(item.get("contacts").m()).containsOnlyKeys("email", "phone", "device_token");
        assertThat(item.get("consents").m().get("sms").m().get("granted").bool()).isFalse();
        assertThat(item).as("no column per channel any more").doesNotContainKeys("email", "phone", "consentEmail", "consentPush");
        Order read = orders.find("MAP-1").orElseThrow();
        assertThat(read.customer()).isEqualTo(order.customer());
        assertThat(read.consent()).isEqualTo(consent);
        assertThat(read.consent().allows("push")).isTrue();
        assertThat(read.consent().allows("sms")).isFalse();
    }

    @Test
    void an_order_sent_again_keeps_the_device_and_the_browser_registered_since_unless_it_says_otherwise() {
        Customer imported = new Customer("Ayşe", "ayse.again@example.com", "+905321234567", "tr");
        Consent email = new Consent(Map.of("email", new Consent.Grant(true, GIVEN)));
        orders.save(new Order("AGAIN-1", "1", "web", imported, email, List.of(), GIVEN));
        orders.putContact("AGAIN-1", ContactKind.DEVICE_TOKEN, "arn:aws:sns:eu-central-1:1:endpoint/GCM/app/1");
        orders.putContact("AGAIN-1", ContactKind.WEB_PUSH_SUBSCRIPTION, "{\"endpoint\":\"https://push.example/1\"}");
        orders.putConsent("AGAIN-1", "push", true, GIVEN.plusSeconds(10));
        orders.putConsent("AGAIN-1", "webpush", true, GIVEN.plusSeconds(10));

        // the merchant's system sends the order again (a changed address, say), knowing nothing of the registrations;
        // it states web push consent itself (withdrawn there), but not push
        orders.save(new Order("AGAIN-1", "1", "web", imported, email.with("webpush", false, GIVEN.plusSeconds(20)), List.of(), GIVEN));

        Order read = orders.find("AGAIN-1").orElseThrow();
        assertThat(read.customer().contact(ContactKind.DEVICE_TOKEN)).isEqualTo("arn:aws:sns:eu-central-1:1:endpoint/GCM/app/1");
        assertThat(read.customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isEqualTo("{\"endpoint\":\"https://push.example/1\"}");
        assertThat(read.consent().allows("push")).as("the grant that came with the device").isTrue();
        assertThat(read.consent().allows("webpush")).as("the order's own word").isFalse();

        Map<ContactKind, String> newDevice = new EnumMap<>(ContactKind.class);
        newDevice.putAll(imported.contacts());
        newDevice.put(ContactKind.DEVICE_TOKEN, "arn:aws:sns:eu-central-1:1:endpoint/GCM/app/2");
        orders.save(new Order("AGAIN-1", "1", "web", new Customer("Ayşe", newDevice, "tr"), email, List.of(), GIVEN));
        assertThat(orders.find("AGAIN-1").orElseThrow().customer().contact(ContactKind.DEVICE_TOKEN)).as("an order that gives one")
                .isEqualTo("arn:aws:sns:eu-central-1:1:endpoint/GCM/app/2");
    }

    @Test
    void an_item_written_in_the_old_format_is_still_read() {
        // as the repository wrote orders before contacts and consents were maps
        Map<String, AttributeValue> old = new java.util.HashMap<>();
        old.put("orderId", AttributeValue.fromS("OLD-1"));
        old.put("orderNo", AttributeValue.fromS("1"));
        old.put("source", AttributeValue.fromS("web"));
        old.put("firstName", AttributeValue.fromS("Ayşe"));
        old.put("email", AttributeValue.fromS("ayse@example.com"));
        old.put("phone", AttributeValue.fromS("+905321234567"));
        old.put("locale", AttributeValue.fromS("tr"));
        old.put("consentEmail", AttributeValue.fromBool(true));
        old.put("consentSms", AttributeValue.fromBool(false));
        old.put("consentWhatsapp", AttributeValue.fromBool(true));
        old.put("consentPush", AttributeValue.fromBool(false));
        old.put("consentRecordedAt", AttributeValue.fromS(GIVEN.toString()));
        old.put("shipments", AttributeValue.fromL(List.of(AttributeValue.fromS("ups:1Z999AA10123456784"))));
        old.put("createdAt", AttributeValue.fromS(GIVEN.toString()));
        dynamo.putItem(b -> b.tableName(table).item(old));

        Order read = orders.find("OLD-1").orElseThrow();

        assertThat(read.customer()).isEqualTo(new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr"));
        assertThat(read.consent()).isEqualTo(new Consent(true, false, true, false, GIVEN));
        assertThat(read.consent().allows("email")).isTrue();
        assertThat(read.consent().allows("whatsapp")).isTrue();
        assertThat(read.consent().allows("sms")).isFalse();
        assertThat(read.consent().channels().get("email").recordedAt()).isEqualTo(GIVEN);
        assertThat(read.shipments()).containsExactly(new ShipmentId("ups", "1Z999AA10123456784"));

        orders.save(read);
        Map<String, AttributeValue> rewritten = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS("OLD-1")))).item();
        assertThat(rewritten).as("the next save writes the new form").containsKeys("contacts", "consents").doesNotContainKeys("email", "consentEmail");
        assertThat(orders.find("OLD-1").orElseThrow().consent()).isEqualTo(read.consent());
    }

    @Test
    void an_old_item_without_consent_attributes_allows_nothing() {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", AttributeValue.fromS("OLD-2"),
                "email", AttributeValue.fromS("can@example.com"))));

        Order read = orders.find("OLD-2").orElseThrow();

        assertThat(read.customer().email()).isEqualTo("can@example.com");
        assertThat(read.consent()).isEqualTo(Consent.none());
    }

    @Test
    void a_marketplace_order_has_no_contact_and_no_consent() {
        String id = orders.createFromMarketplace("trendyol", "778899", "Ali", GIVEN);

        Order read = orders.find(id).orElseThrow();

        assertThat(read.customer().contacts()).isEmpty();
        assertThat(read.consent().channels()).isEmpty();
    }

    @Test
    void put_contact_sets_one_contact_and_keeps_the_rest_also_on_an_item_from_before_the_contacts_map() {
        String id = "PC-" + UUID.randomUUID();
        orders.save(new Order(id, "1", "web", new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr"), Consent.none(), List.of(), GIVEN));
        orders.addShipment(id, ShipmentId.parse("yurtici:123456789012"));
        String arn = "arn:aws:sns:eu-central-1:111122223333:endpoint/GCM/kargo/" + UUID.randomUUID();

        assertThat(orders.putContact(id, ContactKind.DEVICE_TOKEN, arn)).isTrue();
        Order read = orders.find(id).orElseThrow();
        assertThat(read.customer().contact(ContactKind.DEVICE_TOKEN)).isEqualTo(arn);
        assertThat(read.customer().email()).isEqualTo("ayse@example.com");
        assertThat(read.shipments()).as("an update, not a replace").hasSize(1);

        String legacy = "OLD-" + UUID.randomUUID();
        dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", AttributeValue.fromS(legacy),
                "email", AttributeValue.fromS("mehmet@example.com"), "locale", AttributeValue.fromS("tr"))));
        assertThat(orders.putContact(legacy, ContactKind.DEVICE_TOKEN, arn)).isTrue();
        Order old = orders.find(legacy).orElseThrow();
        assertThat(old.customer().contact(ContactKind.DEVICE_TOKEN)).isEqualTo(arn);
        assertThat(old.customer().email()).as("the old e-mail attribute moved into the map").isEqualTo("mehmet@example.com");

        assertThat(orders.putContact("NO-" + UUID.randomUUID(), ContactKind.DEVICE_TOKEN, arn)).isFalse();
    }

    @Test
    void put_consent_sets_one_channel_and_keeps_the_rest_also_on_an_item_from_before_the_consents_map() {
        String id = "CO-" + UUID.randomUUID();
        orders.save(new Order(id, "1", "web", new Customer("Ayşe", "ayse@example.com", null, "tr"), Consent.none().with("email", true, GIVEN),
                List.of(), GIVEN));
        assertThat(orders.putConsent(id, "webpush", true, GIVEN.plusSeconds(60))).isTrue();
        Order read = orders.find(id).orElseThrow();
        assertThat(read.consent().allows("webpush")).isTrue();
        assertThat(read.consent().allows("email")).isTrue();
        assertThat(orders.putConsent(id, "webpush", false, GIVEN.plusSeconds(120))).isTrue();
        assertThat(orders.find(id).orElseThrow().consent().allows("webpush")).isFalse();

        String legacy = "OLDC-" + UUID.randomUUID();
        dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", AttributeValue.fromS(legacy),
                "email", AttributeValue.fromS("mehmet@example.com"), "locale", AttributeValue.fromS("tr"))));
        assertThat(orders.putConsent(legacy, "webpush", true, GIVEN)).isTrue();
        assertThat(orders.find(legacy).orElseThrow().consent().allows("webpush")).isTrue();
        assertThat(orders.putConsent("NO-" + UUID.randomUUID(), "webpush", true, GIVEN)).isFalse();
    }

    @Test
    void what_the_merchant_tells_of_the_sale_is_stored_with_the_order_and_survives_a_contact_added_later() {
        var purchase = new io.kargotakip.core.order.Purchase(new java.math.BigDecimal("349.50"), "TRY", new java.math.BigDecimal("349.50"),
                java.util.Set.of("shoes"), java.util.Set.of("vip"), "high");
        String id = "P-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        orders.save(new io.kargotakip.core.order.Order(id, "9", "web", new io.kargotakip.core.order.Customer("Ayşe", "ayse@example.com", null, "tr"),
                io.kargotakip.core.order.Consent.none(), java.util.List.of(new io.kargotakip.core.shipment.ShipmentId("ups", "1Z999AA10000000009")),
                GIVEN, purchase));

        assertThat(orders.find(id).orElseThrow().purchase()).isEqualTo(purchase);
        orders.putContact(id, io.kargotakip.core.channel.ContactKind.DEVICE_TOKEN, "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/1");
        assertThat(orders.find(id).orElseThrow().purchase()).isEqualTo(purchase);
    }

    @Test
    void the_delivery_country_is_stored_with_the_order_and_a_re_sent_order_without_it_replaces_it() {
        String id = "C-" + UUID.randomUUID().toString().substring(0, 8);
        Order order = new Order(id, "9", "web", new Customer("Jonas", "jonas@example.com", null, null), Consent.none(),
                List.of(new ShipmentId("dhl", "JD014600006281230704")), GIVEN, io.kargotakip.core.order.Purchase.NONE, "DE");

        orders.save(order);

        assertThat(orders.find(id).orElseThrow().shipToCountry()).isEqualTo("DE");
        assertThat(orders.find(id).orElseThrow()).isEqualTo(order);
        orders.save(new Order(id, "9", "web", order.customer(), Consent.none(), order.shipments(), GIVEN));
        assertThat(orders.find(id).orElseThrow().shipToCountry()).as("the re-sent order replaces the stored one").isNull();
    }

    @Test
    void a_marketplace_order_with_a_delivery_country_lets_the_country_choose_its_language() {
        String uk = orders.createFromMarketplace("amazon", "202-" + UUID.randomUUID().toString().substring(0, 7), "James", "gb", GIVEN);
        Order read = orders.find(uk).orElseThrow();
        assertThat(read.shipToCountry()).isEqualTo("GB");
        assertThat(read.customer().locale()).isNull();
        assertThat(io.kargotakip.core.template.Locales.builtIn().of(read, "tr")).isEqualTo("en");

        String unknown = orders.createFromMarketplace("trendyol", "1065" + UUID.randomUUID().toString().substring(0, 6), "John", "XX", GIVEN);
        assertThat(orders.find(unknown).orElseThrow().shipToCountry()).as("not a country: left out").isNull();
        assertThat(orders.find(unknown).orElseThrow().customer().locale()).as("as before: Turkish").isEqualTo("tr");
    }
}
