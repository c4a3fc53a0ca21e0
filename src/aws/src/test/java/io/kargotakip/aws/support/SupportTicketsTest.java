package io.kargotakip.aws.support;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsSink;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.support.HelpdeskForm;
import io.kargotakip.core.support.TicketClassifier;
import io.kargotakip.core.support.TicketCsv;
import io.kargotakip.core.support.TicketEvent;
import io.kargotakip.core.support.ZendeskTicketEvents;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets classified, linked through the shipments and orders tables on dynalite, and written to a recording sink. */
class SupportTicketsTest {

    static final Instant RECEIVED = Instant.parse("2026-12-02T18:00:00Z");
    static final ShipmentId UPS = new ShipmentId("ups", "1Z999AA10123456784");
    static final Set<String> CARRIERS = Set.of("aras", "mng", "ups", "yurtici");
    static DynamoDbClient dynamo;
    static ShipmentRepository shipments;
    static OrderRepository orders;

    /** The analytics sink of the test: keeps what it is given; {@code losing} answers every record lost. */
    static final class RecordingSink implements AnalyticsSink {
        final List<AnalyticsRecord> written = new ArrayList<>();
        boolean losing;

        @Override
        public int write(List<AnalyticsRecord> records) {
            if (losing) {
                return records.size();
            }
            written.addAll(records);
            return 0;
        }
    }

    RecordingSink sink;
    SupportTickets tickets;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        TableNames names = TableNames.withPrefix("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, names);
        shipments = new ShipmentRepository(dynamo, names.shipments());
        orders = new OrderRepository(dynamo, names.orders());
        Customer ayse = new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr");
        // the Zendesk sample's parcel, of the merchant's order 100234
        orders.save(new Order("WEB-100234", "100234", "web", ayse, Consent.none(), List.of(UPS), RECEIVED));
        shipments.register(UPS, "WEB-100234", RECEIVED);
        // an order of two parcels, and a Trendyol order
        orders.save(new Order("WEB-100240", "100240", "web", ayse, Consent.none(),
                List.of(new ShipmentId("aras", "3001234567"), new ShipmentId("aras", "3001234568")), RECEIVED));
        orders.save(new Order("TY-1", "7788990011", "trendyol", ayse, Consent.none(), List.of(new ShipmentId("yurtici", "114455667788")), RECEIVED));
    }

