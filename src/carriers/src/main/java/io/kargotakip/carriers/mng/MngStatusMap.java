package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.shipment.Reason;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MNG codes to canonical statuses, from the kit's {@link MappingTable} for {@code mng}
 * ({@code carriers/mng/status-map.csv}).
 *
 * <p>MNG has two code lists that share numbers but not meanings, so the field is part of every key:
 * {@value #NEW_API} (the REST API's {@code shipmentStatusCode}, and its movement list's {@code eventStatus},
 * one list) and {@value #LEGACY} (the SOAP service's DataSet). New 1 is "prepared", legacy 1 "handed to cargo";
 * new 7 is "coming back", legacy 7 "delivered to the sender".
 *
 * <p>{@code text} rows refine the reason of a status-6 "not delivered" (MNG puts the why in words, after a
 * "[kod]" whose list is not public); they carry type {@code 6}, and the kit's text layer does not filter by
 * type, so any other type fails the load instead of silently applying to every code.
 */
public final class MngStatusMap {

    static final String NEW_API = "shipmentStatusCode";
    static final String LEGACY = "SIPARIS_STATU";
    static final String NOT_DELIVERED = "6";

    private final Map<String, StatusMapping> byFieldAndCode;
    private final TextPatterns notDeliveredTexts;

    private MngStatusMap(Map<String, StatusMapping> byFieldAndCode, TextPatterns notDeliveredTexts) {
        this.byFieldAndCode = Map.copyOf(byFieldAndCode);
        this.notDeliveredTexts = notDeliveredTexts;
    }

    /** The table shipped with this module, loaded once when the class is initialised. */
    public static MngStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final MngStatusMap STANDARD = of(MappingTable.load(MngCarrier.ID));
    }

    static MngStatusMap of(MappingTable table) {
        Map<String, StatusMapping> codes = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            if (TextPatterns.FIELD.equals(row.field())) {
                if (!NOT_DELIVERED.equals(row.type())) {
                    throw new MappingTableException("mng mapping table row " + row.line() + ": text rows refine status 6 only (type 6)");
                }
                continue;
            }
            if (!NEW_API.equals(row.field()) && !LEGACY.equals(row.field())) {
                throw new MappingTableException("mng mapping table row " + row.line() + ": unknown field " + row.field());
            }
            String key = key(row.field(), row.code());
            if (key == null || !row.type().isEmpty()) {
                throw new MappingTableException("mng mapping table row " + row.line() + ": a code is a number and takes no type");
            }
            if (codes.putIfAbsent(key, row.mapping()) != null) {
                throw new MappingTableException("mng mapping table row " + row.line() + ": duplicate " + key);
            }
        }
        return new MngStatusMap(codes, TextPatterns.from(table));
    }

    /** A REST API status code ({@code shipmentStatusCode} or {@code eventStatus}); empty when no row maps it. */
    public Optional<StatusMapping> newApi(String code, String text) {
        return lookup(NEW_API, code, text);
    }

    /** A legacy {@code SIPARIS_STATU}; empty when no row maps it. */
    public Optional<StatusMapping> legacy(String code, String text) {
        return lookup(LEGACY, code, text);
    }

    /**
     * The code's row; for a "not delivered" whose row gives only the catch-all reason, the reason the text names,
     * when a text row finds one.
     */
    private Optional<StatusMapping> lookup(String field, String code, String text) {
        String key = key(field, code);
        StatusMapping byCode = key == null ? null : byFieldAndCode.get(key);
        if (byCode == null) {
            return Optional.empty();
        }
        if (NOT_DELIVERED.equals(number(code)) && byCode.reason() == Reason.OTHER && text != null) {
            return Optional.of(notDeliveredTexts.match(text).orElse(byCode));
        }
        return Optional.of(byCode);
    }

    /** "5", "05" and " 5 " are the same code; anything but 1 to 3 digits has no row. */
    static String number(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim();
        if (!trimmed.matches("\\d{1,3}")) {
            return null;
        }
        return String.valueOf(Integer.parseInt(trimmed));
    }

    private static String key(String field, String code) {
        String n = number(code);
        return n == null ? null : field + "/" + n;
    }
}
