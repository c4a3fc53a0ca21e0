package io.kargotakip.channels.whatsapp;

import io.kargotakip.core.channel.MessageForm.WhatsAppForm;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.template.TemplateCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppTemplatesTest {

    static final String HEADER = "kind,locale,template,language,parameters\n";

    static String allKinds(String locale, String language) {
        StringBuilder b = new StringBuilder();
        for (MessageKind kind : MessageKind.builtIn()) {
            b.append(kind.templateName()).append(',').append(locale).append(",kargo_").append(kind.templateName()).append(',')
                    .append(language).append(",first_name tracking_link\n");
        }
        return b.toString();
    }

    /** The kinds of the default rules (src/core's default-rules.yaml): the brief's five and its rule examples' four. */
    private static final java.util.Set<String> KINDS = java.util.Set.of("shipped", "out_for_delivery", "delivered", "failed_attempt",
            "delayed", "vip_support", "cod_delivery_day", "address_problem", "delay_apology");

    @Test
    void the_built_in_file_names_a_template_with_its_parameters_for_every_kind_in_turkish_and_english() {
        WhatsAppTemplates templates = WhatsAppTemplates.builtIn();
        for (MessageKind kind : MessageKind.builtIn()) {
            assertThat(templates.find(kind, "tr")).as("%s tr", kind).isPresent();
            assertThat(templates.find(kind, "en")).as("%s en", kind).isPresent();
        }
        WhatsAppTemplates.Template shipped = templates.find(MessageKind.SHIPPED, "tr").orElseThrow();
        assertThat(shipped.name()).isEqualTo("kargo_yola_cikti");
        assertThat(shipped.language()).isEqualTo("tr");
        assertThat(shipped.parameters()).containsExactly("first_name", "order_no", "carrier", "eta", "tracking_link");
        assertThat(templates.find(MessageKind.SHIPPED, "de")).isEmpty();
    }

    @Test
    void an_unknown_variable_fails_naming_the_line_and_the_variable() {
        String text = HEADER + allKinds("tr", "tr").replaceFirst("first_name tracking_link", "first_name tracking_url");
        assertThatThrownBy(() -> WhatsAppTemplates.parse(text, "templates.csv"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("templates.csv line 2").hasMessageContaining("unknown variable 'tracking_url'");
    }

    @Test
    void an_unknown_kind_a_missing_kind_a_bad_name_or_language_and_a_duplicate_all_fail() {
        assertThatThrownBy(() -> WhatsAppTemplates.parse(HEADER + allKinds("tr", "tr") + "Returned!,tr,kargo_iade,tr,first_name\n", "f"))
                .hasMessageContaining("line 7: 'Returned!' is not a message kind's name");
        // a brand's own kind (named by its rules file) is a kind like the built-in ones
        assertThat(WhatsAppTemplates.parse(HEADER + allKinds("tr", "tr") + "vip_support,tr,kargo_destek,tr,first_name\n", "f")
                .find(new MessageKind("vip_support"), "tr")).isPresent();
        assertThatThrownBy(() -> WhatsAppTemplates.parse(HEADER + "shipped,tr,kargo_yola_cikti,tr,first_name\n", "f"))
                .hasMessageContaining("locale tr has no template for [out_for_delivery, delivered, failed_attempt, delayed]");
        assertThatThrownBy(() -> WhatsAppTemplates.parse(HEADER + allKinds("tr", "tr").replaceFirst("kargo_shipped", "Kargo Shipped"), "f"))
                .hasMessageContaining("template name 'Kargo Shipped'");
        assertThatThrownBy(() -> WhatsAppTemplates.parse(HEADER + allKinds("tr", "turkish"), "f"))
                .hasMessageContaining("language code 'turkish'");
        assertThatThrownBy(() -> WhatsAppTemplates.parse(HEADER + allKinds("tr", "tr") + "shipped,tr,kargo_x,tr,\n", "f"))
                .hasMessageContaining("shipped in tr is listed twice");
        assertThatThrownBy(() -> WhatsAppTemplates.parse("kind,template\n", "f")).hasMessageContaining("the header must be");
        assertThatThrownBy(() -> WhatsAppTemplates.parse("# only a comment\n", "f")).hasMessageContaining("empty");
    }

    @Test
    void comments_blank_lines_and_a_template_without_parameters_are_fine() {
        WhatsAppTemplates templates = WhatsAppTemplates.parse("# ours\n\n" + HEADER + allKinds("en", "en_US")
                .replaceFirst("first_name tracking_link", ""), "f");
        assertThat(templates.find(MessageKind.SHIPPED, "en").orElseThrow().parameters()).isEmpty();
        assertThat(templates.find(MessageKind.DELAYED, "en").orElseThrow().language()).isEqualTo("en_US");
    }

    @Test
    void a_merchants_file_replaces_the_built_in_one(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("whatsapp"));
        Files.writeString(dir.resolve("whatsapp/templates.csv"), HEADER + allKinds("tr", "tr"));
        WhatsAppTemplates templates = WhatsAppTemplates.load(dir);
        assertThat(templates.find(MessageKind.SHIPPED, "tr").orElseThrow().name()).isEqualTo("kargo_shipped");
        assertThat(templates.find(MessageKind.SHIPPED, "en")).as("only the merchant's locales").isEmpty();
        assertThat(WhatsAppTemplates.load(dir.resolve("elsewhere")).find(MessageKind.SHIPPED, "en")).as("no file: built-in").isPresent();
        assertThat(List.of(templates.find(MessageKind.DELIVERED, "tr").orElseThrow().parameters()))
                .containsExactly(List.of("first_name", "tracking_link"));
    }

    @Test
    void the_built_in_file_maps_every_kind_of_the_default_rules_with_the_variables_its_kind_requires() {
        WhatsAppTemplates templates = WhatsAppTemplates.builtIn();
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        for (String kind : KINDS) {
            for (String locale : List.of("tr", "en")) {
                WhatsAppTemplates.Template template = templates.find(new MessageKind(kind), locale).orElseThrow(() ->
                        new AssertionError("no WhatsApp template for " + kind + " in " + locale));
                // an approved template's text is fixed: what the kind must say is one of its parameters
                assertThat(template.parameters()).as("%s %s", kind, locale)
                        .containsAll(TemplateCheck.requiredVariables(catalog, kind, "whatsapp"));
                assertThat(template.language()).isEqualTo(locale);
            }
        }
        assertThat(templates.find(new MessageKind("cod_delivery_day"), "tr").orElseThrow().parameters())
                .containsExactly("first_name", "cod_amount", "pos_info", "cod_confirm_link");
        assertThat(templates.find(new MessageKind("delay_apology"), "en").orElseThrow().parameters())
                .containsExactly("first_name", "eta", "discount_percent", "discount_code");
    }

    @Test
    void the_rules_kinds_render_as_their_approved_templates_with_the_composers_values() {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "a-link-secret-of-32-characters-xx");
        WhatsAppChannel channel = new WhatsAppChannel(java.net.http.HttpClient.newHttpClient(), "http://127.0.0.1:9", "v23.0", "1",
                "token", WhatsAppTemplates.builtIn());
        MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "Aras Kargo");
        ShipmentId shipment = new ShipmentId("aras", "1234567890");
        Order order = new Order("A-1", "TR-1001", "web", new Customer("Ayşe", null, "+905321234567", "tr"),
                new Consent(false, false, true, false, Instant.EPOCH), List.of(shipment), Instant.EPOCH,
                new Purchase(new BigDecimal("1249.90"), "TRY", new BigDecimal("1249.90"), null, null, null));
        StatusChange change = new StatusChange(shipment, "A-1", null, TrackingStatus.OUT_FOR_DELIVERY, null, Instant.parse("2026-12-02T06:00:00Z"),
                null, null, LocalDate.of(2026, 12, 2), "k");
        NotificationIntent cod = NotificationIntent.of(change, new MessageKind("cod_delivery_day"), "whatsapp", "",
                new NotificationIntent.Details("cod", "o", List.of("cod_confirmation"), null, null, null));
        WhatsAppForm form = composer.compose(cod, order, channel, "+905321234567").content();
        assertThat(form.templateName()).isEqualTo("kargo_kapida_odeme");
        assertThat(form.parameters()).hasSize(4).startsWith("Ayşe", "1.249,90 TL");
        assertThat(form.parameters().get(3)).isEqualTo(new Links(brand).click(cod.notificationId(), "odeme-teyit"));

        NotificationIntent apology = NotificationIntent.of(change, new MessageKind("delay_apology"), "whatsapp", "",
                new NotificationIntent.Details("delay", "o", List.of(), 15, "OZUR15-K2M9", null));
        assertThat(composer.compose(apology, order, channel, "+905321234567").content().parameters())
                .containsExactly("Ayşe", "2 Aralık 2026", "15", "OZUR15-K2M9");
    }
}
