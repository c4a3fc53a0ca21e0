package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.core.shipment.Reason;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * UPS activity codes to canonical statuses, from the kit's {@link MappingTable} for {@code ups}
 * ({@code carriers/ups/status-map.csv}).
 *
 * <p>Two kinds of rows: {@code statusCode} rows key the 3-digit Status/Description code that the
 * Tracking API sends; {@code typeCode} rows key the activity type plus its 2-character code
 * ({@code *} standing for any other code of that type). A 2-character code only means something
 * together with its type ({@code OT} is "out for delivery" as a type I scan and a customs contact
 * as a type X exception), so the type is always part of the key.
 *
 * <p>A lookup that finds no row is empty: the parser records the code as unmapped. A row can also
 * map a code to {@code unknown} on purpose (type U, "updated delivery date"): that is mapped.
 */
public final class UpsStatusMap {

    static final String STATUS_CODE = "statusCode";
    static final String TYPE_CODE = "typeCode";
    static final String ANY_CODE = "*";

    private final Map<String, StatusMapping> byStatusCode;
    private final Map<String, StatusMapping> byTypeAndCode;

    private UpsStatusMap(Map<String, StatusMapping> byStatusCode, Map<String, StatusMapping> byTypeAndCode) {
        this.byStatusCode = Map.copyOf(byStatusCode);
        this.byTypeAndCode = Map.copyOf(byTypeAndCode);
    }

    /** The table shipped with this module, loaded once when the class is initialised. */
    public static UpsStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final UpsStatusMap STANDARD = of(MappingTable.load(UpsCarrier.ID));
    }

    /**
     * Indexes a table; on top of the kit's checks, a row must be a statusCode or typeCode row with a
     * usable key, and two rows must not collide once codes are normalised ({@code 11} = {@code 011}).
     */
    static UpsStatusMap of(MappingTable table) {
        Map<String, StatusMapping> statusCodes = new HashMap<>();
        Map<String, StatusMapping> typeCodes = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            boolean statusCodeRow = STATUS_CODE.equals(row.field());
            if (!statusCodeRow && !TYPE_CODE.equals(row.field())) {
                throw new MappingTableException("ups mapping table row " + row.line() + ": unknown field " + row.field());
            }
            String key = statusCodeRow ? statusCodeKey(row.code()) : typeCodeKey(row.type(), row.code());
            if (key == null) {
                throw new MappingTableException("ups mapping table row " + row.line() + ": bad code or missing type");
            }
            Map<String, StatusMapping> target = statusCodeRow ? statusCodes : typeCodes;
            if (target.putIfAbsent(key, row.mapping()) != null) {
                throw new MappingTableException("ups mapping table row " + row.line() + ": duplicate " + key);
            }
        }
        return new UpsStatusMap(statusCodes, typeCodes);
    }

    /**
     * Mapping for a Tracking API activity. The 3-digit statusCode decides; the type+code only
     * refines a statusCode whose reason is the catch-all {@code other} (e.g. 013 "Exception" with
     * X/48 "receiver not available"), and stands in when the statusCode is absent or unmapped.
     */
    public Optional<StatusMapping> forActivity(String statusCode, String type, String code) {
        Optional<StatusMapping> exact = exact(type, code);
        String statusKey = statusCodeKey(statusCode);
        StatusMapping byStatus = statusKey == null ? null : byStatusCode.get(statusKey);
        if (byStatus != null) {
            return Optional.of(byStatus.reason() == Reason.OTHER && exact.isPresent() ? exact.get() : byStatus);
        }
        return exact.or(() -> anyCodeOf(type));
    }

    /**
     * Mapping for a Track Alert push, which has no statusCode: type+code first. UPS's examples put
     * the 3-digit Status/Description code in {@code descriptionCode} (021 out for delivery, 011
     * delivered), so a 3-digit descriptionCode is used before the type's catch-all row.
     */
    public Optional<StatusMapping> forPush(String type, String code, String descriptionCode) {
        Optional<StatusMapping> exact = exact(type, code);
        if (exact.isPresent()) {
            return exact;
        }
        if (descriptionCode != null && descriptionCode.trim().matches("\\d{3}")) {
            StatusMapping byStatus = byStatusCode.get(statusCodeKey(descriptionCode.trim()));
            if (byStatus != null) {
                return Optional.of(byStatus);
            }
        }
        return anyCodeOf(type);
    }

    private Optional<StatusMapping> exact(String type, String code) {
        String key = typeCodeKey(type, code);
        return Optional.ofNullable(key == null ? null : byTypeAndCode.get(key));
    }

    private Optional<StatusMapping> anyCodeOf(String type) {
        String key = typeCodeKey(type, ANY_CODE);
        return Optional.ofNullable(key == null ? null : byTypeAndCode.get(key));
    }

    /** "11", "011" and "0011" are the same Status/Description code; UPS pads to 3 digits. */
    static String statusCodeKey(String statusCode) {
        if (statusCode == null) {
            return null;
        }
        String trimmed = statusCode.trim();
        if (!trimmed.matches("\\d{1,4}")) {
            return null;
        }
        int value = Integer.parseInt(trimmed);
        return String.format(Locale.ROOT, "%03d", value);
    }

    /** Exception codes are listed as "3" but may arrive as "03": numeric codes lose their leading zeros. */
    static String typeCodeKey(String type, String code) {
        if (type == null || code == null || type.isBlank() || code.isBlank()) {
            return null;
        }
        String normalisedCode = code.trim().toUpperCase(Locale.ROOT);
        if (normalisedCode.matches("\\d+")) {
            normalisedCode = normalisedCode.replaceFirst("^0+(?=\\d)", "");
        }
        return type.trim().toUpperCase(Locale.ROOT) + "/" + normalisedCode;
    }
}