    @BeforeEach
    void fresh() {
        sink = new RecordingSink();
        tickets = new SupportTickets(TicketClassifier.builtIn(), shipments, CARRIERS, orders, sink, "modax",
                new Metrics("webhook-receiver", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
    }

    /** The payload samples of the core module's parser tests (surefire runs in this module's folder). */
    static byte[] sample(String name) throws Exception {
        return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../core/src/test/resources/support", name));
    }

    @Test
    void aZendeskTicketQuotingATrackingNumberIsLinkedToThatShipmentAndItsOrder() throws Exception {
        TicketEvent created = ZendeskTicketEvents.parse(sample("zendesk-ticket-created.json")).orElseThrow();

        SupportTickets.Outcome outcome = tickets.record(List.of(created));

        assertThat(outcome).isEqualTo(new SupportTickets.Outcome(1, 1, 1, 0));
        AnalyticsRecord r = sink.written.get(0);
        assertThat(r.kind()).isEqualTo(AnalyticsRecord.Kind.TICKET);
        assertThat(r.ticket()).isEqualTo(AnalyticsRecord.ticketKey("zendesk", "5158"));
        assertThat(r.source()).isEqualTo("zendesk");
        assertThat(r.state()).isEqualTo("created");
        assertThat(r.wismo()).isTrue();
        assertThat(r.brand()).isEqualTo("modax");
        assertThat(r.occurredAt()).isEqualTo(Instant.parse("2026-12-01T09:58:02.135Z"));
        assertThat(r.localDate()).hasToString("2026-12-01");
        assertThat(r.shipment()).isEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999AA10123456784"));
        assertThat(r.orderRef()).isEqualTo(AnalyticsRecord.orderKey("WEB-100234"));
        // no tracking number, order number or text in the record
        assertThat(r.toString()).doesNotContain("1Z999AA10123456784", "100234", "nerede");
    }

    @Test
    void aReplayedEventAndEveryLaterReplyWriteTheSameIdsAndOnlyCreatedCarriesWismo() throws Exception {
        TicketEvent created = ZendeskTicketEvents.parse(sample("zendesk-ticket-created.json")).orElseThrow();
        TicketEvent reply = ZendeskTicketEvents.parse(sample("zendesk-comment-added-agent.json")).orElseThrow();
        TicketEvent laterReply = new TicketEvent(reply.ticket(), reply.step(), reply.at().plusSeconds(3600));
        TicketEvent solved = ZendeskTicketEvents.parse(sample("zendesk-status-changed-solved.json")).orElseThrow();

        tickets.record(List.of(created, reply));
        tickets.record(List.of(created, laterReply, solved));

        List<AnalyticsRecord> w = sink.written;
        assertThat(w).hasSize(5);
        assertThat(w.get(2).id()).isEqualTo(w.get(0).id());
        assertThat(w.get(3).id()).isEqualTo(w.get(1).id()).isNotEqualTo(w.get(0).id());
        assertThat(w.get(3).occurredAt()).isEqualTo(w.get(1).occurredAt().plusSeconds(3600));
        assertThat(w.stream().map(AnalyticsRecord::ticket).distinct()).containsExactly(AnalyticsRecord.ticketKey("zendesk", "5158"));
        assertThat(w.get(1).state()).isEqualTo("first_response");
        assertThat(w.get(4).state()).isEqualTo("solved");
        assertThat(w.get(4).occurredAt()).isEqualTo(Instant.parse("2026-12-02T08:05:00Z"));
        assertThat(w.get(1).wismo()).isNull();
        assertThat(w.get(1).shipment()).isNull();
        assertThat(w.get(4).wismo()).isNull();
    }

    @Test
    void anOrderNumberGivenLinksTheOrderAndItsOnlyShipment() throws Exception {
        TicketEvent event = HelpdeskForm.parse("helpdesk", ("{\"ticket_id\":\"HD-1\",\"event\":\"created\",\"at\":\"2026-12-01T10:00:00Z\","
                + "\"subject\":\"Soru\",\"body\":\"Merhaba\",\"order_no\":\"100234\"}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        tickets.record(List.of(event));

        AnalyticsRecord r = sink.written.get(0);
        assertThat(r.orderRef()).isEqualTo(AnalyticsRecord.orderKey("WEB-100234"));
        assertThat(r.shipment()).isEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999AA10123456784"));
        assertThat(r.wismo()).isFalse();
        assertThat(r.source()).isEqualTo("helpdesk");
    }

    @Test
    void anOrderOfSeveralParcelsIsLinkedWithoutGuessingTheShipment() throws Exception {
        TicketEvent event = HelpdeskForm.parse("freshdesk", ("{\"ticket_id\":\"42\",\"event\":\"created\","
                + "\"subject\":\"Sipariş no 100240 nerede kaldı\",\"body\":\"kargom nerede\"}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        SupportTickets.Outcome outcome = tickets.record(List.of(event));

        assertThat(outcome.linked()).isEqualTo(1);
        AnalyticsRecord r = sink.written.get(0);
        assertThat(r.orderRef()).isEqualTo(AnalyticsRecord.orderKey("WEB-100240"));
        assertThat(r.shipment()).isNull();
        assertThat(r.wismo()).isTrue();
        assertThat(r.occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aMarketplacesOrderNumberFindsTheMarketplaceOrder() throws Exception {
        TicketEvent event = HelpdeskForm.parse("helpdesk", ("{\"ticket_id\":\"HD-2\",\"event\":\"created\",\"at\":\"2026-12-01T10:00:00Z\","
                + "\"order_no\":\"7788990011\"}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        tickets.record(List.of(event));

        assertThat(sink.written.get(0).orderRef()).isEqualTo(AnalyticsRecord.orderKey("TY-1"));
        assertThat(sink.written.get(0).shipment()).isEqualTo(AnalyticsRecord.shipmentKey("yurtici", "114455667788"));
    }

    @Test
    void numbersWeDoNotKnowLinkNothing() throws Exception {
        TicketEvent event = HelpdeskForm.parse("helpdesk", ("{\"ticket_id\":\"HD-3\",\"event\":\"created\",\"at\":\"2026-12-01T10:00:00Z\","
                + "\"body\":\"Sipariş no 555555 için 1Z999AA10999999999 numaralı kargom nerede?\",\"order_no\":\"999999\","
                + "\"tracking_number\":\"1Z999AA10000000000\"}").getBytes(StandardCharsets.UTF_8), RECEIVED);

        SupportTickets.Outcome outcome = tickets.record(List.of(event));

        assertThat(outcome).isEqualTo(new SupportTickets.Outcome(1, 1, 0, 0));
        assertThat(sink.written.get(0).shipment()).isNull();
        assertThat(sink.written.get(0).orderRef()).isNull();
    }

    @Test
    void aCsvImportsEventsAreWrittenWithTheirOwnTimes() throws Exception {
        TicketCsv.Result csv = TicketCsv.read(new String(sample("tickets.csv"), StandardCharsets.UTF_8));

        SupportTickets.Outcome outcome = tickets.record(csv.events());

        // T-1 (kargo-nerede tag, order 100234), T-2 (a return, order 100240), T-6 (the UPS parcel)
        assertThat(outcome).isEqualTo(new SupportTickets.Outcome(6, 2, 3, 0));
        assertThat(sink.written).extracting(r -> r.state() + " " + r.occurredAt()).containsExactly(
                "created 2026-11-30T08:00:00Z", "first_response 2026-11-30T09:15:00Z", "solved 2026-11-30T16:00:00Z",
                "created 2026-11-30T07:00:00Z", "created 2026-11-30T13:00:00Z", "solved 2026-12-01T09:00:00Z");
        assertThat(sink.written).allSatisfy(r -> assertThat(r.source()).isEqualTo("csv"));
        assertThat(sink.written.get(3).wismo()).isFalse();
        assertThat(sink.written.get(4).shipment()).isEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999AA10123456784"));
    }

    @Test
    void whatTheSinkLostIsAnswered() throws Exception {
        sink.losing = true;
        TicketEvent created = ZendeskTicketEvents.parse(sample("zendesk-ticket-created.json")).orElseThrow();

        assertThat(tickets.record(List.of(created)).lost()).isEqualTo(1);
        assertThat(tickets.record(List.of()).lost()).isZero();
    }
}
