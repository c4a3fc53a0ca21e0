package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.webpush.WebPushChannel;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.webpush.WebPushSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web push as the e-mail's first fallback ({@code email,webpush@2h,sms@6h}): a subscription the push service answers 410 for fails as
 * CONTACT_GONE, is removed from the order's customer (only if it still holds that subscription) and brings the SMS
 * forward at once; a live subscription gets the push, decrypted by the local push service. Real HTTP, dynalite.
 */
class WebPushFallThroughTest {

    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    static DynamoDbClient dynamo;
    static TableNames tables;
    static WebPushSandbox sandbox;

    @BeforeAll
    static void stack() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("w" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        sandbox = new WebPushSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_gone_subscription_is_removed_and_the_sms_is_due_at_once_a_live_one_gets_the_push() throws Exception {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        var sqs = AwsClients.sqs(Emulators.shared().sqs());
        String outbound = sqs.createQueue(b -> b.queueName("webpush-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        RuleEvaluation rules = DefaultRules.evaluation(dynamo, tables, notifications, new io.kargotakip.aws.queue.QueuePublisher(sqs, outbound), METRICS,
                Clock.fixed(now, ZoneOffset.UTC), FallbackChain.parse("email,webpush@2h,sms@6h"));
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        String[] pair = WebPushChannel.newKeyPair();
        sandbox.expectVapidKey(pair[0]);
        WebPushChannel channel = new WebPushChannel(HttpClient.newHttpClient(), "mailto:ops@modax.example",
                WebPushChannel.keys(pair[0], pair[1], "a", "b"), 3600);
        // two hours later, when the web push (the first fallback of the e-mail) is due
        Instant later = now.plus(Duration.ofHours(2));
        Dispatcher dispatcher = new Dispatcher(notifications, orders, Map.of(WebPushChannel.ID, channel),
                new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "UPS"), METRICS, Clock.fixed(later, ZoneOffset.UTC));

        WebPushSandbox.Subscription gone = sandbox.newSubscription();
        sandbox.expire(gone);
        String goneOrder = "W-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentId first = shipment(rules, orders, goneOrder, gone.json(), now);
        String push = NotificationIntent.idFor(first, MessageKind.SHIPPED, "webpush");
        String sms = NotificationIntent.idFor(first, MessageKind.SHIPPED, "sms");
        assertThat(notifications.findDue(later, 100)).contains(push).doesNotContain(sms);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", push))).isEqualTo(Dispatcher.Outcome.FAILED);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.notifications())
                .key(Map.of("notificationId", AttributeValue.fromS(push)))).item();
        assertThat(item.get("failureReason").s()).isEqualTo("CONTACT_GONE");
        assertThat(item.get("outcome").s()).contains("410").doesNotContain(gone.id());
        assertThat(orders.find(goneOrder).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).as("removed").isNull();
        assertThat(orders.find(goneOrder).orElseThrow().customer().contact(ContactKind.PHONE)).as("the rest stays").isEqualTo("+905321234567");
        assertThat(notifications.findDue(later, 100)).as("the SMS is due now, not four hours later").contains(sms);

        WebPushSandbox.Subscription live = sandbox.newSubscription();
        String liveOrder = "W-" + UUID.randomUUID().toString().substring(0, 8);
        ShipmentId second = shipment(rules, orders, liveOrder, live.json(), now);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", NotificationIntent.idFor(second, MessageKind.SHIPPED, "webpush"))))
                .isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(sandbox.deliveredTo(live)).singleElement().satisfies(d -> assertThat(d.payload())
                .contains("\"title\":\"ModaX: sipari\u015fin kargoya verildi\"").contains("\"url\":\"https://takip.modax.example/c/"));  // the tracking link, as a tracked click link
        assertThat(orders.find(liveOrder).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isEqualTo(live.json());
    }

    @Test
    void remove_contact_removes_only_the_value_that_failed() {
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        String id = "RC-" + UUID.randomUUID();
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        contacts.put(ContactKind.WEB_PUSH_SUBSCRIPTION, "{\"endpoint\":\"https://push.example/new\"}");
        orders.save(new Order(id, "1", "web", new Customer("Ayşe", contacts, "tr"), Consent.none(), List.of(), now));

        assertThat(orders.removeContact(id, ContactKind.WEB_PUSH_SUBSCRIPTION, "{\"endpoint\":\"https://push.example/old\"}"))
                .as("the browser subscribed again meanwhile: the new one stays").isFalse();
        assertThat(orders.find(id).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).contains("/new");
        assertThat(orders.removeContact(id, ContactKind.WEB_PUSH_SUBSCRIPTION, "{\"endpoint\":\"https://push.example/new\"}")).isTrue();
        assertThat(orders.find(id).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(orders.find(id).orElseThrow().customer().email()).isEqualTo("ayse@example.com");
        assertThat(orders.removeContact("NO-" + UUID.randomUUID(), ContactKind.WEB_PUSH_SUBSCRIPTION, "x")).isFalse();
    }

    /** An order whose customer's web-push contact is this subscription, with e-mail, webpush and SMS consent, and its shipment's first status. */
    static ShipmentId shipment(RuleEvaluation rules, OrderRepository orders, String orderId, String subscription, Instant now) {
        ShipmentId shipment = new ShipmentId("ups", "1ZW" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.WEB_PUSH_SUBSCRIPTION, subscription);
        contacts.put(ContactKind.PHONE, "+905321234567");
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        orders.save(new Order(orderId, "1", "web", new Customer("Ayşe", contacts, "tr"),
                Consent.none().with("webpush", true, now).with("email", true, now).with("sms", true, now), List.of(shipment), now));
        rules.process(new Envelope.StatusChangeMessage("t", new StatusChange(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null, now,
                null, null, null, "k")));
        return shipment;
    }
}
