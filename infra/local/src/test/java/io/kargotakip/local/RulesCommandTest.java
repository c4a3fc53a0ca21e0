package io.kargotakip.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("kargo.root", "../.."));
    private static final Path DEFAULTS = ROOT.resolve("src/core/src/main/resources/io/kargotakip/core/rules/default-rules.yaml");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Main.UsageError {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int explain(Map<String, String> env, String... args) throws Main.UsageError {
        return RulesCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env::get);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkSaysHowManyRulesAValidFileHas() throws Exception {
        assertThat(run("rules", "check", DEFAULTS.toString())).isZero();
        assertThat(out()).isEqualTo(DEFAULTS + ": 13 rules, valid; templates of its 10 kinds over 5 channels in tr and en valid (built-in)\n");
    }

    @Test
    void checkPrintsEveryErrorLineAndExitsTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "version: 1\nkinds: [shipped]\nrules:\n  - id: a\n    when: {status: delivred}\n    then: [send: shiped]\n");

        assertThat(run("rules", "check", file.toString())).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).startsWith(file + ":5: rules[0].when.status: \"delivred\" is not a status (did you mean \"delivered\"?)"))
                .anySatisfy(l -> assertThat(l).startsWith(file + ":6: rules[0].then[0].send: \"shiped\" is not a kind of this file"));
    }

    @Test
    void explainShowsTheCodMorningMessageAtEightOverTheChainWithoutSending() throws Exception {
        assertThat(run("rules", "explain", "--rules", DEFAULTS.toString(), "--event", ROOT.resolve("examples/rules/cod-delivery-morning.json").toString())).isZero();

        int line = Files.readAllLines(DEFAULTS).indexOf("  - id: cod_out_for_delivery") + 1;
        int morning = Files.readAllLines(DEFAULTS).indexOf("  - id: cod_delivery_morning") + 1;
        assertThat(out()).contains("""
                1. cod_out_for_delivery (line %d) fires: status out_for_delivery, cash on delivery; stop: later rules are not evaluated
                   send cod_delivery_day
                     occurrence ups:1Z999AA10123456784/cod_out_for_delivery/day=2026-12-02
                     due 2026-12-02 08:00 (delay_until 08:00 (today)); links: cod_confirmation
                     email    2026-12-02 08:00
                     whatsapp 2026-12-02 10:00 if still unread
                     sms      2026-12-02 14:00 if still unread — skipped: no consent or no contact
                1 message would be sent; nothing was sent
                time rules: the schedule looks at this shipment next at 2026-12-02 08:00; if nothing happens before then:
                1. cod_delivery_morning (line %d) fires: at 08:00 on the delivery day (ETA), status [delayed, in_transit, label_created, out_for_delivery], cash on delivery
                   send cod_delivery_day — the same message as above (one id): sent once
                     occurrence ups:1Z999AA10123456784/cod_delivery_morning/day=2026-12-02
                """.formatted(line, morning)).endsWith("0 messages more would be sent then\n");
    }

    @Test
    void explainShowsTheVipTicketAndTheQuietHoursOfTheSecondAttempt() throws Exception {
        assertThat(explain(Map.of("KARGO_RULES_FILE", DEFAULTS.toString()), "explain", "--event",
                ROOT.resolve("examples/rules/vip-second-failed-attempt.json").toString())).isZero();

        assertThat(out()).startsWith("rules " + DEFAULTS + " (13 rules) for aras:3412345678 failed_attempt (recipient_absent) at 2026-12-03 22:40,"
                + " evaluated at 2026-12-03 22:41 Europe/Istanbul; failed attempt 2; ETA slipped 24 h\n");
        assertThat(out()).contains("1. vip_failed_attempt_support (line ")
                .contains("   ticket (high) to the helpdesk of KARGO_HELPDESK_URL: vip_failed_attempt_support: aras:3412345678 failed_attempt (attempt 2), order 7002\n")
                .contains("     occurrence aras:3412345678/vip_failed_attempt_support/attempt=2\n")
                .contains("     whatsapp 2026-12-04 00:41 if still unread\n")
                .contains("     sms      2026-12-04 08:00 if still unread (held by quiet hours)\n")
                .doesNotContain("2. ");
    }

    @Test
    void withoutRulesFileTheShippedDefaultsExplain() throws Exception {
        assertThat(explain(Map.of(), "explain", "--event", ROOT.resolve("examples/rules/cod-delivery-morning.json").toString())).isZero();
        assertThat(out()).startsWith("rules default-rules.yaml (13 rules)");
    }

    @Test
    void aBadEventFileIsOneLineNamingTheField(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"event": {"carrier": "ups", "trackingNumber": "1Z1", "status": "deliverd", "occurredAt": "2026-12-02T07:10:00+03:00"},
                 "order": {}, "customer": {}}
                """);
        assertThatThrownBy(() -> run("rules", "explain", "--event", event.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith(event + ": event.status: \"deliverd\" is not a status; expected one of label_created,");

        Files.writeString(event, "{\"event\": {}, \"order\": {}, \"custmer\": {}}");
        assertThatThrownBy(() -> run("rules", "explain", "--event", event.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage(event + ": custmer: unknown field; expected one of now, event, shipment, order, customer, sent");

        Files.writeString(event, "{not json");
        assertThatThrownBy(() -> run("rules", "explain", "--event", event.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith(event + ": not JSON: ");
        assertThatThrownBy(() -> run("rules", "explain", "--rules", DEFAULTS.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("usage: kargo rules explain");
        assertThatThrownBy(() -> run("rules", "lint", "x")).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("unknown rules command 'lint'");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void write(Path dir, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void checkRejectsAMerchantTemplateOfARulesKindWithAnUnknownVariableOneLineExitTwo(@TempDir Path dir) throws Exception {
        write(dir, "sms/tr/delay_apology.txt", "{brand}: Gecikme icin uzgunuz. Kodun: {discont_code}. Takip no: {tracking_no}.");

        assertThat(explain(Map.of(), "check", DEFAULTS.toString(), "--templates", dir.toString())).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err().lines().toList()).singleElement().asString().startsWith(dir.resolve("sms/tr/delay_apology.txt")
                + ":1: unknown variable {discont_code}; expected one of address_confirm_link, address_link, brand, ");
    }

    @Test
    void checkNamesEveryMissingTemplateOfAKindTheRulesFileNames(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "version: 1\nkinds: [shipped, returned]\nrules:\n  - id: r\n    when: {status: returned_to_sender}\n    then: [send: returned]\n");

        assertThat(explain(Map.of(), "check", rules.toString())).isEqualTo(2);

        List<String> lines = err().lines().toList();
        // a text over five channels and a title over three, in two locales; an approved WhatsApp template in each
        assertThat(lines).hasSize(2 * (5 + 3) + 2)
                .contains("sms/en/returned.txt: missing; expected the text of returned over sms in en (built-in or in KARGO_TEMPLATES_DIR)")
                .contains("templates/whatsapp/templates.csv (built-in): no approved template for returned in tr;"
                        + " expected a line kind,locale,template,language,parameters");
    }

    @Test
    void checkAcceptsAMerchantsFolderThatGivesItsOwnKindEverywhere(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "version: 1\nkinds: [shipped, returned]\nrules:\n  - id: r\n    when: {status: returned_to_sender}\n    then: [send: returned]\n");
        Path templates = dir.resolve("templates");
        StringBuilder csv = new StringBuilder("kind,locale,template,language,parameters\n");
        for (String locale : List.of("tr", "en")) {
            for (String channel : List.of("email", "sms", "whatsapp", "push", "webpush")) {
                write(templates, channel + "/" + locale + "/returned.txt", "{brand}: {first_name}, iaden yola cikti. {tracking_no}");
                write(templates, channel + "/" + locale + "/returned.subject", "{brand}: iade");
            }
            for (String kind : List.of("shipped", "out_for_delivery", "delivered", "failed_attempt", "delayed", "returned")) {
                csv.append(kind).append(',').append(locale).append(",kargo_").append(kind).append(',').append(locale).append(",first_name\n");
            }
        }
        write(templates, "whatsapp/templates.csv", csv.toString());

        assertThat(explain(Map.of(), "check", rules.toString(), "--templates", templates.toString())).as("%s", err).isZero();
        assertThat(out()).isEqualTo(rules + ": 1 rules, valid; templates of its 2 kinds over 5 channels in tr and en valid ("
                + templates + ", else built-in)\n");

        // with two segments allowed a longer SMS passes; with the default one it does not
        write(templates, "sms/en/returned.txt", "{brand}: {first_name}, your return is on its way back to us with {carrier}, tracking"
                + " number {tracking_no}; we will refund you as soon as it arrives. To stop SMS, contact us.");
        assertThat(explain(Map.of(), "check", rules.toString(), "--templates", templates.toString())).isEqualTo(2);
        assertThat(err()).contains("sms/en/returned.txt: takes 2 SMS segments (GSM-7, ");
        assertThat(explain(Map.of("KARGO_SMS_MAX_SEGMENTS", "2"), "check", rules.toString(), "--templates", templates.toString())).isZero();
    }

    @Test
    void checkWithABadSettingOrFolderIsOneLine(@TempDir Path dir) throws Exception {
        assertThat(explain(Map.of("KARGO_SMS_ALPHABET", "latin"), "check", DEFAULTS.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("invalid SMS configuration: KARGO_SMS_ALPHABET must be gsm7 or unicode, was 'latin'\n");
        assertThatThrownBy(() -> explain(Map.of(), "check", DEFAULTS.toString(), "--templates", dir.resolve("nowhere").toString()))
                .isInstanceOf(Main.UsageError.class).hasMessageStartingWith(dir.resolve("nowhere") + ": no such directory; usage: kargo rules check");
        assertThatThrownBy(() -> explain(Map.of(), "check")).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("usage: kargo rules check FILE [--templates DIR]");
    }

    @Test
    void checkReadsTheMerchantsTemplatesFromS3AsTheSenderDoesNamingTheObjects() throws Exception {
        var s3 = io.kargotakip.emulators.Emulators.shared().s3();
        String bucket = "templates-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        s3.put(bucket, "acme/sms/tr/delay_apology.txt", "{brand}: Gecikme icin uzgunuz. Kodun: {discont_code}. Takip no: {tracking_no}.");
        Map<String, String> env = s3.settings();

        assertThat(explain(env, "check", DEFAULTS.toString(), "--templates", "s3://" + bucket + "/acme/")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err().lines().toList()).singleElement().asString().startsWith("s3://" + bucket
                + "/acme/sms/tr/delay_apology.txt:1: unknown variable {discont_code}; expected one of address_confirm_link, ");

        s3.put(bucket, "acme/sms/tr/delay_apology.txt", "{brand}: Gecikme icin uzgunuz. Kodun: {discount_code}. Takip no: {tracking_no}.");
        err.reset();
        assertThat(explain(env, "check", DEFAULTS.toString(), "--templates", "s3://" + bucket + "/acme/")).isZero();
        assertThat(out()).endsWith("valid (s3://" + bucket + "/acme/, else built-in)\n");

        err.reset();
        assertThat(explain(env, "check", DEFAULTS.toString(), "--templates", "s3://no-such-bucket-kargo/x/")).isEqualTo(2);
        assertThat(err()).isEqualTo("the templates in s3://no-such-bucket-kargo/x/ cannot be read: NoSuchBucket (HTTP 404)\n");
        assertThatThrownBy(() -> explain(env, "check", DEFAULTS.toString(), "--templates", "s3://Bad_Bucket/x/"))
                .isInstanceOf(Main.UsageError.class).hasMessageStartingWith("--templates: \"Bad_Bucket\" is not an S3 bucket name");
    }

    @Test
    void checkChecksTheTemplatesOfAnExperimentsVariantsToo(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, Files.readString(DEFAULTS) + "experiments:\n  - {id: delivered_tone, kind: delivered, variants: {a: 50, b: 50}}\n");
        Path templates = dir.resolve("templates");
        write(templates, "email/en/delivered.b.subject", "{brand}: {frist_name}, it is there");

        assertThat(explain(Map.of(), "check", rules.toString(), "--templates", templates.toString())).isEqualTo(2);
        assertThat(err().lines().toList()).singleElement().asString()
                .startsWith(templates.resolve("email/en/delivered.b.subject") + ":1: unknown variable {frist_name}; expected one of ");
        // without the experiment the file is nobody's template
        assertThat(explain(Map.of(), "check", DEFAULTS.toString(), "--templates", templates.toString())).isZero();
    }
}
