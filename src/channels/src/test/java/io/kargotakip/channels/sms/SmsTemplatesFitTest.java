package io.kargotakip.channels.sms;

import io.kargotakip.core.channel.MessageForm.SmsForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.Segments;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.template.TemplateCheck;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in SMS template, of every message kind and locale, rendered the way the sender renders it (the
 * composer's real values, the channel's default settings) with long but real values, fits in one GSM-7 segment,
 * carries no link and still gives the carrier and the tracking number. Long values: a 16-letter brand, the longest
 * carrier name, a 20-character tracking number, Amazon's order number, the longest month names or no date at all
 * ("en kısa sürede", "as soon as possible"), and every delivery-failure reason.
 */
class SmsTemplatesFitTest {

    private static final String BRAND = "Kuzey Ev Tekstil";
    private static final String CARRIER = "MNG Kargo (DHL eCommerce)";
    private static final String TRACKING_NO = "1Z999AA1012345678401";
    private static final String ORDER_NO = "402-1234567-1234567";

    private final SnsSmsChannel channel = new SnsSmsChannel(null, SmsSettings.fromEnvironment(Map.of("KARGO_SMS_SENDER_ID", "KuzeyEv")::get));

    /** The kinds of the default rules (src/core's default-rules.yaml): the brief's five and its rule examples' four. */
    private static final java.util.Set<String> KINDS = java.util.Set.of("shipped", "out_for_delivery", "delivered", "failed_attempt",
            "delayed", "vip_support", "cod_delivery_day", "address_problem", "delay_apology");

    @Test
    void every_message_kind_has_an_sms_template_in_every_locale_of_the_e_mails() {
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        for (String locale : List.of("tr", "en")) {
            for (MessageKind kind : MessageKind.builtIn()) {
                assertThat(catalog.has("email", locale, kind.templateName())).as("email %s %s", locale, kind).isTrue();
                assertThat(catalog.has("sms", locale, kind.templateName())).as("sms %s %s", locale, kind).isTrue();
            }
        }
    }

