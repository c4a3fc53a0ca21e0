package io.kargotakip.functions.sender;

import io.kargotakip.aws.KargoSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
    void a_channel_without_its_configuration_is_not_built() {
        try (SenderChannels channels = SenderChannels.build(KargoSettings.of(Map.<String, String>of()::get))) {
            assertThat(channels.byId()).isEmpty();
        }
    }
}
