package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Yurtiçi's codes and texts to canonical statuses, from the kit's {@link MappingTable} for {@code yurtici}
 * ({@code carriers/yurtici/status-map.csv}): {@code operationStatus} rows (the shipment's process state),
 * {@code rejectStatus} rows (the return process) and {@code text} rows (Turkish patterns on a history row's
 * event and reason names, since YK publishes no event or reason code lists).
 *
 * <p>A lookup that finds no row is empty: the parser records the code as unmapped.
 */
public final class YurticiStatusMap {

    static final String OPERATION_STATUS = "operationStatus";
    static final String REJECT_STATUS = "rejectStatus";

    /** YK's documented pairs: operationCode n is the n-th operationStatus (carriers.md §1c). */
    private static final String[] OPERATION_CODES = {"NOP", "IND", "ISR", "CNL", "ISC", "DLV", "BI"};

    private final Map<String, StatusMapping> operationStatus;
    private final Map<String, StatusMapping> rejectStatus;
    private final TextPatterns text;

    private YurticiStatusMap(Map<String, StatusMapping> operationStatus, Map<String, StatusMapping> rejectStatus,
                             TextPatterns text) {
        this.operationStatus = Map.copyOf(operationStatus);
        this.rejectStatus = Map.copyOf(rejectStatus);
        this.text = text;
    }

    /** The table shipped with this module, loaded once when the class is initialised. */
    public static YurticiStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final YurticiStatusMap STANDARD = of(MappingTable.load(YurticiCarrier.ID));
    }

    /** Indexes a table; on top of the kit's checks, a row's field must be one of the three and its code usable. */
    static YurticiStatusMap of(MappingTable table) {
        Map<String, StatusMapping> operation = new HashMap<>();
        Map<String, StatusMapping> reject = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            Map<String, StatusMapping> target;
            String key;
            switch (row.field()) {
                case OPERATION_STATUS -> {
                    target = operation;
                    key = operationKey(row.code());
                }
                case REJECT_STATUS -> {
                    target = reject;
                    key = rejectKey(row.code());
                }
                case TextPatterns.FIELD -> {
                    continue;
                }
                default -> throw new MappingTableException("yurtici mapping table row " + row.line() + ": unknown field " + row.field());
            }
            if (key == null) {
                throw new MappingTableException("yurtici mapping table row " + row.line() + ": bad code");
            }
            if (target.putIfAbsent(key, row.mapping()) != null) {
                throw new MappingTableException("yurtici mapping table row " + row.line() + ": duplicate " + key);
            }
        }
        return new YurticiStatusMap(operation, reject, TextPatterns.from(table));
    }

    public Optional<StatusMapping> operationStatus(String code) {
        String key = operationKey(code);
        return Optional.ofNullable(key == null ? null : operationStatus.get(key));
    }

    public Optional<StatusMapping> rejectStatus(String code) {
        String key = rejectKey(code);
        return Optional.ofNullable(key == null ? null : rejectStatus.get(key));
    }

    /** The longest text pattern found in a history row's event or reason name. */
    public Optional<StatusMapping> text(String carrierText) {
        return carrierText == null ? Optional.empty() : text.match(carrierText);
    }

    /** The operationStatus of a numeric operationCode (YK sends both; either may be missing); null when it is no documented code. */
    static String operationStatusOf(String operationCode) {
        if (operationCode == null || !operationCode.trim().matches("\\d{1,2}")) {
            return null;
        }
        int code = Integer.parseInt(operationCode.trim());
        return code < OPERATION_CODES.length ? OPERATION_CODES[code] : null;
    }

    static String operationKey(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim().toUpperCase(Locale.ROOT);
        return trimmed.matches("[A-Z]{2,3}") ? trimmed : null;
    }

    /** "09" and "9" are the same return state. */
    static String rejectKey(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim();
        return trimmed.matches("\\d{1,4}") ? String.valueOf(Integer.parseInt(trimmed)) : null;
    }
}