    @Test
    void every_sms_fits_one_segment_with_long_values_and_carries_no_link() {
        List<String> checked = new ArrayList<>();
        for (String locale : List.of("tr", "en")) {
            for (MessageKind kind : MessageKind.builtIn()) {
                for (LocalDate eta : Arrays.asList(null, LocalDate.of(2026, 8, 30), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 6, 30))) {
                    for (Reason reason : reasons(kind)) {
                        SmsForm sms = render(locale, kind, "Abdurrahman Muhammed", eta, reason);
                        String where = "sms/" + locale + "/" + kind.templateName() + ".txt: " + sms.text();
                        assertThat(Segments.isGsm7(sms.text())).as("GSM-7: %s", where).isTrue();
                        assertThat(sms.segments()).as("segments of %s (%d characters)", where, sms.text().length()).isEqualTo(1);
                        assertThat(sms.text()).as(where).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("www.")
                                .doesNotContain("takip.modax.example").contains(TRACKING_NO).contains(CARRIER).contains(BRAND)
                                .doesNotContain("{").doesNotContain("null");
                        checked.add(where);
                    }
                }
            }
        }
        assertThat(checked).hasSize(2 * (4 * 4 + 4 * Reason.values().length));
    }

    @Test
    void every_sms_tells_how_to_stop_them() {
        for (MessageKind kind : MessageKind.builtIn()) {
            assertThat(render("tr", kind, "Ayşe", null, Reason.RECIPIENT_ABSENT).text()).endsWith("SMS almamak icin bize yaz.");
            assertThat(render("en", kind, "Ayşe", null, Reason.RECIPIENT_ABSENT).text()).endsWith("To stop SMS, contact us.");
        }
    }

    private static List<Reason> reasons(MessageKind kind) {
        return kind.equals(MessageKind.FAILED_ATTEMPT) ? Arrays.asList(Reason.values()) : List.of(Reason.OTHER);
    }

    private SmsForm render(String locale, MessageKind kind, String firstName, LocalDate eta, Reason reason) {
        Brand brand = new Brand(BRAND, "bildirim@kuzeyev.example", "https://takip.modax.example", "https://modax.example/destek",
                "tr", "a-link-secret-of-32-characters-xx");
        MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), brand, carrier -> CARRIER);
        ShipmentId shipment = new ShipmentId("mng", TRACKING_NO);
        TrackingStatus status = java.util.Map.of(MessageKind.SHIPPED, TrackingStatus.IN_TRANSIT, MessageKind.OUT_FOR_DELIVERY,
                TrackingStatus.OUT_FOR_DELIVERY, MessageKind.DELIVERED, TrackingStatus.DELIVERED, MessageKind.FAILED_ATTEMPT,
                TrackingStatus.FAILED_ATTEMPT, MessageKind.DELAYED, TrackingStatus.DELAYED).get(kind);
        StatusChange change = new StatusChange(shipment, "A-1", null, status, reason, Instant.parse("2026-08-28T09:30:00Z"),
                "Istanbul, TR", "scan", eta, "k1");
        Order order = new Order("A-1", ORDER_NO, "amazon", new Customer(firstName, null, "+905321234567", locale),
                new Consent(false, true, false, false, Instant.now()), List.of(shipment), Instant.now());
        OutboundMessage<SmsForm> message = composer.compose(NotificationIntent.of(change, kind, "sms"), order, channel, "+905321234567");
        return message.content();
    }

    /** The kinds of the brief's rule examples, each from the status its default rule answers. */
    private static final Map<String, TrackingStatus> RULE_KINDS = Map.of("vip_support", TrackingStatus.FAILED_ATTEMPT,
            "cod_delivery_day", TrackingStatus.OUT_FOR_DELIVERY, "address_problem", TrackingStatus.FAILED_ATTEMPT,
            "delay_apology", TrackingStatus.DELAYED);

    @Test
    void the_rule_kinds_sms_fit_one_segment_with_long_values_carry_no_link_and_say_what_their_kind_must() {
        List<String> checked = new ArrayList<>();
        for (String locale : List.of("tr", "en")) {
            for (Map.Entry<String, TrackingStatus> kind : RULE_KINDS.entrySet()) {
                for (LocalDate eta : Arrays.asList(null, LocalDate.of(2026, 8, 30), LocalDate.of(2026, 9, 30))) {
                    for (String code : Arrays.asList("OZUR15-7F3K9Q", null)) {
                        SmsForm sms = renderRuleKind(locale, kind.getKey(), kind.getValue(), eta, code);
                        String where = "sms/" + locale + "/" + kind.getKey() + ".txt: " + sms.text();
                        assertThat(Segments.isGsm7(sms.text())).as("GSM-7: %s", where).isTrue();
                        assertThat(sms.segments()).as("segments of %s (%d characters)", where, sms.text().length()).isEqualTo(1);
                        assertThat(sms.text()).as(where).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("www.")
                                .contains(TRACKING_NO).contains(BRAND).doesNotContain("{").doesNotContain("null")
                                .endsWith(locale.equals("tr") ? "SMS almamak icin bize yaz." : "To stop SMS, contact us.");
                        if (kind.getKey().equals("cod_delivery_day")) {
                            assertThat(sms.text()).contains(locale.equals("tr") ? "124.999,90 TL" : "TRY 124,999.90");
                        }
                        if (kind.getKey().equals("delay_apology")) {
                            if (code == null) {
                                assertThat(sms.text()).as(where).doesNotContain("%");
                            } else {
                                assertThat(sms.text()).contains(code).contains(locale.equals("tr") ? "%15" : "15%");
                            }
                        }
                        checked.add(where);
                    }
                }
            }
        }
        assertThat(checked).hasSize(2 * 4 * 3 * 2);
    }

    @Test
    void the_start_up_check_with_the_channels_default_settings_finds_nothing_in_the_built_in_templates() {
        SmsSettings settings = SmsSettings.fromEnvironment(Map.of("KARGO_SMS_SENDER_ID", "KuzeyEv")::get);
        assertThat(TemplateCheck.problems(TemplateCatalog.builtIn(), KINDS, java.util.Set.of("email", "sms", "whatsapp", "push", "webpush"),
                java.util.Set.of("tr", "en"), settings.maxSegments(), settings.alphabet()::write)).isEmpty();
        // unicode keeps the Turkish letters: the Turkish SMS are UCS-2 and no longer fit one segment
        SmsSettings unicode = SmsSettings.fromEnvironment(Map.of("KARGO_SMS_SENDER_ID", "KuzeyEv", "KARGO_SMS_ALPHABET", "unicode")::get);
        assertThat(TemplateCheck.problems(TemplateCatalog.builtIn(), KINDS, java.util.Set.of("sms"),
                java.util.Set.of("tr", "en"), unicode.maxSegments(), unicode.alphabet()::write))
                .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("sms/tr/").contains("(UCS-2, "));
    }

    @Test
    void the_template_settings_are_read_without_a_sender_id() {
        assertThat(SmsSettings.forTemplates(Map.<String, String>of()::get).maxSegments()).isEqualTo(1);
        SmsSettings two = SmsSettings.forTemplates(Map.of("KARGO_SMS_MAX_SEGMENTS", "2", "KARGO_SMS_ALPHABET", "unicode")::get);
        assertThat(two.maxSegments()).isEqualTo(2);
        assertThat(two.alphabet().write("şğı")).isEqualTo("şğı");
        assertThat(SmsSettings.Alphabet.GSM7.write("şğı")).isEqualTo("sgi");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SmsSettings.forTemplates(Map.of("KARGO_SMS_MAX_SEGMENTS", "many")::get))
                .withMessage("invalid SMS configuration: KARGO_SMS_MAX_SEGMENTS must be a whole number, was 'many'");
    }

    private SmsForm renderRuleKind(String locale, String kind, TrackingStatus status, LocalDate eta, String code) {
        Brand brand = new Brand(BRAND, "bildirim@kuzeyev.example", "https://takip.modax.example", "https://modax.example/destek",
                "tr", "a-link-secret-of-32-characters-xx");
        MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), brand, carrier -> CARRIER);
        ShipmentId shipment = new ShipmentId("mng", TRACKING_NO);
        StatusChange change = new StatusChange(shipment, "A-1", null, status, Reason.ADDRESS_PROBLEM, Instant.parse("2026-08-28T09:30:00Z"),
                "Istanbul, TR", "scan", eta, "k1");
        Order order = new Order("A-1", ORDER_NO, "amazon", new Customer("Abdurrahman Muhammed", null, "+905321234567", locale),
                new Consent(false, true, false, false, Instant.now()), List.of(shipment), Instant.now(),
                new Purchase(new BigDecimal("124999.90"), "TRY", new BigDecimal("124999.90"), null, null, null));
        NotificationIntent intent = NotificationIntent.of(change, new MessageKind(kind), "sms", "",
                new NotificationIntent.Details("r", "o", io.kargotakip.core.rules.Action.LINKS, code == null ? null : 15, code, null));
        return composer.compose(intent, order, channel, "+905321234567").content();
    }
}
