package io.kargotakip.aws.analytics;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.MarketplaceOrders;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.pipeline.OperationsActions;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsRecord.Kind;
import io.kargotakip.core.analytics.ControlGroup;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.OrderValidator;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.firehose.FirehoseSandbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stages' analytics records, written through the real SDK to the local Firehose stand-in and read back from its
 * files: an order imported with its journey, a carrier's pushes (replays recorded once), a control-group shipment's
 * messages held out; no record carries an e-mail, a phone, a name or a tracking number.
 */
class AnalyticsRecordsTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static FirehoseSandbox firehose;
    static Path folder;
    static final String STREAM = "analytics-" + UUID.randomUUID().toString().substring(0, 8);
    static final ByteArrayOutputStream EMF = new ByteArrayOutputStream();
    static final Metrics METRICS = new Metrics("test", new PrintStream(EMF, true, StandardCharsets.UTF_8), Clock.systemUTC());

    @BeforeAll
    static void stack() throws IOException {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "an" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
        firehose = emulators.firehose();
        folder = Files.createTempDirectory("analytics");
        firehose.deliver(STREAM, folder);
    }

    static Analytics analytics() {
        return new Analytics("modax", new FirehoseAnalytics(AwsClients.client(FirehoseClient.builder(), firehose.endpoint()), STREAM, METRICS));
    }

    static List<String> lines() throws IOException {
        List<String> lines = firehose.lines(STREAM);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertThat(f.getParent().getFileName().toString()).as("partitioned by day").matches("dt=\\d{4}-\\d{2}-\\d{2}");
            }
        }
        return lines;
    }

    static List<AnalyticsRecord> records(Kind kind, String shipmentKey) throws IOException {
        return lines().stream().map(AnalyticsJson::read).filter(r -> r.kind() == kind)
                .filter(r -> shipmentKey == null || shipmentKey.equals(r.shipment())).toList();
    }

    static String trackingNumber() {
        return "1ZAN" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static final UpsSandbox.Scan LABEL = UpsSandbox.scan("M", "MP", "003", "Shipper created a label", "2026-11-30T09:00:00", "+03:00", "ISTANBUL", "TR");
    static final UpsSandbox.Scan IN_TRANSIT = UpsSandbox.scan("I", "AR", "005", "Arrived at Facility", "2026-11-30T20:00:00", "+03:00", "ANKARA", "TR");
    static final UpsSandbox.Scan DELIVERED = UpsSandbox.scan("D", "KB", "011", "Delivered", "2026-12-01T14:00:00", "+03:00", "IZMIR", "TR");

    OrderIntake intake(ControlGroup group) {
        return new OrderIntake(OrderValidator.of(CarrierRegistry.load()), new OrderRepository(dynamo, tables.orders()),
                new ShipmentRepository(dynamo, tables.shipments()), METRICS, Clock.systemUTC(), null, analytics(), group);
    }

    String order(String orderId, String tn) {
        return """
                {"orderId":"%s","orderNo":"MX-1001","customer":{"firstName":"Zeynep","email":"zeynep.kaya@example.com","phone":"+905321234567"},
                 "consent":{"email":true,"sms":true},"promisedDate":"2026-12-03","shipTo":{"country":"TR","province":"İzmir"},
                 "shipments":[{"carrier":"ups","trackingNumber":"%s","service":"standard","originProvince":"İstanbul"}]}
                """.formatted(orderId, tn);
    }

    @Test
    void anImportedShipmentAndItsCarrierEventsAreRecordedOnceEachWithTheJourneyAndNoPersonalData() throws Exception {
        String tn = trackingNumber();
        var stored = intake(ControlGroup.OFF).submit("application/json", order("AN-" + tn, tn).getBytes(StandardCharsets.UTF_8));
        assertThat(stored).isInstanceOf(OrderIntake.Submission.Stored.class);
        Normalizer normalizer = new Normalizer(CarrierRegistry.load(), new EventLog(dynamo, tables.events(), Duration.ofDays(30)),
                new ShipmentRepository(dynamo, tables.shipments()), new QueuePublisher(sqs, queues.statusChanges()),
                new MarketplaceOrders(new OrderRepository(dynamo, tables.orders()), new ShipmentRepository(dynamo, tables.shipments()),
                        Clock.systemUTC()), PollPolicy.defaults(), METRICS, Clock.systemUTC(), analytics());
        for (UpsSandbox.Scan scan : List.of(LABEL, IN_TRANSIT, IN_TRANSIT, DELIVERED, LABEL)) {
            normalizer.process(RawEvent.json("ups", "webhook", Instant.now(), UUID.randomUUID().toString(), UpsSandbox.push(tn, scan, "20261203")));
        }

        String key = AnalyticsRecord.shipmentKey("ups", tn);
        AnalyticsRecord shipment = records(Kind.SHIPMENT, key).get(0);
        assertThat(records(Kind.SHIPMENT, key)).hasSize(1);
        assertThat(shipment.brand()).isEqualTo("modax");
        assertThat(shipment.carrier()).isEqualTo("ups");
        assertThat(shipment.service()).isEqualTo("standard");
        assertThat(shipment.origin()).isEqualTo("İstanbul");
        assertThat(shipment.destination()).isEqualTo("İzmir");
        assertThat(shipment.promisedDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(shipment.orderRef()).isEqualTo(AnalyticsRecord.orderKey("AN-" + tn));
        assertThat(shipment.control()).as("no control group").isNull();
        assertThat(shipment.source()).isEqualTo("api");

        List<AnalyticsRecord> events = records(Kind.TRACKING_EVENT, key);
        assertThat(events).extracting(AnalyticsRecord::status).containsExactly("label_created", "in_transit", "delivered");
        assertThat(events.get(2).occurredAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(events.get(2).localDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(events).extracting(AnalyticsRecord::id).doesNotHaveDuplicates();

        assertThat(lines()).allSatisfy(line -> assertThat(line)
                .doesNotContain("zeynep", "Zeynep", "example.com", "905321234567", "5321234567", tn, "MX-1001")
                .doesNotContainPattern("@"));
    }

    @Test
    void aControlGroupShipmentGetsItsMessagesHeldOutRecordedAndNoneStored() throws Exception {
        ControlGroup everyone = ControlGroup.percent(50);
        String tn = Stream.generate(AnalyticsRecordsTest::trackingNumber).filter(n -> everyone.holdsOut("ups", n)).findFirst().orElseThrow();
        String other = Stream.generate(AnalyticsRecordsTest::trackingNumber).filter(n -> !everyone.holdsOut("ups", n)).findFirst().orElseThrow();
        intake(everyone).submit("application/json", order("CG-" + tn, tn).getBytes(StandardCharsets.UTF_8));
        intake(everyone).submit("application/json", order("CG-" + other, other).getBytes(StandardCharsets.UTF_8));
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        RuleEvaluation rules = new RuleEvaluation(RuleBook.defaults(), new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()),
                notifications, new EventLog(dynamo, tables.events(), Duration.ofDays(30))), new QueuePublisher(sqs, queues.outbound()),
                METRICS, Clock.systemUTC(), new RuleContext.BrandSettings("ModaX", QuietHours.NONE, FallbackChain.NONE),
                OperationsActions.LOGGED, everyone, analytics());

        var heldOut = rules.process(new Envelope.StatusChangeMessage("t", change(tn, "CG-" + tn)));
        var sent = rules.process(new Envelope.StatusChangeMessage("t", change(other, "CG-" + other)));

        assertThat(heldOut).as("nothing queued for the control shipment").isEmpty();
        assertThat(sent).as("the other shipment's message queued").isNotEmpty();
        assertThat(records(Kind.SHIPMENT, AnalyticsRecord.shipmentKey("ups", tn))).singleElement()
                .satisfies(r -> assertThat(r.control()).isTrue());
        assertThat(records(Kind.SHIPMENT, AnalyticsRecord.shipmentKey("ups", other))).singleElement()
                .satisfies(r -> assertThat(r.control()).isFalse());
        assertThat(records(Kind.MESSAGE, AnalyticsRecord.shipmentKey("ups", tn))).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("held_out");
            assertThat(r.intent()).isEqualTo("delivered");
            assertThat(r.channel()).isEqualTo("email");
        });
        assertThat(records(Kind.MESSAGE, AnalyticsRecord.shipmentKey("ups", other))).as("a queued message is recorded when sent").isEmpty();
    }

    static StatusChange change(String tn, String orderId) {
        return new StatusChange(new io.kargotakip.core.shipment.ShipmentId("ups", tn), orderId,
                io.kargotakip.core.shipment.TrackingStatus.OUT_FOR_DELIVERY, io.kargotakip.core.shipment.TrackingStatus.DELIVERED, null,
                Instant.now(), "IZMIR", "Delivered", null, "ups|" + tn + "|delivered", 1);
    }

    @Test
    void aFirehoseThatDoesNotAnswerCostsTheStageTheCallTimeoutNotItsInvocation() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts the connection and never answers, as an endpoint in trouble may
            Thread holder = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        silent.accept();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            holder.setDaemon(true);
            holder.start();
            var sink = FirehoseAnalytics.from(io.kargotakip.aws.KargoSettings.of(java.util.Map.of(FirehoseAnalytics.STREAM, STREAM,
                    FirehoseAnalytics.ENDPOINT, "http://127.0.0.1:" + silent.getLocalPort())::get), METRICS);
            var record = analytics().shipment(new io.kargotakip.core.shipment.ShipmentId("ups", trackingNumber()), "o", "web", null, null,
                    Instant.now());
            int lost = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sink.write(record),
                    "the put must give up on its own (apiCallTimeout), not hang the stage");
            assertThat(lost).isOne();
        }
    }

    @Test
    void recordsFirehoseRefusesAreTriedOnceMoreAndWhatStillFailsIsCountedLost() throws Exception {
        Analytics analytics = analytics();
        String tn = trackingNumber();
        var id = new io.kargotakip.core.shipment.ShipmentId("ups", tn);
        firehose.refuseNext(1);
        assertThat(analytics.write(analytics.shipment(id, "o1", "web", null, null, Instant.now()))).as("retried: none lost").isZero();
        assertThat(records(Kind.SHIPMENT, Analytics.key(id))).hasSize(1);
        firehose.refuseNext(2);
        String tn2 = trackingNumber();
        var id2 = new io.kargotakip.core.shipment.ShipmentId("ups", tn2);
        assertThat(analytics.write(analytics.shipment(id2, "o2", "web", null, null, Instant.now()))).as("refused twice: lost").isOne();
        METRICS.flush();
        assertThat(EMF.toString(StandardCharsets.UTF_8)).contains("\"AnalyticsLost\":1");
        assertThat(records(Kind.SHIPMENT, Analytics.key(id2))).isEmpty();
    }
}
