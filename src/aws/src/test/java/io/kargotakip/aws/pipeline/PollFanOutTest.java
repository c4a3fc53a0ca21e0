package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.MovableClock;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.CarrierQuotas;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.carriers.manual.ManualStatuses;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.StallRule;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller's fan-out on the emulators, with a clock the test moves: the scheduler queues one message per
 * carrier call — batched, spread to the carrier's rate, within its daily quota, only for configured carriers,
 * through the marketplace for parcels known only there — and the worker makes the call, queues what is new and
 * sets the next poll by the parcel's state, or says it is stalled.
 */
class PollFanOutTest {

    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    /** Tuesday 1 December 2026, 10:00 in Istanbul. */
    static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    /** A test carrier with a profile; its settings say whether it is configured. */
    record Carrier(String id, int batch, CarrierProfile.RateLimit rate) implements CarrierAdapter {
        @Override
        public String displayName() {
            return id;
        }

        @Override
        public List<TrackingEvent> parse(byte[] payload) {
            return List.of();
        }

        @Override
        public CarrierProfile profile() {
            return new CarrierProfile(Optional.of("REST"), Optional.empty(), batch, rate, "token", "tracking number", List.of("token"));
        }
    }


    DynamoDbClient dynamo;
    SqsClient sqs;
    TableNames tables;
    KargoQueues.Urls queues;
    ShipmentRepository shipments;
    MovableClock clock;
    Map<String, String> settings;

