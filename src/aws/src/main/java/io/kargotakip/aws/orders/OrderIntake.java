package io.kargotakip.aws.orders;

import io.kargotakip.aws.analytics.Analytics;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.ControlGroup;
import java.util.Map;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.OrderValidator;
import io.kargotakip.core.shipment.ShipmentId;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders in, from the orders API or a CSV file. All orders of one call are validated first; if any
 * is wrong, nothing is written and every problem is reported with its line (CSV) or position
 * (JSON, 1-based). Writes are idempotent puts, so a call interrupted by an outage is simply repeated.
 */
public final class OrderIntake {

    /** One wrong input: where it is and why. */
    public record Problem(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * An order read from input, with the line (or position) it came from, and what the merchant told of its shipments'
     * journeys (service, provinces, promised date: for the analytics' SLA per lane; none of it is stored with the order).
     */
    public record Numbered(int line, Order order, Map<ShipmentId, Analytics.Journey> journeys) {
        public Numbered {
            journeys = journeys == null ? Map.of() : Map.copyOf(journeys);
        }

        public Numbered(int line, Order order) {
            this(line, order, Map.of());
        }
    }

    public record Result(int orders, int shipments, List<Problem> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    private final OrderValidator validator;
    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final Metrics metrics;
    private final Clock clock;
    private final ConsentLedger ledger;
    private final Analytics analytics;
    private final ControlGroup controlGroup;

    public OrderIntake(OrderValidator validator, OrderRepository orders, ShipmentRepository shipments, Metrics metrics, Clock clock) {
        this(validator, orders, shipments, metrics, clock, null);
    }

    /** @param ledger where the consents of imported orders are recorded ({@code order-import}); null: nowhere */
    public OrderIntake(OrderValidator validator, OrderRepository orders, ShipmentRepository shipments, Metrics metrics, Clock clock,
                       ConsentLedger ledger) {
        this(validator, orders, shipments, metrics, clock, ledger, Analytics.NONE, ControlGroup.OFF);
    }

    /**
     * @param analytics    where each shipment registered is recorded, with its journey and its control-group place
     * @param controlGroup the shipments that get no proactive messages (recorded so the analytics can compare)
     */
    public OrderIntake(OrderValidator validator, OrderRepository orders, ShipmentRepository shipments, Metrics metrics, Clock clock,
                       ConsentLedger ledger, Analytics analytics, ControlGroup controlGroup) {
        this.analytics = analytics;
        this.controlGroup = controlGroup;
        this.ledger = ledger;
        this.validator = validator;
        this.orders = orders;
        this.shipments = shipments;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Every problem of the input, by line; empty when all of it can be imported. */
    public static List<Problem> validate(OrderValidator validator, List<Numbered> input, List<Problem> readProblems) {
        List<Problem> problems = new ArrayList<>(readProblems);
        for (Numbered n : input) {
            validator.problems(n.order()).forEach(p -> problems.add(new Problem(n.line(), p)));
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return problems;
    }

    /** What a submitted body (JSON or CSV) came to. */
    public sealed interface Submission {
        /** All orders stored; {@code orderIds} in the order given, each once. */
        record Stored(int orders, int shipments, List<String> orderIds) implements Submission {
            public Stored {
                orderIds = List.copyOf(orderIds);
            }
        }

        /** The body could not be read at all (not JSON, not CSV). */
        record Unreadable(String detail) implements Submission {
        }

        /** Readable, but some orders are wrong: nothing was stored. */
        record Rejected(List<Problem> problems) implements Submission {
        }
    }

    /**
     * One call of the orders API: {@code text/csv} is read as CSV, anything else as JSON (one order,
     * or {@code {"orders":[...]}}).
     */
    public Submission submit(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return new Submission.Unreadable("send one order, {\"orders\":[...]} or a CSV file");
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        OrderCsv.Read read;
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            try {
                read = OrderCsv.read(new java.io.StringReader(text), clock.instant());
            } catch (java.io.IOException e) {
                return new Submission.Unreadable("unreadable CSV: " + e.getMessage());
            }
        } else {
            OrderRequest request;
            try {
                request = io.kargotakip.aws.Json.read(text, OrderRequest.class);
            } catch (IllegalArgumentException e) {
                return new Submission.Unreadable(e.getMessage());
            }
            if (request == null) {
                return new Submission.Unreadable("the body is JSON null, not an order");
            }
            read = request.toOrders(clock.instant());
        }
        Result result = accept(read.orders(), read.problems());
        return result.accepted()
                ? new Submission.Stored(result.orders(), result.shipments(), read.orders().stream().map(n -> n.order().orderId()).distinct().toList())
                : new Submission.Rejected(result.problems());
    }

    public Result accept(List<Numbered> input, List<Problem> readProblems) {
        List<Problem> problems = validate(validator, input, readProblems);
        if (!problems.isEmpty()) {
            metrics.count("OrdersRejected", input.size());
            return new Result(0, 0, problems);
        }
        int shipmentCount = 0;
        List<AnalyticsRecord> registered = new ArrayList<>();
        for (Numbered n : input) {
            Order order = validator.resolved(n.order());
            orders.save(order);
            recordConsent(order);
            for (ShipmentId id : order.shipments()) {
                try {
                    shipments.register(id, order.orderId(), clock.instant());
                } catch (ConditionalCheckFailedException alreadyFinished) {
                    shipments.linkOrder(id, order.orderId());
                }
                shipmentCount++;
                registered.add(analytics.shipment(id, order.orderId(), order.source(), n.journeys().get(id),
                        controlGroup.enabled() ? controlGroup.holdsOut(id.carrier(), id.trackingNumber()) : null, clock.instant()));
            }
        }
        analytics.write(registered);
        metrics.count("OrdersImported", input.size());
        return new Result(input.size(), shipmentCount, List.of());
    }

    /** The order's consents as ledger entries; an import states no text shown, so none is recorded. */
    private void recordConsent(Order order) {
        if (ledger == null) {
            return;
        }
        CustomerId.of(order.customer()).ifPresent(id -> ledger.appendChanges(id, order.consent().channels().entrySet().stream()
                .map(e -> new ConsentLedger.Entry(e.getKey(), e.getValue().granted(),
                        e.getValue().recordedAt() == null ? clock.instant() : e.getValue().recordedAt(), ConsentLedger.ORDER_IMPORT, null))
                .toList()));
    }
}
