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
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import org.junit.jupiter.api.Test;

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
}
