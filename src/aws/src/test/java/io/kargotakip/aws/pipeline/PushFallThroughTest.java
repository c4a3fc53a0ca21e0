package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.push.SnsPushChannel;
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
import io.kargotakip.emulators.sns.SnsSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.OutputStream;
import java.io.PrintStream;
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
 * The push channel in the pipeline, as the e-mail's first fallback ({@code email,push@2h,sms@6h}): a push to an
 * endpoint SNS disabled fails for good as RECIPIENT and brings the SMS forward at once; a push to a live endpoint goes out. Real SDK, SNS stand-in, dynalite.
 */
class PushFallThroughTest {

    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    static final String FCM_APP = "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo-android";
    static DynamoDbClient dynamo;
    static TableNames tables;
    static SnsSandbox sandbox;
    static SnsClient sns;

    @BeforeAll
    static void stack() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("p" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        sandbox = new SnsSandbox();
        sns = AwsClients.client(SnsClient.builder(), sandbox.endpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        sandbox.close();
    }

    @Test
    void a_disabled_endpoint_fails_as_recipient_and_the_next_fallback_is_due_at_once_a_live_one_gets_the_push() throws Exception {
        Instant now = NOW;
        NotificationRepository notifications = notifications();
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        RuleEvaluation rules = rules(notifications, FallbackChain.parse("email,push@2h,sms@6h"));
        // two hours later, when the push (the first fallback of the e-mail) is due
        Instant later = now.plus(Duration.ofHours(2));
        Dispatcher dispatcher = dispatcher(notifications, later);

        String disabled = sns.createPlatformEndpoint(b -> b.platformApplicationArn(FCM_APP).token("token-" + UUID.randomUUID())).endpointArn();
        sandbox.disable(disabled);
        ShipmentId first = shipment(rules, orders, disabled, now);
        String push = NotificationIntent.idFor(first, MessageKind.SHIPPED, "push");
        String sms = NotificationIntent.idFor(first, MessageKind.SHIPPED, "sms");
        assertThat(notifications.findDue(later, 100)).contains(push).doesNotContain(sms);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", push))).isEqualTo(Dispatcher.Outcome.FAILED);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.notifications())
                .key(Map.of("notificationId", AttributeValue.fromS(push)))).item();
        assertThat(item.get("failureReason").s()).isEqualTo("RECIPIENT");
        assertThat(item.get("outcome").s()).contains("EndpointDisabled").doesNotContain(disabled);
        assertThat(notifications.findDue(later, 100)).as("the SMS is due now, not four hours later").contains(sms);

        String live = sns.createPlatformEndpoint(b -> b.platformApplicationArn(FCM_APP).token("token-" + UUID.randomUUID())).endpointArn();
        ShipmentId second = shipment(rules, orders, live, now);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", NotificationIntent.idFor(second, MessageKind.SHIPPED, "push"))))
                .isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(sandbox.publishedToEndpoint(live)).singleElement().satisfies(p -> assertThat(p.message()).contains("GCM")
                .contains("ModaX: sipari\u015fin kargoya verildi").contains("tracking_link"));
    }

    @Test
    void the_default_chain_opens_on_the_push_the_customer_registered_for_and_keeps_the_email_as_its_stand_in() throws Exception {
        Instant now = NOW;
        NotificationRepository notifications = notifications();
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        RuleEvaluation rules = rules(notifications, FallbackChain.defaults());
        Dispatcher dispatcher = dispatcher(notifications, now);
        Instant afterSix = now.plus(Duration.ofHours(6));

        String live = sns.createPlatformEndpoint(b -> b.platformApplicationArn(FCM_APP).token("token-" + UUID.randomUUID())).endpointArn();
        ShipmentId pushed = shipment(rules, orders, live, now);
        String push = NotificationIntent.idFor(pushed, MessageKind.SHIPPED, "push");
        String email = NotificationIntent.idFor(pushed, MessageKind.SHIPPED, "email");
        String sms = NotificationIntent.idFor(pushed, MessageKind.SHIPPED, "sms");
        assertThat(notifications.find(push)).isPresent();
        assertThat(notifications.find(email)).as("the e-mail waits as the push's stand-in").get()
                .satisfies(n -> assertThat(n.state()).isEqualTo(NotificationRepository.State.DEFERRED));
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", push))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(notifications.findDue(afterSix, 100)).as("six hours on, the SMS fallback is due, the stand-in never").contains(sms).doesNotContain(email);

        String disabled = sns.createPlatformEndpoint(b -> b.platformApplicationArn(FCM_APP).token("token-" + UUID.randomUUID())).endpointArn();
        sandbox.disable(disabled);
        ShipmentId failed = shipment(rules, orders, disabled, now);
        String failedPush = NotificationIntent.idFor(failed, MessageKind.SHIPPED, "push");
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", failedPush))).isEqualTo(Dispatcher.Outcome.FAILED);
        assertThat(notifications.findDue(now, 100)).as("the push could not go: its stand-in, the e-mail, is due at once, the SMS keeps its time")
                .contains(NotificationIntent.idFor(failed, MessageKind.SHIPPED, "email"))
                .doesNotContain(NotificationIntent.idFor(failed, MessageKind.SHIPPED, "sms"));

        ShipmentId noDevice = shipment(rules, orders, null, now);
        assertThat(notifications.find(NotificationIntent.idFor(noDevice, MessageKind.SHIPPED, "email"))).as("no device: the e-mail opens the chain")
                .get().satisfies(n -> assertThat(n.state()).isEqualTo(NotificationRepository.State.PENDING));
        assertThat(notifications.find(NotificationIntent.idFor(noDevice, MessageKind.SHIPPED, "push"))).isEmpty();
    }

