package io.kargotakip.carriers.amazon;

import com.fasterxml.jackson.databind.JsonNode;

import io.kargotakip.carriers.kit.LocationZones;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads every Amazon SP-API answer we meet, told apart by shape:
 * <ul>
 *   <li><b>Shipping API v2 getTracking</b> ({@code GET /shipping/v2/tracking}): {@code {"payload":{trackingId,
 *       alternateLegTrackingId, eventHistory[]{eventCode, location, eventTime, shipmentType}, promisedDeliveryDate,
 *       summary{status, trackingDetailCodes{forward[], returns[]}}}}}; also the bare payload (as the OpenAPI examples
 *       print it) and the <b>v1</b> answer ({@code GET /shipping/v1/tracking/{trackingId}}, no shipmentType, no detail
 *       codes). Events of the shipment {@code amazon:<trackingId>}; {@code alternateLegTrackingId} (the return leg's
 *       id) is the alternate number.</li>
 *   <li><b>Orders API 2026-01-01</b> {@code getOrder?includedData=PACKAGES} ({@code {"order":{…, packages[]}}}) and
 *       {@code searchOrders} ({@code {"orders":[…]}}): a {@link MarketplacePackage} per package, its carrier named by
 *       {@link AmazonCarrierNames}, its status an event of that carrier's shipment.</li>
 *   <li>An SP-API error list ({@code {"errors":[{code, message, details}]}}): {@code NotFound} is no events, any
 *       other code a {@link PayloadException} naming the code (never the message).</li>
 * </ul>
 * Times are ISO-8601 instants; an event is shown at the offset of its place (country, and state where a country has
 * several zones), else as Amazon wrote it.
 */
final class AmazonPayloadParser {

    static final String NOT_FOUND = "NotFound";

