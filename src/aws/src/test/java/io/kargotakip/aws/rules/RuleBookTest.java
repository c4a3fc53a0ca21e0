package io.kargotakip.aws.rules;

import io.kargotakip.aws.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    static final String ONE_RULE = """
            version: 1
            kinds: [delivered]
            rules:
              - id: delivered
                when: {status: delivered}
                then: [{send: delivered}]
            """;

    static final String TWO_RULES = ONE_RULE + """
              - id: shipped
                when: {status: in_transit}
                then: [{send: delivered}]
            """;

    /** A clock the test moves. */

    static void write(Path file, String text, int second) throws Exception {
        Files.writeString(file, text);
        // a distinct modification time per version, whatever the file system's resolution
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-01T08:00:00Z").plusSeconds(second)));
    }

    @Test
    void a_new_valid_version_is_in_force_after_the_reload_interval_without_a_restart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, ONE_RULE, 1);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
        RuleBook book = new RuleBook(RulesSource.file(file), Duration.ofSeconds(60), clock, line -> { });
        assertThat(book.get().rules().rules()).hasSize(1);

        write(file, TWO_RULES, 2);
        clock.now = clock.now.plusSeconds(30);
        assertThat(book.get().rules().rules()).as("not looked at again before the interval").hasSize(1);
        clock.now = clock.now.plusSeconds(30);
        assertThat(book.get().rules().rules()).hasSize(2);
    }

    @Test
    void an_invalid_new_version_is_refused_whole_the_last_valid_stays_and_operations_are_told_once(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, TWO_RULES, 1);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RuleBook book = new RuleBook(RulesSource.file(file), Duration.ofSeconds(60), clock, alerts::add);
        String valid = book.version();

        // the first rule is fine, the second names a status that does not exist: nothing of it is loaded
        write(file, TWO_RULES.replace("in_transit", "in_transt"), 2);
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).extracting(r -> r.id()).containsExactly("delivered", "shipped");
        assertThat(book.version()).isEqualTo(valid);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("rules.yaml:8: rules[1].when.status: \"in_transt\" is not a status");

        clock.now = clock.now.plusSeconds(60);
        book.get();
        assertThat(alerts).as("the same bad version is not reported again").hasSize(1);

        write(file, ONE_RULE, 3);
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(1);
    }

    @Test
    void a_source_that_cannot_be_read_for_a_moment_keeps_the_rules_in_force(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, ONE_RULE, 1);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
        List<String> alerts = new ArrayList<>();
        RuleBook book = new RuleBook(RulesSource.file(file), Duration.ofSeconds(60), clock, alerts::add);
        Files.delete(file);
        clock.now = clock.now.plusSeconds(60);
        assertThat(book.get().rules().rules()).hasSize(1);
        assertThat(alerts).isEmpty();
    }

    @Test
    void invalid_rules_at_start_up_stop_the_start_with_every_error(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, TWO_RULES.replace("in_transit", "in_transt").replace("{status: delivered}", "{status: delivred}"), 1);
        assertThatThrownBy(() -> new RuleBook(RulesSource.file(file), Duration.ofSeconds(60), new MovableClock(Instant.parse("2026-12-01T09:00:00Z")), line -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"delivred\" is not a status")
                .hasMessageContaining("\"in_transt\" is not a status");
    }

    @Test
    void the_packaged_defaults_load() {
        assertThat(RuleBook.defaults().rules().rules()).extracting(r -> r.id()).contains("vip_failed_attempt_support", "delivered");
    }
}
