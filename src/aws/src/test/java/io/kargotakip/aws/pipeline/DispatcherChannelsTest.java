package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.PushForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.channel.RenderedMessage;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel the dispatcher has never heard of (a push channel of this test, not a product channel) is sent to the
 * customer's contact of its kind, in the form it renders, after a consent check for its id: nothing in the
 * dispatcher names channels. The store is dynalite through the real SDK.
 */
class DispatcherChannelsTest {

    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    static DynamoDbClient dynamo;
    static TableNames tables;

    /** Records what it was asked to send; renders title and body from its own templates/push/ folder. */
    static final class RecordingPushChannel implements Channel<PushForm> {
        final List<OutboundMessage<PushForm>> sent = new ArrayList<>();

        @Override
        public String id() {
            return "push";
        }

        @Override
        public ContactKind contactKind() {
            return ContactKind.DEVICE_TOKEN;
        }

        @Override
        public PushForm render(RenderContext context) {
            RenderedMessage parts = context.parts();
            return new PushForm(parts.subject(), parts.text().strip(), Map.of("tracking_link", context.value("tracking_link")));
        }

        @Override
        public DeliveryReceipt send(OutboundMessage<PushForm> message) {
            sent.add(message);
            return new DeliveryReceipt("push-" + sent.size());
        }
    }

    @BeforeAll
    static void stack() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("d" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    static Path pushTemplates(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("push/tr"));
        Files.writeString(dir.resolve("push/tr/delivered.subject"), "{brand}");
        Files.writeString(dir.resolve("push/tr/delivered.txt"), "{first_name}, paketin teslim edildi.\n");
        return dir;
    }

    static String order(Customer customer, Consent consent, ShipmentId shipment) {
        String id = "D-" + UUID.randomUUID().toString().substring(0, 8);
        new OrderRepository(dynamo, tables.orders()).save(new Order(id, "1", "web", customer, consent, List.of(shipment), Instant.now()));
        return id;
    }

