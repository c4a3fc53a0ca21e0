package io.kargotakip.channels.whatsapp;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.WhatsAppForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.whatsapp.WhatsAppSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel against the local Graph API sandbox, in Meta's request, answer and error formats. */
class WhatsAppChannelTest {

    static final String PHONE = "+905321234567";
    static WhatsAppSandbox sandbox;
    static WhatsAppChannel channel;

    @BeforeAll
    static void start() {
        sandbox = new WhatsAppSandbox();
        channel = channel(sandbox.baseUrl(), WhatsAppSandbox.TOKEN);
    }

    static WhatsAppChannel channel(String baseUrl, String token) {
        return new WhatsAppChannel(HttpClient.newHttpClient(), baseUrl, WhatsAppSandbox.API_VERSION, WhatsAppSandbox.PHONE_NUMBER_ID,
                token, WhatsAppTemplates.builtIn());
    }

    @AfterEach
    void reset() {
        sandbox.succeed();
        sandbox.clearRecords();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("brand", "ModaX");
        v.put("first_name", "Ayşe");
        v.put("order_no", "TR-884411");
        v.put("carrier", "Yurtiçi Kargo");
        v.put("tracking_no", "1Z999AA10123456784");
        v.put("eta", "3 Aralık 2026");
        v.put("status_date", "1 Aralık 2026");
        v.put("reason", "Alıcı adreste yoktu");
        v.put("tracking_link", "https://takip.modax.example/t/abc");
        v.put("reschedule_link", "https://takip.modax.example/a/randevu");
        v.put("address_link", "https://takip.modax.example/a/adres");
        v.put("nps_link", "https://takip.modax.example/a/anket");
        v.put("support_link", "https://modax.example/destek");
        v.put("optout_link", "https://takip.modax.example/u/n-1.token");
        // the rest of the composer's variables (cash on delivery, discount, the offered links' flags): empty here
        io.kargotakip.core.template.MessageComposer.VARIABLES.forEach(name -> v.putIfAbsent(name, ""));
        return v;
    }

    static WhatsAppForm render(MessageKind kind, String locale, Map<String, String> values) {
        return channel.render(new RenderContext("whatsapp", locale, kind, values, TemplateCatalog.builtIn()));
    }

    static OutboundMessage<WhatsAppForm> message(WhatsAppForm form) {
        return new OutboundMessage<>("n-1", PHONE, form, "https://takip.modax.example/u/n-1.token");
    }

    @Test
    void it_is_the_whatsapp_channel_sending_to_the_whatsapp_id_which_falls_back_to_the_phone() {
        assertThat(channel.id()).isEqualTo("whatsapp");
        assertThat(channel.contactKind()).isEqualTo(ContactKind.WHATSAPP);
        assertThat(channel.contactKind().fallback()).contains(ContactKind.PHONE);
    }

