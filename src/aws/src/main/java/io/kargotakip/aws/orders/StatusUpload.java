package io.kargotakip.aws.orders;

import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.manual.ManualStatuses;
import io.kargotakip.core.carrier.CarrierDetection;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Statuses of a carrier without an API (brief §12), uploaded by the merchant: {@code ./kargo import-statuses FILE}
 * and {@code POST /statuses}, a CSV with the header {@code carrier,tracking_number,code,status,time,location,reason}.
 * Each row gives the carrier's own code (mapped through that carrier's table) or a canonical status; the whole file
 * is checked first, every bad row reported as {@code line N: reason}, and nothing is queued unless all rows are
 * good. The rows go to the raw-events queue as events of the {@code manual} source, so dedup, ordering and messages
 * work as for any carrier: the same file uploaded twice is told once.
 */
public final class StatusUpload {

    public static final List<String> COLUMNS = List.of("carrier", "tracking_number", "code", "status", "time", "location", "reason");
    private static final int EVENTS_PER_MESSAGE = 200;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]", Locale.ROOT);
    private static final DateTimeFormatter TURKISH = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm[:ss]", Locale.ROOT);

    /** The events of a file, and its bad rows. */
    public record Read(List<TrackingEvent> events, List<OrderIntake.Problem> problems) {
    }

    private final CarrierRegistry registry;
    private final CarrierDetection detection;
    private final ZoneId zone;

    /** @param zone the zone of times written without an offset (the merchant's: Europe/Istanbul) */
    public StatusUpload(CarrierRegistry registry, ZoneId zone) {
        this.registry = registry;
        this.detection = new CarrierDetection(registry);
        this.zone = zone;
    }

    public Read read(Reader reader) {
        List<OrderIntake.Problem> problems = new ArrayList<>();
        List<TrackingEvent> events = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = List.of("carrier", "tracking_number", "time").stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty() || (!header.contains("code") && !header.contains("status"))) {
                problems.add(new OrderIntake.Problem(1, "header must have carrier, tracking_number, time and code or status; columns: "
                        + String.join(",", COLUMNS)));
                return new Read(List.of(), problems);
            }
            for (CSVRecord row : parser) {
                int line = (int) row.getRecordNumber() + 1;
                if (!row.isConsistent()) {
                    problems.add(new OrderIntake.Problem(line, "has " + row.size() + " fields, the header has " + header.size()));
                    continue;
                }
                List<String> why = new ArrayList<>();
                Optional<TrackingEvent> event = event(row, why);
                why.forEach(w -> problems.add(new OrderIntake.Problem(line, w)));
                if (why.isEmpty()) {
                    event.ifPresent(events::add);
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            problems.add(new OrderIntake.Problem(0, "unreadable CSV"));
        }
        return new Read(problems.isEmpty() ? events : List.of(), problems);
    }

    private Optional<TrackingEvent> event(CSVRecord row, List<String> why) {
        String carrier = value(row, "carrier");
        String number = value(row, "tracking_number");
        if (carrier == null || number == null) {
            why.add("carrier and tracking_number are required");
            return Optional.empty();
        }
        carrier = carrier.toLowerCase(Locale.ROOT);
        if (carrier.equals(CarrierDetection.AUTO)) {
            var detected = detection.byTrackingNumber(number);
            if (detected instanceof CarrierDetection.Result.NotFound notFound) {
                why.add("carrier 'auto': " + notFound.reason());
                return Optional.empty();
            }
            carrier = ((CarrierDetection.Result.Found) detected).adapter().id();
        } else if (!registry.shipmentCarriers().contains(carrier)) {
            why.add("carrier '" + carrier + "' is not known; one of " + String.join(", ", registry.shipmentCarriers()));
            return Optional.empty();
        }
        try {
            new ShipmentId(carrier, number);
        } catch (IllegalArgumentException e) {
            why.add("tracking_number is blank");
            return Optional.empty();
        }
        Optional<StatusMapping> mapping = mapping(carrier, value(row, "code"), value(row, "status"), value(row, "reason"), why);
        OffsetDateTime at = time(value(row, "time"), why);
        if (mapping.isEmpty() || at == null) {
            return Optional.empty();
        }
        String code = value(row, "code") != null ? value(row, "code") : mapping.get().status().wireName();
        return Optional.of(new TrackingEvent(carrier, number, mapping.get().status(), mapping.get().reason(), at, value(row, "location"),
                "manual:" + code, "status upload", null));
    }

    /** The row's canonical status: its own, or what its carrier code means in that carrier's table. */
    private Optional<StatusMapping> mapping(String carrier, String code, String status, String reason, List<String> why) {
        if (status != null) {
            Optional<TrackingStatus> s = TrackingStatus.fromWireName(status.toLowerCase(Locale.ROOT));
            if (s.isEmpty() || s.get() == TrackingStatus.UNKNOWN) {
                why.add("status '" + status + "' is not a status; expected one of " + statuses());
                return Optional.empty();
            }
            Reason r = null;
            if (reason != null) {
                Optional<Reason> parsed = Reason.fromWireName(reason.toLowerCase(Locale.ROOT));
                if (parsed.isEmpty()) {
                    why.add("reason '" + reason + "' is not a reason");
                    return Optional.empty();
                }
                r = parsed.get();
            } else if (StatusMapping.WITH_REASON.contains(s.get())) {
                r = Reason.OTHER;
            }
            try {
                return Optional.of(StatusMapping.of(s.get(), r));
            } catch (IllegalArgumentException e) {
                why.add(e.getMessage());
                return Optional.empty();
            }
        }
        if (code == null) {
            why.add("give the carrier's code or a status");
            return Optional.empty();
        }
        Set<StatusMapping> meanings = new LinkedHashSet<>();
        for (MappingTable.Row row : MappingTable.load(carrier).rows()) {
            if (!row.field().equals("text") && row.code().equalsIgnoreCase(code.trim())) {
                meanings.add(row.mapping());
            }
        }
        if (meanings.size() == 1 && meanings.iterator().next().status() != TrackingStatus.UNKNOWN) {
            return Optional.of(meanings.iterator().next());
        }
        why.add(meanings.isEmpty() ? "code '" + code + "' is not in " + carrier + "'s mapping table; give a status instead"
                : "code '" + code + "' means different things in " + carrier + "'s mapping table; give a status instead");
        return Optional.empty();
    }

    private OffsetDateTime time(String text, List<String> why) {
        if (text == null) {
            why.add("time is required");
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException notWithOffset) {
            for (DateTimeFormatter f : List.of(LOCAL, TURKISH)) {
                try {
                    return LocalDateTime.parse(text, f).atZone(zone).toOffsetDateTime();
                } catch (DateTimeException next) {
                    // the other form
                }
            }
        }
        why.add("time '" + text + "' is not a time; write 2026-12-01T14:30:00+03:00, 2026-12-01 14:30 or 01.12.2026 14:30");
        return null;
    }

    private static String statuses() {
        List<String> names = new ArrayList<>();
        for (TrackingStatus s : TrackingStatus.values()) {
            if (s != TrackingStatus.UNKNOWN) {
                names.add(s.wireName());
            }
        }
        return String.join(", ", names);
    }

    private static String value(CSVRecord row, String column) {
        if (!row.isMapped(column)) {
            return null;
        }
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * Queues the events as raw events of the {@code manual} source, a row's number resolved to its shipment's key
     * when it is the carrier's other number (a Yurtiçi docId for a shipment keyed by its cargoKey).
     *
     * @return the events queued
     */
    public static int queue(List<TrackingEvent> events, ShipmentRepository shipments, QueuePublisher rawEvents, java.time.Clock clock) {
        List<TrackingEvent> keyed = new ArrayList<>();
        for (TrackingEvent e : events) {
            ShipmentId id = shipments.findByNumber(e.carrier(), e.trackingNumber()).orElse(e.shipmentId());
            keyed.add(new TrackingEvent(id.carrier(), id.trackingNumber(), e.status(), e.reason(), e.occurredAt(), e.location(),
                    e.carrierCode(), e.description(), e.estimatedDelivery()));
        }
        List<RawEvent> messages = new ArrayList<>();
        for (int i = 0; i < keyed.size(); i += EVENTS_PER_MESSAGE) {
            messages.add(new RawEvent(ManualStatuses.ID, "upload", clock.instant(), UUID.randomUUID().toString(),
                    ManualStatuses.payload(keyed.subList(i, Math.min(keyed.size(), i + EVENTS_PER_MESSAGE))), "application/json", Map.of()));
        }
        if (!messages.isEmpty()) {
            rawEvents.publishAll(messages);
        }
        return keyed.size();
    }
}
