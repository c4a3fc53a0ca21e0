package io.kargotakip.channels.sms;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsSettingsTest {

    private static SmsSettings of(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return SmsSettings.fromEnvironment(env::get);
    }

    @Test
    void defaults_are_transactional_one_segment_gsm7() {
        SmsSettings s = of("KARGO_SMS_SENDER_ID", "ModaX");
        assertThat(s).isEqualTo(new SmsSettings("ModaX", "Transactional", 1, SmsSettings.Alphabet.GSM7));
        assertThat(SmsSettings.configured(Map.of("KARGO_SMS_SENDER_ID", "ModaX")::get)).isTrue();
        assertThat(SmsSettings.configured(Map.of("KARGO_SMS_SENDER_ID", " ")::get)).isFalse();
    }

    @Test
    void the_sender_id_follows_the_sns_rule() {
        for (String good : new String[]{"ModaX", "MODA-X", "Kargo2026", "ABC", "Moda-Tekst1"}) {
            assertThat(of("KARGO_SMS_SENDER_ID", good).senderId()).isEqualTo(good);
        }
        for (String bad : new String[]{"AB", "ModaXTekstil", "12345", "Moda X", "Modaİş", "Moda_X"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> of("KARGO_SMS_SENDER_ID", bad))
                    .withMessageContaining("KARGO_SMS_SENDER_ID must be 3-11 letters, digits or hyphens with at least one letter");
        }
    }

    @Test
    void every_wrong_setting_is_named_at_once() {
        assertThatIllegalArgumentException().isThrownBy(() -> of("KARGO_SMS_TYPE", "urgent", "KARGO_SMS_MAX_SEGMENTS", "many",
                        "KARGO_SMS_ALPHABET", "latin1"))
                .withMessageContaining("KARGO_SMS_SENDER_ID is required")
                .withMessageContaining("KARGO_SMS_TYPE must be Transactional or Promotional, was 'urgent'")
                .withMessageContaining("KARGO_SMS_MAX_SEGMENTS must be a whole number, was 'many'")
                .withMessageContaining("KARGO_SMS_ALPHABET must be gsm7 or unicode, was 'latin1'");
        assertThatIllegalArgumentException().isThrownBy(() -> of("KARGO_SMS_SENDER_ID", "ModaX", "KARGO_SMS_MAX_SEGMENTS", "11"))
                .withMessageContaining("KARGO_SMS_MAX_SEGMENTS must be 1..10, was 11");
    }

    @Test
    void gsm7_text_writes_turkish_letters_plain_and_keeps_the_ones_gsm7_has() {
        assertThat(Gsm7Text.of("Çiğdem Işık, şişe İçin ÖÜöü “hızlı” – tamam…"))
                .isEqualTo("Çigdem Isik, sise Icin ÖÜöü \"hizli\" - tamam...");
        assertThat(io.kargotakip.core.channel.Segments.isGsm7(Gsm7Text.of("ğĞıİşŞçÇâîû"))).isTrue();
        assertThat(Gsm7Text.of("Kargo 📦")).as("what has no GSM-7 neighbour stays").isEqualTo("Kargo 📦");
    }
}