    @Test
    void renders_the_approved_template_of_the_kind_with_its_parameters_in_order() {
        WhatsAppForm form = render(MessageKind.SHIPPED, "tr", values());
        assertThat(form.isTemplate()).isTrue();
        assertThat(form.templateName()).isEqualTo("kargo_yola_cikti");
        assertThat(form.language()).isEqualTo("tr");
        assertThat(form.parameters()).containsExactly("Ayşe", "TR-884411", "Yurtiçi Kargo", "3 Aralık 2026", "https://takip.modax.example/t/abc");
        assertThat(render(MessageKind.DELIVERED, "en", values()).language()).isEqualTo("en");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("io.kargotakip.core.notification.MessageKind#builtIn")
    void inside_the_service_window_every_kind_renders_as_free_text_with_the_opt_out_line_and_outside_as_its_template(MessageKind kind) {
        for (String locale : new String[]{"tr", "en"}) {
            WhatsAppForm open = channel.render(new RenderContext("whatsapp", locale, kind, values(), TemplateCatalog.builtIn(), true));
            assertThat(open.isTemplate()).as(kind + "/" + locale).isFalse();
            assertThat(open.freeText()).as(kind + "/" + locale).doesNotContain("{").contains("Ayşe")
                    .contains(locale.equals("tr") ? "DUR yaz" : "Reply STOP").hasSizeLessThan(WhatsAppChannel.MAX_TEXT);
            assertThat(channel.render(new RenderContext("whatsapp", locale, kind, values(), TemplateCatalog.builtIn(), false)).isTemplate())
                    .as(kind + "/" + locale).isTrue();
        }
    }

    @Test
    void a_parameter_is_one_line_as_meta_requires_and_a_missing_value_or_locale_is_an_error() {
        Map<String, String> v = values();
        v.put("first_name", "Ayşe\n\tNur     Yılmaz");
        v.put("order_no", "  ");
        assertThat(render(MessageKind.SHIPPED, "tr", v).parameters()).startsWith("Ayşe Nur Yılmaz", "-");
        v.put("support_link", null);
        assertThatThrownBy(() -> render(MessageKind.DELIVERED, "tr", v)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("variable support_link has no value");
        assertThatThrownBy(() -> render(MessageKind.DELIVERED, "de", values())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no WhatsApp template for delivered in locale de");
    }

    @Test
    void sends_the_template_with_language_and_body_parameters_and_the_wamid_is_the_receipt() throws Exception {
        DeliveryReceipt receipt = channel.send(message(render(MessageKind.SHIPPED, "tr", values())));

        List<WhatsAppSandbox.Sent> sent = sandbox.sent();
        assertThat(sent).hasSize(1);
        WhatsAppSandbox.Sent s = sent.get(0);
        assertThat(receipt.providerMessageId()).startsWith("wamid.").isEqualTo(s.wamid());
        assertThat(s.authorization()).isEqualTo("Bearer " + WhatsAppSandbox.TOKEN);
        assertThat(s.request().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(s.request().path("recipient_type").asText()).isEqualTo("individual");
        assertThat(s.to()).isEqualTo(PHONE);
        assertThat(s.type()).isEqualTo("template");
        assertThat(s.templateName()).isEqualTo("kargo_yola_cikti");
        assertThat(s.language()).isEqualTo("tr");
        assertThat(s.parameters()).containsExactly("Ayşe", "TR-884411", "Yurtiçi Kargo", "3 Aralık 2026", "https://takip.modax.example/t/abc");
        assertThat(s.request().path("template").path("components").path(0).path("parameters").path(0).path("type").asText()).isEqualTo("text");
    }

    @Test
    void free_text_goes_as_a_text_message_without_a_link_preview() throws Exception {
        channel.send(message(WhatsAppForm.freeText("Merhaba Ayşe, paketin yarın geliyor.")));
        WhatsAppSandbox.Sent s = sandbox.sent().get(0);
        assertThat(s.type()).isEqualTo("text");
        assertThat(s.text()).isEqualTo("Merhaba Ayşe, paketin yarın geliyor.");
        assertThat(s.request().path("text").path("preview_url").asBoolean(true)).isFalse();
        assertThat(s.request().has("template")).isFalse();
    }

    @ParameterizedTest(name = "code {0}: retryable={1}, reason={2}")
    @CsvSource({
            "130429, true, OTHER",          // Cloud API throughput
            "131056, true, OTHER",          // pair rate limit
            "80007, true, OTHER",           // WABA rate limit
            "131000, true, OTHER",          // something went wrong (HTTP 500)
            "131016, true, OTHER",          // service unavailable (HTTP 503)
            "131026, false, RECIPIENT",     // undeliverable: not on WhatsApp
            "131030, false, RECIPIENT",     // not in the allowed list
            "132001, false, CONFIGURATION", // template missing in the language
            "132015, false, CONFIGURATION", // template paused
            "132016, false, CONFIGURATION", // template disabled
            "190, false, CONFIGURATION",    // token expired
            "131047, false, OTHER",         // free text outside the 24-hour window
            "131008, false, OTHER"})        // a parameter missing: a bug
    void each_error_code_is_mapped_to_what_the_sender_does(int code, boolean retryable, ChannelException.Reason reason) {
        sandbox.failWith(code);
        assertThatThrownBy(() -> channel.send(message(render(MessageKind.SHIPPED, "tr", values()))))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains("code " + code).contains("template kargo_yola_cikti/tr")
                            .doesNotContain(PHONE).doesNotContain("905321234567").doesNotContain("Ayşe");
                });
        assertThat(sandbox.sent()).isEmpty();
    }

    @Test
    void a_failure_for_one_recipient_leaves_the_others_alone() throws Exception {
        sandbox.failFor("+905329999999", 131026);
        assertThat(channel.send(message(render(MessageKind.SHIPPED, "tr", values()))).providerMessageId()).startsWith("wamid.");
        assertThatThrownBy(() -> channel.send(new OutboundMessage<>("n-2", "+905329999999", render(MessageKind.SHIPPED, "tr", values()), null)))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.reason()).isEqualTo(ChannelException.Reason.RECIPIENT));
    }

    @Test
    void a_wrong_token_is_an_account_problem() {
        assertThatThrownBy(() -> channel(sandbox.baseUrl(), "not-the-token").send(message(render(MessageKind.SHIPPED, "tr", values()))))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo(ChannelException.Reason.CONFIGURATION);
                    assertThat(e.getMessage()).contains("code 190").contains("HTTP 401");
                });
    }

    @Test
    void http_5xx_or_429_without_meta_s_body_is_retryable_and_an_unreachable_api_too() {
        WireMockServer bare = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        bare.start();
        try {
            WhatsAppChannel c = channel(bare.baseUrl(), "t");
            bare.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
            assertThatThrownBy(() -> c.send(message(WhatsAppForm.freeText("x")))).isInstanceOfSatisfying(ChannelException.class,
                    e -> assertThat(e.retryable()).isTrue());
            bare.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429)));
            assertThatThrownBy(() -> c.send(message(WhatsAppForm.freeText("x")))).isInstanceOfSatisfying(ChannelException.class,
                    e -> assertThat(e.retryable()).isTrue());
            bare.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"messaging_product\":\"whatsapp\"}")));
            assertThatThrownBy(() -> c.send(message(WhatsAppForm.freeText("x")))).as("accepted or not: no retry that could send twice")
                    .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.retryable()).isFalse());
        } finally {
            bare.stop();
        }
        WhatsAppChannel down = channel("http://127.0.0.1:" + Emulators.freePort(), "t");
        assertThatThrownBy(() -> down.send(message(WhatsAppForm.freeText("x")))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void meta_s_published_answers_are_read_as_published() throws Exception {
        WireMockServer meta = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        meta.start();
        try {
            WhatsAppChannel c = channel(meta.baseUrl(), "t");
            meta.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(sample("whatsapp-send-success-response.json"))));
            assertThat(c.send(message(render(MessageKind.SHIPPED, "tr", values()))).providerMessageId())
                    .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA");
            meta.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody(sample("whatsapp-error-response-132001.json"))));
            assertThatThrownBy(() -> c.send(message(render(MessageKind.SHIPPED, "tr", values())))).isInstanceOfSatisfying(ChannelException.class,
                    e -> assertThat(e.reason()).isEqualTo(ChannelException.Reason.CONFIGURATION));
        } finally {
            meta.stop();
        }
    }

    static String sample(String name) throws Exception {
        try (var in = WhatsAppChannelTest.class.getResourceAsStream("/whatsapp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
