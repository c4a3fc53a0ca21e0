package io.kargotakip.functions.sender;

import io.kargotakip.aws.KargoSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderChannelsTest {

    @Test
    void e_mail_is_built_when_its_sender_address_is_configured() {
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of(
                "KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example", "KARGO_ENDPOINT_SES", "http://127.0.0.1:1")::get))) {
            assertThat(channels.byId()).containsOnlyKeys("email");
            assertThat(channels.byId().get("email").id()).isEqualTo("email");
        }
    }

    @Test
    void sms_is_built_when_its_sender_id_is_configured() {
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of(
                "KARGO_SMS_SENDER_ID", "ModaX", "KARGO_ENDPOINT_SNS", "http://127.0.0.1:1")::get))) {
            assertThat(channels.byId()).containsOnlyKeys("sms");
            assertThat(channels.byId().get("sms").contactKind()).isEqualTo(io.kargotakip.core.channel.ContactKind.PHONE);
        }
    }

    @Test
    void whatsapp_is_built_when_its_phone_number_id_and_token_are_configured() {
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of(
                "KARGO_WHATSAPP_PHONE_NUMBER_ID", "106540352242922", "KARGO_WHATSAPP_TOKEN", "token")::get))) {
            assertThat(channels.byId()).containsOnlyKeys("whatsapp");
            assertThat(channels.byId().get("whatsapp").contactKind()).isEqualTo(io.kargotakip.core.channel.ContactKind.WHATSAPP);
        }
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of("KARGO_WHATSAPP_TOKEN", "token")::get))) {
            assertThat(channels.byId()).as("no phone number id").isEmpty();
        }
    }

    @Test
    void push_is_built_when_a_platform_application_arn_is_configured() {
        for (String setting : new String[]{"KARGO_PUSH_FCM_APP_ARN", "KARGO_PUSH_APNS_APP_ARN", "KARGO_PUSH_APNS_SANDBOX_APP_ARN"}) {
            try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of(
                    setting, "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo", "KARGO_ENDPOINT_SNS", "http://127.0.0.1:1")::get))) {
                assertThat(channels.byId()).as(setting).containsOnlyKeys("push");
                assertThat(channels.byId().get("push").contactKind()).isEqualTo(io.kargotakip.core.channel.ContactKind.DEVICE_TOKEN);
            }
        }
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of(
                "KARGO_PUSH_FCM_APP_ARN", " ", "KARGO_ENDPOINT_SNS", "http://127.0.0.1:1")::get))) {
            assertThat(channels.byId()).as("an empty ARN (the template's default) is no push").isEmpty();
        }
    }

    @Test
    void webpush_is_built_when_the_vapid_keys_are_set_and_a_malformed_key_stops_the_start_naming_the_setting() {
        String[] pair = io.kargotakip.channels.webpush.WebPushChannel.newKeyPair();
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", pair[0],
                "KARGO_WEBPUSH_VAPID_PRIVATE_KEY", pair[1], "KARGO_WEBPUSH_SUBJECT", "mailto:ops@modax.example")::get))) {
            assertThat(channels.byId()).containsOnlyKeys("webpush");
            assertThat(channels.byId().get("webpush").contactKind()).isEqualTo(io.kargotakip.core.channel.ContactKind.WEB_PUSH_SUBSCRIPTION);
        }
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", pair[0])::get))) {
            assertThat(channels.byId()).as("no private key").isEmpty();
        }
        assertThatThrownBy(() -> SenderChannels.build(KargoSettings.of(Map.of("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", pair[0],
                "KARGO_WEBPUSH_VAPID_PRIVATE_KEY", "c2VjcmV0", "KARGO_WEBPUSH_SUBJECT", "mailto:ops@modax.example")::get)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KARGO_WEBPUSH_VAPID_PRIVATE_KEY").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> SenderChannels.build(KargoSettings.of(Map.of("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", pair[0],
                "KARGO_WEBPUSH_VAPID_PRIVATE_KEY", pair[1])::get))).hasMessageContaining("KARGO_WEBPUSH_SUBJECT");
        assertThatThrownBy(() -> SenderChannels.build(KargoSettings.of(Map.of("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", pair[0],
                "KARGO_WEBPUSH_VAPID_PRIVATE_KEY", pair[1], "KARGO_WEBPUSH_SUBJECT", "https://modax.example",
                "KARGO_WEBPUSH_TTL_SECONDS", "bir gün")::get))).hasMessageContaining("KARGO_WEBPUSH_TTL_SECONDS");
    }

    static final String[] WEBPUSH_KEYS = io.kargotakip.channels.webpush.WebPushChannel.newKeyPair();

    @Test
    void every_channel_sends_to_the_contact_kind_the_rule_evaluator_expects_of_its_id() {
        // the rule evaluator ships no channel: it picks a preferred channel by ContactKind.ofChannel
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.of("KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example",
                "KARGO_ENDPOINT_SES", "http://127.0.0.1:1", "KARGO_SMS_SENDER_ID", "ModaX", "KARGO_ENDPOINT_SNS", "http://127.0.0.1:1",
                "KARGO_WHATSAPP_PHONE_NUMBER_ID", "106540352242922", "KARGO_WHATSAPP_TOKEN", "token",
                "KARGO_PUSH_FCM_APP_ARN", "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo",
                "KARGO_WEBPUSH_VAPID_PUBLIC_KEY", WEBPUSH_KEYS[0], "KARGO_WEBPUSH_VAPID_PRIVATE_KEY", WEBPUSH_KEYS[1],
                "KARGO_WEBPUSH_SUBJECT", "mailto:ops@modax.example")::get))) {
            assertThat(channels.byId()).hasSize(5);
            channels.byId().forEach((id, channel) -> assertThat(io.kargotakip.core.channel.ContactKind.ofChannel(id)).as(id)
                    .contains(channel.contactKind()));
        }
    }

    @Test
    void a_wrong_sms_setting_stops_the_start_with_its_reason() {
        assertThatThrownBy(() -> SenderChannels.build(KargoSettings.of(Map.of(
                "KARGO_SMS_SENDER_ID", "Moda X Tekstil", "KARGO_SMS_MAX_SEGMENTS", "0", "KARGO_ENDPOINT_SNS", "http://127.0.0.1:1")::get)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KARGO_SMS_SENDER_ID must be 3-11 letters")
                .hasMessageContaining("KARGO_SMS_MAX_SEGMENTS must be 1..10");
    }

    @Test
    void a_whatsapp_templates_file_naming_an_unknown_variable_stops_the_sender(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("whatsapp"));
        java.nio.file.Files.writeString(dir.resolve("whatsapp/templates.csv"),
                "kind,locale,template,language,parameters\nshipped,tr,kargo_yola_cikti,tr,first_name kargo_no\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SenderChannels.build(KargoSettings.of(Map.of(
                        "KARGO_WHATSAPP_PHONE_NUMBER_ID", "1", "KARGO_WHATSAPP_TOKEN", "t", "KARGO_TEMPLATES_DIR", dir.toString())::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown variable 'kargo_no'");
    }

    @Test
    void a_channel_without_its_configuration_is_not_built() {
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.<String, String>of()::get))) {
            assertThat(channels.byId()).isEmpty();
        }
    }
}
