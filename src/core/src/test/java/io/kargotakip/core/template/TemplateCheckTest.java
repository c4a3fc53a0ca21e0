package io.kargotakip.core.template;

import io.kargotakip.core.rules.RulesLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCheckTest {

    private static final Set<String> CHANNELS = Set.copyOf(RulesLoader.CHANNELS);
    private static final Set<String> LOCALES = Set.of("tr", "en");
    /** The default rules' kinds: the brief's five and the four of its rule examples. */
    private static final Set<String> KINDS = RulesLoader.defaults().kinds();
    /** The SMS channel's GSM-7 writing of the Turkish letters (the channels module's Gsm7Text), for the counts here. */
    private static final UnaryOperator<String> PLAIN = text -> text.replace('ş', 's').replace('ğ', 'g').replace('ı', 'i')
            .replace('İ', 'I').replace('ç', 'c').replace('Ş', 'S').replace('Ğ', 'G');
    private static final String EXPECTED = String.join(", ", new TreeSet<>(MessageComposer.VARIABLES));

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static List<String> check(TemplateCatalog catalog) {
        return TemplateCheck.problems(catalog, KINDS, CHANNELS, LOCALES, 1, PLAIN);
    }

    @Test
    void theBuiltInTemplatesOfEveryKindOfTheDefaultRulesPassOverEveryChannelAndLocale() {
        assertThat(KINDS).contains("vip_support", "cod_delivery_day", "address_problem", "delay_apology", "delivered");
        assertThat(check(TemplateCatalog.builtIn())).isEmpty();
    }

    @Test
    void turkishSmsCountedAsWrittenAreUcs2AndDoNotFitOneSegment() {
        // without the channel's GSM-7 writing (KARGO_SMS_ALPHABET=unicode) ş, ğ, ı make a Turkish SMS UCS-2: 70 characters
        List<String> problems = TemplateCheck.problems(TemplateCatalog.builtIn(), Set.of("shipped"), Set.of("sms"), Set.of("tr"), 1);
        assertThat(problems).singleElement().asString()
                .startsWith("sms/tr/shipped.txt (built-in): takes 3 SMS segments (UCS-2, 156 characters")
                .endsWith("characters with long sample values); expected at most KARGO_SMS_MAX_SEGMENTS=1: shorten it");
        assertThat(TemplateCheck.problems(TemplateCatalog.builtIn(), Set.of("shipped"), Set.of("sms"), Set.of("tr"), 2)).hasSize(1);
        assertThat(TemplateCheck.problems(TemplateCatalog.builtIn(), Set.of("shipped"), Set.of("sms"), Set.of("tr"), 3)).isEmpty();
    }

    @Test
    void aTemplateNamingAnUnknownVariableIsRejectedNamingTheFileTheLineAndTheVariables(@TempDir Path dir) throws IOException {
        write(dir, "sms/tr/delay_apology.txt", "{brand}: Gecikme icin uzgunuz.\nKodun: {discont_code} {discount_code}. Takip no: {tracking_no}.");

        List<String> problems = check(new TemplateCatalog(dir));

        assertThat(problems).containsExactly(dir.resolve("sms/tr/delay_apology.txt") + ":2: unknown variable {discont_code}; expected one of "
                + EXPECTED);
        assertThat(EXPECTED).startsWith("address_confirm_link, address_link, brand, carrier, cod_amount, cod_confirm_link");
    }

    @Test
    void anUnknownVariableInsideAnIfOrInTheLayoutIsFoundThoughNoSampleReachesIt(@TempDir Path dir) throws IOException {
        write(dir, "email/en/delivered.txt", "{#if offers_nps_survey}{nps_link}{#else}{kupon}{/if} {optout_link}");
        write(dir, "email/tr/layout.html", "<html>{#insert body}{/} {footer_text}</html>");

        assertThat(check(new TemplateCatalog(dir))).containsExactlyInAnyOrder(
                dir.resolve("email/en/delivered.txt") + ":1: unknown variable {kupon}; expected one of " + EXPECTED,
                dir.resolve("email/tr/layout.html") + ":1: unknown variable {footer_text}; expected one of " + EXPECTED);
    }

    @Test
    void aTemplateLackingAVariableItsKindRequiresIsRejected(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/cod_delivery_day.txt", "{first_name}, siparişin bugün geliyor: {cod_amount}. {optout_link}");
        write(dir, "whatsapp/en/delay_apology.txt", "{first_name}, sorry for the delay. New ETA: {eta}.");
        // SMS need no link: this one without the confirmation link is fine
        write(dir, "sms/tr/cod_delivery_day.txt", "{brand}: Bugun kapida odeme: {cod_amount}.");

        assertThat(check(new TemplateCatalog(dir))).containsExactlyInAnyOrder(
                dir.resolve("email/tr/cod_delivery_day.txt") + ": does not use {cod_confirm_link}, which every cod_delivery_day message over"
                        + " email must give; expected it in the text (required-variables.properties)",
                dir.resolve("whatsapp/en/delay_apology.txt") + ": does not use {discount_code}, which every delay_apology message over"
                        + " whatsapp must give; expected it in the text (required-variables.properties)");
    }

    @Test
    void theHtmlOfAnEmailMustGiveTheRequiredLinkToo(@TempDir Path dir) throws IOException {
        write(dir, "email/en/address_problem.html", "{#include email/en/layout.html}{#heading}Address{/heading}{#body}Wrong address.{/body}"
                + "{#link}{tracking_link}{/link}{#action}Track{/action}{/include}");

        assertThat(check(new TemplateCatalog(dir))).containsExactly(dir.resolve("email/en/address_problem.html")
                + ": does not use {address_link}, which every address_problem message over email must give; expected it in the text"
                + " (required-variables.properties)");
    }

    @Test
    void theRequiredVariablesComeFromTheDataFilePerChannel() {
        TemplateCatalog builtIn = TemplateCatalog.builtIn();
        assertThat(TemplateCheck.requiredVariables(builtIn, "cod_delivery_day", "email")).containsExactly("cod_amount", "cod_confirm_link");
        assertThat(TemplateCheck.requiredVariables(builtIn, "cod_delivery_day", "sms")).containsExactly("cod_amount");
        assertThat(TemplateCheck.requiredVariables(builtIn, "delay_apology", "push")).containsExactly("discount_code");
        assertThat(TemplateCheck.requiredVariables(builtIn, "address_problem", "whatsapp")).containsExactly("address_link");
        assertThat(TemplateCheck.requiredVariables(builtIn, "vip_support", "email")).containsExactly("support_link");
        assertThat(TemplateCheck.requiredVariables(builtIn, "vip_support", "sms")).isEmpty();
        assertThat(TemplateCheck.requiredVariables(builtIn, "shipped", "email")).isEmpty();
    }

    @Test
    void aMerchantsRequiredVariablesAddToTheBuiltInOnesAndAreCheckedThemselves(@TempDir Path dir) throws IOException {
        write(dir, "required-variables.properties", "shipped.sms=tracking_no,eta\ndelivered=nps_lnk\nvip_support.sms=tracking_no\n");
        TemplateCatalog catalog = new TemplateCatalog(dir);

        assertThat(TemplateCheck.requiredVariables(catalog, "vip_support", "email")).containsExactly("support_link");
        assertThat(TemplateCheck.requiredVariables(catalog, "vip_support", "sms")).containsExactly("tracking_no");
        List<String> problems = check(catalog);
        // the built-in SMS of shipped gives both; the unknown variable of the merchant's file is its own problem
        assertThat(problems).containsExactly("required-variables.properties: delivered: unknown variable {nps_lnk}; expected one of "
                + EXPECTED);
    }

    @Test
    void anSmsThatTakesMoreSegmentsThanConfiguredWithLongValuesIsRejected(@TempDir Path dir) throws IOException {
        // fine with a short name, too long with the longest carrier name and a 20-character tracking number
        write(dir, "sms/en/shipped.txt", "{brand}: Hello {first_name}, your order {order_no} is on its way with {carrier}, tracking number"
                + " {tracking_no}, due {eta}. To stop SMS, contact us.");

        List<String> problems = check(new TemplateCatalog(dir));

        assertThat(problems).singleElement().asString().startsWith(dir.resolve("sms/en/shipped.txt")
                + ": takes 2 SMS segments (GSM-7, ").endsWith("expected at most KARGO_SMS_MAX_SEGMENTS=1: shorten it");
        assertThat(TemplateCheck.problems(new TemplateCatalog(dir), KINDS, CHANNELS, LOCALES, 2, PLAIN)).isEmpty();
    }

    @Test
    void anSmsIsCountedWithEveryOfferedLinkShownAndWithNone(@TempDir Path dir) throws IOException {
        write(dir, "sms/en/out_for_delivery.txt", "{brand}: Out for delivery.{#if offers_reschedule} Not a good time? Call us on 0850 123"
                + " 45 67 between 9 and 18 and we will bring it on another day, or reply with a day.{/if} {carrier} {tracking_no}");

        assertThat(check(new TemplateCatalog(dir))).singleElement().asString().contains("sms/en/out_for_delivery.txt: takes 2 SMS segments");
    }

    @Test
    void aMissingTemplateIsRejectedForEveryChannelAndLocale() {
        List<String> problems = TemplateCheck.problems(TemplateCatalog.builtIn(), Set.of("returned"), CHANNELS, LOCALES, 1, PLAIN);

        // a text for each of the five channels, a title for e-mail and both pushes, in each locale
        assertThat(problems).hasSize(2 * (5 + 3))
                .contains("sms/tr/returned.txt: missing; expected the text of returned over sms in tr (built-in or in KARGO_TEMPLATES_DIR)")
                .contains("push/en/returned.subject: missing; expected the title of returned over push in en (built-in or in KARGO_TEMPLATES_DIR)");
    }

    @Test
    void aMerchantsNewKindIsCheckedLikeABuiltInOne(@TempDir Path dir) throws IOException {
        for (String locale : List.of("tr", "en")) {
            for (String channel : CHANNELS) {
                write(dir, channel + "/" + locale + "/returned.txt", "{brand}: {first_name}, iaden alindi. {tracking_no}");
                if (!channel.equals("sms") && !channel.equals("whatsapp")) {
                    write(dir, channel + "/" + locale + "/returned.subject", "{brand}: iade");
                }
            }
        }
        TemplateCatalog catalog = new TemplateCatalog(dir);
        assertThat(TemplateCheck.problems(catalog, Set.of("returned"), CHANNELS, LOCALES, 1, PLAIN)).isEmpty();

        write(dir, "webpush/tr/returned.subject", "{brand}: {iade_no}");
        assertThat(TemplateCheck.problems(new TemplateCatalog(dir), Set.of("returned"), CHANNELS, LOCALES, 1, PLAIN))
                .containsExactly(dir.resolve("webpush/tr/returned.subject") + ":1: unknown variable {iade_no}; expected one of " + EXPECTED);
    }

    @Test
    void aTemplateThatIsNotValidQuteIsOneLineWithoutInternals(@TempDir Path dir) throws IOException {
        write(dir, "whatsapp/tr/shipped.txt", "{first_name}, {#if offers_support}yolda {tracking_link}");

        List<String> problems = check(new TemplateCatalog(dir));

        assertThat(problems).singleElement().asString().startsWith(dir.resolve("whatsapp/tr/shipped.txt") + ": not a valid template: ")
                .doesNotContain("\n").doesNotContain("io.quarkus").doesNotContain("Exception");
    }

    @Test
    void everyProblemIsOneLine(@TempDir Path dir) throws IOException {
        write(dir, "email/tr/shipped.html", "{#include email/tr/layout.html}{#body}{x}\n{y}{/body}{/include}");
        write(dir, "email/tr/delay_apology.txt", "{#if}");
        write(dir, "required-variables.properties", "a.b.c=brand\n");

        List<String> problems = check(new TemplateCatalog(dir));

        assertThat(problems).hasSizeGreaterThanOrEqualTo(4).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(problems).contains("required-variables.properties: a.b.c: expected kind or kind.channel");
    }

    @Test
    void theSamplesGiveEveryVariableOfTheComposer() {
        for (String locale : List.of("tr", "en")) {
            Map<String, String> samples = TemplateCheck.samples(locale, true);
            assertThat(samples.keySet()).isEqualTo(MessageComposer.VARIABLES);
            assertThat(samples.get("cod_amount")).isEqualTo(locale.equals("tr") ? "124.999,90 TL" : "TRY 124,999.90");
            assertThat(TemplateCheck.samples(locale, false).get("offers_support")).isEmpty();
        }
    }

    @Test
    void aVariantsTemplatesAreCheckedAsTheKindsOwnAndAPartItLacksIsTheKinds(@TempDir Path dir) throws IOException {
        Map<String, Set<String>> variants = Map.of("delivered", Set.of("a", "b"));
        assertThat(TemplateCheck.problems(TemplateCatalog.builtIn(), KINDS, variants, CHANNELS, LOCALES, 1, PLAIN))
                .as("the shipped b of delivered, and a, which has no file of its own").isEmpty();

        write(dir, "email/tr/delivered.c.subject", "{brand}: {frist_name} teslim");
        write(dir, "sms/en/delivered.c.txt", "{brand}: delivered");
        write(dir, "sms/tr/delivered.b.txt", "{brand}: {tracking_no} teslim edildi, güle güle kullan. Şimdiden teşekkürler, iyi günler dileriz; "
                + "bir sorun olursa bize her zaman yazabilirsin, ekibimiz çok hızlı döner.");
        List<String> problems = TemplateCheck.problems(new TemplateCatalog(dir), Set.of("delivered"), Map.of("delivered", Set.of("b", "c")),
                CHANNELS, LOCALES, 1, PLAIN);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(dir.resolve("email/tr/delivered.c.subject") + ":1: unknown variable {frist_name}; expected one of ");
        assertThat(problems.get(1)).startsWith(dir.resolve("sms/tr/delivered.b.txt") + ": takes 2 SMS segments (GSM-7");
        // without the experiment its files are not the check's business
        assertThat(TemplateCheck.problems(new TemplateCatalog(dir), Set.of("delivered"), CHANNELS, LOCALES, 1, PLAIN)).isEmpty();
    }
}
