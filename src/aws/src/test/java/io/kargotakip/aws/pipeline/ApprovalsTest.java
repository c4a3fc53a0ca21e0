package io.kargotakip.aws.pipeline;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.Links;
import io.kargotakip.core.template.Brand;
import io.kargotakip.channels.email.SesEmailChannel;
import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.rules.RuleBook;
import io.kargotakip.aws.rules.RulesSource;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.ProposalEdit;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.TicketRequest;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automation levels: in manual and semi-automatic mode the rules propose what is not automatic; operations approve
 * (it goes, its fallbacks timed from then) or reject it; a proposal the shipment moved past expires, one waiting long
 * alerts operations once. Full automation proposes nothing. Before approving, operations may edit a proposal (a note,
 * fewer links, another percent): every channel of its chain says the edit, and it still waits until approved.
 */
class ApprovalsTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static KargoQueues.Urls queues;
    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "ap" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    final NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    final Map<ShipmentId, ShipmentState> shipments = new HashMap<>();

    RuleEvaluation evaluation(Path dir, String automation, Instant now) throws Exception {
        return evaluationOf(dir, """
                version: 1
                settings:
                  automation: %s
                kinds: [shipped, delivered]
                rules:
                  - id: shipped
                    when: {status: in_transit}
                    then: [{send: shipped}]
                  - id: delivered
                    when: {status: delivered}
                    then: [{send: delivered}]
                """.formatted(automation), now);
    }

    RuleEvaluation evaluationOf(Path dir, String rules, Instant now) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, rules);
        return new RuleEvaluation(new RuleBook(RulesSource.file(file), Duration.ofMinutes(1), Clock.systemUTC(), line -> { }),
                new RuleEvaluation.Stores(new OrderRepository(dynamo, tables.orders()), notifications,
                        new EventLog(dynamo, tables.events(), Duration.ofDays(30))),
                new QueuePublisher(sqs, queues.outbound()), METRICS, Clock.fixed(now, ZoneOffset.UTC),
                new RuleContext.BrandSettings("ModaX", QuietHours.NONE, FallbackChain.parse("email,whatsapp@2h")), OperationsActions.LOGGED);
    }

    Approvals approvals(Instant now) {
        return new Approvals(notifications, id -> Optional.ofNullable(shipments.get(id)), new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static ShipmentId shipment() {
        return new ShipmentId("ups", "1ZAP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    static StatusChange change(ShipmentId shipment, String orderId, TrackingStatus status, String at) {
        return new StatusChange(shipment, orderId, null, status, null, OffsetDateTime.parse(at).toInstant(), null, null, null, "k|" + at);
    }

    String order(ShipmentId shipment) {
        String id = "AP-" + UUID.randomUUID().toString().substring(0, 8);
        new OrderRepository(dynamo, tables.orders()).save(new Order(id, "2001", "web", new Customer("Can", "can@example.com", "+905321112244", "tr"),
                new Consent(true, false, true, false, NOW), List.of(shipment), NOW));
        return id;
    }

    List<String> drainOutbound() {
        List<String> ids = new ArrayList<>();
        while (true) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(queues.outbound()).maxNumberOfMessages(10)).messages();
            if (batch.isEmpty()) {
                return ids;
            }
            for (var m : batch) {
                ids.add(Json.read(m.body(), Envelope.OutboundMessage.class).notificationId());
                sqs.deleteMessage(b -> b.queueUrl(queues.outbound()).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void semi_automatic_sends_the_listed_kinds_and_proposes_the_others_which_go_once_approved_with_their_fallbacks_timed_from_then(
            @TempDir Path dir) throws Exception {
        drainOutbound();
        ShipmentId shipment = shipment();
        String orderId = order(shipment);
        RuleEvaluation evaluation = evaluation(dir, "{mode: semi, automatic: [shipped]}", NOW);

        assertThat(evaluation.process(new Envelope.StatusChangeMessage("t", change(shipment, orderId, TrackingStatus.IN_TRANSIT,
                "2026-12-01T10:00:00+03:00")))).extracting(i -> i.kind().templateName()).containsExactly("shipped");
        for (int i = 0; i < 3; i++) {
            assertThat(evaluation.process(new Envelope.StatusChangeMessage("t", change(shipment, orderId, TrackingStatus.DELIVERED,
                    "2026-12-02T11:00:00+03:00")))).as("proposed, not queued").isEmpty();
        }
        drainOutbound();
        String delivered = NotificationIntent.idFor(shipment, MessageKind.DELIVERED, "email");
        String whatsapp = NotificationIntent.idFor(shipment, MessageKind.DELIVERED, "whatsapp");
        assertThat(approvals(NOW).waiting(100)).filteredOn(w -> w.shipment().equals(shipment.toString()))
                .singleElement().satisfies(w -> {
                    assertThat(w.notificationId()).isEqualTo(delivered);
                    assertThat(w.kind()).isEqualTo("delivered");
                    assertThat(w.status()).isEqualTo("delivered");
                });
        assertThat(notifications.claim(whatsapp, NOW.plus(Duration.ofDays(3)), Duration.ofMinutes(2))).as("the fallback waits too").isFalse();

        Instant approvedAt = NOW.plus(Duration.ofHours(1));
        assertThat(approvals(approvedAt).approve(delivered, "ayse.ops")).isEqualTo(Approvals.Outcome.APPROVED);
        assertThat(drainOutbound()).containsExactly(delivered);
        assertThat(approvals(approvedAt).approve(delivered, "ayse.ops")).as("decided once").isEqualTo(Approvals.Outcome.NOT_WAITING);
        assertThat(approvals(approvedAt).waiting(100)).noneMatch(w -> w.notificationId().equals(delivered));
        assertThat(notifications.claim(whatsapp, approvedAt.plus(Duration.ofMinutes(119)), Duration.ofMinutes(2))).isFalse();
        assertThat(notifications.claim(whatsapp, approvedAt.plus(Duration.ofHours(2)), Duration.ofMinutes(2)))
                .as("two hours after the approval").isTrue();
    }

    @Test
    void a_rejected_proposal_never_goes_nor_do_its_fallbacks(@TempDir Path dir) throws Exception {
        ShipmentId shipment = shipment();
        String orderId = order(shipment);
        evaluation(dir, "{mode: manual}", NOW).process(new Envelope.StatusChangeMessage("t",
                change(shipment, orderId, TrackingStatus.IN_TRANSIT, "2026-12-01T10:00:00+03:00")));
        String shipped = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "email");

        assertThat(approvals(NOW).reject(shipped, "mehmet.ops")).isEqualTo(Approvals.Outcome.REJECTED);
        assertThat(notifications.find(shipped).orElseThrow().state()).isEqualTo(NotificationRepository.State.SUPPRESSED);
        assertThat(notifications.find(NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "whatsapp")).orElseThrow().state())
                .isEqualTo(NotificationRepository.State.SUPPRESSED);
        assertThat(approvals(NOW).approve(shipped, "mehmet.ops")).isEqualTo(Approvals.Outcome.NOT_WAITING);
    }

    @Test
    void full_automation_proposes_nothing(@TempDir Path dir) throws Exception {
        ShipmentId shipment = shipment();
        String orderId = order(shipment);
        assertThat(evaluation(dir, "{mode: full}", NOW).process(new Envelope.StatusChangeMessage("t",
                change(shipment, orderId, TrackingStatus.DELIVERED, "2026-12-02T11:00:00+03:00")))).hasSize(1);
    }

    @Test
    void a_proposal_the_shipment_moved_past_expires_and_one_waiting_long_alerts_operations_once(@TempDir Path dir) throws Exception {
        ShipmentId movedOn = shipment();
        ShipmentId waiting = shipment();
        RuleEvaluation evaluation = evaluation(dir, "{mode: manual, alert_after: 2h, expire_after: 1d}", NOW);
        evaluation.process(new Envelope.StatusChangeMessage("t", change(movedOn, order(movedOn), TrackingStatus.IN_TRANSIT, "2026-12-02T10:00:00+03:00")));
        evaluation.process(new Envelope.StatusChangeMessage("t", change(waiting, order(waiting), TrackingStatus.IN_TRANSIT, "2026-12-02T10:00:00+03:00")));
        shipments.put(movedOn, new ShipmentState(movedOn, null, TrackingStatus.DELIVERED, null, Instant.parse("2026-12-02T10:00:00Z"),
                null, null, null, null, 3));
        List<String> alerts = new ArrayList<>();
        Operations ops = new Operations() {
            @Override
            public String openTicket(TicketRequest request) {
                return null;
            }

            @Override
            public void alert(AlertRequest request) {
                alerts.add(request.text());
            }

            @Override
            public Set<String> destinations() {
                return Set.of(Operations.WEBHOOK);
            }
        };
        var automation = new io.kargotakip.core.rules.RuleSettings.Automation("manual", Set.of(), Duration.ofHours(2), Duration.ofDays(1));

        approvals(NOW.plus(Duration.ofHours(3))).sweep(automation, ops, 500);
        approvals(NOW.plus(Duration.ofHours(4))).sweep(automation, ops, 500);

        assertThat(notifications.find(NotificationIntent.idFor(movedOn, MessageKind.SHIPPED, "email")).orElseThrow().state())
                .isEqualTo(NotificationRepository.State.SUPPRESSED);
        assertThat(alerts).filteredOn(a -> a.contains(waiting.toString())).hasSize(1);
        assertThat(alerts).noneMatch(a -> a.contains("can@example.com"));

        approvals(NOW.plus(Duration.ofHours(25))).sweep(automation, ops, 500);
        assertThat(notifications.find(NotificationIntent.idFor(waiting, MessageKind.SHIPPED, "email")).orElseThrow().state())
                .as("not approved within a day").isEqualTo(NotificationRepository.State.SUPPRESSED);
    }

    static final Brand BRAND = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek",
            "tr", "link-secret-for-tests-only");

    /** The sender's path: the dispatcher with the SES channel on the SES emulator and the built-in templates. */
    Dispatcher sender() {
        var email = new SesEmailChannel(AwsClients.client(SesV2Client.builder(), Emulators.shared().ses()), BRAND.fromEmail(), null);
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), Map.of("email", email),
                new MessageComposer(TemplateCatalog.builtIn(), BRAND, c -> "UPS"), METRICS, Clock.systemUTC());
    }

    /** The mail the SES emulator received with this message id. */
    static JsonNode sentMail(String messageId) throws Exception {
        String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Emulators.shared().sesStore()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode m : Json.MAPPER.readTree(store).path("emails")) {
            if (m.path("messageId").asText().equals(messageId)) {
                return m;
            }
        }
        throw new AssertionError("no mail " + messageId + " in the SES emulator");
    }

    @Test
    void an_edited_proposal_still_waits_and_once_approved_goes_with_the_last_edits_note_and_links_over_every_channel(@TempDir Path dir)
            throws Exception {
        ShipmentId shipment = shipment();
        String orderId = order(shipment);
        evaluationOf(dir, """
                version: 1
                settings:
                  automation: {mode: manual}
                kinds: [delivered]
                rules:
                  - id: delivered
                    when: {status: delivered}
                    then: [{send: delivered}, {offer: [nps_survey, return_exchange]}]
                """, NOW).process(new Envelope.StatusChangeMessage("t", change(shipment, orderId, TrackingStatus.DELIVERED,
                "2026-12-02T11:00:00+03:00")));
        String email = NotificationIntent.idFor(shipment, MessageKind.DELIVERED, "email");
        String whatsapp = NotificationIntent.idFor(shipment, MessageKind.DELIVERED, "whatsapp");
        Instant editedAt = NOW.plus(Duration.ofMinutes(5));

        Approvals.Edit first = approvals(NOW).edit(email, "mehmet.ops", new ProposalEdit("İlk not", List.of(), null));
        assertThat(first.outcome()).isEqualTo(Approvals.Outcome.EDITED);
        assertThat(first.waiting().links()).isEmpty();
        String note = "  Can Bey, paketiniz kapıcıya <Ahmet Efendi> bırakıldı.\nİyi günler & teşekkürler!  ";
        Approvals.Edit last = approvals(editedAt).edit(email, "ayse.ops", new ProposalEdit(note, List.of("nps_survey"), null));
        assertThat(last.outcome()).isEqualTo(Approvals.Outcome.EDITED);
        String trimmed = "Can Bey, paketiniz kapıcıya <Ahmet Efendi> bırakıldı.\nİyi günler & teşekkürler!";
        assertThat(approvals(editedAt).waiting(500)).filteredOn(w -> w.notificationId().equals(email)).singleElement().satisfies(w -> {
            assertThat(w.note()).isEqualTo(trimmed);
            assertThat(w.links()).containsExactly("nps_survey");
            assertThat(w.offered()).containsExactly("nps_survey", "return_exchange");
            assertThat(w.editedBy()).isEqualTo("ayse.ops");
            assertThat(w.editedAt()).isEqualTo(editedAt);
        });
        assertThat(last.waiting()).isEqualTo(approvals(editedAt).waiting(500).stream().filter(w -> w.notificationId().equals(email))
                .findFirst().orElseThrow());
        assertThat(notifications.find(email).orElseThrow().state()).as("an edit does not approve").isEqualTo(NotificationRepository.State.PROPOSED);
        assertThat(notifications.find(whatsapp).orElseThrow().intent().details()).as("the fallback says the same").satisfies(d -> {
            assertThat(d.note()).isEqualTo(trimmed);
            assertThat(d.links()).containsExactly("nps_survey");
        });

        drainOutbound();
        assertThat(approvals(NOW.plus(Duration.ofMinutes(10))).approve(email, "ayse.ops")).isEqualTo(Approvals.Outcome.APPROVED);
        assertThat(drainOutbound()).containsExactly(email);
        assertThat(sender().process(new Envelope.OutboundMessage("t", email))).isEqualTo(Dispatcher.Outcome.SENT);
        JsonNode mail = sentMail(notifications.find(email).orElseThrow().providerMessageId());
        Links links = new Links(BRAND);
        assertThat(mail.path("body").path("text").asText()).contains(trimmed).contains(links.click(email, "anket")).doesNotContain("/iade")
                .doesNotContain("İlk not");
        assertThat(mail.path("body").path("html").asText()).contains("paketiniz kapıcıya &lt;Ahmet Efendi&gt; bırakıldı.\nİyi günler &amp; teşekkürler!")
                .contains(links.click(email, "anket")).doesNotContain("/iade");
    }

    @Test
    void a_bad_edit_changes_nothing_and_a_proposal_that_no_longer_waits_cannot_be_edited(@TempDir Path dir) throws Exception {
        ShipmentId shipment = shipment();
        String orderId = order(shipment);
        evaluation(dir, "{mode: manual}", NOW).process(new Envelope.StatusChangeMessage("t",
                change(shipment, orderId, TrackingStatus.IN_TRANSIT, "2026-12-01T10:00:00+03:00")));
        String shipped = NotificationIntent.idFor(shipment, MessageKind.SHIPPED, "email");
        NotificationIntent before = notifications.find(shipped).orElseThrow().intent();

        Approvals.Edit tooLong = approvals(NOW).edit(shipped, "ayse.ops", new ProposalEdit("ç".repeat(501), null, null));
        assertThat(tooLong.outcome()).isEqualTo(Approvals.Outcome.INVALID);
        assertThat(tooLong.problem()).isEqualTo("note: at most 500 characters (it has 501)");
        assertThat(approvals(NOW).edit(shipped, "ayse.ops", new ProposalEdit("ok", List.of("reschedule"), null)).problem())
                .startsWith("links: \"reschedule\" is not offered by this message");
        assertThat(approvals(NOW).edit(shipped, "ayse.ops", new ProposalEdit("ok", null, 15)).problem())
                .isEqualTo("discountPercent: this message carries no discount");
        assertThat(notifications.find(shipped).orElseThrow().intent()).as("nothing changed").isEqualTo(before);
        assertThat(notifications.proposal(shipped).orElseThrow().editedBy()).isNull();

        assertThat(approvals(NOW).approve(shipped, "ayse.ops")).isEqualTo(Approvals.Outcome.APPROVED);
        assertThat(approvals(NOW).edit(shipped, "ayse.ops", new ProposalEdit("geç kaldı", null, null)).outcome())
                .isEqualTo(Approvals.Outcome.NOT_WAITING);
        assertThat(notifications.find(shipped).orElseThrow().intent()).isEqualTo(before);
        assertThat(approvals(NOW).edit(NotificationIntent.idFor(shipment(), MessageKind.SHIPPED, "email"), "ayse.ops",
                new ProposalEdit("yok", null, null)).outcome()).as("never proposed").isEqualTo(Approvals.Outcome.NOT_WAITING);
        drainOutbound();
    }

    @Test
    void a_changed_percent_draws_a_code_of_that_percent_once_and_the_rules_percent_gives_the_rules_code_back() {
        DiscountCodes codes = new DiscountCodes(dynamo, tables.discountCodes());
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        codes.importCodes(10, List.of("ON-" + run + "-1", "ON-" + run + "-2"));
        codes.importCodes(15, List.of("OND-" + run + "-1", "OND-" + run + "-2", "OND-" + run + "-3"));
        ShipmentId shipment = shipment();
        String occurrence = shipment + "/delay_apology_discount/delay=1";
        String ruleCode = codes.draw(10, occurrence, NOW).orElseThrow();
        StatusChange delayed = new StatusChange(shipment, order(shipment), null, TrackingStatus.DELAYED, null, NOW, null, null, null, "k");
        NotificationIntent apology = NotificationIntent.of(delayed, MessageKind.fromTemplateName("delay_apology"), "email", "",
                new NotificationIntent.Details("delay_apology_discount", occurrence, List.of("support"), 10, ruleCode, null));
        NotificationIntent whatsapp = apology.over("whatsapp", "");
        notifications.createHeld(whatsapp, Instant.parse("9999-12-31T00:00:00Z"), List.of(apology.notificationId()), List.of(), NOW);
        notifications.createProposed(apology, NOW, List.of(whatsapp.notificationId()), List.of(Duration.ofHours(2).toMillis()));
        Approvals approvals = new Approvals(notifications, id -> Optional.empty(), new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.fixed(NOW, ZoneOffset.UTC), codes);

        Approvals.Edit fifteen = approvals.edit(apology.notificationId(), "ayse.ops", new ProposalEdit(null, null, 15));
        assertThat(fifteen.outcome()).isEqualTo(Approvals.Outcome.EDITED);
        assertThat(fifteen.waiting().discountPercent()).isEqualTo(15);
        assertThat(fifteen.waiting().discountCode()).startsWith("OND-" + run);
        assertThat(codes.remaining(15)).isEqualTo(2);
        assertThat(approvals.edit(apology.notificationId(), "ayse.ops", new ProposalEdit("yine", null, 15)).waiting().discountCode())
                .as("the same percent again: the same code").isEqualTo(fifteen.waiting().discountCode());
        assertThat(codes.remaining(15)).isEqualTo(2);
        assertThat(notifications.find(whatsapp.notificationId()).orElseThrow().intent().details().discountCode())
                .isEqualTo(fifteen.waiting().discountCode());

        Approvals.Edit back = approvals.edit(apology.notificationId(), "ayse.ops", new ProposalEdit(null, null, 10));
        assertThat(back.waiting().discountCode()).as("the rule's own").isEqualTo(ruleCode);
        assertThat(codes.remaining(10)).isEqualTo(1);
        Approvals.Edit dry = approvals.edit(apology.notificationId(), "ayse.ops", new ProposalEdit(null, null, 83));
        assertThat(dry.outcome()).isEqualTo(Approvals.Outcome.INVALID);
        assertThat(dry.problem()).startsWith("discountPercent: the pool of 83 % has no code left");
        assertThat(notifications.find(apology.notificationId()).orElseThrow().intent().details().discountCode()).isEqualTo(ruleCode);
        assertThat(new Approvals(notifications, id -> Optional.empty(), new QueuePublisher(sqs, queues.outbound()), METRICS,
                Clock.fixed(NOW, ZoneOffset.UTC)).edit(apology.notificationId(), "x", new ProposalEdit(null, null, 15)).problem())
                .startsWith("discountPercent: cannot be changed here");
    }
}
