package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.store.DailyTally;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.rules.RuleSettings;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules that run on time, in the pipeline: a status change leaves the shipment's next wake-up in the due-wakes index,
 * the schedule finds it there without a scan, and each time rule's occurrence is looked at once however often the
 * schedule runs; operations' daily summary and exception report go once a day, from the day's tally.
 */
class TimeRulesTest {

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
        String prefix = "tr" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    /** The test's clock, moved by hand. */
    static final class Hands extends Clock {
        Instant now;

        Hands(String local) {
            set(local);
        }

        void set(String local) {
            now = OffsetDateTime.parse(local + ":00+03:00").toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    final EventLog events = new EventLog(dynamo, tables.events(), Duration.ofDays(30));
    final ShipmentRepository shipments = new ShipmentRepository(dynamo, tables.shipments());
    final DailyTally tally = new DailyTally(dynamo, tables.shipments());
    final MerchantRulesTest.RecordingOperations operations = new MerchantRulesTest.RecordingOperations();

    RuleEvaluation evaluation(Clock clock) {
        return new RuleEvaluation(RuleBook.defaults(), new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()), notifications,
                events, new io.kargotakip.aws.store.DiscountCodes(dynamo, tables.discountCodes()),
                new io.kargotakip.aws.store.DailyCaps(dynamo, tables.shipments()), shipments, tally),
                new QueuePublisher(sqs, queues.outbound()), METRICS, clock,
                new RuleContext.BrandSettings("ModaX", QuietHours.NONE, FallbackChain.NONE), operations);
    }

    /** A shipment as the normalizer leaves it: linked to its order, in its latest status. */
    ShipmentId shipment(Order order, TrackingStatus status, Reason reason, String localTime, LocalDate eta) {
        ShipmentId id = order.shipments().get(0);
        shipments.register(id, order.orderId(), Instant.parse("2026-12-01T00:00:00Z"));
        ShipmentState state = shipments.find(id).orElseThrow();
        assertThat(shipments.saveIfUnchanged(new ShipmentState(id, order.orderId(), status, reason, local(localTime), "İzmir", null, eta,
                eta == null ? null : local(localTime), state.version(), Map.of(status, 1)))).isTrue();
        return id;
    }

    static Instant local(String localTime) {
        return OffsetDateTime.parse(localTime + ":00+03:00").toInstant();
    }

