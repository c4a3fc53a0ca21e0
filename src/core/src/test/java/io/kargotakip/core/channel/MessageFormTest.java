package io.kargotakip.core.channel;

import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.core.channel.MessageForm.PushForm;
import io.kargotakip.core.channel.MessageForm.SmsForm;
import io.kargotakip.core.channel.MessageForm.WebPushForm;
import io.kargotakip.core.channel.MessageForm.WhatsAppForm;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageFormTest {

    private static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("brand", "ModaX");
        v.put("first_name", "Ayşe");
        v.put("order_no", "100234");
        v.put("carrier", "UPS");
        v.put("tracking_no", "1Z999AA10123456784");
        v.put("eta", "3 Aralık 2026");
        v.put("status_date", "1 Aralık 2026");
        v.put("reason", "adres");
        v.put("tracking_link", "https://takip.example.com/t/abc");
        v.put("reschedule_link", "https://takip.example.com/t/abc/randevu");
        v.put("address_link", "https://takip.example.com/t/abc/adres");
        v.put("nps_link", "https://takip.example.com/t/abc/anket");
        v.put("support_link", "https://takip.example.com/destek");
        v.put("optout_link", "https://takip.example.com/u/n-1.x");
        v.put("open_pixel_link", "https://takip.example.com/o/n-1.xyz.gif");
        // the rest of the composer's variables (cash on delivery, discount, the offered links' flags): empty here
        io.kargotakip.core.template.MessageComposer.VARIABLES.forEach(name -> v.putIfAbsent(name, ""));
        return v;
    }

    @Test
    void theEmailFormIsExactlyWhatTheCatalogRendersForEmail() {
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        for (String locale : List.of("tr", "en")) {
            for (MessageKind kind : MessageKind.builtIn()) {
                RenderedMessage parts = catalog.render("email", locale, kind.templateName(), values());
                EmailForm form = EmailForm.render(new RenderContext("email", locale, kind, values(), catalog));
                assertThat(form).isEqualTo(new EmailForm(parts.subject(), parts.text(), parts.html()));
            }
        }
    }

    @Test
    void aChannelRendersFromItsOwnTemplateFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sms/tr/shipped.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{brand}: {first_name}, kargon yolda {tracking_link}\n", StandardCharsets.UTF_8);
        RenderContext context = new RenderContext("sms", "tr", MessageKind.SHIPPED, values(), new TemplateCatalog(dir));

        SmsForm sms = SmsForm.render(context);

        assertThat(sms.text()).isEqualTo("ModaX: Ayşe, kargon yolda https://takip.example.com/t/abc");
        assertThat(sms.segments()).isEqualTo(1);
    }

    @Test
    void gsm7TextFitsOneHundredSixtyCharactersInOneSegment() {
        assertThat(SmsForm.of("a".repeat(160)).segments()).isEqualTo(1);
        assertThat(SmsForm.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsForm.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsForm.of("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(Segments.isGsm7("Kargonuz yolda: Ö Ü ö ü Ç")).as("these Turkish letters are in GSM-7").isTrue();
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsForm.of("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SmsForm.of("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void turkishLettersOutsideGsm7MakeTheTextUcs2() {
        assertThat(Segments.isGsm7("şğıİç")).isFalse();
        assertThat(SmsForm.of("ş" + "a".repeat(69)).segments()).isEqualTo(1);
        assertThat(SmsForm.of("ş" + "a".repeat(70)).segments()).isEqualTo(2);
        assertThat(SmsForm.of("ş" + "a".repeat(133)).segments()).isEqualTo(2);
        assertThat(SmsForm.of("ş" + "a".repeat(134)).segments()).isEqualTo(3);
    }

    @Test
    void aWhatsAppMessageIsATemplateOrFreeTextNeverBoth() {
        WhatsAppForm template = WhatsAppForm.template("kargo_shipped", "tr", List.of("Ayşe", "100234"));
        assertThat(template.isTemplate()).isTrue();
        assertThat(template.parameters()).containsExactly("Ayşe", "100234");
        assertThat(WhatsAppForm.freeText("Merhaba").isTemplate()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new WhatsAppForm("kargo_shipped", "tr", List.of(), "and text"));
        assertThatIllegalArgumentException().isThrownBy(() -> new WhatsAppForm(null, null, List.of(), null));
    }

    @Test
    void pushAndWebPushFormsCarryTheirData() {
        PushForm push = new PushForm("ModaX", "Kargon yolda", Map.of("tracking_link", "https://takip.example.com/t/abc"));
        assertThat(push.data()).containsEntry("tracking_link", "https://takip.example.com/t/abc");
        assertThat(new WebPushForm("{\"title\":\"ModaX\"}").bytes()).isEqualTo("{\"title\":\"ModaX\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOutboundMessageNamesOnlyItsNotificationInLogs() {
        OutboundMessage<SmsForm> message = new OutboundMessage<>("n-1", "+905321234567", SmsForm.of("Ayşe, kargon yolda"), "https://x/u/n-1");
        assertThat(message.toString()).isEqualTo("OutboundMessage[n-1]").doesNotContain("+90", "Ayşe");
    }
}
