package io.kargotakip.aws.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables, named by {@code KARGO_TABLE_ORDERS|SHIPMENTS|EVENTS|NOTIFICATIONS|FAILURES|DISCOUNT_CODES} (SAM sets
 * them).
 */
public record TableNames(String orders, String shipments, String events, String notifications, String failures,
                         String discountCodes) {

    public static final String DISCOUNT_CODES = "KARGO_TABLE_DISCOUNT_CODES";

    /** The first five tables, and the discount codes' default name. */
    public TableNames(String orders, String shipments, String events, String notifications, String failures) {
        this(orders, shipments, events, notifications, failures, "kargo-discount-codes");
    }

    public static TableNames fromEnvironment(Function<String, String> env) {
        return new TableNames(
                Optional.ofNullable(env.apply("KARGO_TABLE_ORDERS")).orElse("kargo-orders"),
                Optional.ofNullable(env.apply("KARGO_TABLE_SHIPMENTS")).orElse("kargo-shipments"),
                Optional.ofNullable(env.apply("KARGO_TABLE_EVENTS")).orElse("kargo-events"),
                Optional.ofNullable(env.apply("KARGO_TABLE_NOTIFICATIONS")).orElse("kargo-notifications"),
                Optional.ofNullable(env.apply("KARGO_TABLE_FAILURES")).orElse("kargo-failures"),
                Optional.ofNullable(env.apply(DISCOUNT_CODES)).orElse("kargo-discount-codes"));
    }

    /** The environment the functions read their table names from. */
    public Map<String, String> environment() {
        return Map.of("KARGO_TABLE_ORDERS", orders, "KARGO_TABLE_SHIPMENTS", shipments, "KARGO_TABLE_EVENTS", events,
                "KARGO_TABLE_NOTIFICATIONS", notifications, "KARGO_TABLE_FAILURES", failures, DISCOUNT_CODES, discountCodes);
    }

    public static TableNames withPrefix(String prefix) {
        return new TableNames(prefix + "orders", prefix + "shipments", prefix + "events", prefix + "notifications", prefix + "failures",
                prefix + "discount-codes");
    }
}
