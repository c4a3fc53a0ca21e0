package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.carriers.kit.TurkishText;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DHL Unified events to canonical statuses, from the kit's {@link MappingTable} for {@code dhl}
 * ({@code carriers/dhl/status-map.csv}).
 *
 * <p>DHL gives only a coarse family per event ({@code statusCode}: pre-transit, transit, delivered, failure,
 * unknown); what happened is in the division's free text ({@code status}, {@code description}, {@code remark}).
 * So a {@code statusCode} row gives the family's status, and {@code text} rows refine it, each limited to the
 * families in its {@code type} column: "address" means a failed delivery in a failure event but nothing in a
 * transit one ("address corrected").
 *
 * <p>The matching rule is the kit's {@link TextPatterns} rule (folded text, a pattern starts at a word, longest
 * wins, file order breaks ties), with one set of patterns per family.
 */
public final class DhlStatusMap {

    static final String STATUS_CODE = "statusCode";
    static final String TEXT = TextPatterns.FIELD;
    /** The family DHL uses for "nothing to say": it never takes a text refinement. */
    static final String UNKNOWN_FAMILY = "unknown";

    private final Map<String, StatusMapping> byStatusCode;
    private final Map<String, TextPatterns> patternsByFamily;

    private DhlStatusMap(Map<String, StatusMapping> byStatusCode, Map<String, TextPatterns> patternsByFamily) {
        this.byStatusCode = Map.copyOf(byStatusCode);
        this.patternsByFamily = Map.copyOf(patternsByFamily);
    }

    /** The table shipped with this module, loaded once when the class is initialised. */
    public static DhlStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final DhlStatusMap STANDARD = of(MappingTable.load(DhlCarrier.ID));
    }

    /**
     * Indexes a table; on top of the kit's checks, a text row must name at least one known family (a
     * statusCode row of the table, other than unknown) and must not repeat another of the same family once folded.
     */
    static DhlStatusMap of(MappingTable table) {
        Map<String, StatusMapping> statusCodes = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (STATUS_CODE.equals(row.field())) {
                if (statusCodes.putIfAbsent(family(row.code()), row.mapping()) != null) {
                    throw bad(row, "duplicate statusCode " + family(row.code()));
                }
            } else if (!TEXT.equals(row.field())) {
                throw bad(row, "unknown field " + row.field());
            }
        }
        Set<String> seen = new HashSet<>();
        for (MappingTable.Row row : table.rows(TEXT)) {
            String folded = TurkishText.fold(row.code());
            if (folded.isEmpty()) {
                throw bad(row, "blank text pattern");
            }
            Set<String> families = families(row.type());
            if (families.isEmpty()) {
                throw bad(row, "a text row names the families it refines in its type column");
            }
            for (String family : families) {
                if (!statusCodes.containsKey(family) || UNKNOWN_FAMILY.equals(family)) {
                    throw bad(row, "text row for a family without a statusCode row, or for unknown: " + family);
                }
                if (!seen.add(family + "|" + folded)) {
                    throw bad(row, "text pattern repeats another of family " + family + " once case and accents are folded");
                }
            }
        }
        Map<String, TextPatterns> patterns = new HashMap<>();
        for (String family : statusCodes.keySet()) {
            patterns.put(family, TextPatterns.from(table, row -> families(row.type()).contains(family)));
        }
        return new DhlStatusMap(statusCodes, patterns);
    }

    /**
     * The mapping of an event: its family's, refined by the longest pattern of that family found in the text.
     * Empty when the family has no row (a family DHL added since): the parser records it as unmapped.
     */
    public Optional<StatusMapping> forEvent(String statusCode, String text) {
        String family = family(statusCode);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        StatusMapping base = byStatusCode.get(family);
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(patternsByFamily.get(family).match(text).orElse(base));
    }

    /** "Pre-Transit" (the push subscription's spelling) and "pre-transit" (the answers') are one family. */
    static String family(String statusCode) {
        return statusCode == null ? "" : statusCode.trim().toLowerCase(Locale.ROOT);
    }

    /** The families a text row's type column names, in order (space- or '|'-separated). */
    static Set<String> families(String type) {
        Set<String> families = new LinkedHashSet<>();
        for (String part : type.trim().split("[\\s|]+")) {
            if (!part.isEmpty()) {
                families.add(family(part));
            }
        }
        return families;
    }

    private static MappingTableException bad(MappingTable.Row row, String why) {
        return new MappingTableException("dhl mapping table row " + row.line() + ": " + why);
    }
}
