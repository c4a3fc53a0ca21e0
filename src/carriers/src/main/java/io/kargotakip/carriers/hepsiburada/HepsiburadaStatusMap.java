package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hepsiburada package statuses ({@code status} rows) and undelivered-reason texts ({@code text} rows) to canonical
 * statuses, from {@code carriers/hepsiburada/status-map.csv}. A status is looked up case-insensitively
 * ({@code Intransit} in Hepsiburada's field description, {@code InTransit} in its sample answer) and comes back with
 * the table's spelling, so the event's code is one however Hepsiburada wrote it.
 */
public final class HepsiburadaStatusMap {

    public static final String STATUS = "status";

    /** A mapped status: the table's spelling of it and what it means. */
    public record Status(String code, StatusMapping mapping) {
    }

    private final Map<String, Status> byKey;
    private final TextPatterns reasons;

    private HepsiburadaStatusMap(Map<String, Status> byKey, TextPatterns reasons) {
        this.byKey = Map.copyOf(byKey);
        this.reasons = reasons;
    }

    public static HepsiburadaStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final HepsiburadaStatusMap STANDARD = of(MappingTable.load(HepsiburadaCarrier.ID));
    }

    static HepsiburadaStatusMap of(MappingTable table) {
        Map<String, Status> byKey = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (TextPatterns.FIELD.equals(row.field())) {
                continue;
            }
            if (!STATUS.equals(row.field())) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line() + ": unknown field " + row.field());
            }
            if (byKey.putIfAbsent(key(row.code()), new Status(row.code(), row.mapping())) != null) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line() + ": duplicate status " + row.code());
            }
        }
        return new HepsiburadaStatusMap(byKey, TextPatterns.from(table));
    }

    public Optional<Status> find(String status) {
        return status == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(status)));
    }

    /** What an undelivered reason text says, when a text row matches it. */
    public Optional<StatusMapping> reason(String undeliveredReason) {
        return undeliveredReason == null ? Optional.empty() : reasons.match(undeliveredReason);
    }

    static String key(String status) {
        return status.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
