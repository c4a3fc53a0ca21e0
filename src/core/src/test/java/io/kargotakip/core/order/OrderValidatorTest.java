package io.kargotakip.core.order;

import io.kargotakip.core.shipment.ShipmentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrderValidatorTest {

    private static final String ORDER_ID_PROBLEM = "orderId must be 1-64 letters, digits or . _ - /";
    private static final String EMAIL_PROBLEM = "customer.email is not an e-mail address";
    private static final String PHONE_HINT = "; give it as 05321234567 or +905321234567";
    private static final String PHONE_PROBLEM = "customer.phone is too short for a phone number" + PHONE_HINT;
    private static final String CONTACT_PROBLEM = "customer needs an email or a phone";
    private static final String LOCALE_PROBLEM = "customer.locale must be one of [tr, en]";
    private static final String LOCALE_PROBLEM_OTHER_ORDER = "customer.locale must be one of [en, tr]";
    private static final String NO_SHIPMENTS = "at least one shipment (carrier and trackingNumber) is required";
    private static final String TRACKING_PROBLEM = "trackingNumber must be 6-40 letters, digits or -";

    private final OrderValidator validator = new OrderValidator(Set.of("ups", "aras", "yurtici"));

    private static final Customer AYSE = new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr");
    private static final ShipmentId UPS = new ShipmentId("ups", "1Z999AA10123456784");

    private static Order order(String orderId, Customer customer, List<ShipmentId> shipments) {
        return new Order(orderId, "100234", "web", customer, new Consent(true, false, false, false, Instant.EPOCH),
                shipments, Instant.EPOCH);
    }

    private static Order withCustomer(Customer customer) {
        return order("SIP-2026-000123", customer, List.of(UPS));
    }

    @Test
    void aValidOrderHasNoProblems() {
        assertThat(validator.problems(withCustomer(AYSE))).isEmpty();
        assertThat(validator.problems(order("web/2026.12_01-A", AYSE,
                List.of(UPS, new ShipmentId("aras", "3456789012"))))).isEmpty();
    }

    @Test
    void emailOnlyPhoneOnlyAndNoLocaleAreValid() {
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", "ayse@example.com", null, null)))).isEmpty();
        assertThat(validator.problems(withCustomer(new Customer(null, null, "+905321234567", "en")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-starts-with-dash", "/root", "has space", "sipariş", "a#1",
            "A1234567890123456789012345678901234567890123456789012345678901234"})
    void orderIdPattern(String orderId) {
        assertThat(validator.problems(order(orderId, AYSE, List.of(UPS)))).containsExactly(ORDER_ID_PROBLEM);
    }

    @Test
    void orderIdOfSixtyFourCharactersIsAcceptedAndNullIsNot() {
        assertThat(validator.problems(order("A".repeat(64), AYSE, List.of(UPS)))).isEmpty();
        assertThat(validator.problems(order(null, AYSE, List.of(UPS)))).containsExactly(ORDER_ID_PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ayse", "ayse@", "@example.com", "ayse@example", "ay se@example.com", "a@b@example.com", ""})
    void emailMustBeAnAddress(String email) {
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", email, null, "tr")))).containsExactly(EMAIL_PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"05321234567", "5321234567", "+90 532 123 45 67", "0090 532 123 4567", "(0532) 123-45-67",
            "+905321234567", "905321234567", " 0532 123 45 67 "})
    void turkishPhoneFormsAreAcceptedAndStoredInE164(String phone) {
        Order order = withCustomer(new Customer("Ayşe", null, phone, "tr"));

        assertThat(validator.problems(order)).isEmpty();
        assertThat(validator.resolved(order).customer().phone()).isEqualTo("+905321234567");
    }

    @Test
    void aLandlineIsAValidPhoneAndAForeignNumberKeepsItsCountry() {
        Order landline = withCustomer(new Customer("Ayşe", null, "0212 345 67 89", "tr"));
        Order german = withCustomer(new Customer("Ayşe", null, "+49 30 901820", "tr"));

        assertThat(validator.problems(landline)).isEmpty();
        assertThat(validator.resolved(landline).customer().phone()).isEqualTo("+902123456789");
        assertThat(validator.problems(german)).isEmpty();
        assertThat(validator.resolved(german).customer().phone()).isEqualTo("+4930901820");
    }

    @Test
    void invalidPhoneNumbersAreRefusedWithTheReason() {
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, "0532", "tr"))))
                .containsExactly("customer.phone is too short for a phone number" + PHONE_HINT);
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, "+9053212345678901", "tr"))))
                .containsExactly("customer.phone is too long for a phone number" + PHONE_HINT);
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, "telefon yok", "tr"))))
                .containsExactly("customer.phone is not a phone number" + PHONE_HINT);
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, "+0532123456", "tr"))))
                .singleElement().asString().startsWith("customer.phone ").endsWith(PHONE_HINT);
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, "0100 123 45 67", "tr"))))
                .containsExactly("customer.phone is not a valid number in TR" + PHONE_HINT);
    }

    @Test
    void theDefaultRegionReadsNumbersWithoutACountryCode() {
        OrderValidator german = validator.withPhoneNumbers(new PhoneNumbers("DE"));
        Order order = withCustomer(new Customer("Ayşe", null, "030 901820", "tr"));

        assertThat(german.problems(order)).isEmpty();
        assertThat(german.resolved(order).customer().phone()).isEqualTo("+4930901820");
        assertThat(german.resolved(withCustomer(new Customer("Ayşe", null, "+90 532 123 45 67", "tr"))).customer().phone())
                .isEqualTo("+905321234567");
    }

    @Test
    void aCustomerNeedsSomeContact() {
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", null, null, "tr")))).containsExactly(CONTACT_PROBLEM);
    }

    @Test
    void aCustomerIsRequired() {
        assertThat(validator.problems(withCustomer(null))).containsExactly("customer is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "TR", "tr-TR", "en_US", ""})
    void localeMustBeTrOrEn(String locale) {
        assertThat(validator.problems(withCustomer(new Customer("Ayşe", "ayse@example.com", null, locale))))
                .singleElement().isIn(LOCALE_PROBLEM, LOCALE_PROBLEM_OTHER_ORDER);
    }

    @Test
    void atLeastOneShipment() {
        assertThat(validator.problems(order("SIP-1", AYSE, List.of()))).containsExactly(NO_SHIPMENTS);
    }

    @Test
    void unknownCarrierListsTheKnownOnesSorted() {
        assertThat(validator.problems(order("SIP-1", AYSE, List.of(new ShipmentId("MNG", "1234567890")))))
                .containsExactly("carrier 'mng' is not configured; known: [aras, ups, yurtici]");
    }

    @Test
    void carrierIsMatchedAfterNormalisation() {
        assertThat(validator.problems(order("SIP-1", AYSE, List.of(new ShipmentId("UPS", "1z999aa10123456784"))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1Z 999 AA1", "1Z999_AA10", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDE", "TAKİP12345"})
    void trackingNumberPattern(String number) {
        assertThat(validator.problems(order("SIP-1", AYSE, List.of(new ShipmentId("ups", number)))))
                .containsExactly(TRACKING_PROBLEM);
    }

    @Test
    void trackingNumberBoundsAreInclusive() {
        assertThat(validator.problems(order("SIP-1", AYSE, List.of(new ShipmentId("ups", "123456"))))).isEmpty();
        assertThat(validator.problems(order("SIP-1", AYSE, List.of(new ShipmentId("ups", "A-".repeat(20)))))).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Order bad = order("#1", new Customer("Ayşe", "not-an-email", "0532", "de"),
                List.of(new ShipmentId("dhl", "12"), new ShipmentId("ups", "1Z999AA10123456784")));

        List<String> problems = validator.problems(bad);

        assertThat(problems).hasSize(6);
        assertThat(problems).contains(ORDER_ID_PROBLEM, EMAIL_PROBLEM, PHONE_PROBLEM,
                "carrier 'dhl' is not configured; known: [aras, ups, yurtici]", TRACKING_PROBLEM);
        assertThat(problems).containsAnyOf(LOCALE_PROBLEM, LOCALE_PROBLEM_OTHER_ORDER);
    }

    @Test
    void missingContactAndNoShipmentsAreBothReported() {
        List<String> problems = validator.problems(order("", new Customer(null, null, null, null), List.of()));

        assertThat(problems).containsExactlyInAnyOrder(ORDER_ID_PROBLEM, CONTACT_PROBLEM, NO_SHIPMENTS);
    }

    @Test
    void what_is_told_of_the_sale_is_checked_with_the_order_each_problem_naming_its_field() {
        Order base = order("A-9", new Customer("Ayşe", "ayse@example.com", null, "tr"), List.of(new ShipmentId("ups", "1Z999AA10123456784")));
        Order bad = new Order(base.orderId(), base.orderNo(), base.source(), base.customer(), base.consent(), base.shipments(), base.createdAt(),
                new Purchase(new java.math.BigDecimal("-1"), null, new java.math.BigDecimal("10.005"), Set.of("Elektronik"), Set.of("vip"), "Yüksek"));
        assertThat(validator.problems(bad)).containsExactly(
                "value must be an amount of 0 or more with at most 2 decimals",
                "codAmount must be an amount of 0 or more with at most 2 decimals",
                "currency is required with value or codAmount",
                "categories are 1-40 lower-case letters, digits, _ or -",
                "cltvBand must be 1-40 lower-case letters, digits, _ or -");
        Order good = new Order(base.orderId(), base.orderNo(), base.source(), base.customer(), base.consent(), base.shipments(), base.createdAt(),
                new Purchase(new java.math.BigDecimal("1249.9"), "TRY", new java.math.BigDecimal("1249.90"), Set.of("electronics"), Set.of("vip"), "high"));
        assertThat(validator.problems(good)).isEmpty();
        assertThat(good.purchase().value()).as("money, two decimals").hasToString("1249.90");
        assertThat(validator.resolved(good).purchase()).as("kept through normalization").isEqualTo(good.purchase());
    }

    private static Order shippedTo(String country) {
        return new Order("SIP-2026-000124", "100235", "web", AYSE, new Consent(true, false, false, false, Instant.EPOCH), List.of(UPS),
                Instant.EPOCH, Purchase.NONE, country);
    }

    @Test
    void a_delivery_country_is_an_iso_3166_code_in_any_case_kept_in_upper_case() {
        assertThat(validator.problems(shippedTo("TR"))).isEmpty();
        assertThat(shippedTo(" de ").shipToCountry()).isEqualTo("DE");
        assertThat(validator.problems(shippedTo("de"))).isEmpty();
        assertThat(shippedTo("").shipToCountry()).as("blank is none").isNull();
        assertThat(validator.problems(shippedTo(null))).isEmpty();
    }

    @Test
    void an_unknown_country_code_is_refused_naming_the_field_and_the_value() {
        assertThat(validator.problems(shippedTo("TX"))).containsExactly("shipTo.country: \"TX\" is not an ISO 3166 country code");
        assertThat(validator.problems(shippedTo("Turkey"))).containsExactly("shipTo.country: \"TURKEY\" is not an ISO 3166 country code");
    }
}
