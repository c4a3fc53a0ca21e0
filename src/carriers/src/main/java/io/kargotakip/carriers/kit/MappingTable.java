package io.kargotakip.carriers.kit;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A carrier's mapping table: {@code carriers/<carrier id>/status-map.csv} on the classpath, one per
 * carrier, with the columns
 * <pre>field,type,code,status,reason,basis,note</pre>
 * <ul>
 *   <li>{@code field}: which of the carrier's fields the code comes from (UPS: {@code statusCode},
 *       {@code typeCode}); {@code text} rows are Turkish text patterns (see {@link TextPatterns});</li>
 *   <li>{@code type}: a qualifier the code only means something with (UPS: the activity type), may be empty;</li>
 *   <li>{@code code}: the carrier's code, or the pattern of a {@code text} row;</li>
 *   <li>{@code status}, {@code reason}: canonical names ({@code unknown} for "keeps the previous status");</li>
 *   <li>{@code basis}: where the row comes from: {@code table} (the carrier's or the reference's table),
 *       {@code doc} (the carrier's meaning, our mapping), {@code lib} (a library), {@code inf} (inferred);</li>
 *   <li>{@code note}: free text for reviewers.</li>
 * </ul>
 * Lines starting with {@code #} are comments. A row naming an unknown status or reason, a reason on a
 * status that takes none, an unknown basis or a repeated key fails the load: a table is part of the
 * build, so a bad row is a bug to fail on, not a code to map to {@code unknown}. What a row's key means
 * (padding, case) is the carrier's business; this class only reads and checks the file.
 *
 * <p>Plain I/O from the classpath, so it runs in the CLI and in a native image (each table is listed
 * in {@code META-INF/native-image/.../resource-config.json}).
 */
public final class MappingTable {

    public static final String FILE_NAME = "status-map.csv";
    public static final Set<String> BASES = Set.of("table", "doc", "lib", "inf");

    private static final List<String> COLUMNS = List.of("field", "type", "code", "status", "reason", "basis", "note");
    private static final Pattern CARRIER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** One row, checked. {@code line} is the record number, for messages. */
    public record Row(long line, String field, String type, String code, StatusMapping mapping, String basis,
                      String note) {
        public boolean inferred() {
            return "inf".equals(basis);
        }
    }

    private final String carrier;
    private final List<Row> rows;

    private MappingTable(String carrier, List<Row> rows) {
        this.carrier = carrier;
        this.rows = List.copyOf(rows);
    }

    /** Where a carrier's table lives on the classpath. */
    public static String resource(String carrier) {
        if (carrier == null || !CARRIER_ID.matcher(carrier).matches()) {
            throw new IllegalArgumentException("not a carrier id: " + carrier);
        }
        return "/carriers/" + carrier + "/" + FILE_NAME;
    }

    /** @throws MappingTableException when the table is missing or has a bad row */
    public static MappingTable load(String carrier) {
        String resource = resource(carrier);
        try (InputStream in = MappingTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MappingTableException(carrier + " mapping table not on the classpath: " + resource);
            }
            return parse(carrier, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(carrier + " mapping table unreadable: " + resource, e);
        }
    }

    /** @throws MappingTableException when a row is bad */
    public static MappingTable parse(String carrier, Reader csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new MappingTableException(carrier + " mapping table: the header must be " + String.join(",", COLUMNS));
            }
            List<Row> rows = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (CSVRecord record : parser) {
                Row row = row(carrier, record);
                if (!keys.add(row.field() + "|" + row.type() + "|" + row.code())) {
                    throw bad(carrier, row.line(), "duplicate " + row.field() + " " + row.type() + "/" + row.code());
                }
                rows.add(row);
            }
            return new MappingTable(carrier, rows);
        }
    }

    private static Row row(String carrier, CSVRecord record) {
        long line = record.getRecordNumber();
        if (!record.isConsistent()) {
            throw bad(carrier, line, "expected " + COLUMNS.size() + " columns");
        }
        String field = record.get("field");
        String code = record.get("code");
        if (field.isEmpty() || code.isEmpty()) {
            throw bad(carrier, line, "field and code are required");
        }
        String statusName = record.get("status");
        TrackingStatus status = TrackingStatus.fromWireName(statusName)
                .orElseThrow(() -> bad(carrier, line, "unknown status '" + statusName + "'"));
        String reasonName = record.get("reason");
        Reason reason = reasonName.isEmpty() ? null : Reason.fromWireName(reasonName)
                .orElseThrow(() -> bad(carrier, line, "unknown reason '" + reasonName + "'"));
        String basis = record.get("basis");
        if (!BASES.contains(basis)) {
            throw bad(carrier, line, "basis must be one of " + new java.util.TreeSet<>(BASES));
        }
        StatusMapping mapping;
        try {
            mapping = StatusMapping.of(status, reason);
        } catch (IllegalArgumentException e) {
            throw bad(carrier, line, e.getMessage());
        }
        return new Row(line, field, record.get("type"), code, mapping, basis, record.get("note"));
    }

    private static MappingTableException bad(String carrier, long line, String why) {
        return new MappingTableException(carrier + " mapping table row " + line + ": " + why);
    }

    public String carrier() {
        return carrier;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows of one field, in file order. */
    public List<Row> rows(String field) {
        return rows.stream().filter(r -> r.field().equals(field)).toList();
    }

    /** A carrier's table is wrong: a packaging bug that fails the build and the start-up. */
    public static final class MappingTableException extends IllegalStateException {
        public MappingTableException(String message) {
            super(message);
        }
    }
}
