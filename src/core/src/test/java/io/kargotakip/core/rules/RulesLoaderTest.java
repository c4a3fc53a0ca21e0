package io.kargotakip.core.rules;

import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RulesLoaderTest {

    static List<Samples.Sample> refused() {
        return java.util.stream.Stream.concat(Samples.of("invalid").stream(), Samples.of("beyond-schema").stream()).toList();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void eachRefusedFileGetsItsOneLineErrorNamingFileLineAndField(Samples.Sample sample) {
        RulesException e = catchThrowableOfType(() -> RulesLoader.parse(sample.name(), sample.text()), RulesException.class);

        assertThat(e).as(sample.name()).isNotNull();
        assertThat(e.errors()).allSatisfy(line -> assertThat(line).doesNotContain("\n").startsWith(sample.name() + ":"));
        assertThat(e.errors()).anySatisfy(line -> assertThat(line).startsWith(sample.expected()));
    }

    @Test
    void theBriefsExampleErrorIsWordForWord() {
        Samples.Sample sample = Samples.of("invalid").stream().filter(s -> s.name().equals("rules.yaml")).findFirst().orElseThrow();
        RulesException e = catchThrowableOfType(() -> RulesLoader.parse("rules.yaml", sample.text()), RulesException.class);

        assertThat(e.errors()).containsExactly("rules.yaml:7: rules[1].when.status: \"delivred\" is not a status (did you mean \"delivered\"?);"
                + " expected one of label_created, in_transit, out_for_delivery, failed_attempt, delayed, exception,"
                + " available_for_pickup, delivered, return_in_transit, returned_to_sender");
    }

    @Test
    void everyErrorOfAFileIsReportedAndNoRuleSetComesOutOfIt() {
        String text = """
                version: 1
                kinds: [shipped]
                rules:
                  - id: a
                    when: {status: shiped}
                    then: [send: shiped]
                  - id: b
                    when: {status: delivered}
                    then: [send: shipped]
                    stopp: true
                """;
        RulesException e = catchThrowableOfType(() -> RulesLoader.parse("r.yaml", text), RulesException.class);

        assertThat(e.errors()).containsExactly(
                "r.yaml:5: rules[0].when.status: \"shiped\" is not a status; expected one of label_created, in_transit, out_for_delivery, failed_attempt, delayed, exception, available_for_pickup, delivered, return_in_transit, returned_to_sender",
                "r.yaml:6: rules[0].then[0].send: \"shiped\" is not a kind of this file (did you mean \"shipped\"?); expected one of shipped",
                "r.yaml:10: rules[1].stopp: unknown key (did you mean \"stop\"?); expected one of id, description, trigger, when, then, stop, once_per");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotASilentOverride() {
        String text = "version: 1\nkinds: [shipped]\nrules:\n  - id: a\n    when: {status: in_transit}\n    then: [send: shipped]\n    id: b\n";
        RulesException e = catchThrowableOfType(() -> RulesLoader.parse("r.yaml", text), RulesException.class);

        assertThat(e.errors()).containsExactly("r.yaml:7: key \"id\" is given twice in one mapping (first on line 4)");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> RulesLoader.parse("r.yaml", "")).isInstanceOf(RulesException.class)
                .hasMessage("r.yaml:1: the file is empty; expected a mapping with rules");
    }

    @Test
    void aFileIsReadWithItsNameInTheErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("modax.yaml");
        Files.writeString(file, "version: 1\nkinds: [shipped]\nrules: []\n");
        RulesException e = catchThrowableOfType(() -> RulesLoader.load(file), RulesException.class);

        assertThat(e.errors()).containsExactly(file + ":3: rules: is empty; expected at least one rule");
        assertThat(catchThrowableOfType(() -> RulesLoader.load(dir.resolve("absent.yaml")), RulesException.class).errors())
                .containsExactly(dir.resolve("absent.yaml") + ":1: cannot read the file (NoSuchFileException)");
    }

    @Test
    void theModelKeepsWhatTheFileSays() throws Exception {
        Samples.Sample sample = Samples.of("valid").stream().filter(s -> s.name().equals("every-condition.yaml")).findFirst().orElseThrow();
        RuleSet set = RulesLoader.parse(sample.name(), sample.text());

        assertThat(set.brand()).isEqualTo("modax");
        assertThat(set.kinds()).containsExactlyInAnyOrder("shipped", "reminder", "vip_support", "delay_apology");
        assertThat(set.settings().cltvBands()).containsExactly("bronze", "silver", "gold");
        assertThat(set.settings().discount().byCategory()).containsEntry("ev & yaşam", 8);
        assertThat(set.settings().helpdesk()).isEqualTo(new RuleSettings.Helpdesk("freshdesk", "https://modax.freshdesk.com/api/v2/tickets"));
        QuietHours quiet = set.settings().quietHours();
        assertThat(quiet.start()).isEqualTo(LocalTime.of(21, 0));
        assertThat(quiet.held()).containsExactlyInAnyOrder("sms", "whatsapp");
        assertThat(quiet.critical()).containsExactly(TrackingStatus.FAILED_ATTEMPT);

        Rule rule = set.rules().get(0);
        assertThat(rule.id()).isEqualTo("everything");
        assertThat(rule.line()).isEqualTo(12);
        assertThat(rule.stop()).isTrue();
        assertThat(rule.oncePer()).isEqualTo("day");
        assertThat(rule.when()).hasSize(16);
        assertThat(rule.when()).contains(new Condition.SinceLastMessage(Duration.ofMinutes(30), Duration.ofDays(1)),
                new Condition.StatusIs(Set.of(TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.FAILED_ATTEMPT)));
        assertThat(rule.then()).hasSize(5);
        Action.Send send = (Action.Send) rule.then().get(2);
        assertThat(send.kind()).isEqualTo("vip_support");
        assertThat(send.discount()).isTrue();
        assertThat(send.chain().steps()).extracting(s -> s.channel()).containsExactly("whatsapp", "sms");
        assertThat(rule.then().get(4)).isEqualTo(new Action.DelayUntil(LocalTime.of(8, 0), "next_business_day"));
        assertThat(set.rules().get(1).then().get(0)).isEqualTo(new Action.Suppress("Trendyol tells its own customers", Set.of("shipped")));
    }

    @Test
    void theShippedDefaultsLoad() {
        RuleSet defaults = RulesLoader.defaults();

        assertThat(defaults.rules()).extracting(Rule::id).containsExactly("vip_failed_attempt_support", "address_problem_form",
                "cod_delivery_morning", "cod_out_for_delivery", "delay_apology_discount", "address_reminder", "stalled_shipment",
                "exception_alert", "shipped", "out_for_delivery", "delivered", "failed_attempt", "delayed");
        assertThat(defaults.rules()).filteredOn(Rule::timed).extracting(Rule::id)
                .containsExactly("cod_delivery_morning", "address_reminder", "stalled_shipment");
        assertThat(defaults.settings().reports().at()).hasToString("08:30");
        assertThat(defaults.settings().quietHours()).as("the sender's policy").isNull();
    }

    @Test
    void experimentsAreReadInFileOrderWithTheirWeights() throws Exception {
        Samples.Sample sample = Samples.of("valid").stream().filter(x -> x.name().equals("experiments.yaml")).findFirst().orElseThrow();
        RuleSet set = RulesLoader.parse(sample.name(), sample.text());
        assertThat(set.experiments()).extracting(Experiment::id).containsExactly("delivered_tone", "shipped-subject");
        assertThat(set.experimentOf("shipped").orElseThrow().variants())
                .containsExactly(new Experiment.Variant("control", 9), new Experiment.Variant("short_subject", 1));
        assertThat(set.experimentOf("delivered").orElseThrow().variantNames()).containsExactly("a", "b");
        assertThat(set.experimentOf("failed_attempt")).isEmpty();
        assertThat(RulesLoader.defaults().experiments()).as("the shipped rules run no experiment").isEmpty();
    }
}
