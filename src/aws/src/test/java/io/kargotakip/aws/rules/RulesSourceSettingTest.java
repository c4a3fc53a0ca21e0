package io.kargotakip.aws.rules;

import io.kargotakip.aws.KargoSettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which source KARGO_RULES_FILE and KARGO_RULES_SOURCE name, and the one-line errors for a malformed value. */
class RulesSourceSettingTest {

    static RulesSource source(String... pairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        // no call is made here: the clients are built, not used
        settings.put("KARGO_ENDPOINT_S3", "http://127.0.0.1:9");
        settings.put("KARGO_ENDPOINT_SSM", "http://127.0.0.1:9");
        return KargoSettings.of(settings::get).rulesSource();
    }

    @Test
    void s3_and_ssm_forms_name_their_source() {
        assertThat(source("KARGO_RULES_SOURCE", "s3://acme-rules/prod/rules.yaml").name()).isEqualTo("s3://acme-rules/prod/rules.yaml");
        assertThat(source("KARGO_RULES_SOURCE", "s3://acme-rules/prod/rules.yaml").fileName()).isEqualTo("rules.yaml");
        assertThat(source("KARGO_RULES_SOURCE", "ssm:/kargo/prod/rules").name()).isEqualTo("ssm:/kargo/prod/rules");
        assertThat(source("KARGO_RULES_SOURCE", " ssm:kargo-rules ").name()).isEqualTo("ssm:kargo-rules");
    }

    @Test
    void the_local_file_wins_and_nothing_set_is_the_packaged_defaults() {
        assertThat(source("KARGO_RULES_FILE", "/tmp/rules.yaml", "KARGO_RULES_SOURCE", "s3://acme-rules/rules.yaml").name()).isEqualTo("/tmp/rules.yaml");
        assertThat(source().name()).isEqualTo("default-rules.yaml");
        assertThat(source("KARGO_RULES_SOURCE", "").name()).as("SAM passes an unset parameter as empty").isEqualTo("default-rules.yaml");
    }

    @Test
    void a_malformed_value_is_one_line_naming_the_setting() {
        assertThatThrownBy(() -> source("KARGO_RULES_SOURCE", "https://acme/rules.yaml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KARGO_RULES_SOURCE: \"https://acme/rules.yaml\" is neither s3://bucket/key nor ssm:/param/name");
        assertThatThrownBy(() -> source("KARGO_RULES_SOURCE", "s3://acme-rules/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KARGO_RULES_SOURCE: \"s3://acme-rules/\" names no object; expected s3://bucket/key");
        assertThatThrownBy(() -> source("KARGO_RULES_SOURCE", "s3://Acme_Rules/rules.yaml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KARGO_RULES_SOURCE: \"Acme_Rules\" is not an S3 bucket name");
        assertThatThrownBy(() -> source("KARGO_RULES_SOURCE", "ssm:kargo/rules")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KARGO_RULES_SOURCE: \"ssm:kargo/rules\" is not an SSM parameter; expected ssm:/param/name or ssm:name");
        assertThatThrownBy(() -> source("KARGO_RULES_SOURCE", "ssm:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KARGO_RULES_SOURCE: ");
    }

    @Test
    void the_template_folder_in_s3_is_a_prefix() {
        assertThat(KargoSettings.of(Map.of("KARGO_TEMPLATES_S3", "s3://acme-templates/prod")::get).templatesS3().orElseThrow().key()).isEqualTo("prod/");
        assertThat(KargoSettings.of(Map.of("KARGO_TEMPLATES_S3", "s3://acme-templates")::get).templatesS3().orElseThrow().key()).isEmpty();
        assertThat(KargoSettings.of(Map.<String, String>of()::get).templatesS3()).isEmpty();
        assertThatThrownBy(() -> KargoSettings.of(Map.of("KARGO_TEMPLATES_S3", "/var/templates")::get).templatesS3())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("KARGO_TEMPLATES_S3: \"/var/templates\" is not s3://bucket/prefix/");
    }
}