    static Order order(BigDecimal cod) {
        ShipmentId id = new ShipmentId("yurtici", "YK" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Order order = new Order("TR-" + UUID.randomUUID().toString().substring(0, 8), "7001", "web",
                new Customer("Ayşe", "ayse-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com", null, "tr"),
                new Consent(true, false, false, false, Instant.parse("2026-11-01T00:00:00Z")), List.of(id),
                Instant.parse("2026-11-28T10:00:00Z"), new Purchase(new BigDecimal("749.90"), "TRY", cod, Set.of(), Set.of(), null));
        new OrderRepository(dynamo, tables.orders()).save(order);
        return order;
    }

    static StatusChange change(ShipmentId id, Order order, TrackingStatus status, Reason reason, String localTime, LocalDate eta) {
        return new StatusChange(id, order.orderId(), null, status, reason, local(localTime), "İzmir", null, eta,
                id + "|" + status.wireName() + "|" + localTime, 1);
    }

    boolean due(ShipmentId id, Instant at) {
        return shipments.findWakes(at, 10_000).contains(id);
    }

    @Test
    void the_cash_on_delivery_morning_message_goes_at_eight_on_the_eta_day_once_however_often_the_schedule_runs() {
        Order order = order(new BigDecimal("749.90"));
        LocalDate eta = LocalDate.parse("2026-12-02");
        ShipmentId id = shipment(order, TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", eta);
        Hands clock = new Hands("2026-12-01T15:01");
        RuleEvaluation evaluation = evaluation(clock);

        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.IN_TRANSIT, null,
                "2026-12-01T15:00", eta)))).extracting(i -> i.kind().templateName()).containsExactly("shipped");
        assertThat(due(id, local("2026-12-02T07:59"))).as("not before 08:00").isFalse();
        assertThat(due(id, local("2026-12-02T08:00"))).isTrue();

        clock.set("2026-12-02T08:02");
        evaluation.wake(100);
        evaluation.wake(100);
        clock.set("2026-12-02T08:07");
        evaluation.wake(100);

        String morning = NotificationIntent.idFor(id, MessageKind.fromTemplateName("cod_delivery_day"), "email", "day=2026-12-02");
        NotificationRepository.Stored stored = notifications.find(morning).orElseThrow();
        assertThat(stored.intent().details().ruleId()).isEqualTo("cod_delivery_morning");
        assertThat(stored.intent().details().links()).containsExactly("cod_confirmation");
        assertThat(notifications.ofShipment(id, clock.instant())).extracting(RuleContext.SentMessage::kind)
                .containsExactlyInAnyOrder("shipped", "cod_delivery_day");
        assertThat(due(id, local("2026-12-03T08:00"))).as("the morning is told: nothing more to wake for").isFalse();

        // the courier's out-for-delivery scan at 09:30 is the same day's message: the same id, not sent again
        clock.set("2026-12-02T09:31");
        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.OUT_FOR_DELIVERY, null,
                "2026-12-02T09:30", eta)))).isEmpty();
        assertThat(notifications.ofShipment(id, clock.instant())).extracting(RuleContext.SentMessage::kind)
                .containsExactlyInAnyOrder("shipped", "cod_delivery_day");
    }

    @Test
    void a_parcel_no_carrier_scanned_for_48_business_hours_alerts_operations_once_and_lands_in_the_exception_report() {
        Order order = order(null);
        ShipmentId id = shipment(order, TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", null);
        Hands clock = new Hands("2026-12-01T10:01");
        RuleEvaluation evaluation = evaluation(clock);
        evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", null)));

        assertThat(due(id, local("2026-12-07T12:59"))).isFalse();
        assertThat(due(id, local("2026-12-07T13:00"))).as("Tuesday 10:00 + 48 business hours: Monday 13:00").isTrue();
        clock.set("2026-12-07T13:04");
        evaluation.wake(100);
        evaluation.wake(100);

        assertThat(operations.alerts).hasSize(1);
        assertThat(operations.alerts.get(0)).startsWith("stalled_shipment: ").contains(id.toString())
                .contains("no scan for 48h of business hours").doesNotContain("Ayşe");
        assertThat(due(id, local("2026-12-31T00:00"))).as("this spell is told").isFalse();
        assertThat(tally.read(LocalDate.parse("2026-12-07")).exceptions())
                .contains(id + " stalled_shipment (in_transit), order 7001");

        // a new scan starts a new spell: the wake-up moves with it
        shipment(order, TrackingStatus.IN_TRANSIT, null, "2026-12-07T14:00", null);
        clock.set("2026-12-07T14:01");
        evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.IN_TRANSIT, null, "2026-12-07T14:00", null)));
        assertThat(due(id, local("2026-12-12T16:59"))).isFalse();
        assertThat(due(id, local("2026-12-12T17:00"))).isTrue();
    }

    @Test
    void a_status_change_processed_late_does_not_move_a_newer_one_s_wake_up() {
        Order order = order(new BigDecimal("749.90"));
        LocalDate eta = LocalDate.parse("2026-12-04");
        ShipmentId id = shipment(order, TrackingStatus.DELIVERED, null, "2026-12-02T12:00", eta);
        Hands clock = new Hands("2026-12-02T12:01");
        RuleEvaluation evaluation = evaluation(clock);
        evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.DELIVERED, null, "2026-12-02T12:00", eta)));
        // the in-transit change of the day before arrives late: its 08:00 morning on the 4th must not come back
        evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", eta)));

        assertThat(due(id, local("2026-12-05T00:00"))).isFalse();
    }

    @Test
    void the_new_address_form_not_used_for_a_day_gets_a_reminder_while_the_parcel_still_waits() {
        Order order = order(null);
        ShipmentId id = shipment(order, TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T15:00", null);
        Hands clock = new Hands("2026-12-01T15:02");
        RuleEvaluation evaluation = evaluation(clock);
        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.FAILED_ATTEMPT,
                Reason.ADDRESS_PROBLEM, "2026-12-01T15:00", null)))).extracting(i -> i.kind().templateName()).containsExactly("address_problem");

        assertThat(due(id, local("2026-12-02T15:01"))).isFalse();
        assertThat(due(id, local("2026-12-02T15:02"))).isTrue();
        clock.set("2026-12-02T15:05");
        evaluation.wake(100);

        assertThat(notifications.ofShipment(id, clock.instant())).extracting(RuleContext.SentMessage::kind)
                .containsExactlyInAnyOrder("address_problem", "address_reminder");
    }

    @Test
    void the_day_s_tally_counts_what_a_change_stored_anew_and_lists_its_exception_once_under_replays() {
        Order order = order(null);
        ShipmentId id = shipment(order, TrackingStatus.EXCEPTION, Reason.DAMAGED, "2026-11-20T11:00", null);
        RuleEvaluation evaluation = evaluation(new Hands("2026-11-20T11:01"));
        for (int i = 0; i < 3; i++) {
            evaluation.process(new Envelope.StatusChangeMessage("t", change(id, order, TrackingStatus.EXCEPTION, Reason.DAMAGED,
                    "2026-11-20T11:00", null)));
        }
        DailyTally.Tally day = tally.read(LocalDate.parse("2026-11-20"));
        assertThat(day.exceptions()).filteredOn(l -> l.startsWith(id.toString()))
                .containsExactly(id + " exception (damaged), order 7001");
        assertThat(day.count("alerts")).as("the exception alert, once").isEqualTo(1);
    }

    /** Operations' destinations, as they would receive the reports. */
    static final class RecordingDesk implements Operations {
        final List<AlertRequest> alerts = new ArrayList<>();

        @Override
        public void alert(AlertRequest request) {
            alerts.add(request);
        }

        @Override
        public String openTicket(io.kargotakip.core.operations.TicketRequest request) {
            throw new UnsupportedOperationException("reports open no ticket");
        }

        @Override
        public Set<String> destinations() {
            return Set.of(EMAIL, WEBHOOK);
        }
    }

    @Test
    void operations_get_yesterday_s_summary_and_exception_report_once_after_half_past_eight() {
        // the day's tally, as the rule evaluation left it (its own day, so other tests' counts stay apart)
        LocalDate day = LocalDate.parse("2026-10-14");
        tally.add(day, Map.of("messages", 3L, "kind.delivered", 2L, "kind.failed_attempt", 1L, "channel.email", 2L, "channel.sms", 1L,
                "alerts", 1L), Set.of("yurtici:YK1 failed_attempt (recipient_absent), attempt 1, order 7001"), Instant.parse("2026-10-22T00:00:00Z"));
        tally.add(day, Map.of("messages", 1L, "kind.delivered", 1L, "channel.email", 1L),
                Set.of("yurtici:YK1 failed_attempt (recipient_absent), attempt 1, order 7001"), Instant.parse("2026-10-22T00:00:00Z"));
        Hands clock = new Hands("2026-10-15T08:29");
        Approvals approvals = new Approvals(notifications, shipments::find, new QueuePublisher(sqs, queues.outbound()), METRICS, clock);
        DailyReports reports = new DailyReports(tally, approvals, events, METRICS, clock);
        RecordingDesk desk = new RecordingDesk();

        assertThat(reports.run(RuleSettings.Reports.DEFAULT, desk)).as("08:29").isNull();
        clock.set("2026-10-15T08:35");
        assertThat(reports.run(RuleSettings.Reports.DEFAULT, desk)).isEqualTo(day);
        clock.set("2026-10-15T08:40");
        assertThat(reports.run(RuleSettings.Reports.DEFAULT, desk)).as("once a day").isNull();

        assertThat(desk.alerts).extracting(AlertRequest::key).containsExactly("daily-summary/2026-10-14", "exception-report/2026-10-14");
        assertThat(desk.alerts.get(0).targets()).containsExactlyInAnyOrder("email", "webhook");
        assertThat(desk.alerts.get(0).text()).contains("Messages decided: 4 (first channel: email 3, sms 1)")
                .contains("By kind: delivered 3, failed_attempt 1").contains("Alerts to operations: 1; helpdesk tickets: 0")
                .contains("Exceptions: 1");
        assertThat(desk.alerts.get(1).text()).contains("1 exceptions:\n- yurtici:YK1 failed_attempt (recipient_absent), attempt 1, order 7001");
        assertThat(reports.run(RuleSettings.Reports.OFF, desk)).as("reports: off").isNull();
    }
}
