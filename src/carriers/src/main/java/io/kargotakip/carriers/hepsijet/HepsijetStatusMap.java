package io.kargotakip.carriers.hepsijet;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HepsiJET statuses to canonical ones, from the kit's {@link MappingTable} for {@code hepsijet}
 * ({@code carriers/hepsijet/status-map.csv}): {@code statusCode} rows key the status code of an event
 * ({@code integrationStatus} of {@code /delivery/integration/track}, {@code statusCode} of the unverified
 * {@code getDeliveryTracking}); {@code text} rows are Turkish patterns over the event's words.
 *
 * <p>HepsiJET publishes no status list: all but one code row and all but one text row are inferred (see the table).
 */
final class HepsijetStatusMap {

    static final String STATUS_CODE = "statusCode";

    private final Map<String, StatusMapping> byCode;
    private final TextPatterns text;

    private HepsijetStatusMap(Map<String, StatusMapping> byCode, TextPatterns text) {
        this.byCode = Map.copyOf(byCode);
        this.text = text;
    }

    static HepsijetStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final HepsijetStatusMap STANDARD = of(MappingTable.load(HepsijetCarrier.ID));
    }

    /** On top of the kit's checks: only statusCode and text rows, and codes unique once upper-cased. */
    static HepsijetStatusMap of(MappingTable table) {
        Map<String, StatusMapping> codes = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (row.field().equals(TextPatterns.FIELD)) {
                continue;
            }
            if (!row.field().equals(STATUS_CODE)) {
                throw new MappingTableException("hepsijet mapping table row " + row.line() + ": unknown field " + row.field());
            }
            if (codes.putIfAbsent(codeKey(row.code()), row.mapping()) != null) {
                throw new MappingTableException("hepsijet mapping table row " + row.line() + ": duplicate " + codeKey(row.code()));
            }
        }
        return new HepsijetStatusMap(codes, TextPatterns.from(table));
    }

    Optional<StatusMapping> forCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(codeKey(code)));
    }

    /** The first of the texts a pattern matches decides (statusName before description). */
    Optional<StatusMapping> forText(String... texts) {
        for (String t : texts) {
            if (t != null) {
                Optional<StatusMapping> match = text.match(t);
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        return Optional.empty();
    }

    static String codeKey(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }
}
