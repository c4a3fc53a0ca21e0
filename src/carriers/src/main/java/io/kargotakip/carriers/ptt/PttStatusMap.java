package io.kargotakip.carriers.ptt;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PTT's event codes ({@code IKODU}) to canonical statuses, from the kit's {@link MappingTable} for {@code ptt}
 * ({@code carriers/ptt/status-map.csv}): one {@code IKODU} row per code, its parent group in the note.
 */
final class PttStatusMap {

    static final String IKODU = "IKODU";

    private final Map<String, StatusMapping> byCode;

    private PttStatusMap(Map<String, StatusMapping> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    static PttStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final PttStatusMap STANDARD = of(MappingTable.load(PttCarrier.ID));
    }

    /** On top of the kit's checks: IKODU rows only, numeric codes, no two equal once leading zeros are dropped. */
    static PttStatusMap of(MappingTable table) {
        Map<String, StatusMapping> codes = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (!IKODU.equals(row.field()) || !row.type().isEmpty()) {
                throw new MappingTableException("ptt mapping table row " + row.line() + ": only IKODU rows without a type");
            }
            String key = code(row.code());
            if (key == null) {
                throw new MappingTableException("ptt mapping table row " + row.line() + ": IKODU is a number");
            }
            if (codes.putIfAbsent(key, row.mapping()) != null) {
                throw new MappingTableException("ptt mapping table row " + row.line() + ": duplicate " + key);
            }
        }
        return new PttStatusMap(codes);
    }

    Optional<StatusMapping> forCode(String ikodu) {
        String key = code(ikodu);
        return Optional.ofNullable(key == null ? null : byCode.get(key));
    }

    /** "0100" and "100" are the same code; null when it is not a short number. */
    static String code(String ikodu) {
        if (ikodu == null) {
            return null;
        }
        String trimmed = ikodu.strip();
        if (!trimmed.matches("\\d{1,9}")) {
            return null;
        }
        return String.valueOf(Integer.parseInt(trimmed));
    }
}
