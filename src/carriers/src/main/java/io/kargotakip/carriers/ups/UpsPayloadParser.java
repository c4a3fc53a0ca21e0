package io.kargotakip.carriers.ups;

import com.fasterxml.jackson.databind.JsonNode;

import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.LocationZones;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads the two UPS payloads, told apart by shape: a Tracking API v1 response
 * ({@code trackResponse}) and a Track Alert push ({@code TrackingEventRequest}: a top-level
 * {@code trackingNumber} with an {@code activityStatus}). Anything else, including UPS's own
 * {@code response.errors} body, is a {@link PayloadException}.
 *
 * <p>Only Jackson's tree model is used (no data binding), so nothing needs reflection
 * registration in a native image.
 */
final class UpsPayloadParser {

    static final String NOT_FOUND_WARNING = "TW0001";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private final ZoneId fallbackZone;
    private final UpsStatusMap statusMap;

    UpsPayloadParser(ZoneId fallbackZone, UpsStatusMap statusMap) {
        this.fallbackZone = Objects.requireNonNull(fallbackZone, "fallbackZone");
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
    }

    List<TrackingEvent> parse(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.readObject(payload, "UPS");
        if (root.has("trackResponse")) {
            return trackResponse(root.get("trackResponse"));
        }
        if (root.has("trackingNumber") && root.has("activityStatus")) {
            return List.of(push(root));
        }
        if (root.path("response").has("errors")) {
            throw new PayloadException("UPS error response" + errorCodes(root.path("response").path("errors")));
        }
        throw new PayloadException("UPS payload has an unrecognised shape");
    }

    // ---- Tracking API v1 ------------------------------------------------------------------

