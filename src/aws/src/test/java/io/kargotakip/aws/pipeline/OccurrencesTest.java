package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.MarketplaceOrders;
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
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.PollPolicy;
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

/**
 * A message's identity is the occurrence it tells of: the second failed attempt is a message of its own, while every
 * replay of either attempt (three deliveries of each push, one of them late) is still one message. Through the real
 * normalizer and rule evaluation on the emulators.
 */
class OccurrencesTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    static final UpsSandbox.Scan LABEL = UpsSandbox.scan("M", "MP", "003", "Shipper created a label", "2026-11-30T09:00:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan FIRST_ATTEMPT = UpsSandbox.scan("X", "48", "013", "The receiver was not available for delivery.",
            "2026-12-01T11:00:00", "+03:00", "IZMIR", "TR");
    static final UpsSandbox.Scan SECOND_ATTEMPT = UpsSandbox.scan("X", "48", "013", "The receiver was not available for delivery.",
            "2026-12-02T11:00:00", "+03:00", "IZMIR", "TR");
    static final UpsSandbox.Scan OUT = UpsSandbox.scan("I", "OT", "021", "Out For Delivery Today", "2026-12-02T08:30:00", "+03:00", "IZMIR", "TR");
    static final UpsSandbox.Scan IN_TRANSIT = UpsSandbox.scan("I", "AR", "005", "Arrived at Facility", "2026-11-30T20:00:00", "+03:00", "ANKARA", "TR");
    static final UpsSandbox.Scan IN_TRANSIT_AGAIN = UpsSandbox.scan("I", "DP", "006", "Departed from Facility", "2026-11-30T23:00:00", "+03:00", "ANKARA", "TR");

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "o" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    Normalizer normalizer() {
        return new Normalizer(CarrierRegistry.load(), new EventLog(dynamo, tables.events(), Duration.ofDays(30)),
                new ShipmentRepository(dynamo, tables.shipments()), new QueuePublisher(sqs, queues.statusChanges()),
                new MarketplaceOrders(new OrderRepository(dynamo, tables.orders()), new ShipmentRepository(dynamo, tables.shipments()),
                        Clock.systemUTC()), PollPolicy.defaults(), METRICS, Clock.systemUTC());
    }

    static List<StatusChange> drainChanges() {
        List<StatusChange> changes = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(queues.statusChanges()).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return changes;
            }
            batch.forEach(m -> {
                changes.add(Json.read(m.body(), Envelope.StatusChangeMessage.class).change());
                sqs.deleteMessage(b -> b.queueUrl(queues.statusChanges()).receiptHandle(m.receiptHandle()));
            });
        }
    }

    /** One push of the carrier: a raw message of its own (a redelivery of the same message is a crash's retry, republished). */
    static RawEvent push(String tn, UpsSandbox.Scan scan) {
        return RawEvent.json("ups", "webhook", Instant.now(), UUID.randomUUID().toString(), UpsSandbox.push(tn, scan, "20261203"));
    }

    static String trackingNumber() {
        return "1ZOCC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    @Test
    void the_second_failed_attempt_is_a_message_of_its_own_and_every_replay_of_either_is_still_one() throws Exception {
        String tn = trackingNumber();
        ShipmentId shipment = new ShipmentId("ups", tn);
        new OrderRepository(dynamo, tables.orders()).save(new Order("OC-" + tn, "7", "web", new Customer("Ayşe", "ayse@example.com", null, "tr"),
                new Consent(true, false, false, false, Instant.now()), List.of(shipment), Instant.now()));
        new ShipmentRepository(dynamo, tables.shipments()).register(shipment, "OC-" + tn, Instant.now().plus(Duration.ofDays(1)));
        drainChanges();
        Normalizer normalizer = normalizer();
        // each scan pushed three times; the first attempt's once more after the second
        for (UpsSandbox.Scan scan : List.of(LABEL, FIRST_ATTEMPT, OUT, SECOND_ATTEMPT, FIRST_ATTEMPT)) {
            for (int i = 0; i < 3; i++) {
                normalizer.process(push(tn, scan));
            }
        }
        List<StatusChange> changes = drainChanges();
        assertThat(changes).extracting(StatusChange::status, StatusChange::occurrence).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TrackingStatus.LABEL_CREATED, 1), org.assertj.core.groups.Tuple.tuple(TrackingStatus.FAILED_ATTEMPT, 1),
                org.assertj.core.groups.Tuple.tuple(TrackingStatus.OUT_FOR_DELIVERY, 1), org.assertj.core.groups.Tuple.tuple(TrackingStatus.FAILED_ATTEMPT, 2));

        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        RuleEvaluation rules = DefaultRules.evaluation(dynamo, tables, notifications, new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.systemUTC(), io.kargotakip.core.notification.FallbackChain.NONE);
        List<NotificationIntent> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (StatusChange change : changes) {
                queued.addAll(rules.process(new Envelope.StatusChangeMessage("t", change)));
            }
        }
        // the out-for-delivery between them waits the default rules' coalescing window, stored once, held
        assertThat(queued).extracting(NotificationIntent::kind)
                .containsExactly(MessageKind.SHIPPED, MessageKind.FAILED_ATTEMPT, MessageKind.FAILED_ATTEMPT);
        assertThat(notifications.find(NotificationIntent.idFor(shipment, MessageKind.OUT_FOR_DELIVERY, "email", 2)).orElseThrow().state())
                .as("the second delivery attempt's").isEqualTo(NotificationRepository.State.DEFERRED);
        assertThat(queued.get(1).notificationId()).as("the first attempt keeps the id messages always had")
                .isEqualTo(NotificationIntent.idFor(shipment, MessageKind.FAILED_ATTEMPT, "email"));
        assertThat(queued.get(2).notificationId()).isEqualTo(NotificationIntent.idFor(shipment, MessageKind.FAILED_ATTEMPT, "email", 2))
                .isNotEqualTo(queued.get(1).notificationId());
    }

    @Test
    void two_attempts_in_a_row_are_two_occurrences_and_two_scans_in_transit_are_one() throws Exception {
        String tn = trackingNumber();
        drainChanges();
        Normalizer normalizer = normalizer();
        for (UpsSandbox.Scan scan : List.of(IN_TRANSIT, IN_TRANSIT_AGAIN, FIRST_ATTEMPT, SECOND_ATTEMPT)) {
            normalizer.process(push(tn, scan));
        }
        assertThat(drainChanges()).extracting(StatusChange::status, StatusChange::occurrence).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TrackingStatus.IN_TRANSIT, 1), org.assertj.core.groups.Tuple.tuple(TrackingStatus.FAILED_ATTEMPT, 1),
                org.assertj.core.groups.Tuple.tuple(TrackingStatus.FAILED_ATTEMPT, 2));
        assertThat(new ShipmentRepository(dynamo, tables.shipments()).find(new ShipmentId("ups", tn)).orElseThrow().occurrences())
                .as("kept with the shipment").containsEntry(TrackingStatus.FAILED_ATTEMPT, 2).containsEntry(TrackingStatus.IN_TRANSIT, 1);
    }
}
