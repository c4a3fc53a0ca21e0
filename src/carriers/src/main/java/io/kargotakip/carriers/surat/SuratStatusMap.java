package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;

import java.util.Optional;

/**
 * Sürat movement text to canonical statuses, from the kit's {@link MappingTable} for {@code surat}
 * ({@code carriers/surat/status-map.csv}): text rows only, since Sürat sends no codes.
 *
 * <p>Two layers. Status patterns (type empty) say what happened; reason patterns (type {@code reason}) say why
 * a delivery failed. A reason refines a failed attempt whose reason is the catch-all {@code other}
 * ("Teslim Edilemedi - Alıcı adreste bulunamadı"), and stands alone when no status pattern matches; it never
 * overrides another status ("İade - alıcı kabul etmedi" stays a return). Each layer is the kit's {@link TextPatterns}
 * over its own rows.
 */
final class SuratStatusMap {

    static final String REASON = "reason";

    private final TextPatterns statuses;
    private final TextPatterns reasons;

    private SuratStatusMap(TextPatterns statuses, TextPatterns reasons) {
        this.statuses = statuses;
        this.reasons = reasons;
    }

    static SuratStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final SuratStatusMap STANDARD = of(MappingTable.load(SuratCarrier.ID));
    }

    static SuratStatusMap of(MappingTable table) {
        TextPatterns.from(table); // the kit's checks: no blank pattern, none repeating another once folded
        for (MappingTable.Row row : table.rows()) {
            if (!TextPatterns.FIELD.equals(row.field())) {
                throw new MappingTableException("surat mapping table row " + row.line() + ": only text rows, not " + row.field());
            }
            if (REASON.equals(row.type()) && row.mapping().status() != TrackingStatus.FAILED_ATTEMPT) {
                throw new MappingTableException("surat mapping table row " + row.line() + ": a reason row is a failed_attempt");
            }
            if (!row.type().isEmpty() && !REASON.equals(row.type())) {
                throw new MappingTableException("surat mapping table row " + row.line() + ": unknown type " + row.type());
            }
        }
        return new SuratStatusMap(TextPatterns.from(table, row -> row.type().isEmpty()),
                TextPatterns.from(table, row -> REASON.equals(row.type())));
    }

    /** The mapping of a movement's text (its status and any detail beside it); empty when no pattern matches. */
    Optional<StatusMapping> match(String text) {
        Optional<StatusMapping> status = statuses.match(text);
        Optional<StatusMapping> reason = reasons.match(text);
        if (status.isPresent() && reason.isPresent() && status.get().status() == TrackingStatus.FAILED_ATTEMPT
                && status.get().reason() == Reason.OTHER) {
            return reason;
        }
        return status.isPresent() ? status : reason;
    }

}
