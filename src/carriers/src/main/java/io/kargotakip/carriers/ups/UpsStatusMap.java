package io.kargotakip.carriers.ups;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * UPS activity codes to canonical statuses, from {@code carriers/ups/status-map.csv}.
 *
 * <p>Two kinds of rows: {@code statusCode} rows key the 3-digit Status/Description code that the
 * Tracking API sends; {@code typeCode} rows key the activity type plus its 2-character code
 * ({@code *} standing for any other code of that type). A 2-character code only means something
 * together with its type ({@code OT} is "out for delivery" as a type I scan and a customs contact
 * as a type X exception), so the type is always part of the key.
 *
 * <p>The file is read from the classpath with plain I/O, once, so it works unchanged in a native
 * image (the resource is listed in {@code META-INF/native-image/.../resource-config.json}).
 */
public final class UpsStatusMap {

    /** Where the table lives on the classpath. */
    public static final String RESOURCE = "/carriers/ups/status-map.csv";

    static final String ANY_CODE = "*";

    /** One row's outcome. {@code reason} is null unless the status needs one. */
    public record Mapping(TrackingStatus status, Reason reason) {
        public static final Mapping UNKNOWN = new Mapping(TrackingStatus.UNKNOWN, null);
    }

    private final Map<String, Mapping> byStatusCode;
    private final Map<String, Mapping> byTypeAndCode;

    private UpsStatusMap(Map<String, Mapping> byStatusCode, Map<String, Mapping> byTypeAndCode) {
        this.byStatusCode = Map.copyOf(byStatusCode);
        this.byTypeAndCode = Map.copyOf(byTypeAndCode);
    }

    /** The table shipped with this module, loaded on first use. */
    public static UpsStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final UpsStatusMap STANDARD = load();
    }

    static UpsStatusMap load() {
        try (InputStream in = UpsStatusMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("UPS status map not on the classpath: " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("UPS status map unreadable", e);
        }
    }

    /** Parses the CSV; a bad row is a packaging bug, so it fails loudly rather than mapping to unknown. */
    static UpsStatusMap parse(Reader csv) throws IOException {
        Map<String, Mapping> statusCodes = new HashMap<>();
        Map<String, Mapping> typeCodes = new HashMap<>();
        for (Row row : rows(csv)) {
            Mapping mapping = new Mapping(row.status(), row.reason());
            Map<String, Mapping> target = row.isStatusCode() ? statusCodes : typeCodes;
            String key = row.isStatusCode() ? statusCodeKey(row.code()) : typeCodeKey(row.type(), row.code());
            if (key == null) {
                throw new IllegalStateException("UPS status map line " + row.line() + ": bad code");
            }
            if (target.putIfAbsent(key, mapping) != null) {
                throw new IllegalStateException("UPS status map line " + row.line() + ": duplicate " + key);
            }
        }
        return new UpsStatusMap(statusCodes, typeCodes);
    }

    /** One CSV row, validated; package-visible so tests can check every row against the lookup. */
    record Row(long line, String field, String type, String code, TrackingStatus status, Reason reason) {
        boolean isStatusCode() {
            return "statusCode".equals(field);
        }
    }

    static List<Row> rows(Reader csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<Row> rows = new java.util.ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(toRow(record));
            }
            return rows;
        }
    }

    private static Row toRow(CSVRecord record) {
        long line = record.getRecordNumber();
        String field = record.get("field");
        String type = record.get("type");
        String code = record.get("code");
        if (!"statusCode".equals(field) && !"typeCode".equals(field)) {
            throw new IllegalStateException("UPS status map row " + line + ": unknown field " + field);
        }
        if ("typeCode".equals(field) && type.isEmpty()) {
            throw new IllegalStateException("UPS status map row " + line + ": typeCode without type");
        }
        TrackingStatus status = TrackingStatus.fromWireName(record.get("status"))
                .orElseThrow(() -> new IllegalStateException("UPS status map row " + line + ": unknown status"));
        String reasonName = record.get("reason");
        Reason reason = reasonName.isEmpty() ? null : Reason.fromWireName(reasonName)
                .orElseThrow(() -> new IllegalStateException("UPS status map row " + line + ": unknown reason"));
        return new Row(line, field, type, code, status, reason);
    }

    /**
     * Mapping for a Tracking API activity. The 3-digit statusCode decides; the type+code only
     * refines a statusCode whose reason is the catch-all {@code other} (e.g. 013 "Exception" with
     * X/48 "receiver not available"), and stands in when the statusCode is absent or unmapped.
     */
    public Mapping forActivity(String statusCode, String type, String code) {
        Optional<Mapping> exact = exact(type, code);
        String statusKey = statusCodeKey(statusCode);
        Mapping byStatus = statusKey == null ? null : byStatusCode.get(statusKey);
        if (byStatus != null) {
            return byStatus.reason() == Reason.OTHER && exact.isPresent() ? exact.get() : byStatus;
        }
        return exact.or(() -> anyCodeOf(type)).orElse(Mapping.UNKNOWN);
    }

    /**
     * Mapping for a Track Alert push, which has no statusCode: type+code first. UPS's examples put
     * the 3-digit Status/Description code in {@code descriptionCode} (021 out for delivery, 011
     * delivered), so a 3-digit descriptionCode is used before the type's catch-all row.
     */
    public Mapping forPush(String type, String code, String descriptionCode) {
        Optional<Mapping> exact = exact(type, code);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (descriptionCode != null && descriptionCode.trim().matches("\\d{3}")) {
            Mapping byStatus = byStatusCode.get(statusCodeKey(descriptionCode.trim()));
            if (byStatus != null) {
                return byStatus;
            }
        }
        return anyCodeOf(type).orElse(Mapping.UNKNOWN);
    }

    private Optional<Mapping> exact(String type, String code) {
        String key = typeCodeKey(type, code);
        return Optional.ofNullable(key == null ? null : byTypeAndCode.get(key));
    }

    private Optional<Mapping> anyCodeOf(String type) {
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
