package io.kargotakip.channels.operations;

import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations settings from the environment, the rules file's addresses, and what the factory builds of them. */
class OperationsSettingsTest {

    static Operations build(Map<String, String> env, List<String> log) {
        return OperationsFactory.build(OperationsSettings.fromEnvironment(env::get), HttpClient.newHttpClient(), () -> null, log::add);
    }

    @Test
    void nothing_configured_builds_no_destination_and_says_so_once_each() {
        List<String> log = new ArrayList<>();
        Operations ops = build(Map.of(), log);

        assertThat(ops.destinations()).isEmpty();
        assertThat(log).containsExactly(
                "operations e-mail not built: KARGO_OPS_EMAIL_FROM (or KARGO_BRAND_FROM_EMAIL) not set",
                "operations webhook: KARGO_OPS_WEBHOOK_URL not set; only alerts whose target names a URL are posted",
                "helpdesk not built: KARGO_HELPDESK_URL not set (nor the rules file's settings.helpdesk.url)");
    }

    @Test
    void everything_configured_builds_every_destination() {
        List<String> log = new ArrayList<>();
        Operations ops = build(Map.of("KARGO_OPS_EMAIL", "operasyon@modax.example", "KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example",
                "KARGO_OPS_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x", "KARGO_HELPDESK_FORMAT", "zendesk",
                "KARGO_HELPDESK_URL", "https://modax.zendesk.com", "KARGO_HELPDESK_USER", "destek@modax.example", "KARGO_HELPDESK_TOKEN", "t"), log);

        assertThat(ops.destinations()).containsExactlyInAnyOrder(Operations.EMAIL, Operations.WEBHOOK, Operations.HELPDESK);
        assertThat(log).isEmpty();
    }

    @Test
    void a_helpdesk_without_its_credentials_is_not_built_and_the_line_names_the_missing_settings() {
        List<String> log = new ArrayList<>();
        Operations ops = build(Map.of("KARGO_HELPDESK_FORMAT", "zendesk", "KARGO_HELPDESK_URL", "https://modax.zendesk.com"), log);
        assertThat(ops.destinations()).doesNotContain(Operations.HELPDESK);
        assertThat(log).contains("helpdesk zendesk not built: KARGO_HELPDESK_USER, KARGO_HELPDESK_TOKEN not set");

        log.clear();
        build(Map.of("KARGO_HELPDESK_FORMAT", "freshdesk", "KARGO_HELPDESK_URL", "https://modax.freshdesk.com"), log);
        assertThat(log).contains("helpdesk freshdesk not built: KARGO_HELPDESK_TOKEN not set");
    }

    @Test
    void wrong_values_stop_the_start_naming_the_settings_but_not_their_values() {
        assertThatThrownBy(() -> OperationsSettings.fromEnvironment(Map.of("KARGO_HELPDESK_FORMAT", "jira",
                "KARGO_OPS_WEBHOOK_URL", "hooks.slack.com/services/T/B/secret", "KARGO_OPS_TIMEOUT_SECONDS", "ten", "KARGO_OPS_EMAIL", "ops")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid operations configuration: KARGO_OPS_EMAIL must be an e-mail address; KARGO_OPS_WEBHOOK_URL must be an http(s) URL;"
                        + " KARGO_HELPDESK_FORMAT must be one of generic, zendesk, freshdesk; KARGO_OPS_TIMEOUT_SECONDS must be a whole number of seconds, 1 to 60");
    }

    @Test
    void the_settings_print_without_the_webhook_url_or_any_secret() {
        OperationsSettings s = OperationsSettings.fromEnvironment(Map.of("KARGO_OPS_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/very-secret",
                "KARGO_HELPDESK_URL", "https://modax.freshdesk.com", "KARGO_HELPDESK_FORMAT", "freshdesk", "KARGO_HELPDESK_TOKEN", "api-key-1",
                "KARGO_HELPDESK_SECRET", "hmac-1")::get);
        assertThat(s.toString()).contains("webhook=set", "freshdesk modax.freshdesk.com").doesNotContain("very-secret", "api-key-1", "hmac-1");
    }

    @Test
    void the_rules_file_fills_in_the_addresses_the_environment_leaves_unset_and_never_overrides_them() {
        RuleSettings rules = new RuleSettings(null, null, RuleSettings.DEFAULT_CLTV_BANDS, RuleSettings.Discount.DEFAULT,
                Map.of("email", "operasyon@modax.example", "webhook", "https://hooks.example.com/rules"),
                new RuleSettings.Helpdesk("freshdesk", "https://modax.freshdesk.com"));

        OperationsSettings filled = OperationsSettings.fromEnvironment(Map.of("KARGO_HELPDESK_TOKEN", "k")::get).orRules(rules);
        assertThat(filled.opsEmail()).isEqualTo("operasyon@modax.example");
        assertThat(filled.webhookUrl()).isEqualTo(URI.create("https://hooks.example.com/rules"));
        assertThat(filled.format()).isEqualTo("freshdesk");
        assertThat(filled.helpdeskUrl()).isEqualTo(URI.create("https://modax.freshdesk.com"));

        OperationsSettings env = OperationsSettings.fromEnvironment(Map.of("KARGO_OPS_EMAIL", "ops@env.example",
                "KARGO_HELPDESK_URL", "https://env.example/tickets")::get).orRules(rules);
        assertThat(env.opsEmail()).isEqualTo("ops@env.example");
        assertThat(env.helpdeskUrl()).isEqualTo(URI.create("https://env.example/tickets"));
        assertThat(env.format()).as("the environment's helpdesk, in its (default) format").isEqualTo("generic");
    }
}
