package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.RequestCounter;
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
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.ups.UpsSandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each stage costs in AWS requests, counted by the request counter on the wire to the
 * emulators. These are the cost reductions of issue 5, held: each test fails if the waste comes back.
 */
class PipelineCostTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    RequestCounter counter;
    DynamoDbClient countedDynamo;
    SqsClient countedSqs;

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    @BeforeEach
    void counted() {
        counter = RequestCounter.inMemory();
        countedDynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb(), counter);
        countedSqs = AwsClients.sqs(Emulators.shared().sqs(), counter);
    }

    Normalizer normalizer() {
        return new Normalizer(CarrierRegistry.load(), new EventLog(countedDynamo, tables.events(), Duration.ofDays(30)),
                new ShipmentRepository(countedDynamo, tables.shipments()), new QueuePublisher(countedSqs, queues.statusChanges()),
                new io.kargotakip.aws.orders.MarketplaceOrders(new io.kargotakip.aws.store.OrderRepository(countedDynamo, tables.orders()),
                        new ShipmentRepository(countedDynamo, tables.shipments()), Clock.systemUTC()),
                io.kargotakip.core.shipment.PollPolicy.defaults(), METRICS, Clock.systemUTC());
    }

    static String tn() {
        return "1ZCOST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static RawEvent push(String tn, UpsSandbox.Scan scan) {
        return RawEvent.json("ups", "webhook", Instant.now(), UUID.randomUUID().toString(), UpsSandbox.push(tn, scan, "20261126"));
    }

    static final UpsSandbox.Scan LABEL = UpsSandbox.scan("M", "MP", "003", "Shipper created a label", "2026-11-24T10:15:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan ORIGIN = UpsSandbox.scan("I", "OR", "038", "Origin Scan", "2026-11-24T18:40:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan ARRIVED = UpsSandbox.scan("I", "AR", "005", "Arrived at Facility", "2026-11-25T06:05:00", "+03:00", "ANKARA", "TR");
    static final UpsSandbox.Scan OUT = UpsSandbox.scan("I", "OT", "021", "Out For Delivery Today", "2026-11-26T08:30:00", "+03:00", "ANKARA", "TR");

    long dynamoCalls() {
        return counter.tally().calls("DynamoDb", op -> true);
    }

    long sqsCalls() {
        return counter.tally().calls("Sqs", op -> true);
    }

    @Test
    void a_duplicate_push_costs_one_failed_conditional_write_and_nothing_else() throws Exception {
        String tn = tn();
        RawEvent first = push(tn, OUT);
        normalizer().process(first);
        counter.tally().reset();

        // the carrier pushes the same scan again: a new message, another trace
        Normalizer.Outcome again = normalizer().process(push(tn, OUT));

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(counter.tally().snapshot()).containsOnlyKeys("DynamoDb.PutItem");
        assertThat(counter.tally().calls("DynamoDb.PutItem")).isEqualTo(1);
        assertThat(counter.tally().conditionalFailures("DynamoDb.PutItem")).isEqualTo(1);
        assertThat(sqsCalls()).isZero();
    }

    @Test
    void a_new_carrier_event_costs_two_writes_one_read_and_one_send() throws Exception {
        Normalizer.Outcome outcome = normalizer().process(push(tn(), OUT));

        assertThat(outcome.changes()).hasSize(1);
        assertThat(counter.tally().calls("DynamoDb", RequestCountsOps::write)).isEqualTo(2);
        assertThat(counter.tally().calls("DynamoDb", RequestCountsOps::read)).isEqualTo(1);
        assertThat(counter.tally().calls("Sqs.SendMessage")).isEqualTo(1);
        assertThat(sqsCalls()).isEqualTo(1);
    }

    @Test
    void scans_of_one_parcel_in_one_payload_read_it_once() throws Exception {
        String tn = tn();
        RawEvent poll = RawEvent.json("ups", "poll", Instant.now(), UUID.randomUUID().toString(),
                UpsSandbox.trackResponse(tn, "20261126", List.of(LABEL, ORIGIN, ARRIVED, OUT)));

        Normalizer.Outcome outcome = normalizer().process(poll);

        assertThat(outcome.events()).isEqualTo(4);
        assertThat(counter.tally().calls("DynamoDb.GetItem")).as("the parcel is read once, then known from its own writes").isEqualTo(1);
        assertThat(counter.tally().calls("DynamoDb.PutItem")).as("one idempotency record per scan").isEqualTo(4);
        assertThat(counter.tally().calls("DynamoDb.UpdateItem")).as("at most one state write per scan, no 'done' writes")
                .isLessThanOrEqualTo(4);
        assertThat(sqsCalls()).as("one status change per parcel and payload").isEqualTo(1);
    }

    @Test
    void the_same_message_delivered_again_after_success_resumes_and_then_stops() throws Exception {
        // SQS may deliver a processed message again (its delete lost): it may tell the change again — the
        // rule evaluator's record and the sender's claim keep the mail single — but a third delivery is a duplicate
        RawEvent raw = push(tn(), OUT);
        normalizer().process(raw);
        Normalizer.Outcome second = normalizer().process(raw);
        Normalizer.Outcome third = normalizer().process(raw);

        assertThat(second.duplicates()).isZero();
        assertThat(third.duplicates()).isEqualTo(1);
        assertThat(third.changes()).isEmpty();
    }

    @Test
    void several_messages_go_in_batches_of_ten_in_order() {
        QueuePublisher publisher = new QueuePublisher(countedSqs, queues.dlq("status-changes"));
        List<Map<String, Integer>> messages = IntStream.range(0, 12).mapToObj(i -> Map.of("n", i)).toList();

        publisher.publishAll(messages);

        assertThat(counter.tally().calls("Sqs.SendMessageBatch")).isEqualTo(2);
        assertThat(sqsCalls()).isEqualTo(2);
        List<String> bodies = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && bodies.size() < 12; attempt++) {
            sqs.receiveMessage(b -> b.queueUrl(queues.dlq("status-changes")).maxNumberOfMessages(10)).messages().forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queues.dlq("status-changes")).receiptHandle(m.receiptHandle()));
            });
        }
        assertThat(bodies).containsExactlyInAnyOrderElementsOf(messages.stream().map(io.kargotakip.aws.Json::write).toList());
    }

    @Test
    void the_sender_reads_the_notification_with_its_claim_not_before() {
        ShipmentId shipment = new ShipmentId("ups", tn());
        String orderId = "COST-" + UUID.randomUUID();
        new OrderRepository(dynamo, tables.orders()).save(new Order(orderId, "1", "web", new Customer("Ali", "cost@example.com", null, "tr"),
                new Consent(true, false, false, false, Instant.now()), List.of(shipment), Instant.now()));
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null,
                Instant.now(), null, null, null, "k"), MessageKind.DELIVERED, "email");
        new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30)).createIfAbsent(intent, Instant.now());

        var brand = new io.kargotakip.core.template.Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example",
                "https://modax.example/destek", "tr", "link-secret-for-tests-only");
        var composer = new io.kargotakip.core.template.MessageComposer(new io.kargotakip.core.template.TemplateCatalog(null), brand, c -> "UPS");
        var email = new io.kargotakip.channels.email.SesEmailChannel(AwsClients.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), Emulators.shared().ses()), brand.fromEmail(), null);
        Dispatcher dispatcher = new Dispatcher(new NotificationRepository(countedDynamo, tables.notifications(), Duration.ofDays(30)),
                new OrderRepository(countedDynamo, tables.orders()), Map.of("email", email), composer, METRICS, Clock.systemUTC());

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", intent.notificationId()))).isEqualTo(Dispatcher.Outcome.SENT);

        assertThat(counter.tally().calls("DynamoDb.GetItem")).as("the order only").isEqualTo(1);
        assertThat(counter.tally().calls("DynamoDb.UpdateItem")).as("claim and sent").isEqualTo(2);
        assertThat(dynamoCalls()).isEqualTo(3);
    }

    @Test
    void a_poll_whose_answer_has_not_changed_queues_nothing() {
        ShipmentRepository plain = new ShipmentRepository(dynamo, tables.shipments());
        List<ShipmentId> parcels = IntStream.range(0, 3).mapToObj(i -> new ShipmentId("ups", tn())).toList();
        parcels.forEach(id -> plain.register(id, "POLL-" + id.trackingNumber(), Instant.now().minusSeconds(1)));
        io.kargotakip.core.carrier.TrackingClient ups = trackingNumber ->
                UpsSandbox.trackResponse(trackingNumber, "20261126", List.of(LABEL, ORIGIN, ARRIVED)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PollWorker worker = new PollWorker(new ShipmentRepository(countedDynamo, tables.shipments()), carrier -> java.util.Optional.of(ups),
                new QueuePublisher(countedSqs, queues.rawEvents()), io.kargotakip.core.shipment.PollPolicy.defaults(),
                io.kargotakip.core.shipment.StallRule.defaults(), METRICS, Clock.systemUTC(), millis -> { });
        java.util.function.Consumer<ShipmentId> poll = id -> worker.process(new Envelope.PollWorkMessage("t", "ups",
                List.of(id.toString()), List.of(id.trackingNumber()), 1));

        parcels.forEach(poll);
        assertThat(counter.tally().calls("Sqs.SendMessage")).as("each answer queued").isEqualTo(3);
        assertThat(sqsCalls()).isEqualTo(3);

        counter.tally().reset();
        parcels.forEach(poll);

        assertThat(sqsCalls()).as("nothing new: nothing queued, no normalizer run").isZero();
        assertThat(counter.tally().calls("DynamoDb", RequestCountsOps::write)).as("the next poll's time only").isEqualTo(3);
        assertThat(counter.tally().calls("DynamoDb.GetItem")).as("the last answer's digest and the shipment's state").isEqualTo(3);
    }

    /** DynamoDB operations by what they are billed as. */
    static final class RequestCountsOps {
        static boolean read(String op) {
            return List.of("GetItem", "Query", "Scan", "BatchGetItem").contains(op);
        }

        static boolean write(String op) {
            return List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem").contains(op);
        }
    }
}
