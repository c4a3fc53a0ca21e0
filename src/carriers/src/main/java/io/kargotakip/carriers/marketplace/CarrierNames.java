package io.kargotakip.carriers.marketplace;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.TurkishText;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a marketplace names the carriers of its packages, and which of ours each is:
 * {@code carriers/<marketplace>/carriers.csv} on the classpath, with the columns
 * <pre>kind,value,carrier,basis,note</pre>
 * <ul>
 *   <li>{@code kind}: what the value is, one of the kinds the marketplace's parser reads (Trendyol: {@code name}
 *       for {@code cargoProviderName}, {@code code} for provider codes such as {@code YKMP}; Hepsiburada: {@code name}
 *       for {@code cargoCompany}, {@code domain} for the host of a tracking URL);</li>
 *   <li>{@code value}: matched case-, accent- and punctuation-insensitively ({@link TurkishText#fold}), so
 *       "Yurtiçi Kargo" and "YURTICI KARGO" are one row; a {@code domain} row also matches its sub-domains;</li>
 *   <li>{@code carrier}: our carrier id (one of {@link KnownCarriers#IDS}), or empty for a carrier we do not track
 *       (its packages are reported but not tracked);</li>
 *   <li>{@code basis}: as in {@link MappingTable} ({@code table|doc|lib|inf}); {@code note}: for reviewers.</li>
 * </ul>
 * A bad row (unknown kind or carrier id, a value repeating another once folded) fails the load: the file is part
 * of the build. Data, not code, so a carrier a marketplace adds is one line.
 */
public final class CarrierNames {

    public static final String FILE_NAME = "carriers.csv";

    private static final List<String> COLUMNS = List.of("kind", "value", "carrier", "basis", "note");

    /** One row. {@code carrier} is null for a carrier we do not track. */
    public record Row(long line, String kind, String value, String carrier, String basis, String note) {
        public boolean tracked() {
            return carrier != null;
        }
    }

    private final String marketplace;
    private final List<Row> rows;
    private final Map<String, Row> byKey;

    private CarrierNames(String marketplace, List<Row> rows, Map<String, Row> byKey) {
        this.marketplace = marketplace;
        this.rows = List.copyOf(rows);
        this.byKey = Map.copyOf(byKey);
    }

    /** @throws MappingTableException when the file is missing or has a bad row */
    public static CarrierNames load(String marketplace, Set<String> kinds) {
        String resource = "/carriers/" + marketplace + "/" + FILE_NAME;
        try (InputStream in = CarrierNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MappingTableException(marketplace + " carrier names not on the classpath: " + resource);
            }
            return parse(marketplace, kinds, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(marketplace + " carrier names unreadable: " + resource, e);
        }
    }

    /** @throws MappingTableException when a row is bad */
    public static CarrierNames parse(String marketplace, Set<String> kinds, Reader csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new MappingTableException(marketplace + " carrier names: the header must be " + String.join(",", COLUMNS));
            }
            List<Row> rows = new ArrayList<>();
            Map<String, Row> byKey = new HashMap<>();
            for (CSVRecord record : parser) {
                Row row = row(marketplace, kinds, record);
                if (byKey.putIfAbsent(key(row.kind(), row.value()), row) != null) {
                    throw bad(marketplace, row.line(), "repeats another " + row.kind() + " once case and accents are folded");
                }
                rows.add(row);
            }
            return new CarrierNames(marketplace, rows, byKey);
        }
    }

    private static Row row(String marketplace, Set<String> kinds, CSVRecord record) {
        long line = record.getRecordNumber();
        if (!record.isConsistent()) {
            throw bad(marketplace, line, "expected " + COLUMNS.size() + " columns");
        }
        String kind = record.get("kind");
        if (!kinds.contains(kind)) {
            throw bad(marketplace, line, "kind must be one of " + new java.util.TreeSet<>(kinds));
        }
        String value = record.get("value");
        if (TurkishText.fold(value).isEmpty()) {
            throw bad(marketplace, line, "value is required");
        }
        String carrier = record.get("carrier");
        if (!carrier.isEmpty() && !KnownCarriers.IDS.contains(carrier)) {
            throw bad(marketplace, line, "unknown carrier id '" + carrier + "'");
        }
        String basis = record.get("basis");
        if (!MappingTable.BASES.contains(basis)) {
            throw bad(marketplace, line, "basis must be one of " + new java.util.TreeSet<>(MappingTable.BASES));
        }
        return new Row(line, kind, value, carrier.isEmpty() ? null : carrier, basis, record.get("note"));
    }

    private static MappingTableException bad(String marketplace, long line, String why) {
        return new MappingTableException(marketplace + " carrier names row " + line + ": " + why);
    }

    private static String key(String kind, String value) {
        return kind + "|" + TurkishText.fold(value);
    }

    /** The row naming this value, whether we track its carrier or not; empty for a name no row knows. */
    public Optional<Row> find(String kind, String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(kind, value)));
    }

    /** The row of this host's domain or of its nearest parent domain ({@code selfservis.yurticikargo.com}: {@code yurticikargo.com}). */
    public Optional<Row> findDomain(String kind, String host) {
        if (host == null) {
            return Optional.empty();
        }
        String folded = TurkishText.fold(host);
        while (!folded.isEmpty()) {
            Row row = byKey.get(kind + "|" + folded);
            if (row != null) {
                return Optional.of(row);
            }
            int dot = folded.indexOf(' ');
            folded = dot < 0 ? "" : folded.substring(dot + 1);
        }
        return Optional.empty();
    }

    public String marketplace() {
        return marketplace;
    }

    public List<Row> rows() {
        return rows;
    }
}
