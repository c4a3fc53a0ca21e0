package io.kargotakip.carriers.amazon;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The carrier an Orders API package names ({@code packages[].carrier}, free text such as {@code Royal Mail} or
 * {@code Yurtiçi Kargo}) as one of our carrier ids, from {@code carriers/amazon/carriers.csv} ({@code name,carrier,note}).
 * Names are compared {@link TurkishText#fold folded}; a package's name that begins with a listed name and a space
 * matches it too ("UPS Ground" is UPS), the longest listed name winning. Unknown names give nothing: the package is
 * then not tracked. A bad file fails the class's initialisation, like a bad mapping table.
 */
final class AmazonCarrierNames {

    static final String RESOURCE = "/carriers/amazon/carriers.csv";
    private static final List<String> COLUMNS = List.of("name", "carrier", "note");
    private static final Pattern CARRIER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final Map<String, String> byFoldedName;

    private AmazonCarrierNames(Map<String, String> byFoldedName) {
        this.byFoldedName = Map.copyOf(byFoldedName);
    }

    static AmazonCarrierNames standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final AmazonCarrierNames STANDARD = load();
    }

    private static AmazonCarrierNames load() {
        try (InputStream in = AmazonCarrierNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new MappingTableException("amazon carrier names not on the classpath: " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("amazon carrier names unreadable: " + RESOURCE, e);
        }
    }

    static AmazonCarrierNames parse(Reader csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        Map<String, String> names = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new MappingTableException("amazon carrier names: the header must be " + String.join(",", COLUMNS));
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber();
                if (!record.isConsistent()) {
                    throw new MappingTableException("amazon carrier names row " + line + ": expected 3 columns");
                }
                String name = TurkishText.fold(record.get("name"));
                String carrier = record.get("carrier");
                if (name.isEmpty() || !CARRIER_ID.matcher(carrier).matches()) {
                    throw new MappingTableException("amazon carrier names row " + line + ": a name and a carrier id are required");
                }
                if (names.putIfAbsent(name, carrier) != null) {
                    throw new MappingTableException("amazon carrier names row " + line + ": duplicate name once folded");
                }
            }
        }
        return new AmazonCarrierNames(names);
    }

    Optional<String> carrierOf(String packageCarrierName) {
        String folded = TurkishText.fold(packageCarrierName);
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        String exact = byFoldedName.get(folded);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String name : byFoldedName.keySet()) {
            if (folded.startsWith(name + " ") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best).map(byFoldedName::get);
    }

    int size() {
        return byFoldedName.size();
    }
}
