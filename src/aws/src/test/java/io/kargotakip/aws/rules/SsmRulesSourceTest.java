package io.kargotakip.aws.rules;

import io.kargotakip.aws.MovableClock;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.ssm.SsmSandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kargotakip.aws.rules.RuleBookTest.ONE_RULE;
import static io.kargotakip.aws.rules.RuleBookTest.TWO_RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules file in SSM Parameter Store, through the real SDK against the SSM stand-in, as KARGO_RULES_SOURCE=ssm:… builds it. */
class SsmRulesSourceTest {

    static SsmSandbox ssm;

    @BeforeAll
    static void start() {
        ssm = Emulators.shared().ssm();
    }

    static String name() {
        return "/kargo/" + UUID.randomUUID().toString().substring(0, 8) + "/rules";
    }

    static RulesSource source(String setting) {
        return KargoSettings.of(Map.of("KARGO_RULES_SOURCE", setting, "KARGO_ENDPOINT_SSM", ssm.endpoint().toString())::get).rulesSource();
    }

    @Test
    void the_rules_load_at_start_up_and_each_put_is_a_new_version_in_force_after_the_interval() {
        String name = name();
        ssm.put(name, "String", ONE_RULE);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        RuleBook book = new RuleBook(source("ssm:" + name), Duration.ofSeconds(60), clock, line -> { });
        assertThat(book.get().rules().rules()).hasSize(1);
        assertThat(book.version()).isEqualTo("1");

        clock.now = clock.now.plusSeconds(60);
        book.get();
        assertThat(book.version()).as("unchanged").isEqualTo("1");
        ssm.put(name, "String", TWO_RULES);
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(2);
        assertThat(book.version()).isEqualTo("2");
    }

    @Test
    void a_secure_string_is_read_decrypted_and_a_name_without_a_slash_works() throws Exception {
        String name = "kargo-rules-" + UUID.randomUUID().toString().substring(0, 8);
        ssm.put(name, "SecureString", ONE_RULE);
        RulesSource source = source("ssm:" + name);
        assertThat(source.fetch(null).orElseThrow().text()).isEqualTo(ONE_RULE);
        assertThat(source.fetch("1")).as("the version in force").isEmpty();
    }

    @Test
    void an_invalid_new_version_is_refused_and_the_last_valid_stays_with_operations_told_once() {
        String name = name();
        ssm.put(name, "String", TWO_RULES);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RuleBook book = new RuleBook(source("ssm:" + name), Duration.ofSeconds(60), clock, alerts::add);
        ssm.put(name, "String", TWO_RULES.replace("in_transit", "in_transt"));
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).extracting(r -> r.id()).containsExactly("delivered", "shipped");
        assertThat(book.version()).isEqualTo("1");
        assertThat(alerts).singleElement().asString()
                .contains(name + ":8: rules[1].when.status: \"in_transt\" is not a status");
        clock.now = clock.now.plusSeconds(60);
        book.get();
        assertThat(alerts).hasSize(1);
    }

    @Test
    void a_parameter_denied_for_a_moment_keeps_the_rules() {
        String name = name();
        ssm.put(name, "String", ONE_RULE);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RuleBook book = new RuleBook(source("ssm:" + name), Duration.ofSeconds(60), clock, alerts::add);
        ssm.put(name, "String", TWO_RULES);
        ssm.deny(name);
        try {
            clock.now = clock.now.plusSeconds(60);
            assertThat(book.get().rules().rules()).hasSize(1);
            assertThat(alerts).isEmpty();
        } finally {
            ssm.allow(name);
        }
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(2);
    }

    @Test
    void read_errors_are_one_line_naming_the_parameter_and_what_is_wrong() {
        assertThatThrownBy(() -> source("ssm:/kargo/none").fetch(null)).isInstanceOf(RulesSource.Unreadable.class)
                .hasMessage("ssm:/kargo/none: does not exist (ParameterNotFound)");
        String name = name();
        ssm.put(name, "String", ONE_RULE);
        ssm.deny(name);
        try {
            assertThatThrownBy(() -> source("ssm:" + name).fetch(null)).isInstanceOf(RulesSource.Unreadable.class)
                    .hasMessage("ssm:" + name + ": access denied (AccessDeniedException): the role needs ssm:GetParameter on it");
        } finally {
            ssm.allow(name);
        }
    }
}
