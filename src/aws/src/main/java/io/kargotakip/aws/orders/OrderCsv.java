package io.kargotakip.aws.orders;

import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads orders from CSV with a header row:
 * {@code order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number}.
 * Any channel has its consent column {@code consent_<channel>} and any contact kind its column
 * {@code contact_<kind>} ({@code contact_device_token}), so a new channel needs no new code here.
 * The sale's columns are optional: {@code value,currency,cod_amount,categories,segments,cltv_band} (lists with {@code |}),
 * and so is the delivery country, {@code ship_to_country} (ISO 3166-1 alpha-2), and the journey's
 * {@code service,origin_province,ship_to_province,promised_date} (for the analytics' SLA per lane).
 * One row per shipment; rows of the same order repeat its customer columns. Line numbers count the header as line 1.
 */
public final class OrderCsv {

    public static final List<String> COLUMNS = List.of("order_id", "order_no", "source", "first_name", "email", "phone",
            "locale", "consent_email", "consent_sms", "consent_whatsapp", "consent_push", "carrier", "tracking_number");
    private static final Set<String> REQUIRED = Set.of("order_id", "carrier", "tracking_number");

    /** Orders read, and the rows that could not be read. */
    public record Read(List<OrderIntake.Numbered> orders, List<OrderIntake.Problem> problems) {
    }

    private OrderCsv() {
    }

    public static Read read(Reader reader, Instant now) throws IOException {
        List<OrderIntake.Problem> problems = new ArrayList<>();
        Map<String, OrderIntake.Numbered> byId = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                problems.add(new OrderIntake.Problem(1, "header lacks column(s) " + String.join(", ", missing)));
                return new Read(List.of(), problems);
            }
            for (String column : header) {
                // a misspelt per-channel column would otherwise be dropped without a word
                if (column.startsWith(CONTACT_PREFIX) && ContactKind.fromWireName(column.substring(CONTACT_PREFIX.length())).isEmpty()) {
                    problems.add(new OrderIntake.Problem(1, "column " + column + " is not a contact kind; known: " + OrderRequest.KINDS));
                }
                if (column.startsWith(CONSENT_PREFIX) && !CHANNEL_ID.matcher(column.substring(CONSENT_PREFIX.length())).matches()) {
                    problems.add(new OrderIntake.Problem(1, "column " + column + " is not consent_<channel id>, e.g. consent_sms"));
                }
            }
            if (!problems.isEmpty()) {
                return new Read(List.of(), problems);
            }
            for (CSVRecord row : parser) {
                int line = (int) row.getRecordNumber() + 1;
                if (!row.isConsistent()) {
                    problems.add(new OrderIntake.Problem(line, "has " + row.size() + " fields, the header has " + header.size()));
                    continue;
                }
                String orderId = value(row, "order_id");
                List<String> rowProblems = new ArrayList<>();
                Map<String, Boolean> granted = new LinkedHashMap<>();
                for (String column : header) {
                    if (column.startsWith(CONSENT_PREFIX) && column.length() > CONSENT_PREFIX.length()) {
                        granted.put(column.substring(CONSENT_PREFIX.length()), bool(row, column, rowProblems));
                    }
                }
                String carrier = value(row, "carrier");
                String tracking = value(row, "tracking_number");
                io.kargotakip.core.order.Purchase purchase = purchase(row, rowProblems);
                List<OrderIntake.Problem> journeyProblems = new ArrayList<>();
                io.kargotakip.aws.analytics.Analytics.Journey journey = new io.kargotakip.aws.analytics.Analytics.Journey(
                        JourneyFields.text("service", value(row, "service"), line, journeyProblems),
                        JourneyFields.province("origin_province", value(row, "origin_province"), line, journeyProblems),
                        JourneyFields.province("ship_to_province", value(row, "ship_to_province"), line, journeyProblems),
                        JourneyFields.date("promised_date", value(row, "promised_date"), line, journeyProblems));
                journeyProblems.forEach(p -> rowProblems.add(p.reason()));
                if (orderId == null) {
                    rowProblems.add("order_id is empty");
                }
                if (carrier == null || tracking == null) {
                    rowProblems.add("carrier and tracking_number are required");
                }
                if (!rowProblems.isEmpty()) {
                    rowProblems.forEach(p -> problems.add(new OrderIntake.Problem(line, p)));
                    continue;
                }
                ShipmentId shipment = new ShipmentId(carrier, tracking);
                Map<ContactKind, String> contacts = new java.util.EnumMap<>(ContactKind.class);
                for (ContactKind kind : ContactKind.values()) {
                    String v = value(row, CONTACT_PREFIX + kind.wireName());
                    if (v != null) {
                        contacts.put(kind, v);
                    }
                }
                putIfPresent(contacts, ContactKind.EMAIL, value(row, "email"));
                putIfPresent(contacts, ContactKind.PHONE, value(row, "phone"));
                Customer customer = new Customer(value(row, "first_name"), contacts,
                        value(row, "locale") == null ? null : value(row, "locale").toLowerCase(Locale.ROOT));
                Consent consent = Consent.of(granted, now);
                OrderIntake.Numbered previous = byId.get(orderId);
                Order read = new Order(orderId, value(row, "order_no"), value(row, "source") == null ? "csv" : value(row, "source"), customer,
                        consent, List.of(shipment), now, purchase, value(row, "ship_to_country"));
                if (previous == null) {
                    byId.put(orderId, new OrderIntake.Numbered(line, read, Map.of(shipment, journey)));
                } else {
                    Order o = previous.order();
                    if (!o.customer().equals(customer) || !o.consent().equals(consent) || !o.purchase().equals(purchase)
                            || !java.util.Objects.equals(o.shipToCountry(), read.shipToCountry())) {
                        problems.add(new OrderIntake.Problem(line, "order " + orderId + " repeats with other customer, consent or sale values than line "
                                + previous.line()));
                        continue;
                    }
                    List<ShipmentId> all = new ArrayList<>(o.shipments());
                    all.add(shipment);
                    Map<ShipmentId, io.kargotakip.aws.analytics.Analytics.Journey> journeys = new java.util.HashMap<>(previous.journeys());
                    journeys.put(shipment, journey);
                    byId.put(orderId, new OrderIntake.Numbered(previous.line(), o.withShipments(all), journeys));
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            problems.add(new OrderIntake.Problem(0, "unreadable CSV: " + e.getMessage()));
        }
        return new Read(new ArrayList<>(byId.values()), problems);
    }

    /**
     * The sale's optional columns: {@code value}, {@code currency}, {@code cod_amount}, {@code categories} and
     * {@code segments} (several separated by {@code |}), {@code cltv_band}. An amount that is not a number is the row's
     * problem; the rest is checked with the order.
     */
    private static io.kargotakip.core.order.Purchase purchase(CSVRecord row, List<String> problems) {
        return new io.kargotakip.core.order.Purchase(amount(row, "value", problems), value(row, "currency"), amount(row, "cod_amount", problems),
                names(row, "categories"), names(row, "segments"), value(row, "cltv_band"));
    }

    private static java.math.BigDecimal amount(CSVRecord row, String column, List<String> problems) {
        String v = value(row, column);
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            problems.add(column + " must be a number such as 249.90");
            return null;
        }
    }

    private static Set<String> names(CSVRecord row, String column) {
        String v = value(row, column);
        return v == null ? Set.of() : java.util.Arrays.stream(v.split("\\|")).map(String::strip).filter(n -> !n.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static final String CONSENT_PREFIX = "consent_";
    private static final String CONTACT_PREFIX = "contact_";
    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private static void putIfPresent(Map<ContactKind, String> contacts, ContactKind kind, String value) {
        if (value != null) {
            contacts.put(kind, value);
        }
    }

    private static String value(CSVRecord row, String column) {
        if (!row.isMapped(column)) {
            return null;
        }
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Boolean bool(CSVRecord row, String column, List<String> problems) {
        String v = value(row, column);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "evet", "1" -> true;
            case "false", "no", "hayir", "hayır", "0" -> false;
            default -> {
                problems.add(column + " must be true or false, not '" + v + "'");
                yield false;
            }
        };
    }
}
