package io.kargotakip.aws.templates;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.S3Location;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.template.TemplateCheck;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.s3.S3Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merchant's template overrides in S3, copied and checked at start-up and refreshed without a restart (S3 stand-in). */
class S3TemplateOverridesTest {

    static final String GOOD = "{brand}: {carrier} ile yolda, takip no {tracking_no}, teslim {eta}.";
    static final String NEWER = "{brand}: kargon {carrier} ile yolda. Takip: {tracking_no}. Teslim: {eta}.";
    static final Map<String, String> VALUES = Map.of("brand", "Acme", "carrier", "Aras Kargo", "tracking_no", "123", "eta", "3 Aralik");
    /** The sender's check, over one kind, channel and language (the SMS written as is, up to 3 segments). */
    static final Function<TemplateCatalog, List<String>> CHECK = catalog -> TemplateCheck.problems(catalog, Set.of("shipped"), Set.of("sms"),
            Set.of("tr"), 3, text -> text);

    /** A clock the test moves. */
    static final class MovingClock extends java.time.Clock {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    static S3Sandbox s3;
    static S3Client client;
    static String bucket;

    @BeforeAll
    static void bucket() {
        s3 = Emulators.shared().s3();
        client = KargoSettings.of(s3.settings()::get).s3();
        bucket = "templates-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
    }

    static String sms(TemplateCatalog catalog) {
        return catalog.render("sms", "tr", "shipped", VALUES).text();
    }

    @Test
    void the_overrides_under_the_prefix_are_used_and_the_rest_stays_built_in() {
        s3.put(bucket, "acme/sms/tr/shipped.txt", GOOD);
        s3.put(bucket, "other-brand/sms/tr/shipped.txt", "{brand} other");
        var overrides = new S3TemplateOverrides(client, S3Location.parse("t", "s3://" + bucket + "/acme/", true), Duration.ofSeconds(60),
                new MovingClock(), CHECK);
        assertThat(sms(overrides.get())).isEqualTo("Acme: Aras Kargo ile yolda, takip no 123, teslim 3 Aralik.");
        assertThat(overrides.get().origin("sms/tr/shipped.txt")).contains(overrides.folder().resolve("sms/tr/shipped.txt").toString());
        assertThat(overrides.get().origin("sms/en/shipped.txt")).contains("sms/en/shipped.txt (built-in)");
    }

    @Test
    void a_changed_set_is_used_after_the_interval_and_a_failing_one_is_not() {
        s3.put(bucket, "swap/sms/tr/shipped.txt", GOOD);
        MovingClock clock = new MovingClock();
        var overrides = new S3TemplateOverrides(client, S3Location.parse("t", "s3://" + bucket + "/swap/", true), Duration.ofSeconds(60), clock, CHECK);
        var first = overrides.folder();

        s3.put(bucket, "swap/sms/tr/shipped.txt", NEWER);
        clock.now = clock.now.plusSeconds(30);
        assertThat(sms(overrides.get())).as("not looked at before the interval").startsWith("Acme: Aras Kargo ile yolda");
        clock.now = clock.now.plusSeconds(30);
        assertThat(sms(overrides.get())).isEqualTo("Acme: kargon Aras Kargo ile yolda. Takip: 123. Teslim: 3 Aralik.");
        assertThat(overrides.folder()).isNotEqualTo(first);

        // an unknown variable: the check refuses the set, the previous stays
        s3.put(bucket, "swap/sms/tr/shipped.txt", "{brand}: {kupon} {tracking_no}");
        clock.now = clock.now.plusSeconds(60);
        assertThat(sms(overrides.get())).isEqualTo("Acme: kargon Aras Kargo ile yolda. Takip: 123. Teslim: 3 Aralik.");

        // S3 out of reach for a moment: the set in use goes on
        s3.put(bucket, "swap/sms/tr/shipped.txt", GOOD);
        s3.deny(bucket);
        try {
            clock.now = clock.now.plusSeconds(60);
            assertThat(sms(overrides.get())).startsWith("Acme: kargon");
        } finally {
            s3.allow(bucket);
        }
        clock.now = clock.now.plusSeconds(60);
        assertThat(sms(overrides.get())).startsWith("Acme: Aras Kargo ile yolda");
    }

    @Test
    void an_unchanged_set_is_not_copied_again() throws Exception {
        s3.put(bucket, "same/sms/tr/shipped.txt", GOOD);
        MovingClock clock = new MovingClock();
        var overrides = new S3TemplateOverrides(client, S3Location.parse("t", "s3://" + bucket + "/same/", true), Duration.ofSeconds(60), clock, CHECK);
        var folder = overrides.folder();
        int gets = s3.objectGets();
        clock.now = clock.now.plusSeconds(60);
        overrides.get();
        assertThat(overrides.folder()).isEqualTo(folder);
        assertThat(s3.objectGets()).as("only listed").isEqualTo(gets);
        assertThat(Files.readString(folder.resolve("sms/tr/shipped.txt"))).isEqualTo(GOOD);
    }

    @Test
    void a_set_that_fails_the_check_at_start_up_stops_the_start_naming_the_s3_object() {
        s3.put(bucket, "broken/sms/tr/shipped.txt", "{brand}: {kupon} {tracking_no}");
        assertThatThrownBy(() -> new S3TemplateOverrides(client, S3Location.parse("t", "s3://" + bucket + "/broken/", true), Duration.ofSeconds(60),
                new MovingClock(), CHECK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the templates in s3://" + bucket + "/broken/ cannot be used:\ns3://" + bucket
                        + "/broken/sms/tr/shipped.txt:1: unknown variable {kupon}");
    }

    @Test
    void a_prefix_that_cannot_be_read_at_start_up_is_one_line() {
        assertThatThrownBy(() -> new S3TemplateOverrides(client, S3Location.parse("t", "s3://no-such-bucket-kargo/x/", true), Duration.ofSeconds(60),
                new MovingClock(), CHECK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the templates in s3://no-such-bucket-kargo/x/ cannot be read: NoSuchBucket (HTTP 404)");
    }
}
