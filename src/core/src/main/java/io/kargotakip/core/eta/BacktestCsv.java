package io.kargotakip.core.eta;

import java.io.BufferedReader;
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

    /** @throws IllegalArgumentException when the header lacks a column (the file is not a shipments file at all) */
    public static Result read(Reader in, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int bad = 0;
        try (BufferedReader reader = new BufferedReader(in)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException("empty file: expected the header " + String.join(",", COLUMNS));
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            Map<String, Integer> at = new HashMap<>();
            List<String> names = split(header);
            for (int i = 0; i < names.size(); i++) {
                at.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            for (String c : COLUMNS) {
                if (!at.containsKey(c)) {
                    throw new IllegalArgumentException("line 1: the header has no column " + c + " (expected " + String.join(",", COLUMNS) + ")");
                }
            }
            int[] col = COLUMNS.stream().mapToInt(at::get).toArray();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(row(number, split(line), col, zone));
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

    /** One CSV line's cells; a quoted cell may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
