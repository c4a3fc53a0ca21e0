package io.kargotakip.local;

import io.kargotakip.aws.MovableClock;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.MarketplaceOrders;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.pipeline.PollScheduler;
import io.kargotakip.aws.pipeline.PollWorker;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.CarrierQuotas;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.StallRule;
import io.kargotakip.emulators.ups.UpsSandbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;

/**
 * Carrier API calls over one shipment's life (three days, label to delivered), counted at the UPS sandbox
 * while the real scheduler, workers and normalizer run on the emulators under a clock moved in 5-minute steps:
 * with Track Alert pushes of every scan, and with polls only, against the naive poll every 2 hours (36).
 */
final class PollsPerLifecycle {

    record Result(int withPushes, int pollsOnly) {
        static final int NAIVE = (int) (Duration.ofDays(3).toHours() / 2);
    }

    /** Tuesday 1 December 2026, 10:00 Istanbul: the label. */
    static final Instant START = Instant.parse("2026-12-01T07:00:00Z");
    static final List<UpsSandbox.Scan> LIFE = List.of(
            scan("M", "MP", "003", "Shipper created a label", "2026-12-01T10:00:00", "+03:00", "ISTANBUL", "TR"),
            scan("I", "OR", "038", "Origin Scan", "2026-12-01T18:00:00", "+03:00", "ISTANBUL", "TR"),
            scan("I", "DP", "005", "Departed from Facility", "2026-12-02T02:00:00", "+03:00", "ISTANBUL", "TR"),
            scan("I", "AR", "005", "Arrived at Facility", "2026-12-02T18:00:00", "+03:00", "ANKARA", "TR"),
            scan("I", "DP", "005", "Departed from Facility", "2026-12-03T10:00:00", "+03:00", "ANKARA", "TR"),
            scan("I", "AR", "005", "Arrived at Facility", "2026-12-03T22:00:00", "+03:00", "ERZURUM", "TR"),
            scan("I", "OT", "021", "Out For Delivery Today", "2026-12-04T08:00:00", "+03:00", "ERZURUM", "TR"),
            scan("D", "F4", "011", "DELIVERED", "2026-12-04T10:00:00", "+03:00", "ERZURUM", "TR"));


    private PollsPerLifecycle() {
    }

    /** @param step how far the clock moves between two scheduled runs (EventBridge's period: 5 minutes) */
    static Result measure(DynamoDbClient dynamo, SqsClient sqs, UpsSandbox ups, Duration step) {
        return new Result(life(dynamo, sqs, ups, true, step), life(dynamo, sqs, ups, false, step));
    }

    private static int life(DynamoDbClient dynamo, SqsClient sqs, UpsSandbox ups, boolean pushes, Duration step) {
        String prefix = "life" + UUID.randomUUID().toString().substring(0, 6) + "-";
        TableNames tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        KargoQueues.Urls queues = KargoQueues.createAll(sqs, prefix, 30);
        Metrics metrics = new Metrics("bench", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
        MovableClock clock = new MovableClock(START);
        ShipmentRepository shipments = new ShipmentRepository(dynamo, tables.shipments());
        String tn = "1ZLIFE" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        ShipmentId id = new ShipmentId("ups", tn);
        shipments.register(id, "LIFE-1", START);

        PollPolicy policy = PollPolicy.defaults();
        Map<String, String> upsSettings = Map.of("KARGO_CARRIER_UPS_CLIENT_ID", "x", "KARGO_CARRIER_UPS_CLIENT_SECRET", "x");
        PollScheduler scheduler = new PollScheduler(shipments, CarrierRegistry.load(), c -> new CarrierSettings(c, upsSettings::get),
                new CarrierQuotas(dynamo, tables.shipments()), new QueuePublisher(sqs, queues.pollWork()), policy, Duration.ofMinutes(5),
                metrics, clock);
        HttpClient http = HttpClient.newHttpClient();
        int[] calls = {0};
        TrackingClient client = number -> {
            calls[0]++;
            try {
                return http.send(HttpRequest.newBuilder(URI.create(ups.baseUrl() + "/api/track/v1/details/" + number))
                        .header("Authorization", "Bearer sandbox-access-token").build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            } catch (java.io.IOException | InterruptedException e) {
                throw new CarrierUnavailableException("UPS sandbox: " + e.getClass().getSimpleName());
            }
        };
        PollWorker worker = new PollWorker(shipments, c -> Optional.of(client), new QueuePublisher(sqs, queues.rawEvents()), policy,
                StallRule.defaults(), metrics, clock, millis -> { });
        Normalizer normalizer = new Normalizer(CarrierRegistry.load(), new EventLog(dynamo, tables.events(), Duration.ofDays(30)), shipments,
                new QueuePublisher(sqs, queues.statusChanges()),
                new MarketplaceOrders(new OrderRepository(dynamo, tables.orders()), shipments, clock), policy, metrics, clock);

        int pushed = 0;
        Instant end = START.plus(Duration.ofDays(3)).plus(Duration.ofHours(3));
        for (; clock.now.isBefore(end); clock.now = clock.now.plus(step)) {
            List<UpsSandbox.Scan> sofar = new ArrayList<>();
            for (UpsSandbox.Scan s : LIFE) {
                if (!s.local().toInstant(s.offset()).isAfter(clock.now)) {
                    sofar.add(s);
                }
            }
            if (!sofar.isEmpty()) {
                ups.answer(tn, UpsSandbox.trackResponse(tn, "20261204", sofar));
            }
            while (pushes && pushed < sofar.size()) {
                process(normalizer, RawEvent.json("ups", "webhook", clock.now, "t", UpsSandbox.push(tn, sofar.get(pushed++), "20261204")));
            }
            scheduler.run(100);
            for (var m : drain(sqs, queues.pollWork())) {
                worker.process(Json.read(m, PollWorkMessage.class));
            }
            for (var m : drain(sqs, queues.rawEvents())) {
                process(normalizer, Json.read(m, RawEvent.class));
            }
            drain(sqs, queues.statusChanges());
        }
        if (shipments.find(id).map(s -> s.status() != io.kargotakip.core.shipment.TrackingStatus.DELIVERED).orElse(true)) {
            throw new IllegalStateException("the lifecycle's shipment did not end delivered" + (pushes ? " (with pushes)" : " (polls only)"));
        }
        return calls[0];
    }

    private static void process(Normalizer normalizer, RawEvent raw) {
        try {
            normalizer.process(raw);
        } catch (io.kargotakip.core.carrier.PayloadException e) {
            throw new IllegalStateException("the lifecycle's payload was refused: " + e.getMessage());
        }
    }

    private static List<String> drain(SqsClient sqs, String url) {
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

    static String report(Result r) {
        return String.format(java.util.Locale.ROOT, "carrier API calls per shipment lifecycle (3 days, label to delivered, UPS sandbox): "
                + "%d with pushes of every scan, %d with polls only; a naive poll every 2 hours makes %d", r.withPushes(), r.pollsOnly(), Result.NAIVE);
    }
}
