package io.kargotakip.aws.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analytics table's columns and their SQL types, in the order of {@code AnalyticsRecord}'s fields: the Glue table
 * in {@code template.yaml} declares the same (a test compares them), the local engine reads the files with them.
 * Instants and days are strings in the files; the KPI SQL converts them.
 */
public final class AnalyticsColumns {

    public static final String TABLE = "analytics_records";

    public static final Map<String, String> TYPES = types();

    private AnalyticsColumns() {
    }

    private static Map<String, String> types() {
        Map<String, String> t = new LinkedHashMap<>();
        for (String c : new String[]{"id", "kind", "occurred_at", "local_date", "brand", "shipment", "order_ref", "message",
                "ticket", "carrier", "service", "origin", "destination", "status", "reason", "channel", "intent", "variant",
                "state", "source"}) {
            t.put(c, "string");
        }
        t.put("score", "int");
        t.put("wismo", "boolean");
        t.put("control", "boolean");
        t.put("promised_date", "string");
        t.put("estimate_date", "string");
        return java.util.Collections.unmodifiableMap(t);
    }
}
