package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.rules.RulesSource;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.rules.RuleEngine;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brand's rules run in the pipeline: the rule evaluation builds each change's context from the stores (the
 * order's sale, the shipment's history, its messages so far), runs the rules in force, stores what they send (held
 * when a rule delays it) and raises their alerts and tickets — each once per occurrence under any replay.
 */
class MerchantRulesTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());

    /** Records what the rules raised, as a helpdesk and a chat would receive it. */
    static final class RecordingOperations implements OperationsActions {
        final List<String> alerts = new ArrayList<>();
        final List<String> tickets = new ArrayList<>();

        @Override
        public String alert(Decision decision, Decision.Alert alert, RuleContext context) {
            alerts.add(decision.ruleId() + ": " + alert.text());
            return "posted";
        }

        @Override
        public String ticket(Decision decision, Decision.Ticket ticket, RuleContext context) {
            tickets.add(ticket.priority() + " " + ticket.subject());
            return "ticket-" + tickets.size();
        }
    }

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "mr" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    final NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    final EventLog events = new EventLog(dynamo, tables.events(), Duration.ofDays(30));
    final RecordingOperations operations = new RecordingOperations();

    RuleEvaluation evaluation(Supplier<RuleEngine> rules, Instant now) {
        return new RuleEvaluation(rules, new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()), notifications, events,
                        new io.kargotakip.aws.store.DiscountCodes(dynamo, tables.discountCodes()),
                        new io.kargotakip.aws.store.DailyCaps(dynamo, tables.shipments())),
                new QueuePublisher(sqs, queues.outbound()), METRICS, Clock.fixed(now, ZoneOffset.UTC),
                new RuleContext.BrandSettings("ModaX", QuietHours.NONE, FallbackChain.NONE), operations);
    }

    static ShipmentId shipment() {
        return new ShipmentId("yurtici", "YK" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    /** An order of a customer of its own (the daily cap counts per customer). */
    static Order order(ShipmentId shipment, Purchase purchase) {
        return order(shipment, purchase, "ayse-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    static Order order(ShipmentId shipment, Purchase purchase, String email) {
        String id = "MR-" + UUID.randomUUID().toString().substring(0, 8);
        Order order = new Order(id, "1001", "web", new Customer("Ayşe", email, "+905321112233", "tr"),
                new Consent(true, true, true, false, Instant.parse("2026-11-01T00:00:00Z")), List.of(shipment),
                Instant.parse("2026-11-28T10:00:00Z"), purchase);
        new OrderRepository(dynamo, tables.orders()).save(order);
        return order;
    }

    static Purchase purchase(BigDecimal cod, Set<String> categories, Set<String> segments) {
        return new Purchase(new BigDecimal("1249.90"), "TRY", cod, categories, segments, null);
    }

    static StatusChange change(ShipmentId shipment, Order order, TrackingStatus status, Reason reason, String at, LocalDate eta, int occurrence) {
        return new StatusChange(shipment, order.orderId(), null, status, reason, OffsetDateTime.parse(at).toInstant(), "İzmir", null, eta,
                shipment + "|" + status.wireName() + "|" + at, occurrence);
    }

    /** Each change delivered three times: the queue's at-least-once. */
    static List<NotificationIntent> replayed(RuleEvaluation evaluation, StatusChange... changes) {
        List<NotificationIntent> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (StatusChange change : changes) {
                queued.addAll(evaluation.process(new Envelope.StatusChangeMessage("t", change)));
            }
        }
        return queued;
    }

    @Test
    void a_vip_s_second_failed_attempt_opens_one_ticket_and_sends_the_support_message_once_under_replays() {
        ShipmentId shipment = shipment();
        Order order = order(shipment, purchase(null, Set.of(), Set.of("vip")));
        RuleEvaluation evaluation = evaluation(RuleBook.defaults(), Instant.parse("2026-12-02T09:00:00Z"));

        List<NotificationIntent> queued = replayed(evaluation,
                change(shipment, order, TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T11:00:00+03:00", null, 1),
                change(shipment, order, TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T11:00:00+03:00", null, 2));

        assertThat(queued).extracting(i -> i.kind().templateName()).containsExactly("failed_attempt", "vip_support");
        NotificationIntent support = queued.get(1);
        assertThat(support.details().ruleId()).isEqualTo("vip_failed_attempt_support");
        assertThat(support.details().links()).containsExactly("support", "reschedule");
        assertThat(support.notificationId()).isNotEqualTo(NotificationIntent.idFor(shipment,
                io.kargotakip.core.notification.MessageKind.fromTemplateName("vip_support"), "email", 1));
        assertThat(operations.tickets).hasSize(1);
        assertThat(operations.tickets.get(0)).startsWith("high ").contains("attempt 2").doesNotContain("Ayşe");
        assertThat(notifications.ofShipment(shipment, Instant.parse("2026-12-02T09:00:00Z")))
                .extracting(RuleContext.SentMessage::occurrenceKey)
                .containsExactlyInAnyOrder(shipment + "/failed_attempt/attempt=1", shipment + "/vip_failed_attempt_support/attempt=2");
    }

    @Test
    void cash_on_delivery_out_for_delivery_at_dawn_is_held_until_eight_in_the_morning_with_the_confirmation_link() {
        ShipmentId shipment = shipment();
        Order order = order(shipment, purchase(new BigDecimal("249.90"), Set.of(), Set.of()));
        Instant dawn = Instant.parse("2026-12-02T03:30:00Z"); // 06:30 in İstanbul
        RuleEvaluation evaluation = evaluation(RuleBook.defaults(), dawn);

        List<NotificationIntent> queued = replayed(evaluation,
                change(shipment, order, TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T06:25:00+03:00", LocalDate.parse("2026-12-02"), 1));

        assertThat(queued).as("nothing goes before 08:00").isEmpty();
        String id = NotificationIntent.idFor(shipment, io.kargotakip.core.notification.MessageKind.fromTemplateName("cod_delivery_day"), "email",
                "day=2026-12-02");
        NotificationRepository.Stored held = notifications.find(id).orElseThrow();
        assertThat(held.state()).isEqualTo(NotificationRepository.State.DEFERRED);
        assertThat(held.intent().details().links()).containsExactly("cod_confirmation");
        assertThat(notifications.claim(id, Instant.parse("2026-12-02T04:59:00Z"), Duration.ofMinutes(2))).as("07:59").isFalse();
        assertThat(notifications.claim(id, Instant.parse("2026-12-02T05:00:00Z"), Duration.ofMinutes(2))).as("08:00").isTrue();
    }

    @Test
    void an_insufficient_address_gets_the_new_address_form_and_a_delay_of_a_day_the_apology_with_the_category_s_discount() {
        ShipmentId shipment = shipment();
        Order order = order(shipment, purchase(null, Set.of("electronics"), Set.of()));
        // the first ETA the customer was told: 1 December, from the label's scan
        events.begin(new TrackingEvent(shipment.carrier(), shipment.trackingNumber(), TrackingStatus.LABEL_CREATED, null,
                OffsetDateTime.parse("2026-11-29T10:00:00+03:00"), "İstanbul", "0", null, LocalDate.parse("2026-12-01")), Instant.now());
        RuleEvaluation evaluation = evaluation(RuleBook.defaults(), Instant.parse("2026-12-03T09:00:00Z"));

        List<NotificationIntent> queued = replayed(evaluation,
                change(shipment, order, TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T15:00:00+03:00", null, 1),
                change(shipment, order, TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-03T10:00:00+03:00", LocalDate.parse("2026-12-04"), 1));

        assertThat(queued).extracting(i -> i.kind().templateName()).containsExactly("address_problem");
        assertThat(queued.get(0).details().links()).containsExactly("new_address");
        // the default rules' automation is semi: an apology that gives a discount waits for operations' approval
        NotificationRepository.Stored apology = notifications.find(NotificationIntent.idFor(shipment,
                io.kargotakip.core.notification.MessageKind.fromTemplateName("delay_apology"), "email", "")).orElseThrow();
        assertThat(apology.state()).isEqualTo(NotificationRepository.State.PROPOSED);
        assertThat(apology.intent().details().discountPercent()).as("electronics' margin limit").isEqualTo(5);
    }

    @Test
    void each_apology_draws_its_own_single_use_code_from_the_pool_and_a_replay_gets_the_same_one_back() {
        var codes = new io.kargotakip.aws.store.DiscountCodes(dynamo, tables.discountCodes());
        codes.importCodes(15, List.of("OZUR15-AAAA", "OZUR15-BBBB", "OZUR15-CCCC"));
        RuleEvaluation evaluation = evaluation(RuleBook.defaults(), Instant.parse("2026-12-04T09:00:00Z"));
        List<String> drawn = new ArrayList<>();
        for (int parcel = 0; parcel < 2; parcel++) {
            ShipmentId shipment = shipment();
            Order order = order(shipment, new Purchase(new BigDecimal("3999"), "TRY", null, Set.of(), Set.of(), "high"));
            // the first ETA the customer was told, 2 December, from the label's scan
            events.begin(new TrackingEvent(shipment.carrier(), shipment.trackingNumber(), TrackingStatus.LABEL_CREATED, null,
                    OffsetDateTime.parse("2026-11-30T10:00:00+03:00"), "İstanbul", "0", null, LocalDate.parse("2026-12-02")), Instant.now());
            replayed(evaluation, change(shipment, order, TrackingStatus.DELAYED, Reason.OTHER,
                    "2026-12-04T10:00:00+03:00", LocalDate.parse("2026-12-05"), 1));
            // proposed (semi-automatic): the code is drawn with the decision, so the approved message carries it
            NotificationIntent apology = notifications.find(NotificationIntent.idFor(shipment,
                    io.kargotakip.core.notification.MessageKind.fromTemplateName("delay_apology"), "email", "")).orElseThrow().intent();
            assertThat(apology.details().discountPercent()).as("the high CLTV band's").isEqualTo(15);
            drawn.add(apology.details().discountCode());
        }
        assertThat(drawn).doesNotContainNull().doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).startsWith("OZUR15-"));
        assertThat(codes.remaining(15)).isEqualTo(1);
    }

    @Test
    void a_parcel_of_an_order_sent_in_three_tells_how_many_of_them_are_delivered() {
        var shipments = new io.kargotakip.aws.store.ShipmentRepository(dynamo, tables.shipments());
        List<ShipmentId> parcels = List.of(shipment(), shipment(), shipment());
        String id = "MR-S-" + UUID.randomUUID().toString().substring(0, 8);
        Order order = new Order(id, "1003", "web", new Customer("Ayşe", "split-" + id + "@example.com", null, "tr"),
                new Consent(true, false, false, false, Instant.parse("2026-11-01T00:00:00Z")), parcels,
                Instant.parse("2026-11-28T10:00:00Z"), Purchase.NONE);
        new OrderRepository(dynamo, tables.orders()).save(order);
        parcels.forEach(p -> shipments.register(p, id, Instant.parse("2026-12-01T00:00:00Z")));
        RuleEvaluation evaluation = new RuleEvaluation(RuleBook.defaults(), new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()),
                notifications, events, null, null, shipments, null), new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC),
                new RuleContext.BrandSettings("ModaX", QuietHours.NONE, FallbackChain.NONE), operations);

        NotificationIntent first = replayed(evaluation, change(parcels.get(0), order, TrackingStatus.DELIVERED, null,
                "2026-12-02T11:00:00+03:00", null, 1)).get(0);
        // the normalizer wrote the first parcel delivered; the second arrives now
        var state = shipments.find(parcels.get(0)).orElseThrow();
        shipments.saveIfUnchanged(new io.kargotakip.core.shipment.ShipmentState(state.id(), id, TrackingStatus.DELIVERED, null,
                Instant.parse("2026-12-02T08:00:00Z"), null, null, null, null, state.version()));
        NotificationIntent second = replayed(evaluation, change(parcels.get(1), order, TrackingStatus.DELIVERED, null,
                "2026-12-02T11:30:00+03:00", null, 1)).get(0);

        assertThat(first.details().parcels()).isEqualTo(new NotificationIntent.Parcels(1, 3));
        assertThat(second.details().parcels()).isEqualTo(new NotificationIntent.Parcels(2, 3));
        assertThat(notifications.find(second.notificationId()).orElseThrow().intent().details().parcels()).as("stored with the message")
                .isEqualTo(new NotificationIntent.Parcels(2, 3));
    }

    @Test
    void an_exception_alerts_operations_once_however_often_it_is_delivered() {
        ShipmentId shipment = shipment();
        Order order = order(shipment, purchase(null, Set.of(), Set.of()));
        replayed(evaluation(RuleBook.defaults(), Instant.parse("2026-12-02T09:00:00Z")),
                change(shipment, order, TrackingStatus.EXCEPTION, Reason.DAMAGED, "2026-12-02T11:00:00+03:00", null, 1));
        assertThat(operations.alerts).hasSize(1);
        assertThat(operations.alerts.get(0)).startsWith("exception_alert: ").contains(shipment.toString()).doesNotContain("Ayşe");
    }

    @Test
    void the_brand_s_own_rules_file_is_what_the_pipeline_runs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                version: 1
                kinds: [delivered]
                rules:
                  # marketplace orders hear from the marketplace: nothing from us
                  - id: quiet_for_marketplaces
                    when: {marketplace: [trendyol, hepsiburada]}
                    then: [{suppress: {reason: the marketplace tells its customers}}]
                  - id: delivered
                    when: {status: delivered}
                    then: [{send: delivered}]
                """);
        RuleBook book = new RuleBook(RulesSource.file(file), Duration.ofMinutes(1), Clock.systemUTC(), line -> { });
        RuleEvaluation evaluation = evaluation(book, Instant.parse("2026-12-02T09:00:00Z"));

        ShipmentId web = shipment();
        Order webOrder = order(web, Purchase.NONE);
        ShipmentId marketplace = shipment();
        Order trendyol = new Order("MR-T-" + UUID.randomUUID().toString().substring(0, 6), "TY-1", "trendyol",
                webOrder.customer(), webOrder.consent(), List.of(marketplace), webOrder.createdAt());
        new OrderRepository(dynamo, tables.orders()).save(trendyol);

        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t",
                change(web, webOrder, TrackingStatus.DELIVERED, null, "2026-12-02T11:00:00+03:00", null, 1))))
                .extracting(i -> i.details().ruleId()).containsExactly("delivered");
        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t",
                change(marketplace, trendyol, TrackingStatus.DELIVERED, null, "2026-12-02T11:00:00+03:00", null, 1)))).isEmpty();
        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t",
                change(web, webOrder, TrackingStatus.IN_TRANSIT, null, "2026-12-01T11:00:00+03:00", null, 1))))
                .as("this brand sends no shipped message").isEmpty();
    }

    @Test
    void out_for_delivery_waits_ten_minutes_so_a_delivered_within_them_is_told_instead() {
        ShipmentId shipment = shipment();
        Order order = order(shipment, Purchase.NONE);
        Instant arrived = Instant.parse("2026-12-02T09:00:00Z");
        List<NotificationIntent> out = replayed(evaluation(RuleBook.defaults(), arrived),
                change(shipment, order, TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T11:58:00+03:00", null, 1));
        List<NotificationIntent> delivered = replayed(evaluation(RuleBook.defaults(), arrived.plusSeconds(300)),
                change(shipment, order, TrackingStatus.DELIVERED, null, "2026-12-02T12:04:00+03:00", null, 1));

        assertThat(out).as("held for the coalescing window").isEmpty();
        assertThat(delivered).extracting(i -> i.kind().templateName()).containsExactly("delivered");
        String held = NotificationIntent.idFor(shipment, io.kargotakip.core.notification.MessageKind.OUT_FOR_DELIVERY, "email", "");
        assertThat(notifications.find(held).orElseThrow().state()).isEqualTo(NotificationRepository.State.DEFERRED);
        assertThat(notifications.claim(held, arrived.plusSeconds(599), Duration.ofMinutes(2))).isFalse();
        // when its time comes the sender finds the shipment delivered since, and drops it (Dispatcher: superseded)
        assertThat(notifications.claim(held, arrived.plusSeconds(600), Duration.ofMinutes(2))).isTrue();
    }

    @Test
    void a_customer_hears_from_us_at_most_the_daily_cap_but_a_failed_attempt_always_goes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                version: 1
                settings:
                  frequency: {daily_cap: 2}
                kinds: [delivered, failed_attempt]
                rules:
                  - id: delivered
                    when: {status: delivered}
                    then: [{send: delivered}]
                  - id: failed_attempt
                    when: {status: failed_attempt}
                    then: [{send: failed_attempt}]
                """);
        RuleEvaluation evaluation = evaluation(new RuleBook(RulesSource.file(file), Duration.ofMinutes(1), Clock.systemUTC(), line -> { }),
                Instant.parse("2026-12-02T09:00:00Z"));
        // one customer (the same e-mail address), four parcels of four orders on one day
        String customer = "capped-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<NotificationIntent> queued = new ArrayList<>();
        for (int parcel = 0; parcel < 3; parcel++) {
            ShipmentId shipment = shipment();
            Order order = order(shipment, Purchase.NONE, customer);
            queued.addAll(replayed(evaluation, change(shipment, order, TrackingStatus.DELIVERED, null, "2026-12-02T11:00:00+03:00", null, 1)));
        }
        ShipmentId late = shipment();
        Order lateOrder = order(late, Purchase.NONE, customer);
        queued.addAll(replayed(evaluation, change(late, lateOrder, TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT,
                "2026-12-02T11:30:00+03:00", null, 1)));

        assertThat(queued).extracting(i -> i.kind().templateName()).containsExactly("delivered", "delivered", "failed_attempt");
    }
}
