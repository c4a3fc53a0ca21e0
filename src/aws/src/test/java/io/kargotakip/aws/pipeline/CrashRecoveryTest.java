package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.ups.UpsSandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stage that dies between writing its state and queueing the result is retried by SQS; the retry
 * must still hand the result on, exactly once.
 */
class CrashRecoveryTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    /** A queue that does not exist: sending fails as when SQS is unreachable. */
    static QueuePublisher broken() {
        return new QueuePublisher(sqs, queues.rawEvents().replace("raw-events", "no-such-queue"));
    }

    static List<String> drain(String url) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            batch.forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            });
        }
    }

    Normalizer normalizer(QueuePublisher statusChanges) {
        return new Normalizer(CarrierRegistry.load(), new EventLog(dynamo, tables.events(), Duration.ofDays(30)),
                new ShipmentRepository(dynamo, tables.shipments()), statusChanges,
                new io.kargotakip.aws.orders.MarketplaceOrders(new io.kargotakip.aws.store.OrderRepository(dynamo, tables.orders()),
                        new ShipmentRepository(dynamo, tables.shipments()), Clock.systemUTC()),
                io.kargotakip.core.shipment.PollPolicy.defaults(), METRICS, Clock.systemUTC());
    }

    @Test
    void a_normalizer_that_died_before_queueing_the_change_queues_it_on_the_retry() throws Exception {
        String tn = "1ZCRASH" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        RawEvent raw = RawEvent.json("ups", "webhook", Instant.now(), "t", UpsSandbox.push(tn,
                UpsSandbox.scan("I", "OT", "021", "Out For Delivery Today", "2026-11-26T08:30:00", "+03:00", "ANKARA", "TR"), "20261126"));
        drain(queues.statusChanges());

        assertThatThrownBy(() -> normalizer(broken()).process(raw)).isNotNull();
        assertThat(new ShipmentRepository(dynamo, tables.shipments()).find(new ShipmentId("ups", tn)).orElseThrow().status())
                .as("the state was written before the crash").isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);

        QueuePublisher real = new QueuePublisher(sqs, queues.statusChanges());
        normalizer(real).process(raw);
        normalizer(real).process(raw);

        List<String> changes = drain(queues.statusChanges());
        assertThat(changes).hasSize(1);
        assertThat(Json.read(changes.get(0), Envelope.StatusChangeMessage.class).change().status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
    }

    @Test
    void a_rule_evaluator_that_died_before_queueing_the_intent_queues_it_on_the_retry() {
        ShipmentId shipment = new ShipmentId("ups", "1ZCRASH" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        new OrderRepository(dynamo, tables.orders()).save(new Order("CR-1", "1", "web", new Customer("Ali", "ali@example.com", null, "tr"),
                new Consent(true, false, false, false, Instant.now()), List.of(shipment), Instant.now()));
        Envelope.StatusChangeMessage change = new Envelope.StatusChangeMessage("t", new StatusChange(shipment, "CR-1", null,
                TrackingStatus.DELIVERED, null, Instant.now(), null, null, null, "k"));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        drain(queues.outbound());

        assertThatThrownBy(() -> DefaultRules.evaluation(dynamo, tables, notifications, broken(), METRICS, Clock.systemUTC(), FallbackChain.NONE).process(change)).isNotNull();

        RuleEvaluation working = DefaultRules.evaluation(dynamo, tables, notifications, new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.systemUTC(), FallbackChain.NONE);
        assertThat(working.process(change)).hasSize(1);
        assertThat(working.process(change)).as("already queued").isEmpty();
        assertThat(drain(queues.outbound())).hasSize(1);
    }

    @Test
    void a_sender_that_fails_before_sending_gives_the_notification_back_for_the_retry(@org.junit.jupiter.api.io.TempDir java.nio.file.Path templates)
            throws Exception {
        ShipmentId shipment = new ShipmentId("ups", "1ZCRASH" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        String email = "crash+" + UUID.randomUUID() + "@example.com";
        new OrderRepository(dynamo, tables.orders()).save(new Order("CR-2", "2", "web", new Customer("Ali", email, null, "tr"),
                new Consent(true, false, false, false, Instant.now()), List.of(shipment), Instant.now()));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        var intent = io.kargotakip.core.notification.NotificationIntent.of(new StatusChange(shipment, "CR-2", null,
                TrackingStatus.DELIVERED, null, Instant.now(), null, null, null, "k"), io.kargotakip.core.notification.MessageKind.DELIVERED, "email");
        notifications.createIfAbsent(intent, Instant.now());
        java.nio.file.Files.createDirectories(templates.resolve("email/tr"));
        java.nio.file.Files.writeString(templates.resolve("email/tr/delivered.txt"), "{first_name} {no_such_placeholder}");
        var message = new Envelope.OutboundMessage("t", intent.notificationId());

        assertThatThrownBy(() -> dispatcher(notifications, templates).process(message)).isInstanceOf(IllegalStateException.class);
        assertThat(notifications.find(intent.notificationId()).orElseThrow().state()).isEqualTo(NotificationRepository.State.PENDING);

        assertThat(dispatcher(notifications, null).process(message)).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(dispatcher(notifications, null).process(message)).isEqualTo(Dispatcher.Outcome.ALREADY_HANDLED);
    }

    Dispatcher dispatcher(NotificationRepository notifications, java.nio.file.Path templates) {
        var brand = new io.kargotakip.core.template.Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example",
                "https://modax.example/destek", "tr", "link-secret-for-tests-only");
        var composer = new io.kargotakip.core.template.MessageComposer(new io.kargotakip.core.template.TemplateCatalog(templates), brand, c -> "UPS");
        var email = new io.kargotakip.channels.email.SesEmailChannel(AwsClients.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), Emulators.shared().ses()), brand.fromEmail(), null);
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), java.util.Map.of("email", email), composer,
                METRICS, Clock.systemUTC());
    }
}
