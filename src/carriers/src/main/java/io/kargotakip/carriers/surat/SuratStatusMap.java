package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sürat movement text to canonical statuses, from the kit's {@link MappingTable} for {@code surat}
 * ({@code carriers/surat/status-map.csv}): text rows only, since Sürat sends no codes.
 *
 * <p>Two layers. Status patterns (type empty) say what happened; reason patterns (type {@code reason}) say why
 * a delivery failed. A reason refines a failed attempt whose reason is the catch-all {@code other}
 * ("Teslim Edilemedi - Alıcı adreste bulunamadı"), and stands alone when no status pattern matches; it never
 * overrides another status ("İade - alıcı kabul etmedi" stays a return). The kit's {@link TextPatterns} matches
 * every text row of a table at once, so the two layers are matched here with its rule (folded text, a pattern
 * starts where a word starts, the longest wins, file order breaks ties); the table is still checked by it.
 */
final class SuratStatusMap {

    static final String REASON = "reason";

    private record Pattern(String folded, StatusMapping mapping) {
    }

    private final List<Pattern> statuses;
    private final List<Pattern> reasons;

    private SuratStatusMap(List<Pattern> statuses, List<Pattern> reasons) {
        this.statuses = List.copyOf(statuses);
        this.reasons = List.copyOf(reasons);
    }

    static SuratStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final SuratStatusMap STANDARD = of(MappingTable.load(SuratCarrier.ID));
    }

    static SuratStatusMap of(MappingTable table) {
        TextPatterns.from(table); // the kit's checks: no blank pattern, none repeating another once folded
        List<Pattern> statuses = new ArrayList<>();
        List<Pattern> reasons = new ArrayList<>();
        for (MappingTable.Row row : table.rows()) {
            if (!TextPatterns.FIELD.equals(row.field())) {
                throw new MappingTableException("surat mapping table row " + row.line() + ": only text rows, not " + row.field());
            }
            Pattern pattern = new Pattern(TurkishText.fold(row.code()), row.mapping());
            if (row.type().isEmpty()) {
                statuses.add(pattern);
            } else if (REASON.equals(row.type())) {
                if (row.mapping().status() != TrackingStatus.FAILED_ATTEMPT) {
                    throw new MappingTableException("surat mapping table row " + row.line() + ": a reason row is a failed_attempt");
                }
                reasons.add(pattern);
            } else {
                throw new MappingTableException("surat mapping table row " + row.line() + ": unknown type " + row.type());
            }
        }
        return new SuratStatusMap(statuses, reasons);
    }

    /** The mapping of a movement's text (its status and any detail beside it); empty when no pattern matches. */
    Optional<StatusMapping> match(String text) {
        String folded = " " + TurkishText.fold(text);
        Optional<StatusMapping> status = longest(statuses, folded);
        Optional<StatusMapping> reason = longest(reasons, folded);
        if (status.isPresent() && reason.isPresent() && status.get().status() == TrackingStatus.FAILED_ATTEMPT
                && status.get().reason() == Reason.OTHER) {
            return reason;
        }
        return status.isPresent() ? status : reason;
    }

    private static Optional<StatusMapping> longest(List<Pattern> patterns, String folded) {
        Pattern best = null;
        for (Pattern p : patterns) {
            if (folded.contains(" " + p.folded()) && (best == null || p.folded().length() > best.folded().length())) {
                best = p;
            }
        }
        return Optional.ofNullable(best).map(Pattern::mapping);
    }
}
