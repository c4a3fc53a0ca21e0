package io.kargotakip.aws.store;

import java.util.Optional;
import java.util.function.Function;

/** The four tables, named by {@code KARGO_TABLE_ORDERS|SHIPMENTS|EVENTS|NOTIFICATIONS} (SAM sets them). */
public record TableNames(String orders, String shipments, String events, String notifications) {

    public static TableNames fromEnvironment(Function<String, String> env) {
        return new TableNames(
                Optional.ofNullable(env.apply("KARGO_TABLE_ORDERS")).orElse("kargo-orders"),
                Optional.ofNullable(env.apply("KARGO_TABLE_SHIPMENTS")).orElse("kargo-shipments"),
                Optional.ofNullable(env.apply("KARGO_TABLE_EVENTS")).orElse("kargo-events"),
                Optional.ofNullable(env.apply("KARGO_TABLE_NOTIFICATIONS")).orElse("kargo-notifications"));
    }

    /** The environment the functions read their table names from. */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of("KARGO_TABLE_ORDERS", orders, "KARGO_TABLE_SHIPMENTS", shipments, "KARGO_TABLE_EVENTS", events,
                "KARGO_TABLE_NOTIFICATIONS", notifications);
    }

    public static TableNames withPrefix(String prefix) {
        return new TableNames(prefix + "orders", prefix + "shipments", prefix + "events", prefix + "notifications");
    }
}
