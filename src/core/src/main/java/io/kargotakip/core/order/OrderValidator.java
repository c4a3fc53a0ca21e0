package io.kargotakip.core.order;

import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.shipment.ShipmentId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an order before anything of it is stored; every problem is reported, not only the first. */
public final class OrderValidator {

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9\\-]{6,40}");
    private static final Set<String> LOCALES = Set.of("tr", "en");
    /** The ISO 3166-1 alpha-2 codes, as the JDK's data has them. */
    private static final Set<String> COUNTRIES = Set.copyOf(java.util.Locale.getISOCountries(java.util.Locale.IsoCountryCode.PART1_ALPHA2));

    private final Set<String> knownCarriers;
    private final io.kargotakip.core.carrier.CarrierDetection detection;
    private final PhoneNumbers phones;

    public OrderValidator(Set<String> knownCarriers) {
        this(knownCarriers, null);
    }

    /** @param detection tells the carrier of a shipment given as {@code auto}; null: {@code auto} is refused */
    public OrderValidator(Set<String> knownCarriers, io.kargotakip.core.carrier.CarrierDetection detection) {
        this(knownCarriers, detection, PhoneNumbers.turkey());
    }

    /** @param phones reads phone numbers given without a country code in the merchant's region */
    public OrderValidator(Set<String> knownCarriers, io.kargotakip.core.carrier.CarrierDetection detection, PhoneNumbers phones) {
        this.knownCarriers = Set.copyOf(knownCarriers);
        this.detection = detection;
        this.phones = phones;
    }

    /** The same checks, reading phone numbers without a country code in {@code phones}' region. */
    public OrderValidator withPhoneNumbers(PhoneNumbers phones) {
        return new OrderValidator(knownCarriers, detection, phones);
    }

    /** Validates and detects with every shipment carrier on the classpath. */
    public static OrderValidator of(io.kargotakip.core.carrier.CarrierRegistry registry) {
        return new OrderValidator(registry.shipmentCarriers(), new io.kargotakip.core.carrier.CarrierDetection(registry));
    }

    /**
     * The order as it is stored (call after {@link #problems} found none): phone numbers in E.164 and each
     * {@code auto} carrier replaced by the detected one.
     */
    public Order resolved(Order order) {
        order = withNormalizedPhones(order);
        if (detection == null || order.shipments().stream().noneMatch(s -> s.carrier().equals(io.kargotakip.core.carrier.CarrierDetection.AUTO))) {
            return order;
        }
        List<ShipmentId> shipments = order.shipments().stream().map(s -> {
            if (!s.carrier().equals(io.kargotakip.core.carrier.CarrierDetection.AUTO)) {
                return s;
            }
            var result = detection.byTrackingNumber(s.trackingNumber());
            return result instanceof io.kargotakip.core.carrier.CarrierDetection.Result.Found found
                    ? new ShipmentId(found.adapter().id(), s.trackingNumber()) : s;
        }).toList();
        return order.withShipments(shipments);
    }

    private Order withNormalizedPhones(Order order) {
        Customer customer = order.customer();
        if (customer == null) {
            return order;
        }
        for (ContactKind kind : PHONE_KINDS) {
            String raw = customer.contacts().get(kind);
            if (raw != null && phones.normalize(raw) instanceof PhoneNumbers.Result.Valid valid) {
                customer = customer.withContact(kind, valid.e164());
            }
        }
        return order.withCustomer(customer);
    }

    /** Contacts that are phone numbers (WhatsApp's id is one), normalized like the phone. */
    private static final List<ContactKind> PHONE_KINDS = List.of(ContactKind.PHONE, ContactKind.WHATSAPP);

    /** The field name of a contact in problems: {@code customer.phone} as in the orders API's JSON. */
    private static String field(ContactKind kind) {
        return switch (kind) {
            case EMAIL -> "customer.email";
            case PHONE -> "customer.phone";
            default -> "customer.contacts." + kind.wireName();
        };
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code, as {@link Order#shipToCountry()} writes it. */
    public static boolean isCountryCode(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    public List<String> problems(Order order) {
        List<String> problems = new ArrayList<>();
        if (order.orderId() == null || !ORDER_ID.matcher(order.orderId()).matches()) {
            problems.add("orderId must be 1-64 letters, digits or . _ - /");
        }
        Customer customer = order.customer();
        if (customer == null) {
            problems.add("customer is required");
        } else {
            if (customer.email() != null && !EMAIL.matcher(customer.email()).matches()) {
                problems.add("customer.email is not an e-mail address");
            }
            for (ContactKind kind : PHONE_KINDS) {
                String raw = customer.contacts().get(kind);
                if (raw != null && phones.normalize(raw) instanceof PhoneNumbers.Result.Invalid invalid) {
                    // the number itself stays out: problem bodies end up in the merchant's logs
                    problems.add(field(kind) + " " + invalid.reason() + "; give it as 05321234567 or +905321234567");
                }
            }
            if (customer.contacts().isEmpty()) {
                problems.add("customer needs an email or a phone");
            }
            if (customer.locale() != null && !LOCALES.contains(customer.locale())) {
                problems.add("customer.locale must be one of " + LOCALES);
            }
        }
        problems.addAll(order.purchase().problems());
        if (order.shipToCountry() != null && !COUNTRIES.contains(order.shipToCountry())) {
            problems.add("shipTo.country: \"" + order.shipToCountry() + "\" is not an ISO 3166 country code");
        }
        if (order.shipments().isEmpty()) {
            problems.add("at least one shipment (carrier and trackingNumber) is required");
        }
        for (ShipmentId shipment : order.shipments()) {
            if (shipment.carrier().equals(io.kargotakip.core.carrier.CarrierDetection.AUTO)) {
                if (detection == null) {
                    problems.add("carrier 'auto' is not available here; give the carrier");
                } else if (detection.byTrackingNumber(shipment.trackingNumber())
                        instanceof io.kargotakip.core.carrier.CarrierDetection.Result.NotFound notFound) {
                    problems.add("carrier 'auto': " + notFound.reason());
                }
            } else if (!knownCarriers.contains(shipment.carrier())) {
                problems.add("carrier '" + shipment.carrier() + "' is not configured; known: " + knownCarriers.stream().sorted().toList());
            }
            if (!TRACKING.matcher(shipment.trackingNumber()).matches()) {
                problems.add("trackingNumber must be 6-40 letters, digits or -");
            }
        }
        return problems;
    }
}
