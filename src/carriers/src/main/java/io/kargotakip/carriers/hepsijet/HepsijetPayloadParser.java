package io.kargotakip.carriers.hepsijet;

import com.fasterxml.jackson.databind.JsonNode;

import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads HepsiJET's tracking answers, told apart by shape:
 * <ul>
 *   <li><b>{@code POST /delivery/integration/track}</b> (documented on developers.hepsiburada.com): {@code {"status":"OK",
 *       "data":[{"barcode", "trackingUrl", "details":[{"transactionLocation", "transactionDate", "integrationStatus"}]}]}},
 *       one {@code data} entry per barcode asked about. {@code {"status":"OK"}} without entries, or an entry without
 *       details, is "no movement yet" (HepsiJET: the shipment has had no operation): no events.</li>
 *   <li><b>{@code GET /deliveryTransaction/getDeliveryTracking}</b> — <b>UNVERIFIED, INFERRED</b>: the path and the fields
 *       {@code currentStatusCode, currentStatusName, events[]{actionDate, statusName, statusCode, description, location}}
 *       come from one third-party client and look invented; read here (bare or under {@code data}) so that a captured
 *       answer of that shape is understood, with the key taken from {@code customerDeliveryNo} (else {@code barcode}).</li>
 *   <li>An answer whose {@code status} is not {@code OK}: HepsiJET's error (its code, not its message, in the
 *       {@link PayloadException}); the error shape is inferred from the {@code status} field of the documented answers.</li>
 * </ul>
 * Times: {@code transactionDate} is ISO-8601 with offset in the documented example; a time without offset is read as
 * Istanbul local time, and {@code actionDate} (format undocumented) may also be {@code yyyy-MM-dd HH:mm:ss},
 * {@code dd.MM.yyyy HH:mm[:ss]} or epoch milliseconds [inferred]. Every instant is shown at Istanbul's offset.
 *
 * <p>Status: the event's words first (text rows), then its code (statusCode rows); see {@link HepsijetStatusMap}.
 * The event's carrier code is the status code (stable for the same scan); without one, the folded words.
 */
