package io.kargotakip.core.template;

import io.kargotakip.core.channel.RenderedMessage;
import io.kargotakip.core.notification.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TemplateCatalogTest {

    private static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("brand", "Örnek Mağaza");
        v.put("first_name", "Ayşe");
        v.put("order_no", "100234");
        v.put("carrier", "UPS");
        v.put("tracking_no", "1Z999AA10123456784");
        v.put("eta", "3 Aralık 2026");
        v.put("status_date", "1 Aralık 2026");
        v.put("reason", "hava koşulları");
        v.put("tracking_link", "https://takip.example.com/t/abc");
        v.put("reschedule_link", "https://takip.example.com/t/abc/randevu");
        v.put("address_link", "https://takip.example.com/t/abc/adres");
        v.put("nps_link", "https://takip.example.com/t/abc/anket");
        v.put("support_link", "https://takip.example.com/destek");
        v.put("optout_link", "https://takip.example.com/u/n-1.xyz");
        v.put("open_pixel_link", "https://takip.example.com/o/n-1.xyz.gif");
        // the rest of the composer's variables (cash on delivery, discount, the offered links' flags): empty here
        MessageComposer.VARIABLES.forEach(name -> v.putIfAbsent(name, ""));
        return v;
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("io.kargotakip.core.notification.MessageKind#builtIn")
    void everyKindHasSubjectTextAndHtmlInBothLocales(MessageKind kind) {
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        for (String locale : new String[]{"tr", "en"}) {
            for (String part : new String[]{"subject", "txt", "html"}) {
                String resource = "templates/email/" + locale + "/" + kind.templateName() + "." + part;
                assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
            }
            assertThat(catalog.has("email", locale, kind.templateName())).isTrue();

            RenderedMessage message = catalog.render("email", locale, kind.templateName(), values());
            assertThat(message.subject()).as("%s/%s subject", locale, kind).isNotBlank().contains("Örnek Mağaza");
            assertThat(message.text()).as("%s/%s text", locale, kind).isNotBlank();
            assertThat(message.html()).as("%s/%s html", locale, kind).contains("<html lang=\"" + locale + "\">");
        }
    }

    @Test
    void subjectIsStripped() {
        RenderedMessage message = TemplateCatalog.builtIn().render("email", "tr", "shipped", values());

        assertThat(message.subject()).isEqualTo("Örnek Mağaza: siparişin kargoya verildi");
    }

    @Test
    void hasIsFalseForAMissingKindLocaleOrChannel() {
        TemplateCatalog catalog = TemplateCatalog.builtIn();

        assertThat(catalog.has("email", "tr", "returned")).isFalse();
        assertThat(catalog.has("email", "de", "shipped")).isFalse();
        assertThat(catalog.has("carrier-pigeon", "tr", "shipped")).isFalse();
    }

    @Test
    void aMissingTemplateThrows() {
        TemplateCatalog catalog = TemplateCatalog.builtIn();

        assertThatIllegalStateException().isThrownBy(() -> catalog.render("email", "tr", "returned", values()))
                .withMessageContaining("no template email/tr/returned.txt");
        assertThatIllegalStateException().isThrownBy(() -> catalog.render("email", "de", "shipped", values()))
                .withMessageContaining("email/de/shipped");
        // a channel without built-in templates
        assertThatIllegalStateException().isThrownBy(() -> catalog.render("fax", "tr", "shipped", values()))
                .withMessageContaining("no template fax/tr/shipped.txt");
    }

    @Test
    void anOverrideTemplateWinsOverTheBuiltInOne(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/shipped.txt", "Merhaba {first_name}! {carrier} ile yolda: {tracking_link}\n{optout_link}");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        RenderedMessage message = catalog.render("email", "tr", "shipped", values());

        assertThat(message.text()).isEqualTo("Merhaba Ayşe! UPS ile yolda: https://takip.example.com/t/abc\nhttps://takip.example.com/u/n-1.xyz");
        // parts that are not overridden still come from the built-in set
        assertThat(message.subject()).isEqualTo("Örnek Mağaza: siparişin kargoya verildi");
        assertThat(message.html()).contains("Siparişin kargoya verildi");
        // other locales and kinds are untouched
        assertThat(catalog.render("email", "en", "shipped", values()).text()).startsWith("Ayşe, your order has shipped.");
    }

    @Test
    void aMerchantLayoutRestylesEveryHtmlMessageOfItsLocale(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/layout.html", "<main class=\"modax\"><h1>{#insert heading}{/}</h1>{#insert body}{/}"
                + "<a href=\"{#insert link}{/}\">{#insert action}{/}</a><small>{optout_link}</small></main>");
        TemplateCatalog catalog = new TemplateCatalog(dir);
        for (MessageKind kind : MessageKind.builtIn()) {
            RenderedMessage message = catalog.render("email", "tr", kind.templateName(), values());
            assertThat(message.html()).as(kind.templateName()).startsWith("<main class=\"modax\"><h1>").contains("</a><small>");
        }
        assertThat(catalog.render("email", "en", "shipped", values()).html()).as("the other locale keeps the built-in layout")
                .startsWith("<!DOCTYPE html>");
    }

    @Test
    void anOverrideDirectoryCanAddANewKind(@TempDir Path dir) throws IOException {
        write(dir, "sms/tr/shipped.txt", "{first_name}, kargon yolda: {tracking_link}");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        assertThat(catalog.has("sms", "tr", "shipped")).isTrue();
        RenderedMessage sms = catalog.render("sms", "tr", "shipped", values());
        assertThat(sms.text()).isEqualTo("Ayşe, kargon yolda: https://takip.example.com/t/abc");
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
    }

    @Test
    void anUnknownPlaceholderInTheTextFailsToRender(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/shipped.txt", "Merhaba {first_name}, kupon kodun: {coupon_code}");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        assertThatIllegalStateException().isThrownBy(() -> catalog.render("email", "tr", "shipped", values()))
                .withMessageContaining("email/tr/shipped");
    }

    @Test
    void anUnknownPlaceholderInTheSubjectOrHtmlFailsToRender(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/delivered.subject", "{brand}: {kampanya}");
        write(dir, "email/en/delivered.html", "<p>{first_name} {nps_lnk}</p>");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        assertThatIllegalStateException().isThrownBy(() -> catalog.render("email", "tr", "delivered", values()));
        assertThatIllegalStateException().isThrownBy(() -> catalog.render("email", "en", "delivered", values()));
    }

    @Test
    void valuesAreHtmlEscapedInTheHtmlPartOnly() {
        Map<String, String> v = values();
        v.put("first_name", "<b>\"Ali\" & 'Veli'</b>");

        RenderedMessage message = TemplateCatalog.builtIn().render("email", "tr", "shipped", v);

        assertThat(message.html()).contains("&lt;b&gt;&quot;Ali&quot; &amp; &#39;Veli&#39;&lt;/b&gt;").doesNotContain("<b>\"Ali\"");
        assertThat(message.text()).startsWith("<b>\"Ali\" & 'Veli'</b>, siparişin kargoya verildi.");
    }

    @Test
    void aVariantsPartIsReadFirstAndEachPartItLacksIsTheKindsOwn(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/delivered.short.subject", "{brand}: geldi!");
        write(dir, "sms/tr/delivered.short.txt", "{first_name}, paketin geldi.");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        RenderedMessage email = catalog.render("email", "tr", "delivered", "short", values());
        assertThat(email.subject()).isEqualTo("Örnek Mağaza: geldi!");
        assertThat(email.text()).isEqualTo(catalog.render("email", "tr", "delivered", values()).text()).startsWith("Teslim edildi ✅");
        assertThat(catalog.render("sms", "tr", "delivered", "short", values()).text()).isEqualTo("Ayşe, paketin geldi.");
        // the built-in b of delivered, and a variant nobody wrote: the kind's own
        assertThat(catalog.render("email", "tr", "delivered", "b", values()).subject()).isEqualTo("Ayşe, paketin sana ulaştı 💛");
        assertThat(catalog.render("email", "tr", "delivered", "zzz", values())).isEqualTo(catalog.render("email", "tr", "delivered", null, values()));
    }
}
