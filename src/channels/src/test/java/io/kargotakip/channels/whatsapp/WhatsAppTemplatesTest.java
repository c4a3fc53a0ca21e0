package io.kargotakip.channels.whatsapp;

import io.kargotakip.core.notification.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