    private List<TrackingEvent> trackResponse(JsonNode trackResponse) throws PayloadException {
        JsonNode shipments = trackResponse.path("shipment");
        if (!shipments.isArray() && !shipments.isObject()) {
            throw new PayloadException("UPS track response has no shipment list");
        }
        List<TrackingEvent> events = new ArrayList<>();
        boolean anyPackage = false;
        boolean notFound = false;
        for (JsonNode shipment : elements(shipments)) {
            List<JsonNode> packages = elements(shipment.path("package"));
            if (packages.isEmpty()) {
                notFound |= hasWarning(shipment, NOT_FOUND_WARNING);
                continue;
            }
            anyPackage = true;
            for (JsonNode pkg : packages) {
                packageEvents(shipment, pkg, events);
            }
        }
        if (!anyPackage && !notFound) {
            throw new PayloadException("UPS track response has neither packages nor a not-found warning");
        }
        // UPS lists the newest activity first; hand events over oldest first.
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    private void packageEvents(JsonNode shipment, JsonNode pkg, List<TrackingEvent> into) throws PayloadException {
        String trackingNumber = firstNonNull(text(pkg, "trackingNumber"), text(shipment, "inquiryNumber"));
        if (trackingNumber == null) {
            throw new PayloadException("UPS package has no tracking number");
        }
        LocalDate estimatedDelivery = estimatedDelivery(pkg.path("deliveryDate"));
        for (JsonNode activity : elements(pkg.path("activity"))) {
            JsonNode status = activity.path("status");
            String type = text(status, "type");
            if (type == null) {
                throw new PayloadException("UPS activity has no status type");
            }
            String code = text(status, "code");
            StatusMapping mapping = statusMap.forActivity(text(status, "statusCode"), type, code)
                    .orElseGet(() -> UnmappedCodes.record(UpsCarrier.ID, unmappedCode(text(status, "statusCode"), type, code)));
            JsonNode address = activity.path("location").path("address");
            String country = firstNonNull(text(address, "countryCode"), text(address, "country"));
            String state = text(address, "stateProvince");
            OffsetDateTime occurredAt = occurredAt(text(activity, "date"), text(activity, "time"),
                    text(activity, "gmtDate"), text(activity, "gmtTime"), text(activity, "gmtOffset"), country, state);
            String location = location(text(address, "city"), state, country);
            into.add(new TrackingEvent(UpsCarrier.ID, trackingNumber, mapping.status(), mapping.reason(), occurredAt,
                    location, carrierCode(type, code), text(status, "description"), estimatedDelivery));
        }
    }

    /** The rescheduled date beats the scheduled one; the DEL (actual) date is not an estimate. */
    private static LocalDate estimatedDelivery(JsonNode deliveryDates) {
        String scheduled = null;
        String rescheduled = null;
        for (JsonNode entry : elements(deliveryDates)) {
            String type = text(entry, "type");
            if ("RDD".equalsIgnoreCase(type)) {
                rescheduled = text(entry, "date");
            } else if ("SDD".equalsIgnoreCase(type)) {
                scheduled = text(entry, "date");
            }
        }
        LocalDate date = lenientDate(rescheduled);
        return date != null ? date : lenientDate(scheduled);
    }

    private static boolean hasWarning(JsonNode shipment, String code) {
        for (JsonNode warning : elements(shipment.path("warnings"))) {
            if (code.equalsIgnoreCase(text(warning, "code"))) {
                return true;
            }
        }
        return false;
    }

    // ---- Track Alert push -----------------------------------------------------------------

    private TrackingEvent push(JsonNode body) throws PayloadException {
        String trackingNumber = text(body, "trackingNumber");
        if (trackingNumber == null) {
            throw new PayloadException("UPS push has no tracking number");
        }
        JsonNode status = body.path("activityStatus");
        String type = text(status, "type");
        if (type == null) {
            throw new PayloadException("UPS push has no activity status type");
        }
        String code = text(status, "code");
        String descriptionCode = text(status, "descriptionCode");
        StatusMapping mapping = statusMap.forPush(type, code, descriptionCode)
                .orElseGet(() -> UnmappedCodes.record(UpsCarrier.ID, unmappedCode(descriptionCode, type, code)));
        JsonNode place = body.path("activityLocation");
        if (place.has("address")) {
            place = place.get("address");
        }
        String country = firstNonNull(text(place, "country"), text(place, "countryCode"));
        String state = text(place, "stateProvince");
        OffsetDateTime occurredAt = occurredAt(text(body, "localActivityDate"), text(body, "localActivityTime"),
                text(body, "gmtActivityDate"), text(body, "gmtActivityTime"), text(body, "gmtOffset"), country, state);
        String location = location(text(place, "city"), state, country);
        return new TrackingEvent(UpsCarrier.ID, trackingNumber, mapping.status(), mapping.reason(), occurredAt,
                location, carrierCode(type, code), text(status, "description"),
                lenientDate(text(body, "scheduledDeliveryDate")));
    }

    // ---- shared ---------------------------------------------------------------------------

    /**
     * Same for both shapes, so the same scan polled and pushed gets the same idempotency key.
     * The 3-digit statusCode is left out because pushes do not carry it.
     */
    static String carrierCode(String type, String code) {
        return type.toUpperCase(Locale.ROOT) + "/" + (code == null ? "" : code.toUpperCase(Locale.ROOT));
    }

    /** What the review log names: the type/code as in the event, plus the 3-digit code when there is one. */
    private static String unmappedCode(String statusCode, String type, String code) {
        String typeAndCode = carrierCode(type, code);
        return statusCode == null ? typeAndCode : typeAndCode + " " + statusCode;
    }

    /**
     * The GMT fields give the instant and gmtOffset the local offset. Without gmtOffset (UPS's own
     * push examples omit it) the offset is the gap between the local and GMT times. With local
     * fields only, the wall time is read in the zone of the activity's place (country, and state for
     * countries with several zones); only when the place names no known country, in the fallback zone.
     */
    OffsetDateTime occurredAt(String localDate, String localTime, String gmtDate, String gmtTime, String gmtOffset,
                              String country, String stateProvince) throws PayloadException {
        LocalDateTime local = dateTime(localDate, localTime);
        LocalDateTime gmt = dateTime(gmtDate, gmtTime);
        if (gmt != null) {
            ZoneOffset offset = CarrierTime.parseOffset(gmtOffset);
            if (offset == null && local != null) {
                offset = CarrierTime.offsetBetween(local, gmt);
            }
            return CarrierTime.fromGmt(gmt, offset);
        }
        if (local != null) {
            return CarrierTime.inZone(local, LocationZones.of(country, stateProvince).orElse(fallbackZone));
        }
        throw new PayloadException("UPS activity has no date and time");
    }

    private static LocalDateTime dateTime(String date, String time) throws PayloadException {
        if (date == null || time == null) {
            return null;
        }
        // UPS drops the leading zero of early times ("74700" for 07:47:00).
        if (!date.matches("\\d{8}") || !time.matches("\\d{1,6}")) {
            throw new PayloadException("UPS activity date or time is malformed");
        }
        String paddedTime = "0".repeat(6 - time.length()) + time;
        try {
            return LocalDateTime.of(LocalDate.parse(date, DATE), LocalTime.parse(paddedTime, TIME));
        } catch (DateTimeException e) {
            throw new PayloadException("UPS activity date or time is out of range");
        }
    }

    /** An estimate that does not parse is dropped rather than failing the whole payload. */
    private static LocalDate lenientDate(String value) {
        if (value == null || !value.matches("\\d{8}")) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "City, ST, CC" from the parts UPS filled in; null when there are none. */
    static String location(String city, String stateProvince, String country) {
        StringJoiner joined = new StringJoiner(", ");
        for (String part : new String[] {city, stateProvince, country}) {
            if (part != null) {
                joined.add(part);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static String errorCodes(JsonNode errors) {
        StringJoiner codes = new StringJoiner(", ", " (", ")").setEmptyValue("");
        int count = 0;
        for (JsonNode error : elements(errors)) {
            String code = text(error, "code");
            // Only well-formed codes are echoed, and only a few: the message stays one short line.
            if (code != null && ERROR_CODE.matcher(code).matches() && count++ < 3) {
                codes.add(code);
            }
        }
        return codes.toString();
    }

    /** UPS sends arrays, but a lone object where an array is expected is read as one element. */
    private static List<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> list = new ArrayList<>(node.size());
            node.forEach(list::add);
            return list;
        }
        return node.isObject() ? List.of(node) : List.of();
    }

    /** A scalar field, trimmed; null when missing, blank or not a scalar. */

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
