package io.kargotakip.core.eta;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shipments for the ETA backtest as CSV: a header naming at least {@code carrier, service, origin_province,
 * destination_province, shipped_at, delivered_at, carrier_estimate} in any order (others are ignored); provinces as
 * plate codes or names; dates as ISO dates, local date-times (Istanbul) or instants; {@code service} and
 * {@code carrier_estimate} may be empty. A bad row is skipped and counted, the first few with their line and reason.
 */
public final class BacktestCsv {

    public static final List<String> COLUMNS = List.of("carrier", "service", "origin_province", "destination_province",
            "shipped_at", "delivered_at", "carrier_estimate");
    /** How many bad rows are described; the rest are only counted. */
    public static final int REASONS_KEPT = 10;

    /**
     * A shipment read.
     *
     * @param carrierEstimate the carrier's estimated delivery day, or null
     */
    public record Row(int line, TransitSample sample, LocalDate carrierEstimate) {
    }

    /** The rows read, how many were bad, and the first few reasons ({@code line 7: delivered_at: ...}). */
    public record Result(List<Row> rows, int badRows, List<String> reasons) {
    }

    private BacktestCsv() {
    }

    /**
     * Streams the file (a year of shipments need not fit in memory) through commons-csv.
     *
     * @throws IllegalArgumentException when the header lacks a column (the file is not a shipments file at all)
     */
    public static Result read(Reader in, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int bad = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IllegalArgumentException("empty file: expected the header " + String.join(",", COLUMNS));
            }
            List<String> names = records.next().toList();
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip().toLowerCase(Locale.ROOT);
                at.putIfAbsent(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name, i);
            }
            for (String c : COLUMNS) {
                if (!at.containsKey(c)) {
                    throw new IllegalArgumentException("line 1: the header has no column " + c + " (expected " + String.join(",", COLUMNS) + ")");
                }
            }
            int[] col = COLUMNS.stream().mapToInt(at::get).toArray();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    // the rest of the file cannot be told apart from the broken field: the file is refused
                    throw new IllegalArgumentException("line " + (parser.getCurrentLineNumber() + 1) + ": a quoted field is not closed");
                }
                int number = (int) parser.getCurrentLineNumber();
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                try {
                    rows.add(row(number, cells, col, zone));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    bad++;
                    if (reasons.size() < REASONS_KEPT) {
                        reasons.add("line " + number + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(rows, bad, List.copyOf(reasons));
    }

    private static Row row(int number, List<String> cells, int[] col, ZoneId zone) {
        String carrier = cell(cells, col[0]).toLowerCase(Locale.ROOT);
        if (carrier.isEmpty()) {
            throw new IllegalArgumentException("carrier is empty");
        }
        String origin = province(cells, col[2], "origin_province");
        String destination = province(cells, col[3], "destination_province");
        LocalDateTime shipped = dateTime(cell(cells, col[4]), zone, "shipped_at");
        LocalDate delivered = dateTime(cell(cells, col[5]), zone, "delivered_at").toLocalDate();
        if (delivered.isBefore(shipped.toLocalDate())) {
            throw new IllegalArgumentException("delivered_at " + delivered + " is before shipped_at " + shipped.toLocalDate());
        }
        String estimate = cell(cells, col[6]);
        LocalDate carrierEstimate = estimate.isEmpty() ? null : dateTime(estimate, zone, "carrier_estimate").toLocalDate();
        return new Row(number, new TransitSample(carrier, cell(cells, col[1]), origin, destination, shipped, delivered), carrierEstimate);
    }

    private static String province(List<String> cells, int i, String name) {
        String v = cell(cells, i);
        return EtaData.plate(v).orElseThrow(() -> new IllegalArgumentException(name + " '" + v + "' is no province (a name or plate code 1-81)"));
    }

    /** An ISO date (its midnight), a local date-time in the zone, or an instant / offset date-time converted to it. */
    static LocalDateTime dateTime(String v, ZoneId zone, String name) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay();
            }
            if (v.endsWith("Z") || v.endsWith("z")) {
                return LocalDateTime.ofInstant(Instant.parse(v.toUpperCase(Locale.ROOT)), zone);
            }
            if (v.length() > 19 && (v.charAt(v.length() - 6) == '+' || v.charAt(v.length() - 6) == '-')) {
                return OffsetDateTime.parse(v).atZoneSameInstant(zone).toLocalDateTime();
            }
            return LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not an ISO-8601 date or instant");
        }
    }

    private static String cell(List<String> cells, int i) {
        return i < cells.size() ? cells.get(i).strip() : "";
    }
}
