package io.kargotakip.carriers.hepsiburada;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.kargotakip.carriers.kit.CarrierJson.identifier;
import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads Hepsiburada's package payloads, told apart by shape:
 * <ul>
 *   <li>the package webhooks Hepsiburada PUTs to the merchant ({@code …/packages/{n}/intransit}, {@code /deliver},
 *       {@code /undeliver}, {@code /unpack}), each known by its date field: {@code shippedDate}, {@code receivedDate},
 *       {@code undeliveredDate} (with the free-text {@code undeliveredReason}), {@code unpackedDate};</li>
 *   <li>the package API's answer ({@code GET /packages/merchantid/{m}/packagenumber/{n}}): a list of
 *       {@code {packageNumber, barcode, status, cargoCompany, trackingInfoCode, trackingInfoUrl}}; its {@code 404}
 *       body (code {@code 1004}, "cannot find package") is "not found", any other error body a {@link PayloadException};</li>
 *   <li>two bodies with nothing to track, recognised so Hepsiburada's retries stop: a line cancelled before it was
 *       packed ({@code …/lineitems/{id}/cancel}: {@code cancelDate}) and the quick-commerce vertical's
 *       {@code order/undelivered} (an order number, no package, delivered by Hepsiburada's own couriers).</li>
 * </ul>
 *
 * <p>Whose events: a payload that names the package's carrier (the package API's {@code cargoCompany}, the
 * intransit webhook's {@code trackingInfoUrl} host, through {@code carriers/hepsiburada/carriers.csv}) gives events
 * of that carrier's shipment {@code <carrier>:<trackingInfoCode>}, the Hepsiburada {@code barcode} as the alternate
 * number. One that names no carrier we track (the deliver, undeliver and unpack webhooks name none at all) gives
 * events of the package as Hepsiburada tracks it, {@code hepsiburada:<packageNumber>}: the key the poller asks
 * Hepsiburada by.
 *
 * <p>Times: the webhooks' ISO instants ({@code 2020-04-16T10:14:17.707Z}; one without an offset is Istanbul time).
 * The package API answer has no time at all: its status is stamped when it is read (to the second). Every distinct
 * answer is queued once (the poller drops an answer equal to the last), so that is when Kargo Takip first saw it;
 * a re-read of the same answer later gives a second event of the same status, which changes nothing.
 */
final class HepsiburadaPayloadParser {

    static final String MARKETPLACE = "hepsiburada";
    static final String CODE_PREFIX = "hepsiburada:";
    /** Hepsiburada's "cannot find package with package number …" code. */
    static final String NOT_FOUND_CODE = "1004";

    /** The package webhooks, by the date field that tells them apart, and the package state each reports. */
    enum Push {
        INTRANSIT("shippedDate", "InTransit"),
        DELIVER("receivedDate", "Delivered"),
        UNDELIVER("undeliveredDate", "Undelivered"),
        UNPACK("unpackedDate", "Unpacked");

        final String dateField;
        final String status;

        Push(String dateField, String status) {
            this.dateField = dateField;
            this.status = status;
        }
    }

    /** Whose shipment a package's events belong to, under which number, with which other number. */
    private record Target(String carrier, String trackingNumber, String alternate) {
    }

    private final HepsiburadaStatusMap statusMap;
    private final CarrierNames carriers;
    private final Clock clock;

    HepsiburadaPayloadParser(HepsiburadaStatusMap statusMap, CarrierNames carriers, Clock clock) {
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
        this.carriers = Objects.requireNonNull(carriers, "carriers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.read(payload, "Hepsiburada");
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new PayloadException("Hepsiburada package answer is an empty list");
            }
            List<MarketplacePackage> packages = new ArrayList<>(root.size());
            for (JsonNode node : root) {
                if (!node.isObject() || identifier(node, "packageNumber") == null) {
                    throw new PayloadException("Hepsiburada package answer holds something that is not a package");
                }
                packages.add(packageAnswer(node));
            }
            return packages;
        }
        if (!root.isObject()) {
            throw new PayloadException("Hepsiburada payload is not a JSON object");
        }
        if (root.has("statusCode") && (root.has("code") || root.has("message"))) {
            return error(root);
        }
        String packageNumber = identifier(root, "packageNumber");
        if (packageNumber != null) {
            for (Push push : Push.values()) {
                if (root.has(push.dateField)) {
                    return List.of(push(root, push, packageNumber));
                }
            }
            if (root.has("status")) {
                return List.of(packageAnswer(root));
            }
        }
        String orderNumber = identifier(root, "orderNumber");
        if (orderNumber != null && (root.has("cancelDate") || root.has("undeliveredDate"))) {
            return List.of(new MarketplacePackage(MARKETPLACE, orderNumber, null, null, null, null, null, List.of()));
        }
        throw new PayloadException("Hepsiburada payload has an unrecognised shape");
    }

    // ---- package API ----------------------------------------------------------------------------

    private MarketplacePackage packageAnswer(JsonNode node) {
        String packageNumber = identifier(node, "packageNumber");
        String trackingInfoCode = identifier(node, "trackingInfoCode");
        String barcode = identifier(node, "barcode");
        Target target = target(byName(text(node, "cargoCompany")), trackingInfoCode, packageNumber, barcode);
        String status = text(node, "status");
        List<TrackingEvent> events = status == null ? List.of()
                : List.of(event(target, status, statusMapping(status), observedNow(), status));
        return new MarketplacePackage(MARKETPLACE, "", packageNumber, target.carrier(), target.trackingNumber(),
                text(node, "trackingInfoUrl"), null, events);
    }

    /** The package API's time: none. When it is read, to the second (see the class comment). */
    private OffsetDateTime observedNow() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(CarrierTime.ISTANBUL).toOffsetDateTime();
    }

    private Optional<CarrierNames.Row> byName(String cargoCompany) {
        if (cargoCompany == null) {
            return Optional.empty();
        }
        Optional<CarrierNames.Row> row = carriers.find("name", cargoCompany);
        if (row.isEmpty()) {
            UnmappedCodes.record(HepsiburadaCarrier.ID, "cargoCompany " + cargoCompany);
        }
        return row;
    }

    // ---- webhooks -------------------------------------------------------------------------------

    private MarketplacePackage push(JsonNode node, Push push, String packageNumber) throws PayloadException {
        OffsetDateTime occurredAt = time(text(node, push.dateField), "Hepsiburada " + push.dateField);
        String barcode = identifier(node, "barcode");
        String trackingInfoCode = identifier(node, "trackingInfoCode");
        String trackingInfoUrl = text(node, "trackingInfoUrl");
        Optional<CarrierNames.Row> carrier = push == Push.INTRANSIT ? byDomain(trackingInfoUrl) : Optional.empty();
        Target target = target(carrier, trackingInfoCode, packageNumber, barcode);
        StatusMapping mapping = statusMapping(push.status);
        String description = push.status;
        if (push == Push.UNDELIVER) {
            String reason = text(node, "undeliveredReason");
            mapping = statusMap.reason(reason).orElse(mapping);
            description = reason != null ? reason : description;
        }
        // only the unpack webhook names the package's order (a list of one); the others carry no order number
        JsonNode firstOrder = node.path("orderNumbers").path(0);
        String orderNumber = firstOrder.isValueNode() && !firstOrder.isNull() ? firstOrder.asText().trim() : "";
        return new MarketplacePackage(MARKETPLACE, orderNumber, packageNumber, target.carrier(), target.trackingNumber(),
                trackingInfoUrl, null, List.of(event(target, push.status, mapping, occurredAt, description)));
    }

    private Optional<CarrierNames.Row> byDomain(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<CarrierNames.Row> row = carriers.findDomain("domain", host);
        if (row.isEmpty() && host != null) {
            UnmappedCodes.record(HepsiburadaCarrier.ID, "trackingInfoUrl host " + host);
        }
        return row;
    }

    /** ISO-8601 with an offset ({@code …Z}); without one, Istanbul time. */
    static OffsetDateTime time(String text, String what) throws PayloadException {
        if (text == null) {
            throw new PayloadException(what + " is missing");
        }
        try {
            return OffsetDateTime.parse(text).toInstant().atZone(CarrierTime.ISTANBUL).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            try {
                return CarrierTime.inZone(LocalDateTime.parse(text), CarrierTime.ISTANBUL);
            } catch (DateTimeParseException notLocal) {
                throw new PayloadException(what + " is malformed");
            }
        }
    }

    // ---- shared ---------------------------------------------------------------------------------

    private static Target target(Optional<CarrierNames.Row> carrier, String trackingInfoCode, String packageNumber, String barcode) {
        if (carrier.isPresent() && carrier.get().tracked() && trackingInfoCode != null) {
            return new Target(carrier.get().carrier(), trackingInfoCode, barcode);
        }
        return new Target(HepsiburadaCarrier.ID, packageNumber, trackingInfoCode != null ? trackingInfoCode : barcode);
    }

    private StatusMapping statusMapping(String status) {
        return statusMap.find(status).map(HepsiburadaStatusMap.Status::mapping)
                .orElseGet(() -> UnmappedCodes.record(HepsiburadaCarrier.ID, "status " + status));
    }

    private TrackingEvent event(Target target, String status, StatusMapping mapping, OffsetDateTime occurredAt, String description) {
        String code = CODE_PREFIX + statusMap.find(status).map(HepsiburadaStatusMap.Status::code).orElse(status);
        return new TrackingEvent(target.carrier(), target.trackingNumber(), mapping.status(), mapping.reason(), occurredAt, null,
                code, description, null, target.alternate());
    }

    private static List<MarketplacePackage> error(JsonNode root) throws PayloadException {
        String code = text(root, "code");
        JsonNode statusCode = root.path("statusCode");
        if (NOT_FOUND_CODE.equals(code) || (statusCode.isIntegralNumber() && statusCode.asInt() == 404)) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        if (statusCode.isIntegralNumber() && statusCode.asInt() >= 100 && statusCode.asInt() <= 599) {
            parts.add("HTTP " + statusCode.asInt());
        }
        String shortCode = CarrierJson.shortCode(code);
        if (shortCode != null) {
            parts.add("code " + shortCode);
        }
        throw new PayloadException("Hepsiburada error response" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
    }
}
