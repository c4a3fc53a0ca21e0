package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Trendyol package statuses to canonical statuses, from a {@link MappingTable} ({@code carriers/trendyol/status-map.csv},
 * or Trendyol Express's copy of it). Only {@code status} rows; a status is looked up case-insensitively with
 * underscores and spaces ignored, so {@code AT_COLLECTION_POINT} (the webhook subscription's spelling) is
 * {@code AtCollectionPoint}. A status comes back with the table's spelling of it, so the event's code is the same
 * however Trendyol wrote it.
 */
public final class TrendyolStatusMap {

    public static final String FIELD = "status";

    /** A mapped status: the table's spelling of it and what it means. */
    public record Status(String code, StatusMapping mapping) {
    }

    private final Map<String, Status> byKey;

    private TrendyolStatusMap(Map<String, Status> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** The table of {@code carrier} ({@code trendyol} or {@code trendyol-express}). */
    public static TrendyolStatusMap load(String carrier) {
        return of(MappingTable.load(carrier));
    }

    static TrendyolStatusMap of(MappingTable table) {
        Map<String, Status> byKey = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (!FIELD.equals(row.field())) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line() + ": unknown field " + row.field());
            }
            if (byKey.putIfAbsent(key(row.code()), new Status(row.code(), row.mapping())) != null) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line() + ": duplicate status " + row.code());
            }
        }
        return new TrendyolStatusMap(byKey);
    }

    public Optional<Status> find(String status) {
        return status == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(status)));
    }

    static String key(String status) {
        return status.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
