package io.kargotakip.aws.orders;

import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /orders}: one order, or {@code {"orders":[...]}} for many. {@code consent} is
 * channel id → granted ({@code {"email":true,"sms":false}}, any channel); the customer's {@code email} and
 * {@code phone} may be joined by other contacts by kind ({@code "contacts":{"device_token":"..."}}). What the rules may
 * look at of the sale is optional: {@code value}, {@code currency}, {@code codAmount} (cash on delivery),
 * {@code categories}, {@code segments} ({@code vip}, {@code first_order}) and {@code cltvBand}. The delivery country is
 * optional too: {@code "shipTo":{"country":"TR"}} (ISO 3166-1 alpha-2, any case).
 */
public record OrderRequest(String orderId, String orderNo, String source, CustomerJson customer, Map<String, Boolean> consent,
                           List<ShipmentJson> shipments, List<OrderRequest> orders, java.math.BigDecimal value, String currency,
                           java.math.BigDecimal codAmount, List<String> categories, List<String> segments, String cltvBand,
                           ShipToJson shipTo, String promisedDate) {

    public OrderRequest(String orderId, String orderNo, String source, CustomerJson customer, Map<String, Boolean> consent,
                        List<ShipmentJson> shipments, List<OrderRequest> orders, java.math.BigDecimal value, String currency,
                        java.math.BigDecimal codAmount, List<String> categories, List<String> segments, String cltvBand,
                        ShipToJson shipTo) {
        this(orderId, orderNo, source, customer, consent, shipments, orders, value, currency, codAmount, categories, segments,
                cltvBand, shipTo, null);
    }

    public record CustomerJson(String firstName, String email, String phone, String locale, Map<String, String> contacts) {
    }

    /** A parcel; {@code service} (the carrier's) and {@code originProvince} (where it leaves from) are optional. */
    public record ShipmentJson(String carrier, String trackingNumber, String service, String originProvince) {
        public ShipmentJson(String carrier, String trackingNumber) {
            this(carrier, trackingNumber, null, null);
        }
    }

    /** Where the order is delivered: only the country so far (the address stays with the merchant and the carrier). */
    public record ShipToJson(String country, String province) {
        public ShipToJson(String country) {
            this(country, null);
        }
    }

    /** The orders this request carries, numbered by position (1-based), and what could not be read. */
    public OrderCsv.Read toOrders(Instant now) {
        List<OrderRequest> all = orders != null ? orders : List.of(this);
        List<OrderIntake.Numbered> out = new java.util.ArrayList<>();
        List<OrderIntake.Problem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            OrderRequest r = all.get(i);
            int position = i + 1;
            if (r == null) {
                problems.add(new OrderIntake.Problem(position, "order is null"));
                continue;
            }
            List<ShipmentId> shipmentIds = new java.util.ArrayList<>();
            Map<ShipmentId, io.kargotakip.aws.analytics.Analytics.Journey> journeys = new java.util.HashMap<>();
            java.time.LocalDate promised = JourneyFields.date("promisedDate", r.promisedDate(), position, problems);
            String destination = r.shipTo() == null ? null : JourneyFields.province("shipTo.province", r.shipTo().province(), position, problems);
            for (ShipmentJson s : r.shipments() == null ? List.<ShipmentJson>of() : r.shipments()) {
                if (s == null || s.carrier() == null || s.trackingNumber() == null || s.carrier().isBlank() || s.trackingNumber().isBlank()) {
                    problems.add(new OrderIntake.Problem(position, "every shipment needs carrier and trackingNumber"));
                } else {
                    ShipmentId id = new ShipmentId(s.carrier(), s.trackingNumber());
                    shipmentIds.add(id);
                    journeys.put(id, new io.kargotakip.aws.analytics.Analytics.Journey(
                            JourneyFields.text("shipments[].service", s.service(), position, problems),
                            JourneyFields.province("shipments[].originProvince", s.originProvince(), position, problems), destination, promised));
                }
            }
            CustomerJson c = r.customer();
            Customer customer = c == null ? null : new Customer(c.firstName(), contacts(c, position, problems),
                    c.locale() == null ? null : c.locale().toLowerCase(java.util.Locale.ROOT));
            Map<String, Boolean> k = r.consent();
            Consent consent = k == null ? Consent.none() : Consent.of(channels(k, position, problems), now);
            out.add(new OrderIntake.Numbered(position, new Order(r.orderId(), r.orderNo(), r.source() == null ? "api" : r.source(),
                    customer, consent, shipmentIds, now, new io.kargotakip.core.order.Purchase(r.value(), r.currency(), r.codAmount(),
                    r.categories() == null ? null : new java.util.HashSet<>(r.categories()),
                    r.segments() == null ? null : new java.util.HashSet<>(r.segments()), r.cltvBand()),
                    r.shipTo() == null ? null : r.shipTo().country()), journeys));
        }
        return new OrderCsv.Read(out, problems);
    }

    private static Map<ContactKind, String> contacts(CustomerJson c, int position, List<OrderIntake.Problem> problems) {
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        if (c.contacts() != null) {
            c.contacts().forEach((name, value) -> ContactKind.fromWireName(name).ifPresentOrElse(kind -> {
                if (value != null) {
                    contacts.put(kind, value);
                }
            }, () -> problems.add(new OrderIntake.Problem(position, "customer.contacts." + name + " is not a contact kind; known: " + KINDS))));
        }
        // the top-level fields win over the same kind in contacts: they are the documented form
        if (c.email() != null) {
            contacts.put(ContactKind.EMAIL, c.email());
        }
        if (c.phone() != null) {
            contacts.put(ContactKind.PHONE, c.phone());
        }
        return contacts;
    }

    static final List<String> KINDS = java.util.Arrays.stream(ContactKind.values()).map(ContactKind::wireName).toList();
    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private static Map<String, Boolean> channels(Map<String, Boolean> consent, int position, List<OrderIntake.Problem> problems) {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        consent.forEach((channel, granted) -> {
            if (channel == null || !CHANNEL_ID.matcher(channel).matches()) {
                problems.add(new OrderIntake.Problem(position, "consent keys are channel ids such as email, sms, whatsapp, push, webpush"));
            } else {
                out.put(channel, granted);
            }
        });
        return out;
    }
}
