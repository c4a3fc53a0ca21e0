package io.kargotakip.aws.orders;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
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

    /** An order read from input, with the line (or position) it came from. */
    public record Numbered(int line, Order order) {
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

    public OrderIntake(OrderValidator validator, OrderRepository orders, ShipmentRepository shipments, Metrics metrics, Clock clock) {
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

    public Result accept(List<Numbered> input, List<Problem> readProblems) {
        List<Problem> problems = validate(validator, input, readProblems);
        if (!problems.isEmpty()) {
            metrics.count("OrdersRejected", input.size());
            return new Result(0, 0, problems);
        }
        int shipmentCount = 0;
        for (Numbered n : input) {
            Order order = n.order();
            orders.save(order);
            for (ShipmentId id : order.shipments()) {
                try {
                    shipments.register(id, order.orderId(), clock.instant());
                } catch (ConditionalCheckFailedException alreadyFinished) {
                    shipments.linkOrder(id, order.orderId());
                }
                shipmentCount++;
            }
        }
        metrics.count("OrdersImported", input.size());
        return new Result(input.size(), shipmentCount, List.of());
    }
}
