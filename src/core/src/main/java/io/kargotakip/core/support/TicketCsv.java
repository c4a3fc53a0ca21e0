package io.kargotakip.core.support;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The merchant's ticket export as CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), for helpdesks
 * without a webhook and for the history before one:
 * {@code ticket_id,created_at,first_response_at,solved_at,subject,body,tags,order_no,tracking_number}; columns in any
 * order, other columns ignored, {@code ticket_id} and {@code created_at} required, tags separated by {@code ;}, times
 * ISO-8601 (without an offset: Istanbul's). Each row gives its ticket's events (created, and first response and solution where
 * given). A bad row is reported with its line (the header is line 1) and skipped; the good rows stand.
 */
public final class TicketCsv {

    public static final String SOURCE = "csv";
    static final List<String> REQUIRED = List.of("ticket_id", "created_at");

    /** A row that was skipped, and why. */
    public record BadRow(int line, String reason) {
    }

    /**
     * @param rows     data rows read (blank lines not counted)
     * @param tickets  rows taken
     * @param events   their events, in file order
     * @param bad      rows skipped
     */
    public record Result(int rows, int tickets, List<TicketEvent> events, List<BadRow> bad) {
    }

    private TicketCsv() {
    }

    /** @throws TicketPayloadException when the file as a whole cannot be read: empty, or no usable header */
    public static Result read(String text) throws TicketPayloadException {
        List<Row> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            throw new TicketPayloadException("the CSV is empty; the first line is the header: ticket_id,created_at,…");
        }
        List<String> header = records.get(0).cells().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i), i);
        }
        for (String required : REQUIRED) {
            if (!column.containsKey(required)) {
                throw new TicketPayloadException("the CSV header has no " + required + " column");
            }
        }
        List<TicketEvent> events = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        int rows = 0;
        int tickets = 0;
        for (Row row : records.subList(1, records.size())) {
            if (row.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            rows++;
            if (row.cells().size() > header.size()) {
                bad.add(new BadRow(row.line(), "has " + row.cells().size() + " fields, the header has " + header.size()));
                continue;
            }
            try {
                events.addAll(events(row, column));
                tickets++;
            } catch (TicketPayloadException e) {
                bad.add(new BadRow(row.line(), e.getMessage()));
            }
        }
        return new Result(rows, tickets, List.copyOf(events), List.copyOf(bad));
    }

    private static List<TicketEvent> events(Row row, Map<String, Integer> column) throws TicketPayloadException {
        String id = cell(row, column, "ticket_id");
        if (id == null) {
            throw new TicketPayloadException("ticket_id is empty");
        }
        String createdAt = cell(row, column, "created_at");
        if (createdAt == null) {
            throw new TicketPayloadException("created_at is empty");
        }
        Instant created = time(createdAt, "created_at");
        String tagCell = cell(row, column, "tags");
        List<String> tags = tagCell == null ? List.of() : List.of(tagCell.split(";"));
        SupportTicket ticket = new SupportTicket(SOURCE, id, cell(row, column, "subject"), cell(row, column, "body"), tags, Map.of(),
                cell(row, column, "order_no"), cell(row, column, "tracking_number"));
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketEvent(ticket, TicketEvent.Step.CREATED, created));
        for (var later : List.of(Map.entry("first_response_at", TicketEvent.Step.FIRST_RESPONSE), Map.entry("solved_at", TicketEvent.Step.SOLVED))) {
            String value = cell(row, column, later.getKey());
            if (value != null) {
                Instant at = time(value, later.getKey());
                if (at.isBefore(created)) {
                    throw new TicketPayloadException(later.getKey() + " is before created_at");
                }
                events.add(new TicketEvent(ticket, later.getValue(), at));
            }
        }
        return events;
    }

    /** An ISO-8601 time; without an offset it is Istanbul's, as a spreadsheet's export often leaves it (and as {@code POST /statuses} reads). */
    private static Instant time(String value, String field) throws TicketPayloadException {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException withOffset) {
            try {
                return java.time.LocalDateTime.parse(value).atZone(ISTANBUL).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new TicketPayloadException(field + " is not an ISO-8601 time (2026-12-01T10:00:00Z, or 2026-12-01T13:00:00 in Istanbul's time)");
            }
        }
    }

    private static final java.time.ZoneId ISTANBUL = java.time.ZoneId.of("Europe/Istanbul");

    private static String cell(Row row, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        if (i == null || i >= row.cells().size()) {
            return null;
        }
        String v = row.cells().get(i);
        return v.isBlank() ? null : v.strip();
    }

    /** One CSV record and the line it starts on. */
    record Row(int line, List<String> cells) {
    }

    /**
     * The records (commons-csv, RFC 4180: a quoted field may span lines), each with the line it starts on: the line
     * after the previous record's end. Blank lines are kept here and skipped by the caller, so the count stays right.
     */
    static List<Row> records(String text) throws TicketPayloadException {
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            long end = 0;
            java.util.Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long start = end + 1;
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (java.io.UncheckedIOException e) {
                    String why = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    throw new TicketPayloadException("line " + start + (why.contains("EOF") ? ": a quoted field is not closed"
                            : ": a quoted field has text after its closing quote"));
                }
                end = parser.getCurrentLineNumber();
                rows.add(new Row((int) start, record.toList()));
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new TicketPayloadException("the CSV cannot be read: " + e.getMessage());
        }
        return rows;
    }
}