    @BeforeEach
    void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
        shipments = new ShipmentRepository(dynamo, tables.shipments());
        clock = new MovableClock(NOW);
        settings = new java.util.HashMap<>(Map.of("KARGO_CARRIER_BATCHY_TOKEN", "t", "KARGO_CARRIER_DAILY_TOKEN", "t",
                "KARGO_CARRIER_MARKET_TOKEN", "t"));
    }

    PollScheduler scheduler(CarrierAdapter... carriers) {
        return new PollScheduler(shipments, CarrierRegistry.of(carriers), id -> new CarrierSettings(id, settings::get),
                new CarrierQuotas(dynamo, tables.shipments()), new QueuePublisher(sqs, queues.pollWork()), PollPolicy.defaults(),
                Duration.ofMinutes(5), METRICS, clock);
    }

    ShipmentId due(String carrier, String number) {
        ShipmentId id = new ShipmentId(carrier, number);
        shipments.register(id, "O-" + number, NOW.minusSeconds(60));
        return id;
    }

    List<PollWorkMessage> receiveVisible() {
        List<PollWorkMessage> found = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(queues.pollWork()).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return found;
            }
            batch.forEach(m -> {
                found.add(Json.read(m.body(), PollWorkMessage.class));
                sqs.deleteMessage(b -> b.queueUrl(queues.pollWork()).receiptHandle(m.receiptHandle()));
            });
        }
    }

    @Test
    void dueShipmentsBecomeOneMessagePerCallInTheCarriersBatchesSpreadAtItsRate() throws Exception {
        Carrier batchy = new Carrier("batchy", 3, CarrierProfile.RateLimit.perSecond(1));
        List<ShipmentId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(due("batchy", "B" + i));
        }
        due("batchy", "LATER").trackingNumber();
        shipments.schedulePoll(new ShipmentId("batchy", "LATER"), NOW.plus(Duration.ofHours(1)));

        PollScheduler.Summary summary = scheduler(batchy).run(100);

        assertThat(summary.due()).isEqualTo(7);
        assertThat(summary.calls()).as("7 shipments in batches of 3").isEqualTo(3);
        // one call a second: the first is visible at once, the others later
        List<PollWorkMessage> now = receiveVisible();
        assertThat(now).hasSize(1);
        List<PollWorkMessage> all = new ArrayList<>(now);
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (all.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            all.addAll(receiveVisible());
        }
        assertThat(all).hasSize(3);
        assertThat(all).allSatisfy(m -> {
            assertThat(m.source()).isEqualTo("batchy");
            assertThat(m.keys()).hasSameSizeAs(m.shipments());
            assertThat(m.gapMillis()).isEqualTo(1000);
        });
        assertThat(all.stream().flatMap(m -> m.keys().stream())).containsExactlyInAnyOrderElementsOf(
                ids.stream().map(ShipmentId::trackingNumber).toList());
        // leased: the next run does not queue them again
        assertThat(scheduler(batchy).run(100).calls()).isZero();
        assertThat(shipments.nextPoll(ids.get(0)).orElseThrow()).isAfter(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aDailyQuotaIsNeverExceededAndWhatIsOverItWaitsForTheNextUtcDay() {
        Carrier daily = new Carrier("daily", 1, new CarrierProfile.RateLimit(100, 3));
        List<ShipmentId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(due("daily", "D" + i));
        }

        PollScheduler.Summary first = scheduler(daily).run(100);

        assertThat(first.calls()).isEqualTo(3);
        assertThat(first.deferred()).isEqualTo(2);
        assertThat(new CarrierQuotas(dynamo, tables.shipments()).used("daily", LocalDate.of(2026, 12, 1))).isEqualTo(3);
        List<Instant> deferredTo = ids.stream().map(id -> shipments.nextPoll(id).orElseThrow())
                .filter(t -> !t.isBefore(Instant.parse("2026-12-02T00:00:00Z"))).toList();
        assertThat(deferredTo).hasSize(2);

        // the quota holds across runs: an hour later, nothing more today
        clock.now = NOW.plus(Duration.ofHours(1));
        ids.forEach(id -> shipments.schedulePoll(id, clock.now.minusSeconds(1)));
        assertThat(scheduler(daily).run(100).calls()).isZero();
        // the next UTC day the quota is fresh
        clock.now = Instant.parse("2026-12-02T00:10:00Z");
        assertThat(scheduler(daily).run(100).calls()).isEqualTo(3);
    }

    @Test
    void aCarrierOverrideOfItsRateIsHonoured() {
        Carrier daily = new Carrier("daily", 1, new CarrierProfile.RateLimit(100, 3));
        settings.put("KARGO_CARRIER_DAILY_RATE_PER_DAY", "1");
        due("daily", "O1");
        due("daily", "O2");

        assertThat(scheduler(daily).run(100).calls()).isEqualTo(1);
    }

    @Test
    void anUnconfiguredCarrierIsNotCalledAndLooksAgainLater() {
        Carrier unconfigured = new Carrier("nokeys", 1, CarrierProfile.RateLimit.perSecond(5));
        ShipmentId id = due("nokeys", "N1");

        PollScheduler.Summary summary = scheduler(unconfigured).run(100);

        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.calls()).isZero();
        assertThat(receiveVisible()).isEmpty();
        assertThat(shipments.nextPoll(id).orElseThrow()).isEqualTo(NOW.plus(PollPolicy.DEFAULT_INTERVAL));
    }

    @Test
    void aParcelKnownOnlyThroughAMarketplaceIsAskedThereUnlessItsCarrierCanBePolled() {
        Carrier market = new Carrier("market", 50, CarrierProfile.RateLimit.perSecond(10));
        Carrier nokeys = new Carrier("nokeys", 1, CarrierProfile.RateLimit.perSecond(5));
        Carrier batchy = new Carrier("batchy", 3, CarrierProfile.RateLimit.perSecond(10));
        ShipmentId viaMarket = new ShipmentId("nokeys", "TEX1");
        ShipmentId polledDirect = new ShipmentId("batchy", "YK1");
        shipments.registerVia(viaMarket, "market-9001", "market", "9001", "market:p1", NOW.minusSeconds(5));
        shipments.registerVia(polledDirect, "market-9002", "market", "9002", "market:p2", NOW.minusSeconds(5));

        scheduler(market, nokeys, batchy).run(100);

        List<PollWorkMessage> messages = receiveVisible();
        assertThat(messages).extracting(PollWorkMessage::source).containsExactlyInAnyOrder("market", "batchy");
        assertThat(messages).filteredOn(m -> m.source().equals("market")).singleElement()
                .satisfies(m -> assertThat(m.keys()).containsExactly("9001"));
        assertThat(messages).filteredOn(m -> m.source().equals("batchy")).singleElement()
                .satisfies(m -> assertThat(m.keys()).containsExactly("YK1"));
    }

    // ---- the worker -----------------------------------------------------------------------------

    PollWorker worker(TrackingClient client, List<Long> pauses) {
        return new PollWorker(shipments, source -> Optional.of(client), new QueuePublisher(sqs, queues.rawEvents()),
                PollPolicy.defaults(), StallRule.defaults(), METRICS, clock, pauses::add);
    }

    List<RawEvent> rawEvents() {
        List<RawEvent> found = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(queues.rawEvents()).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return found;
            }
            batch.forEach(m -> {
                found.add(Json.read(m.body(), RawEvent.class));
                sqs.deleteMessage(b -> b.queueUrl(queues.rawEvents()).receiptHandle(m.receiptHandle()));
            });
        }
    }

    @Test
    void theWorkerQueuesANewAnswerOnceAndSetsTheNextPollByTheParcelsState() {
        ShipmentId id = due("batchy", "W1");
        ShipmentState state = shipments.find(id).orElseThrow();
        shipments.saveIfUnchanged(new ShipmentState(id, "O-W1", TrackingStatus.OUT_FOR_DELIVERY, null, NOW.minusSeconds(600),
                null, null, null, null, state.version()));
        TrackingClient client = n -> ("{\"n\":\"" + n + "\",\"scan\":1}").getBytes(StandardCharsets.UTF_8);
        PollWorkMessage work = new PollWorkMessage("t1", "batchy", List.of(id.toString()), List.of("W1"), 1000);

        PollWorker.Outcome first = worker(client, new ArrayList<>()).process(work);
        PollWorker.Outcome second = worker(client, new ArrayList<>()).process(work);

        assertThat(first.queued()).isTrue();
        assertThat(second.unchanged()).isTrue();
        List<RawEvent> queued = rawEvents();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).source()).isEqualTo("batchy");
        assertThat(queued.get(0).via()).isEqualTo("poll");
        assertThat(shipments.nextPoll(id).orElseThrow()).as("out for delivery: half an hour")
                .isEqualTo(NOW.plus(PollPolicy.DEFAULT_DELIVERY_DAY));
    }

    @Test
    void aBatchCallAsksEachKeyOnceAndPacesCallsToTheSameCarrier() {
        ShipmentId a = due("market", "P1");
        ShipmentId b = due("market", "P2");
        List<List<String>> asked = new ArrayList<>();
        TrackingClient client = new TrackingClient() {
            @Override
            public byte[] fetch(String n) {
                asked.add(List.of(n));
                return n.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public int batchSize() {
                return 50;
            }

            @Override
            public byte[] fetchAll(List<String> keys) {
                asked.add(keys);
                return String.join(",", keys).getBytes(StandardCharsets.UTF_8);
            }
        };
        List<Long> pauses = new ArrayList<>();
        PollWorker worker = worker(client, pauses);

        worker.process(new PollWorkMessage("t", "market", List.of(a.toString(), b.toString()), List.of("ORDER-9", "ORDER-9"), 500));
        worker.process(new PollWorkMessage("t", "market", List.of(a.toString()), List.of("ORDER-8"), 500));

        assertThat(asked).containsExactly(List.of("ORDER-9"), List.of("ORDER-8"));
        assertThat(pauses).as("the second call waits for the carrier's gap (the clock did not move)").containsExactly(500L);
    }

    @Test
    void aBatchAnswerTooBigForAQueueMessageIsAskedAgainInHalvesEachQueued() {
        List<ShipmentId> ids = List.of(due("batchy", "B1"), due("batchy", "B2"), due("batchy", "B3"), due("batchy", "B4"));
        List<List<String>> asked = new ArrayList<>();
        TrackingClient client = new TrackingClient() {
            @Override
            public byte[] fetch(String n) {
                return fetchAll(List.of(n));
            }

            @Override
            public int batchSize() {
                return 20;
            }

            @Override
            public byte[] fetchAll(List<String> keys) {
                asked.add(keys);
                // each key's history is a third of the most a message holds: four are too many, two fit
                return (String.join(",", keys) + "x".repeat(keys.size() * RawEvent.MAX_PAYLOAD_BYTES / 3)).getBytes(StandardCharsets.UTF_8);
            }
        };

        PollWorker.Outcome outcome = worker(client, new ArrayList<>()).process(new PollWorkMessage("t", "batchy",
                ids.stream().map(ShipmentId::toString).toList(), List.of("B1", "B2", "B3", "B4"), 0));

        assertThat(outcome.queued()).isTrue();
        assertThat(asked).containsExactly(List.of("B1", "B2", "B3", "B4"), List.of("B1", "B2"), List.of("B3", "B4"));
        assertThat(rawEvents()).hasSize(2).allSatisfy(e -> assertThat(e.payload().length).isLessThanOrEqualTo(RawEvent.MAX_PAYLOAD_BYTES));
    }

    @Test
    void anAnswerIsQueuedWithTheContentTypeItCameWith() {
        ShipmentId id = due("batchy", "C1");
        TrackingClient client = new TrackingClient() {
            @Override
            public byte[] fetch(String n) {
                return ask(List.of(n)).body();
            }

            @Override
            public Answer ask(List<String> keys) {
                return new Answer("<a>Ş</a>".getBytes(java.nio.charset.Charset.forName("windows-1254")), "text/xml; charset=windows-1254");
            }
        };

        worker(client, new ArrayList<>()).process(new PollWorkMessage("t", "batchy", List.of(id.toString()), List.of("C1"), 0));

        List<RawEvent> queued = rawEvents();
        assertThat(queued).extracting(RawEvent::contentType).containsExactly("text/xml; charset=windows-1254");
        assertThat(new String(queued.get(0).payload(), java.nio.charset.Charset.forName("windows-1254"))).isEqualTo("<a>Ş</a>");
    }

    @Test
    void aCarrierThatCannotAnswerIsAskedAgainSoonAndNothingIsQueued() {
        ShipmentId id = due("batchy", "F1");
        AtomicInteger calls = new AtomicInteger();
        TrackingClient down = n -> {
            calls.incrementAndGet();
            throw new CarrierUnavailableException("batchy answered HTTP 503");
        };

        PollWorker.Outcome outcome = worker(down, new ArrayList<>())
                .process(new PollWorkMessage("t", "batchy", List.of(id.toString()), List.of("F1"), 1));

        assertThat(outcome.failed()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(rawEvents()).isEmpty();
        assertThat(shipments.nextPoll(id).orElseThrow()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aParcelWithNothingNewForTwentyFourBusinessHoursGetsADelayedEvent() throws Exception {
        ShipmentId id = due("batchy", "S1");
        // last scan Friday 27 November 2026 10:00 Istanbul; the answer does not change since
        Instant lastScan = Instant.parse("2026-11-27T07:00:00Z");
        ShipmentState state = shipments.find(id).orElseThrow();
        shipments.saveIfUnchanged(new ShipmentState(id, "O-S1", TrackingStatus.IN_TRANSIT, null, lastScan, "ANKARA", "Transfer",
                null, null, state.version()));
        TrackingClient same = n -> "{\"same\":true}".getBytes(StandardCharsets.UTF_8);
        PollWorkMessage work = new PollWorkMessage("t", "batchy", List.of(id.toString()), List.of("S1"), 1);
        worker(same, new ArrayList<>()).process(work);
        rawEvents();

        PollWorker.Outcome outcome = worker(same, new ArrayList<>()).process(work);

        assertThat(outcome.stalled()).isEqualTo(1);
        List<RawEvent> queued = rawEvents();
        assertThat(queued).singleElement().satisfies(raw -> assertThat(raw.source()).isEqualTo(ManualStatuses.ID));
        List<TrackingEvent> events = new ManualStatuses().parse(queued.get(0).payload());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.shipmentId()).isEqualTo(id);
            assertThat(e.status()).isEqualTo(TrackingStatus.DELAYED);
            assertThat(e.carrierCode()).isEqualTo(StallRule.CODE);
            // Friday 8 h + Saturday 9 h + (Sunday off) Monday 7 h: Monday 30 November 16:00 Istanbul
            assertThat(e.occurredAt().toInstant()).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
        });
    }
}
