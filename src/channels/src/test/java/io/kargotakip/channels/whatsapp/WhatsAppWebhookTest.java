package io.kargotakip.channels.whatsapp;

import io.kargotakip.channels.whatsapp.WhatsAppWebhook.InboundMessage;
import io.kargotakip.channels.whatsapp.WhatsAppWebhook.Status;
import io.kargotakip.channels.whatsapp.WhatsAppWebhook.StatusUpdate;
import io.kargotakip.channels.whatsapp.WhatsAppWebhook.Updates;
import io.kargotakip.emulators.whatsapp.WhatsAppSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook bodies of Meta's published shapes (pywa's fixtures, see the .source.txt next to each). */
class WhatsAppWebhookTest {

    static byte[] sample(String name) throws Exception {
        try (var in = WhatsAppWebhookTest.class.getResourceAsStream("/whatsapp/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void sent_delivered_and_read_statuses_carry_the_wamid_time_and_recipient() throws Exception {
        StatusUpdate sent = WhatsAppWebhook.parse(sample("whatsapp-webhook-status-sent.json")).statuses().get(0);
        assertThat(sent).isEqualTo(new StatusUpdate("wamid.xyzxyz", Status.SENT, Instant.ofEpochSecond(1698266945), "972987654321", null, null));
        Updates delivered = WhatsAppWebhook.parse(sample("whatsapp-webhook-status-delivered.json"));
        assertThat(delivered.statuses()).extracting(StatusUpdate::status).containsExactly(Status.DELIVERED);
        assertThat(delivered.messages()).isEmpty();
        StatusUpdate read = WhatsAppWebhook.parse(sample("whatsapp-webhook-status-read.json")).statuses().get(0);
        assertThat(read.status()).isEqualTo(Status.READ);
        assertThat(read.at()).isEqualTo(Instant.ofEpochSecond(1689380458));
    }

    @Test
    void a_failed_status_carries_meta_s_error_code_and_title() throws Exception {
        StatusUpdate failed = WhatsAppWebhook.parse(sample("whatsapp-webhook-status-failed.json")).statuses().get(0);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.errorCode()).isEqualTo(130472);
        assertThat(failed.errorTitle()).isEqualTo("User's number is part of an experiment");
    }

    @Test
    void an_inbound_text_is_a_message_from_the_customer_s_whatsapp_id() throws Exception {
        Updates updates = WhatsAppWebhook.parse(sample("whatsapp-webhook-inbound-text.json"));
        assertThat(updates.statuses()).isEmpty();
        InboundMessage m = updates.messages().get(0);
        assertThat(m.from()).isEqualTo("972987654321");
        assertThat(m.type()).isEqualTo("text");
        assertThat(m.text()).isEqualTo("Body Text");
        assertThat(m.at()).isEqualTo(Instant.ofEpochSecond(1697043223));
        assertThat(m.isOptOut()).isFalse();
        assertThat(m.toString()).doesNotContain("972987654321").doesNotContain("Body Text");
        assertThat(WhatsAppWebhook.e164(m.from())).isEqualTo("+972987654321");
    }

    @Test
    void the_sandbox_builds_the_same_shapes() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Updates failed = WhatsAppWebhook.parse(WhatsAppSandbox.statusNotification("wamid.A", "failed", "905321234567", at, 131026)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(failed.statuses()).containsExactly(new StatusUpdate("wamid.A", Status.FAILED, at, "905321234567", 131026, "Message Undeliverable"));
        Updates stop = WhatsAppWebhook.parse(WhatsAppSandbox.textNotification("905321234567", "Ayşe", "İptal", at).getBytes(StandardCharsets.UTF_8));
        assertThat(stop.messages()).singleElement().satisfies(m -> assertThat(m.isOptOut()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " STOP! ", "İPTAL", "iptal", "İptal", "IPTAL", "ıptal", "I\u0307ptal", "DUR", "dur", "Dur."})
    void stop_iptal_and_dur_in_any_case_are_opt_outs(String text) {
        assertThat(WhatsAppWebhook.isOptOut(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"durum nedir?", "STOP the delivery to my office", "iptal etmek istemiyorum", "Teşekkürler", "", "DURDUR"})
    void other_texts_are_not(String text) {
        assertThat(WhatsAppWebhook.isOptOut(text)).isFalse();
        assertThat(WhatsAppWebhook.isOptOut(null)).isFalse();
    }

    @Test
    void a_button_reply_s_text_counts_too() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"2"},
                 "messages":[{"from":"905321234567","id":"wamid.B","timestamp":"1764583200","type":"button",
                  "button":{"payload":"STOP","text":"Stop"}}]}}]}]}""";
        assertThat(WhatsAppWebhook.parse(body.getBytes(StandardCharsets.UTF_8)).messages().get(0).isOptOut()).isTrue();
    }

    @Test
    void unknown_statuses_and_other_fields_or_objects_are_skipped_and_a_non_json_body_is_an_error() {
        String other = "{\"object\":\"page\",\"entry\":[]}";
        assertThat(WhatsAppWebhook.parse(other.getBytes(StandardCharsets.UTF_8)).statuses()).isEmpty();
        String unknown = WhatsAppSandbox.statusNotification("wamid.C", "deleted", "905321234567", Instant.now(), null);
        assertThat(WhatsAppWebhook.parse(unknown.getBytes(StandardCharsets.UTF_8)).statuses()).isEmpty();
        assertThatThrownBy(() -> WhatsAppWebhook.parse("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppWebhook.parse("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppWebhook.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_signature_is_the_hmac_of_the_raw_bytes_under_the_app_secret() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String header = WhatsAppSandbox.signature("app-secret", new String(body, StandardCharsets.UTF_8));
        assertThat(header).isEqualTo(WhatsAppWebhook.signature("app-secret", body)).matches("sha256=[0-9a-f]{64}");
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", body, header)).isTrue();
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", body, header.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
        assertThat(WhatsAppWebhook.signatureMatches("other-secret", body, header)).isFalse();
        byte[] changed = body.clone();
        changed[2] = 'O';
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", changed, header)).as("one byte changed").isFalse();
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", body, null)).isFalse();
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", body, header.substring(7))).as("without sha256=").isFalse();
        assertThat(WhatsAppWebhook.signatureMatches("app-secret", body, "sha256=zz")).isFalse();
        assertThat(WhatsAppWebhook.signatureMatches("", body, header)).as("no secret configured").isFalse();
        assertThat(WhatsAppWebhook.signatureMatches(null, body, header)).isFalse();
    }

    @Test
    void the_verify_token_must_match_exactly() {
        assertThat(WhatsAppWebhook.verifyTokenMatches("token-1", "token-1")).isTrue();
        assertThat(WhatsAppWebhook.verifyTokenMatches("token-1", "token-2")).isFalse();
        assertThat(WhatsAppWebhook.verifyTokenMatches("token-1", "token-10")).isFalse();
        assertThat(WhatsAppWebhook.verifyTokenMatches("token-1", null)).isFalse();
        assertThat(WhatsAppWebhook.verifyTokenMatches(null, "")).isFalse();
    }
}
