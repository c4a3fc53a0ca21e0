package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.address.AddressCheck;
import io.kargotakip.core.calendar.BusinessCalendar;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The self-service tests' stack: tables of their own on the shared dynalite, the stores, a recording operations desk, a
 * {@link SelfService} at a fixed time, and shipments with their orders.
 */
final class SelfServiceStack {

    static final Duration TIMELINE = Duration.ofDays(180);

    /** Operations that record the alerts, or are down (retryable) while {@code down}. */
    static final class Desk implements Operations {
        final List<AlertRequest> alerts = new ArrayList<>();
        boolean down;

        @Override
        public String openTicket(TicketRequest request) {
            return null;
        }

        @Override
        public void alert(AlertRequest request) throws OperationsException {
            if (down) {
                throw new OperationsException("503 from the webhook", true, null, Set.of(Operations.WEBHOOK), null);
            }
            alerts.add(request);
        }

        @Override
        public Set<String> destinations() {
            return Set.of(Operations.EMAIL, Operations.WEBHOOK);
        }
    }

    private static DynamoDbClient sharedDynamo;
    private static TableNames sharedTables;

    /** One set of tables for all the self-service tests: every test makes its own shipments. */
    private static synchronized void createTables() {
        if (sharedTables == null) {
            sharedDynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
            sharedTables = TableNames.withPrefix("ss" + UUID.randomUUID().toString().substring(0, 8) + "-");
            KargoTables.createAll(sharedDynamo, sharedTables);
        }
    }

    final DynamoDbClient dynamo;
    final TableNames tables;
    final Instant now;
    /** The stack's customer, of all its orders: her own, so an erasure test takes nothing of another test's. */
    final String email = "ayse." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    final Desk desk = new Desk();
    final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    final Metrics metrics;
    final SelfServiceLog log;
    final ShipmentRepository shipments;
    final OrderRepository orders;
    final SelfService service;

    SelfServiceStack(Instant now) {
        this(now, SelfService.Settings.DEFAULTS);
    }

    SelfServiceStack(Instant now, SelfService.Settings settings) {
        this.now = now;
        createTables();
        dynamo = sharedDynamo;
        tables = sharedTables;
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        metrics = new Metrics("test", new PrintStream(emf, true, StandardCharsets.UTF_8), clock);
        log = new SelfServiceLog(dynamo, tables.shipments(), TIMELINE);
        shipments = new ShipmentRepository(dynamo, tables.shipments());
        orders = new OrderRepository(dynamo, tables.orders());
        service = new SelfService(log, shipments, orders, new EventLog(dynamo, tables.events(), Duration.ofDays(30)), desk, metrics, clock,
                AddressCheck.builtIn(), BusinessCalendar.turkishCarriers(), settings);
    }

    /** A shipment of a new order ({@code 5xxx}, {@code WEB-…}), with {@code status} (null: not scanned yet). */
    ShipmentId shipment(TrackingStatus status) {
        String n = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ShipmentId id = new ShipmentId("yurtici", "YK" + n);
        orders.save(new Order("WEB-" + n, "5" + n.substring(0, 3), "web", new Customer("Ayşe", email, "+905321112233", "tr"),
                Consent.none(), List.of(id), now));
        shipments.register(id, "WEB-" + n, now.plus(Duration.ofHours(1)));
        if (status != null) {
            moveTo(id, status);
        }
        return id;
    }

    void moveTo(ShipmentId id, TrackingStatus status) {
        ShipmentState s = shipments.find(id).orElseThrow();
        Map<TrackingStatus, Integer> occurrences = new java.util.EnumMap<>(TrackingStatus.class);
        occurrences.putAll(s.occurrences());
        occurrences.merge(status, 1, Integer::sum);
        if (!shipments.saveIfUnchanged(new ShipmentState(id, s.orderId(), status, null, now, null, null, null, null, s.version(), occurrences))) {
            throw new IllegalStateException("the test's shipment changed under it");
        }
    }

    String orderNo(ShipmentId id) {
        return orders.find(shipments.find(id).orElseThrow().orderId()).orElseThrow().orderNo();
    }

    String metricsLine() {
        metrics.flush();
        return emf.toString(StandardCharsets.UTF_8);
    }
}