final class HepsijetPayloadParser {

    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_-]{1,14}");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSS]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_TEXT_CODE = 40;

    private final HepsijetStatusMap statusMap;

    HepsijetPayloadParser(HepsijetStatusMap statusMap) {
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
    }

    List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        JsonNode root = read(payload);
        String status = text(root, "status");
        if (status != null && !status.equalsIgnoreCase("OK")) {
            throw new PayloadException("HepsiJET error response" + codes(status, text(root, "errorCode"), text(root, "code")));
        }
        JsonNode data = root.path("data");
        List<TrackingEvent> events = new ArrayList<>();
        if (looksLikeDeliveryTracking(root)) {
            deliveryTracking(root, events);
        } else if (looksLikeDeliveryTracking(data)) {
            deliveryTracking(data, events);
        } else if (status != null && (data.isArray() || data.isMissingNode() || data.isNull())) {
            for (JsonNode entry : elements(data)) {
                integrationTrack(entry, events);
            }
        } else {
            // includes the token answer {"data":{"token":…}}: never a tracking payload
            throw new PayloadException("HepsiJET payload has an unrecognised shape");
        }
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    // ---- /delivery/integration/track (documented) ----------------------------------------------

    private void integrationTrack(JsonNode entry, List<TrackingEvent> into) throws PayloadException {
        if (!entry.isObject()) {
            throw new PayloadException("HepsiJET track entry is not an object");
        }
        String barcode = text(entry, "barcode");
        if (barcode == null) {
            throw new PayloadException("HepsiJET track entry has no barcode");
        }
        JsonNode details = entry.path("details");
        if (!details.isMissingNode() && !details.isNull() && !details.isArray()) {
            throw new PayloadException("HepsiJET track entry's details are not a list");
        }
        for (JsonNode detail : elements(details)) {
            String code = text(detail, "integrationStatus");
            String place = text(detail, "transactionLocation");
            OffsetDateTime at = time(detail.path("transactionDate"), "HepsiJET movement time");
            into.add(event(barcode, code, at, place, place, place));
        }
    }

    // ---- /deliveryTransaction/getDeliveryTracking (UNVERIFIED) ---------------------------------

    private static boolean looksLikeDeliveryTracking(JsonNode node) {
        return node.isObject() && (node.has("events") || node.has("currentStatusCode"));
    }

    private void deliveryTracking(JsonNode tracking, List<TrackingEvent> into) throws PayloadException {
        String key = firstNonNull(text(tracking, "customerDeliveryNo"), text(tracking, "barcode"));
        if (key == null) {
            throw new PayloadException("HepsiJET tracking answer names no delivery number");
        }
        JsonNode events = tracking.path("events");
        if (!events.isMissingNode() && !events.isNull() && !events.isArray()) {
            throw new PayloadException("HepsiJET tracking events are not a list");
        }
        for (JsonNode e : elements(events)) {
            String name = text(e, "statusName");
            String description = text(e, "description");
            OffsetDateTime at = time(e.path("actionDate"), "HepsiJET event time");
            into.add(event(key, text(e, "statusCode"), at, text(e, "location"), firstNonNull(description, name),
                    name, description));
        }
    }

    // ---- shared --------------------------------------------------------------------------------

    private TrackingEvent event(String key, String code, OffsetDateTime at, String location, String description,
                                String... texts) throws PayloadException {
        String words = firstNonNull(texts);
        if (code == null && words == null) {
            throw new PayloadException("HepsiJET event has neither a status code nor a text");
        }
        StatusMapping mapping = statusMap.forText(texts)
                .or(() -> statusMap.forCode(code))
                // the text is never logged: it can name the person who took the parcel
                .orElseGet(() -> UnmappedCodes.record(HepsijetCarrier.ID, code == null ? "text-only" : code));
        return new TrackingEvent(HepsijetCarrier.ID, key, mapping.status(), mapping.reason(), at, location,
                carrierCode(code, words), description, null);
    }

    /** The status code; a text-only event is keyed by its folded words, so a repeat of the same scan is the same event. */
    static String carrierCode(String code, String words) {
        if (code != null) {
            return HepsijetStatusMap.codeKey(code);
        }
        String folded = TurkishText.fold(words);
        folded = folded.length() <= MAX_TEXT_CODE ? folded : folded.substring(0, MAX_TEXT_CODE);
        return folded.isEmpty() ? "?" : "text:" + folded;
    }

    static OffsetDateTime time(JsonNode value, String what) throws PayloadException {
        try {
            if (value.isIntegralNumber()) {
                return Instant.ofEpochMilli(value.longValue()).atZone(CarrierTime.ISTANBUL).toOffsetDateTime();
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new PayloadException(what + " is missing");
            }
            String text = value.asText().trim();
            try {
                return OffsetDateTime.parse(text).atZoneSameInstant(CarrierTime.ISTANBUL).toOffsetDateTime();
            } catch (DateTimeParseException withoutOffset) {
                for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE_TIME, SPACED, DOTTED}) {
                    try {
                        return CarrierTime.inZone(LocalDateTime.parse(text, format), CarrierTime.ISTANBUL);
                    } catch (DateTimeParseException ignored) {
                        // next format
                    }
                }
                throw new PayloadException(what + " is malformed");
            }
        } catch (DateTimeException e) {
            throw new PayloadException(what + " is out of range");
        }
    }

    private static JsonNode read(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.readObject(payload, "HepsiJET");
        return root;
    }

    /**
     * Only short, code-like values are named, never a message; at most 14 characters, so no 16-character part of the
     * exception message (checked by the conformance suite) can be a piece of the payload.
     */
    private static String codes(String... values) {
        List<String> safe = new ArrayList<>();
        for (String v : values) {
            if (v != null && SAFE_CODE.matcher(v).matches()) {
                safe.add(v);
            }
        }
        return safe.isEmpty() ? "" : " (" + String.join(", ", safe) + ")";
    }

    private static List<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> list = new ArrayList<>(node.size());
            node.forEach(list::add);
            return list;
        }
        return node.isObject() ? List.of(node) : List.of();
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