    static NotificationIntent intent(String orderId, ShipmentId shipment, NotificationRepository notifications) {
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null,
                Instant.now(), null, null, null, "k"), MessageKind.DELIVERED, "push");
        notifications.createIfAbsent(intent, Instant.now());
        return intent;
    }

    static Dispatcher dispatcher(NotificationRepository notifications, Path templates, RecordingPushChannel push) {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), Map.of(push.id(), push),
                new MessageComposer(new TemplateCatalog(templates), brand, c -> "UPS"), METRICS, Clock.systemUTC());
    }

    static Customer withDeviceToken(String token) {
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        if (token != null) {
            contacts.put(ContactKind.DEVICE_TOKEN, token);
        }
        return new Customer("Ayşe", contacts, "tr");
    }

    static String outcome(String notificationId) {
        return dynamo.getItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", AttributeValue.fromS(notificationId))))
                .item().get("outcome").s();
    }

    @Test
    void a_channel_gets_the_contact_of_its_kind_and_the_form_it_rendered(@TempDir Path dir) throws IOException {
        ShipmentId shipment = new ShipmentId("ups", "1ZD" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        String orderId = order(withDeviceToken("fcm-token-1"), Consent.none().with("push", true, Instant.now()), shipment);
        NotificationIntent intent = intent(orderId, shipment, notifications);
        RecordingPushChannel push = new RecordingPushChannel();

        assertThat(dispatcher(notifications, pushTemplates(dir), push).process(new Envelope.OutboundMessage("t", intent.notificationId())))
                .isEqualTo(Dispatcher.Outcome.SENT);

        assertThat(push.sent).hasSize(1);
        OutboundMessage<PushForm> sent = push.sent.get(0);
        assertThat(sent.recipient()).isEqualTo("fcm-token-1");
        assertThat(sent.content().title()).isEqualTo("ModaX");
        assertThat(sent.content().body()).isEqualTo("Ayşe, paketin teslim edildi.");
        assertThat(sent.content().data().get("tracking_link")).as("the push's click link, which records the tap")
                .startsWith("https://takip.modax.example/c/" + intent.notificationId() + ".");
        assertThat(sent.unsubscribeUrl()).startsWith("https://takip.modax.example/u/" + intent.notificationId() + ".");
        assertThat(notifications.find(intent.notificationId()).orElseThrow().providerMessageId()).isEqualTo("push-1");
    }

    @Test
    void quiet_hours_hold_a_message_until_morning_then_the_schedule_queues_it_and_it_goes_once(@TempDir Path dir) throws Exception {
        ShipmentId shipment = new ShipmentId("ups", "1ZD" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        String orderId = order(withDeviceToken("fcm-token-q"), Consent.none().with("push", true, Instant.now()), shipment);
        NotificationIntent intent = intent(orderId, shipment, notifications);
        RecordingPushChannel push = new RecordingPushChannel();
        Instant night = java.time.LocalDateTime.parse("2026-12-01T23:15").atZone(java.time.ZoneId.of("Europe/Istanbul")).toInstant();
        Instant morning = java.time.LocalDateTime.parse("2026-12-02T08:00").atZone(java.time.ZoneId.of("Europe/Istanbul")).toInstant();
        Envelope.OutboundMessage message = new Envelope.OutboundMessage("t", intent.notificationId());

        assertThat(quietDispatcher(notifications, pushTemplates(dir), push, night).process(message)).isEqualTo(Dispatcher.Outcome.DEFERRED);
        assertThat(push.sent).isEmpty();
        assertThat(notifications.find(intent.notificationId()).orElseThrow().state()).isEqualTo(NotificationRepository.State.DEFERRED);
        assertThat(outcome(intent.notificationId())).isEqualTo("quiet hours until " + morning);
        assertThat(notifications.findDue(morning.minusSeconds(60), 10)).doesNotContain(intent.notificationId());
        // the same message delivered again during the night does not send it either
        assertThat(quietDispatcher(notifications, pushTemplates(dir), push, night.plusSeconds(600)).process(message))
                .isEqualTo(Dispatcher.Outcome.ALREADY_HANDLED);

        var sqs = AwsClients.sqs(Emulators.shared().sqs());
        String outbound = sqs.createQueue(b -> b.queueName("held-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        int released = new HeldNotifications(notifications, new io.kargotakip.aws.queue.QueuePublisher(sqs, outbound), METRICS,
                Clock.fixed(morning, java.time.ZoneOffset.UTC)).release(100);
        assertThat(released).isGreaterThanOrEqualTo(1);
        List<String> queued = sqs.receiveMessage(b -> b.queueUrl(outbound).maxNumberOfMessages(10)).messages().stream()
                .map(m -> io.kargotakip.aws.Json.read(m.body(), Envelope.OutboundMessage.class).notificationId()).toList();
        assertThat(queued).contains(intent.notificationId());

        assertThat(quietDispatcher(notifications, pushTemplates(dir), push, morning).process(message)).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(quietDispatcher(notifications, pushTemplates(dir), push, morning).process(message))
                .isEqualTo(Dispatcher.Outcome.ALREADY_HANDLED);
        assertThat(push.sent).hasSize(1);
        assertThat(notifications.findDue(morning.plusSeconds(3600), 100)).as("no longer held").doesNotContain(intent.notificationId());
    }

    @Test
    void an_unread_message_falls_back_to_the_next_channel_on_time_and_a_read_one_does_not(@TempDir Path dir) throws Exception {
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        var sqs = AwsClients.sqs(Emulators.shared().sqs());
        String outbound = sqs.createQueue(b -> b.queueName("chain-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        RuleEvaluation rules = rulesWithChain(notifications, sqs, outbound, now, "email,push@2h,sms@6h");
        // e-mail and push allowed, SMS not: the SMS fallback is never stored
        Consent consent = new Consent(true, false, false, true, now);
        ShipmentId unread = new ShipmentId("ups", "1ZC" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        ShipmentId read = new ShipmentId("ups", "1ZC" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        for (ShipmentId shipment : List.of(unread, read)) {
            String orderId = order(withDeviceToken("fcm-" + shipment.trackingNumber()), consent, shipment);
            Envelope.StatusChangeMessage change = new Envelope.StatusChangeMessage("t", new StatusChange(shipment, orderId, null,
                    TrackingStatus.IN_TRANSIT, null, now, null, null, null, "k"));
            assertThat(rules.process(change)).extracting(NotificationIntent::channel).containsExactly("email");
            rules.process(change); // a replay stores nothing twice
        }
        String unreadPush = NotificationIntent.idFor(unread, MessageKind.SHIPPED, "push");
        String readPush = NotificationIntent.idFor(read, MessageKind.SHIPPED, "push");
        assertThat(notifications.find(unreadPush).orElseThrow().state()).isEqualTo(NotificationRepository.State.DEFERRED);
        assertThat(notifications.find(unreadPush).orElseThrow().chain()).containsExactly(NotificationIntent.idFor(unread, MessageKind.SHIPPED, "email"));
        assertThat(notifications.find(NotificationIntent.idFor(unread, MessageKind.SHIPPED, "sms"))).isEmpty();
        assertThat(notifications.findDue(now.plus(Duration.ofMinutes(119)), 100)).doesNotContain(unreadPush, readPush);

        // the customer clicked in the second e-mail; two hours later the schedule queues both pushes
        notifications.markEngaged(NotificationIntent.idFor(read, MessageKind.SHIPPED, "email"), "clicked", now.plus(Duration.ofMinutes(40)));
        Instant later = now.plus(Duration.ofHours(2));
        new HeldNotifications(notifications, new io.kargotakip.aws.queue.QueuePublisher(sqs, outbound), METRICS,
                Clock.fixed(later, java.time.ZoneOffset.UTC)).release(100);
        RecordingPushChannel push = new RecordingPushChannel();
        Dispatcher dispatcher = quietDispatcher(notifications, pushTemplatesShipped(dir), push, later, io.kargotakip.core.notification.QuietHours.NONE);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", unreadPush))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", readPush))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);
        assertThat(outcome(readPush)).isEqualTo("fallback not needed: the customer clicked over email");
        assertThat(push.sent).extracting(OutboundMessage::recipient).containsExactly("fcm-" + unread.trackingNumber());
    }

    @Test
    void a_message_that_cannot_go_brings_its_fallback_forward_at_once(@TempDir Path dir) throws Exception {
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        var sqs = AwsClients.sqs(Emulators.shared().sqs());
        String outbound = sqs.createQueue(b -> b.queueName("fall-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        RuleEvaluation rules = rulesWithChain(notifications, sqs, outbound, now, "email,push@2h");
        ShipmentId shipment = new ShipmentId("ups", "1ZF" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        // an address, but no e-mail consent: the e-mail cannot go, the push may
        String orderId = order(withDeviceToken("fcm-fall"), Consent.none().with("push", true, now), shipment);
        rules.process(new Envelope.StatusChangeMessage("t", new StatusChange(shipment, orderId, null, TrackingStatus.IN_TRANSIT, null, now,
                null, null, null, "k")));
        String email = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "email");
        String pushId = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "push");
        RecordingPushChannel push = new RecordingPushChannel();
        Dispatcher dispatcher = quietDispatcher(notifications, pushTemplatesShipped(dir), push, now, io.kargotakip.core.notification.QuietHours.NONE);
        assertThat(notifications.findDue(now, 100)).doesNotContain(pushId);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", email))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(notifications.findDue(now, 100)).as("due now, not in two hours").contains(pushId);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", pushId))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(push.sent).hasSize(1);
    }

    /** The default rules, at a fixed time, with this fallback chain, queueing to {@code outbound}. */
    static RuleEvaluation rulesWithChain(NotificationRepository notifications, software.amazon.awssdk.services.sqs.SqsClient sqs, String outbound,
                                         Instant now, String chain) {
        return DefaultRules.evaluation(dynamo, tables, notifications, new io.kargotakip.aws.queue.QueuePublisher(sqs, outbound), METRICS,
                Clock.fixed(now, java.time.ZoneOffset.UTC), io.kargotakip.core.notification.FallbackChain.parse(chain));
    }

    static Path pushTemplatesShipped(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("push/tr"));
        Files.writeString(dir.resolve("push/tr/shipped.subject"), "{brand}");
        Files.writeString(dir.resolve("push/tr/shipped.txt"), "{first_name}, paketin yolda.\n");
        return dir;
    }

    static Dispatcher quietDispatcher(NotificationRepository notifications, Path templates, RecordingPushChannel push, Instant now) {
        return quietDispatcher(notifications, templates, push, now, io.kargotakip.core.notification.QuietHours.defaults());
    }

    static Dispatcher quietDispatcher(NotificationRepository notifications, Path templates, RecordingPushChannel push, Instant now,
                                      io.kargotakip.core.notification.QuietHours quietHours) {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), id -> java.util.Optional.empty(),
                Map.of(push.id(), push), new MessageComposer(new TemplateCatalog(templates), brand, c -> "UPS"), METRICS,
                Clock.fixed(now, java.time.ZoneOffset.UTC), Dispatcher.DEFAULT_SEND_LEASE, Dispatcher.Policies.NONE.withQuietHours(quietHours)
                        .withSuppressed(new io.kargotakip.aws.store.SuppressionList(dynamo, tables.orders())::outcome));
    }

    @Test
    void without_consent_for_the_channel_nothing_is_sent(@TempDir Path dir) throws IOException {
        ShipmentId shipment = new ShipmentId("ups", "1ZD" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        // e-mail allowed, push not: the consent of another channel does not count
        String orderId = order(withDeviceToken("fcm-token-2"), new Consent(true, false, false, false, Instant.now()).with("push", false, Instant.now()), shipment);
        NotificationIntent intent = intent(orderId, shipment, notifications);
        RecordingPushChannel push = new RecordingPushChannel();

        assertThat(dispatcher(notifications, pushTemplates(dir), push).process(new Envelope.OutboundMessage("t", intent.notificationId())))
                .isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(push.sent).isEmpty();
        assertThat(outcome(intent.notificationId())).isEqualTo("no consent for push");
    }

    @Test
    void without_a_contact_of_the_channels_kind_nothing_is_sent(@TempDir Path dir) throws IOException {
        ShipmentId shipment = new ShipmentId("ups", "1ZD" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        String orderId = order(withDeviceToken(null), Consent.none().with("push", true, Instant.now()), shipment);
        NotificationIntent intent = intent(orderId, shipment, notifications);
        RecordingPushChannel push = new RecordingPushChannel();

        assertThat(dispatcher(notifications, pushTemplates(dir), push).process(new Envelope.OutboundMessage("t", intent.notificationId())))
                .isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(push.sent).isEmpty();
        assertThat(outcome(intent.notificationId())).isEqualTo("no device token for push");
    }
}