    @Test
    void a_push_the_platform_refuses_after_the_send_is_failed_with_its_answer_and_brings_the_stand_in_forward() throws Exception {
        Instant now = NOW;
        NotificationRepository notifications = notifications();
        OrderRepository orders = new OrderRepository(dynamo, tables.orders());
        RuleEvaluation rules = rules(notifications, FallbackChain.defaults());
        Dispatcher dispatcher = dispatcher(notifications, now);
        ChannelFeedback feedback = new ChannelFeedback(notifications, new io.kargotakip.aws.store.SuppressionList(dynamo, tables.orders()),
                METRICS, Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC));
        String endpoint = sns.createPlatformEndpoint(b -> b.platformApplicationArn(FCM_APP).token("token-" + UUID.randomUUID())).endpointArn();
        ShipmentId shipment = shipment(rules, orders, endpoint, now);
        String push = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "push");
        String email = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "email");
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", push))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(notifications.findDue(now.plusSeconds(5), 100)).as("the stand-in waits while the push may arrive").doesNotContain(email);

        // SNS's delivery status record of that push (its published failure sample, for this message and endpoint)
        String record = """
                {"status":"FAILURE","notification":{"timestamp":"2026-12-01 09:00:00.000","messageId":"%s"},
                 "delivery":{"statusCode":8,"dwellTimeMs":1451,"token":"t","attempts":1,
                 "providerResponse":"NotificationErrorResponse(command=8, status=InvalidToken, id=1, cause=null)","destination":"%s"}}"""
                .formatted(sandbox.publishedToEndpoint(endpoint).get(0).messageId(), endpoint);
        feedback.apply(io.kargotakip.channels.ChannelEvents.read(record).orElseThrow());
        feedback.apply(io.kargotakip.channels.ChannelEvents.read(record).orElseThrow());

        assertThat(notifications.delivery(push).orElseThrow().latest()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(NotificationRepository.Delivery.FAILED);
            assertThat(d.detail()).isEqualTo("failed HTTP 8 NotificationErrorResponse(command=8, status=InvalidToken, id=1, cause=null)");
        });
        assertThat(notifications.findDue(now.plusSeconds(5), 100)).as("it did not arrive: its stand-in, the e-mail, is due at once").contains(email);
    }

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    static NotificationRepository notifications() {
        return new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    }

    /** The rule evaluation of a stack at {@link #NOW} with this chain, queueing to an outbound queue of its own. */
    static RuleEvaluation rules(NotificationRepository notifications, FallbackChain chain) {
        var sqs = AwsClients.sqs(Emulators.shared().sqs());
        String outbound = sqs.createQueue(b -> b.queueName("push-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        return DefaultRules.evaluation(dynamo, tables, notifications, new io.kargotakip.aws.queue.QueuePublisher(sqs, outbound), METRICS,
                Clock.fixed(NOW, ZoneOffset.UTC), chain);
    }

    /** The sender with the push channel on the SNS stand-in, its clock at {@code at}. */
    static Dispatcher dispatcher(NotificationRepository notifications, Instant at) {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), Map.of(SnsPushChannel.ID, new SnsPushChannel(sns)),
                new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "UPS"), METRICS, Clock.fixed(at, ZoneOffset.UTC));
    }

    /** An order whose customer's device contact is this endpoint, with push, e-mail and SMS consent, and its shipment's first status. */
    static ShipmentId shipment(RuleEvaluation rules, OrderRepository orders, String endpointArn, Instant now) {
        ShipmentId shipment = new ShipmentId("ups", "1ZP" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        if (endpointArn != null) {
            contacts.put(ContactKind.DEVICE_TOKEN, endpointArn);
        }
        contacts.put(ContactKind.PHONE, "+905321234567");
        String orderId = "P-" + UUID.randomUUID().toString().substring(0, 8);
        orders.save(new Order(orderId, "1", "web", new Customer("Ayşe", contacts, "tr"),
                Consent.none().with("push", true, now).with("email", true, now).with("sms", true, now), List.of(shipment), now));
        rules.process(new Envelope.StatusChangeMessage("t", new StatusChange(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null, now,
                null, null, null, "k")));
        return shipment;
    }
}