    /** At most 14 characters: no 16-character part of an error message can then be a piece of the payload. */
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,14}");

    /** What one payload holds: a Shipping answer's events, or an Orders answer's packages. */
    record Parsed(List<TrackingEvent> shippingEvents, List<MarketplacePackage> packages) {
        List<TrackingEvent> events() {
            List<TrackingEvent> all = new ArrayList<>(shippingEvents);
            packages.forEach(p -> all.addAll(p.events()));
            return all;
        }
    }

    private final AmazonStatusMap statusMap;
    private final AmazonCarrierNames carrierNames;

    AmazonPayloadParser(AmazonStatusMap statusMap, AmazonCarrierNames carrierNames) {
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
        this.carrierNames = Objects.requireNonNull(carrierNames, "carrierNames");
    }

    Parsed parse(byte[] payload) throws PayloadException {
        JsonNode root = read(payload);
        JsonNode errors = root.path("errors");
        // v1 wraps {payload, errors} together: an error list with content wins over an empty payload
        if (errors.isArray() && !errors.isEmpty()) {
            return errors(errors);
        }
        JsonNode wrapped = root.path("payload");
        if (isShipping(wrapped)) {
            return new Parsed(shipping(wrapped), List.of());
        }
        if (isShipping(root)) {
            return new Parsed(shipping(root), List.of());
        }
        if (root.path("order").isObject()) {
            return new Parsed(List.of(), order(root.get("order")));
        }
        if (root.path("orders").isArray()) {
            List<MarketplacePackage> packages = new ArrayList<>();
            for (JsonNode order : root.get("orders")) {
                packages.addAll(order(order));
            }
            return new Parsed(List.of(), packages);
        }
        throw new PayloadException("Amazon payload has an unrecognised shape");
    }

    private static Parsed errors(JsonNode errors) throws PayloadException {
        StringJoiner codes = new StringJoiner(", ", " (", ")").setEmptyValue("");
        boolean notFound = true;
        int named = 0;
        for (JsonNode error : errors) {
            String code = text(error, "code");
            notFound &= NOT_FOUND.equalsIgnoreCase(code);
            if (code != null && SAFE_CODE.matcher(code).matches() && named++ < 3) {
                codes.add(code);
            }
        }
        if (notFound) {
            return new Parsed(List.of(), List.of());
        }
        throw new PayloadException("Amazon error response" + codes);
    }

    // ---- Shipping API getTracking (v2, v1) -----------------------------------------------------

    private static boolean isShipping(JsonNode node) {
        return node.isObject() && node.has("trackingId") && (node.has("eventHistory") || node.has("summary"));
    }

    private record Scan(String code, OffsetDateTime at, boolean returnLeg, String location) {
    }

    private List<TrackingEvent> shipping(JsonNode payload) throws PayloadException {
        String trackingId = text(payload, "trackingId");
        if (trackingId == null) {
            throw new PayloadException("Amazon tracking answer has no trackingId");
        }
        String alternate = text(payload, "alternateLegTrackingId");
        if ("null".equalsIgnoreCase(alternate)) {
            alternate = null; // Amazon's own example writes the absent id as the string "null"
        }
        LocalDate promised = lenientDate(text(payload, "promisedDeliveryDate"));
        JsonNode history = payload.path("eventHistory");
        if (!history.isMissingNode() && !history.isNull() && !history.isArray()) {
            throw new PayloadException("Amazon tracking events are not a list");
        }
        List<Scan> scans = new ArrayList<>();
        for (JsonNode event : elements(history)) {
            String code = text(event, "eventCode");
            if (code == null) {
                throw new PayloadException("Amazon tracking event has no eventCode");
            }
            JsonNode place = event.path("location");
            String country = text(place, "countryCode");
            String state = text(place, "stateOrRegion");
            OffsetDateTime at = instant(text(event, "eventTime"), country, state, "Amazon event time");
            scans.add(new Scan(code, at, "RETURNS".equalsIgnoreCase(text(event, "shipmentType")),
                    location(text(place, "city"), state, text(place, "postalCode"), country)));
        }
        scans.sort(Comparator.comparing(s -> s.at().toInstant()));

        // the forward leg's detail codes explain its newest event that detail codes refine
        List<String> forwardDetails = texts(payload.path("summary").path("trackingDetailCodes").path("forward"));
        int refinedIndex = -1;
        for (int i = 0; i < scans.size(); i++) {
            if (!scans.get(i).returnLeg() && statusMap.refined(scans.get(i).code())) {
                refinedIndex = i;
            }
        }
        for (String detail : forwardDetails) {
            if (!statusMap.knownDetail(detail)) {
                UnmappedCodes.record(AmazonCarrier.ID, "detail/" + detail);
            }
        }

        List<TrackingEvent> events = new ArrayList<>(scans.size());
        for (int i = 0; i < scans.size(); i++) {
            Scan scan = scans.get(i);
            StatusMapping mapping = null;
            String explainedBy = null;
            if (i == refinedIndex) {
                for (String detail : forwardDetails) {
                    Optional<StatusMapping> refined = statusMap.forDetail(scan.code(), detail);
                    if (refined.isPresent()) {
                        mapping = refined.get();
                        explainedBy = detail;
                        break;
                    }
                }
            }
            if (mapping == null) {
                mapping = statusMap.forEvent(scan.code(), scan.returnLeg())
                        .orElseGet(() -> UnmappedCodes.record(AmazonCarrier.ID, (scan.returnLeg() ? "RETURNS/" : "") + scan.code()));
            }
            // the leg is part of the code: a forward and a return Delivered at one instant are two scans
            String carrierCode = (scan.returnLeg() ? "RETURNS/" : "") + scan.code();
            String description = explainedBy == null ? scan.code() : scan.code() + " (" + explainedBy + ")";
            events.add(new TrackingEvent(AmazonCarrier.ID, trackingId, mapping.status(), mapping.reason(), scan.at(),
                    scan.location(), carrierCode, description, promised, alternate));
        }
        return events;
    }

    // ---- Orders API 2026-01-01 -----------------------------------------------------------------

    private List<MarketplacePackage> order(JsonNode order) throws PayloadException {
        if (!order.isObject()) {
            throw new PayloadException("Amazon order is not an object");
        }
        String orderId = text(order, "orderId");
        if (orderId == null) {
            throw new PayloadException("Amazon order has no orderId");
        }
        JsonNode packages = order.path("packages");
        if (!packages.isMissingNode() && !packages.isNull() && !packages.isArray()) {
            throw new PayloadException("Amazon order's packages are not a list");
        }
        JsonNode address = order.path("recipient").path("deliveryAddress");
        String country = text(address, "countryCode");
        String state = text(address, "stateOrRegion");
        String firstName = firstWord(text(order.path("buyer"), "buyerName"));
        LocalDate deliverBy = lenientDate(text(order.path("fulfillment").path("deliverByWindow"), "latestDateTime"));
        List<MarketplacePackage> result = new ArrayList<>();
        for (JsonNode pkg : elements(packages)) {
            String packageId = text(pkg, "packageReferenceId");
            String carrierName = text(pkg, "carrier");
            String carrier = carrierName == null ? null : carrierNames.carrierOf(carrierName).orElse(null);
            String trackingNumber = text(pkg, "trackingNumber");
            List<TrackingEvent> events = List.of();
            JsonNode packageStatus = pkg.path("packageStatus");
            String status = text(packageStatus, "status");
            String detailed = text(packageStatus, "detailedStatus");
            if (carrier != null && trackingNumber != null && (status != null || detailed != null)) {
                String code = "order/" + (status == null ? "" : status) + "/" + (detailed == null ? "" : detailed);
                StatusMapping mapping = statusMap.forPackage(status, detailed)
                        .orElseGet(() -> UnmappedCodes.record(AmazonCarrier.ID, code));
                // the package status has no time of its own: the order's last change is when it was last set
                String when = firstNonNull(text(order, "lastUpdatedTime"), text(pkg, "shipTime"), text(pkg, "createdTime"),
                        text(order, "createdTime"));
                OffsetDateTime at = instant(when, country, state, "Amazon order time");
                String description = detailed == null ? status : status == null ? detailed : status + " / " + detailed;
                events = List.of(new TrackingEvent(carrier, trackingNumber, mapping.status(), mapping.reason(), at, null,
                        code, description, deliverBy));
            }
            result.add(new MarketplacePackage(AmazonCarrier.ID, orderId, packageId, carrier, trackingNumber, null, firstName, events, country));
        }
        return result;
    }

    // ---- shared --------------------------------------------------------------------------------

    /** The instant at its place's offset where the place is known, else at the offset Amazon wrote. */
    static OffsetDateTime instant(String text, String country, String state, String what) throws PayloadException {
        if (text == null) {
            throw new PayloadException(what + " is missing");
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            Optional<ZoneId> zone = LocationZones.of(country, state);
            return zone.isPresent() ? at.atZoneSameInstant(zone.get()).toOffsetDateTime() : at;
        } catch (DateTimeException e) {
            throw new PayloadException(what + " is malformed");
        }
    }

    /** A promise that does not parse is dropped rather than failing the payload. */
    private static LocalDate lenientDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "City, Region, Country"; the postal code only where there is no city. */
    static String location(String city, String state, String postalCode, String country) {
        StringJoiner joined = new StringJoiner(", ");
        for (String part : new String[] {city != null ? city : postalCode, state, country}) {
            if (part != null) {
                joined.add(part);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static String firstWord(String name) {
        if (name == null) {
            return null;
        }
        String first = name.trim().split("\\s+", 2)[0];
        return first.isEmpty() ? null : first;
    }

    private static JsonNode read(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.readObject(payload, "Amazon");
        return root;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : elements(array)) {
            if (v.isTextual() && !v.asText().isBlank()) {
                values.add(v.asText().trim());
            }
        }
        return values;
    }

    private static List<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> list = new ArrayList<>(node.size());
            node.forEach(list::add);
            return list;
        }
        return List.of();
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
