package io.kargotakip.aws.rules;

import io.kargotakip.aws.MovableClock;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.s3.S3Sandbox;
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

/** The rules file in S3, through the real SDK against the S3 stand-in, as KARGO_RULES_SOURCE=s3://… builds it. */
class S3RulesSourceTest {

    static S3Sandbox s3;
    static String bucket;

    @BeforeAll
    static void bucket() {
        s3 = Emulators.shared().s3();
        bucket = "brand-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
    }

    static RulesSource source(String key) {
        return KargoSettings.of(Map.of("KARGO_RULES_SOURCE", "s3://" + bucket + "/" + key, "KARGO_ENDPOINT_S3", s3.endpoint().toString())::get)
                .rulesSource();
    }

    @Test
    void the_rules_load_at_start_up_and_a_new_version_is_in_force_after_the_interval() {
        String etag = s3.put(bucket, "acme/rules.yaml", ONE_RULE);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        RuleBook book = new RuleBook(source("acme/rules.yaml"), Duration.ofSeconds(60), clock, line -> { });
        assertThat(book.get().rules().rules()).hasSize(1);
        assertThat(book.version()).as("the version is the ETag").isEqualTo(etag);

        s3.put(bucket, "acme/rules.yaml", TWO_RULES);
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(2);
        assertThat(book.version()).isEqualTo(s3.object(bucket, "acme/rules.yaml").orElseThrow().etag());
    }

    @Test
    void an_unchanged_object_costs_a_304_and_no_bytes() throws Exception {
        s3.put(bucket, "same.yaml", ONE_RULE);
        RulesSource source = source("same.yaml");
        RulesSource.Version first = source.fetch(null).orElseThrow();
        assertThat(first.text()).isEqualTo(ONE_RULE);
        int notModified = s3.notModified();
        assertThat(source.fetch(first.version())).isEmpty();
        assertThat(s3.notModified()).isEqualTo(notModified + 1);
    }

    @Test
    void an_invalid_new_version_is_refused_and_the_last_valid_stays_with_operations_told_once() {
        s3.put(bucket, "refused.yaml", TWO_RULES);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RuleBook book = new RuleBook(source("refused.yaml"), Duration.ofSeconds(60), clock, alerts::add);
        String valid = book.version();

        s3.put(bucket, "refused.yaml", TWO_RULES.replace("in_transit", "in_transt"));
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).extracting(r -> r.id()).containsExactly("delivered", "shipped");
        assertThat(book.version()).isEqualTo(valid);
        assertThat(alerts).singleElement().asString()
                .contains("s3://" + bucket + "/refused.yaml")
                .contains("refused.yaml:8: rules[1].when.status: \"in_transt\" is not a status");
        clock.now = clock.now.plusSeconds(60);
        book.get();
        assertThat(alerts).hasSize(1);
    }

    @Test
    void a_bucket_denied_for_a_moment_keeps_the_rules_and_they_reload_once_it_answers() {
        String locked = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        s3.put(locked, "rules.yaml", ONE_RULE);
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RulesSource source = KargoSettings.of(Map.of("KARGO_RULES_SOURCE", "s3://" + locked + "/rules.yaml",
                "KARGO_ENDPOINT_S3", s3.endpoint().toString())::get).rulesSource();
        RuleBook book = new RuleBook(source, Duration.ofSeconds(60), clock, alerts::add);
        s3.put(locked, "rules.yaml", TWO_RULES);
        s3.deny(locked);
        try {
            clock.now = clock.now.plusSeconds(60);
            assertThat(book.get().rules().rules()).hasSize(1);
            assertThat(alerts).isEmpty();
        } finally {
            s3.allow(locked);
        }
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(2);
    }

    @Test
    void read_errors_are_one_line_naming_the_object_and_what_is_wrong() {
        assertThatThrownBy(() -> source("missing.yaml").fetch(null))
                .isInstanceOf(RulesSource.Unreadable.class)
                .hasMessage("s3://" + bucket + "/missing.yaml: does not exist (NoSuchKey)");
        String locked = "denied-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(locked);
        s3.deny(locked);
        RulesSource denied = KargoSettings.of(Map.of("KARGO_RULES_SOURCE", "s3://" + locked + "/rules.yaml",
                "KARGO_ENDPOINT_S3", s3.endpoint().toString())::get).rulesSource();
        assertThatThrownBy(() -> denied.fetch(null)).isInstanceOf(RulesSource.Unreadable.class)
                .hasMessage("s3://" + locked + "/rules.yaml: access denied (AccessDenied): the role needs s3:GetObject on it");
        assertThatThrownBy(() -> new RuleBook(source("missing.yaml"), Duration.ofSeconds(60), new MovableClock(java.time.Instant.parse("2026-12-01T09:00:00Z")), l -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rules source s3://" + bucket + "/missing.yaml cannot be read: s3://" + bucket + "/missing.yaml: does not exist (NoSuchKey)");
    }

    @Test
    void a_network_failure_is_unreadable_in_one_line() {
        int closed = Emulators.freePort();
        RulesSource source = KargoSettings.of(Map.of("KARGO_RULES_SOURCE", "s3://" + bucket + "/rules.yaml",
                "KARGO_ENDPOINT_S3", "http://127.0.0.1:" + closed)::get).rulesSource();
        assertThatThrownBy(() -> source.fetch(null)).isInstanceOf(RulesSource.Unreadable.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("s3://" + bucket + "/rules.yaml: ").doesNotContain("\n").doesNotContain("Exception"));
    }
}
