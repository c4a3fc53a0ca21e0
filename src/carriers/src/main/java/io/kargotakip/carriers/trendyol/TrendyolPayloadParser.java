package io.kargotakip.carriers.trendyol;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.TrackingEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.kargotakip.carriers.kit.CarrierJson.elements;
import static io.kargotakip.carriers.kit.CarrierJson.epochMillis;
import static io.kargotakip.carriers.kit.CarrierJson.identifier;
import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads Trendyol's shipment package model, told apart by shape:
 * <ul>
 *   <li>a getShipmentPackages page ({@code content[]} with {@code page}/{@code size}/{@code totalElements}): the poll
 *       answer, and what Trendyol's webhook POSTs (its webhook model page gives the same body); an empty
 *       {@code content} is "not found";</li>
 *   <li>a single package object, or a list of them (webhook bodies as some integrations receive them);</li>
 *   <li>Trendyol's error body ({@code exception} / {@code errors[]}): a {@link PayloadException}.</li>
 * </ul>
 * A package's carrier comes from {@code cargoProviderName} through {@code carriers/trendyol/carriers.csv}; its
 * events are the carrier's shipment {@code <carrier>:<cargoTrackingNumber>}: one per {@code packageHistories[]}
 * entry ({@code createdDate}, epoch milliseconds), and one for the package's current status at
 * {@code lastModifiedDate} when no history entry has it yet. A package without a carrier we track or without a
 * tracking number has no events. The event code is {@code trendyol:<status>}, so a Trendyol status never collides
 * with the carrier's own scan of the same shipment.
 *
 * <p>Times are epoch milliseconds, shown at Istanbul's offset. Trendyol's {@code orderDate} looks like the Istanbul
 * wall time written as if it were UTC (in Trendyol's own sample the order is placed three hours after its package was
 * created), so it is not used; the history dates and {@code lastModifiedDate} are read as true instants.
 */
public final class TrendyolPayloadParser {

    public static final String MARKETPLACE = "trendyol";
    public static final String CODE_PREFIX = "trendyol:";

    private final String carrierId;
    private final TrendyolStatusMap statusMap;
    private final CarrierNames carriers;

    /**
     * @param carrierId the adapter reading (for unmapped-code records): {@code trendyol} or {@code trendyol-express}
     */
    public TrendyolPayloadParser(String carrierId, TrendyolStatusMap statusMap, CarrierNames carriers) {
        this.carrierId = Objects.requireNonNull(carrierId, "carrierId");
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
        this.carriers = Objects.requireNonNull(carriers, "carriers");
    }

