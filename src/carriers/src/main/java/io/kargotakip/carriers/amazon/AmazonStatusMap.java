package io.kargotakip.carriers.amazon;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon's codes to canonical statuses, from the kit's {@link MappingTable} for {@code amazon}
 * ({@code carriers/amazon/status-map.csv}). Four kinds of rows:
 * <ul>
 *   <li>{@code eventCode}: a Shipping tracking event's code; type {@code RETURNS} for the return leg, where
 *       {@code *} stands for every other code;</li>
 *   <li>{@code detailCode}: a {@code trackingDetailCodes} value, typed by the eventCode it refines (the reason of a
 *       DeliveryAttempted is CustomerUnavailable's, of an Undeliverable AddressNotFound's);</li>
 *   <li>{@code detailedStatus} and {@code packageStatus}: an Orders API package's {@code packageStatus.detailedStatus}
 *       and {@code .status}.</li>
 * </ul>
 */
final class AmazonStatusMap {

    static final String EVENT_CODE = "eventCode";
    static final String DETAIL_CODE = "detailCode";
    static final String DETAILED_STATUS = "detailedStatus";
    static final String PACKAGE_STATUS = "packageStatus";
    static final String RETURNS = "RETURNS";
    static final String ANY = "*";

    private final Map<String, StatusMapping> rows;
    private final Set<String> refinedEvents;
    private final Set<String> knownDetails;

    private AmazonStatusMap(Map<String, StatusMapping> rows, Set<String> refinedEvents, Set<String> knownDetails) {
        this.rows = Map.copyOf(rows);
        this.refinedEvents = Set.copyOf(refinedEvents);
        this.knownDetails = Set.copyOf(knownDetails);
    }

    static AmazonStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final AmazonStatusMap STANDARD = of(MappingTable.load(AmazonCarrier.ID));
    }

    static AmazonStatusMap of(MappingTable table) {
        Map<String, StatusMapping> rows = new HashMap<>();
        Set<String> refined = new HashSet<>();
        Set<String> details = new HashSet<>();
        for (MappingTable.Row row : table.rows()) {
            String type = row.type();
            switch (row.field()) {
                case EVENT_CODE -> {
                    if (!type.isEmpty() && !type.equals(RETURNS)) {
                        throw bad(row, "an eventCode row's type is empty or RETURNS");
                    }
                    if (row.code().equals(ANY) && type.isEmpty()) {
                        throw bad(row, "* only stands for the return leg's other codes");
                    }
                }
                case DETAIL_CODE -> {
                    if (type.isEmpty()) {
                        throw bad(row, "a detailCode row names the eventCode it refines");
                    }
                    refined.add(norm(type));
                    details.add(norm(row.code()));
                }
                case DETAILED_STATUS, PACKAGE_STATUS -> {
                    if (!type.isEmpty()) {
                        throw bad(row, "an Orders status row has no type");
                    }
                }
                default -> throw bad(row, "unknown field " + row.field());
            }
            if (rows.putIfAbsent(key(row.field(), type, row.code()), row.mapping()) != null) {
                throw bad(row, "duplicate " + row.field() + " " + type + "/" + row.code());
            }
        }
        return new AmazonStatusMap(rows, refined, details);
    }

    private static MappingTableException bad(MappingTable.Row row, String why) {
        return new MappingTableException("amazon mapping table row " + row.line() + ": " + why);
    }

    /** A forward-leg event, or a return-leg one (its own row, else the leg's {@code *} row). */
    Optional<StatusMapping> forEvent(String eventCode, boolean returnLeg) {
        if (returnLeg) {
            return get(EVENT_CODE, RETURNS, eventCode).or(() -> get(EVENT_CODE, RETURNS, ANY));
        }
        return get(EVENT_CODE, "", eventCode);
    }

    /** Whether detail codes refine this eventCode (so the newest such event takes the leg's detail codes). */
    boolean refined(String eventCode) {
        return eventCode != null && refinedEvents.contains(norm(eventCode));
    }

    Optional<StatusMapping> forDetail(String eventCode, String detailCode) {
        return get(DETAIL_CODE, eventCode, detailCode);
    }

    /** A detail code some row names: one that refines none of this leg's events is not "unmapped". */
    boolean knownDetail(String detailCode) {
        return detailCode != null && knownDetails.contains(norm(detailCode));
    }

    /** An Orders package: detailedStatus decides, status stands in. */
    Optional<StatusMapping> forPackage(String status, String detailedStatus) {
        return get(DETAILED_STATUS, "", detailedStatus).or(() -> get(PACKAGE_STATUS, "", status));
    }

    private Optional<StatusMapping> get(String field, String type, String code) {
        return code == null || type == null ? Optional.empty() : Optional.ofNullable(rows.get(key(field, type, code)));
    }

    private static String key(String field, String type, String code) {
        return field + "|" + norm(type) + "|" + norm(code);
    }

    private static String norm(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
