package io.kargotakip.carriers.dhl;

import com.fasterxml.jackson.databind.JsonNode;

import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.LocationZones;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads DHL Shipment Tracking - Unified payloads, told apart by shape:
 * <ul>
 *   <li>the tracking answer, {@code {shipments[]{id, status, events[], estimatedTimeOfDelivery, …}, url, …}}:
 *       one event per entry of {@code events[]}, or, for a shipment without events, one from its {@code status}
 *       (the same fields, so the same scan gives the same event either way). An empty {@code shipments[]} is
 *       "nothing found". Unified Push callbacks carry the same {@code shipments[]} model (with or without an
 *       envelope around it) and are read the same way;</li>
 *   <li>a Push subscription's lifecycle message ({@code scope} {@code subscription.validate}, {@code …ready}, without
 *       shipments): no events. This shape is library-sourced (third-party push receivers), not from DHL's pages;</li>
 *   <li>an RFC 7807 problem ({@code {title, detail, status, instance}}): status 404 is "no shipment with this
 *       number" (no events); any other status is a {@link PayloadException} naming the HTTP status only.</li>
 * </ul>
 * Anything else is a {@link PayloadException}. Messages never repeat the payload.
 *
 * <p>Times are ISO-8601, sometimes without an offset. With an offset they are taken as written ({@code Z} shown at
 * the offset of the event's country when the location names one); without one they are read in the zone of the
 * event's country ({@code location.address.countryCode}, via the kit's {@link LocationZones}), else in the fallback
 * zone (UTC unless configured).
 *
 * <p>Only Jackson's tree model is used (no data binding), so nothing needs reflection registration in a native image.
 */
final class DhlPayloadParser {