    public List<MarketplacePackage> packages(byte[] payload) throws PayloadException {
        JsonNode root = CarrierJson.read(payload, "Trendyol");
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new PayloadException("Trendyol payload is an empty list");
            }
            return packageList(root);
        }
        if (!root.isObject()) {
            throw new PayloadException("Trendyol payload is not a JSON object");
        }
        if (root.has("content") && (root.has("totalElements") || root.has("page") || root.has("size") || root.has("totalPages"))) {
            JsonNode content = root.get("content");
            if (content.isNull()) {
                return List.of();
            }
            if (!content.isArray()) {
                throw new PayloadException("Trendyol page content is not a list");
            }
            return packageList(content);
        }
        if (isPackage(root)) {
            return List.of(pkg(root));
        }
        if (root.has("exception") || root.has("errors")) {
            throw new PayloadException("Trendyol error response" + errorSummary(root));
        }
        throw new PayloadException("Trendyol payload has an unrecognised shape");
    }

    private List<MarketplacePackage> packageList(JsonNode list) throws PayloadException {
        List<MarketplacePackage> packages = new ArrayList<>(list.size());
        for (JsonNode node : list) {
            if (!isPackage(node)) {
                throw new PayloadException("Trendyol package list holds something that is not a package");
            }
            packages.add(pkg(node));
        }
        return packages;
    }

    private static boolean isPackage(JsonNode node) {
        return node.isObject() && node.has("orderNumber")
                && (node.has("shipmentPackageId") || node.has("packageHistories") || node.has("cargoTrackingNumber"));
    }

    private MarketplacePackage pkg(JsonNode node) throws PayloadException {
        String orderNumber = identifier(node, "orderNumber");
        if (orderNumber == null) {
            throw new PayloadException("Trendyol package has no order number");
        }
        String packageId = Optional.ofNullable(identifier(node, "shipmentPackageId")).orElse(identifier(node, "id"));
        String carrier = carrier(text(node, "cargoProviderName"));
        String trackingNumber = identifier(node, "cargoTrackingNumber");
        List<TrackingEvent> events = carrier == null || trackingNumber == null ? List.of()
                : events(node, carrier, trackingNumber);
        return new MarketplacePackage(MARKETPLACE, orderNumber, packageId, carrier, trackingNumber, text(node, "cargoTrackingLink"),
                text(node, "customerFirstName"), events, text(node.path("shipmentAddress"), "countryCode"));
    }

    /** Our id of the package's carrier; null for one we do not track, and for a name the table lacks (logged for review). */
    private String carrier(String providerName) {
        if (providerName == null) {
            return null;
        }
        Optional<CarrierNames.Row> row = carriers.find("name", providerName).or(() -> carriers.find("code", providerName));
        if (row.isEmpty()) {
            UnmappedCodes.record(carrierId, "cargoProvider " + providerName);
            return null;
        }
        return row.get().carrier();
    }

    private List<TrackingEvent> events(JsonNode node, String carrier, String trackingNumber) throws PayloadException {
        String alternate = identifier(node, "cargoSenderNumber");
        LocalDate estimated = date(epochMillis(node, "estimatedDeliveryEndDate"));
        List<TrackingEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode history : elements(node.path("packageHistories"))) {
            String status = text(history, "status");
            Long createdDate = epochMillis(history, "createdDate");
            if (status == null || createdDate == null) {
                throw new PayloadException("Trendyol package history entry has no status or date");
            }
            seen.add(TrendyolStatusMap.key(status));
            events.add(event(carrier, trackingNumber, status, createdDate, estimated, alternate));
        }
        String current = Optional.ofNullable(text(node, "shipmentPackageStatus")).orElse(text(node, "status"));
        Long lastModified = epochMillis(node, "lastModifiedDate");
        // the history may lag the package's status (the webhook model's own sample: history "Created", status "Delivered")
        if (current != null && lastModified != null && !seen.contains(TrendyolStatusMap.key(current))) {
            events.add(event(carrier, trackingNumber, current, lastModified, estimated, alternate));
        }
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    private TrackingEvent event(String carrier, String trackingNumber, String status, long epochMillis, LocalDate estimated,
                                String alternate) {
        Optional<TrendyolStatusMap.Status> mapped = statusMap.find(status);
        StatusMapping mapping = mapped.map(TrendyolStatusMap.Status::mapping)
                .orElseGet(() -> UnmappedCodes.record(carrierId, "status " + status));
        String code = CODE_PREFIX + mapped.map(TrendyolStatusMap.Status::code).orElse(status);
        OffsetDateTime occurredAt = Instant.ofEpochMilli(epochMillis).atZone(CarrierTime.ISTANBUL).toOffsetDateTime();
        return new TrackingEvent(carrier, trackingNumber, mapping.status(), mapping.reason(), occurredAt, null, code, status,
                estimated, alternate);
    }

    private static LocalDate date(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).atZone(CarrierTime.ISTANBUL).toLocalDate();
    }

    /** What went wrong, in a few words of our own: Trendyol's exception names are long enough to echo the payload. */
    private static String errorSummary(JsonNode root) {
        List<String> parts = new ArrayList<>();
        JsonNode status = root.path("status");
        if (status.isIntegralNumber() && status.asInt() >= 100 && status.asInt() <= 599) {
            parts.add("HTTP " + status.asInt());
        }
        String exception = text(root, "exception");
        String key = null;
        for (JsonNode error : elements(root.path("errors"))) {
            key = text(error, "key");
            if (key != null) {
                break;
            }
        }
        String name = (Objects.toString(exception, "") + " " + Objects.toString(key, "")).toLowerCase(Locale.ROOT);
        if (name.contains("authentication")) {
            parts.add("credentials refused");
        } else if (name.contains("too.many.requests") || name.contains("toomanyrequests")) {
            parts.add("throttled");
        } else {
            String code = Optional.ofNullable(CarrierJson.shortCode(key)).orElse(CarrierJson.shortCode(exception));
            if (code != null) {
                parts.add(code);
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