    /** ISO-8601 local date-time, seconds and fraction optional, then an optional offset ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)(Z|[+-]\\d{2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[Tt ].*)?");
    private static final Pattern QUERIED_NUMBER = Pattern.compile("[?&]trackingNumber=([^&?#]+)");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String LIFECYCLE_SCOPE = "subscription.";

    private final ZoneId fallbackZone;
    private final DhlStatusMap statusMap;

    DhlPayloadParser(ZoneId fallbackZone, DhlStatusMap statusMap) {
        this.fallbackZone = Objects.requireNonNull(fallbackZone, "fallbackZone");
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
    }

    List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.readObject(payload, "DHL");
        if (root.has("shipments")) {
            return shipments(root);
        }
        String scope = text(root, "scope");
        if (scope != null && scope.toLowerCase(Locale.ROOT).startsWith(LIFECYCLE_SCOPE)) {
            return List.of(); // a subscription being validated or made ready: nothing about a shipment
        }
        Integer problemStatus = problemStatus(root);
        if (problemStatus != null) {
            if (problemStatus == 404) {
                return List.of();
            }
            throw new PayloadException("DHL error response (HTTP " + problemStatus + ")");
        }
        throw new PayloadException("DHL payload has an unrecognised shape");
    }

    // ---- shipments ----------------------------------------------------------------------------

    private List<TrackingEvent> shipments(JsonNode root) throws PayloadException {
        JsonNode shipments = root.get("shipments");
        if (!shipments.isArray()) {
            throw new PayloadException("DHL shipments is not a list");
        }
        String queried = queriedNumber(text(root, "url"));
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode shipment : shipments) {
            if (!shipment.isObject()) {
                throw new PayloadException("DHL shipment is not an object");
            }
            shipmentEvents(shipment, queried, events);
        }
        // DHL lists the newest event first; hand events over oldest first.
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    private void shipmentEvents(JsonNode shipment, String queried, List<TrackingEvent> into) throws PayloadException {
        String id = text(shipment, "id");
        if (id == null) {
            throw new PayloadException("DHL shipment has no id");
        }
        LocalDate estimatedDelivery = lenientDate(text(shipment, "estimatedTimeOfDelivery"));
        if (estimatedDelivery == null) {
            estimatedDelivery = lenientDate(text(shipment.path("estimatedDeliveryTimeFrame"), "estimatedThrough"));
        }
        JsonNode events = shipment.path("events");
        if (!events.isMissingNode() && !events.isNull() && !events.isArray()) {
            throw new PayloadException("DHL shipment events is not a list");
        }
        List<JsonNode> scans = new ArrayList<>();
        events.forEach(scans::add);
        if (scans.isEmpty() && shipment.path("status").isObject()) {
            scans.add(shipment.get("status")); // pushes and short answers carry only the latest status
        }
        for (JsonNode scan : scans) {
            into.add(event(id, queried, scan, estimatedDelivery));
        }
    }

    private TrackingEvent event(String id, String queried, JsonNode scan, LocalDate estimatedDelivery) throws PayloadException {
        if (!scan.isObject()) {
            throw new PayloadException("DHL event is not an object");
        }
        String statusCode = text(scan, "statusCode");
        String status = text(scan, "status");
        String description = text(scan, "description");
        String words = joined(" . ", status, text(scan, "statusDetailed"), description, text(scan, "remark"));
        StatusMapping mapping = statusMap.forEvent(statusCode, words)
                .orElseGet(() -> UnmappedCodes.record(DhlCarrier.ID, statusCode));
        JsonNode address = scan.path("location").path("address");
        String country = text(address, "countryCode");
        OffsetDateTime occurredAt = occurredAt(text(scan, "timestamp"), country);
        String location = joined(", ", text(address, "addressLocality"), country);
        String ownText = description != null ? description : status;
        return new TrackingEvent(DhlCarrier.ID, id, mapping.status(), mapping.reason(), occurredAt, location,
                carrierCode(statusCode, ownText), ownText, estimatedDelivery, queried);
    }

    /**
     * The event's family plus a short digest of its own text: DHL has no per-scan code, and two scans of one
     * family at the same minute (processed, then departed) must not share an idempotency key. The text is the
     * event's {@code description} (else {@code status}): the scan's own words, the same whether it is polled or
     * pushed, where {@code status} is sometimes only a family word on a shipment's latest status. A digest, not the
     * text: it stays short and carries no names ("signed for by …").
     */
    static String carrierCode(String statusCode, String text) {
        String family = DhlStatusMap.family(statusCode);
        String code = family.isEmpty() ? "none" : family;
        String folded = TurkishText.fold(text);
        if (folded.isEmpty()) {
            return code;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return code + "/" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An offset-bearing time is taken as written; {@code Z} is shown at the offset of the event's country where
     * the location names one. A local time is read in the zone of the event's country, else the fallback zone.
     */
    OffsetDateTime occurredAt(String timestamp, String country) throws PayloadException {
        if (timestamp == null) {
            throw new PayloadException("DHL event has no timestamp");
        }
        Matcher m = TIMESTAMP.matcher(timestamp);
        if (!m.matches()) {
            throw new PayloadException("DHL event timestamp is malformed");
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(m.group(1).toUpperCase(Locale.ROOT).replace(',', '.'));
        } catch (DateTimeException e) {
            throw new PayloadException("DHL event timestamp is out of range");
        }
        Optional<ZoneId> placeZone = LocationZones.of(country, null);
        if (m.group(2) == null) {
            return CarrierTime.inZone(local, placeZone.orElse(fallbackZone));
        }
        ZoneOffset offset = CarrierTime.parseOffset(m.group(2));
        if (offset == null) {
            throw new PayloadException("DHL event timestamp has an invalid offset");
        }
        OffsetDateTime written = local.atOffset(offset);
        return offset.equals(ZoneOffset.UTC) && placeZone.isPresent()
                ? written.atZoneSameInstant(placeZone.get()).toOffsetDateTime()
                : written;
    }

    /** An estimate's calendar day as DHL wrote it; one that does not parse is dropped rather than failing the payload. */
    private static LocalDate lenientDate(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The number the answer was asked for, from its {@code url} ({@code /shipments?trackingNumber=…}): without the
     * {@code service} parameter DHL may answer with the same shipment under another division's number, and this
     * keeps the asked number on the events as their alternate number. Null when absent or not a plain number.
     */
    static String queriedNumber(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = QUERIED_NUMBER.matcher(url);
        if (!m.find()) {
            return null;
        }
        String number;
        try {
            number = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
            return null;
        }
        return PLAIN_NUMBER.matcher(number).matches() ? number : null;
    }

    /** The HTTP status of an RFC 7807 problem body (a numeric status beside a title, detail, instance or type). */
    private static Integer problemStatus(JsonNode root) {
        JsonNode status = root.path("status");
        boolean described = text(root, "title") != null || text(root, "detail") != null || text(root, "instance") != null
                || text(root, "type") != null;
        if (!described) {
            return null;
        }
        String value = status.isIntegralNumber() ? status.asText() : status.isTextual() ? status.asText().trim() : null;
        return value != null && value.matches("[1-5]\\d{2}") ? Integer.valueOf(value) : null;
    }

    private static String joined(String separator, String... parts) {
        StringJoiner joined = new StringJoiner(separator);
        for (String part : parts) {
            if (part != null) {
                joined.add(part);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** A scalar field, trimmed; null when missing, blank or not a scalar. */
}
