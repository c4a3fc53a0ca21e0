package io.kargotakip.core.template;

import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.rules.Action;
import io.kargotakip.core.rules.Rule;
import io.kargotakip.core.rules.RulesLoader;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of the brief's rule examples (VIP support, cash on delivery, address problem, delay apology) and the
 * delivered message's survey and return links, rendered over every channel in both languages from a rule's details:
 * what the rule gives shows, a link it does not offer does not.
 */
class RuleKindTemplatesTest {

    private static final Brand BRAND = new Brand("Örnek Mağaza", "bildirim@ornek.com.tr", "https://takip.ornek.com.tr",
            "https://ornek.com.tr/destek", "tr", "0123456789abcdef-link-secret");
    private static final ShipmentId SHIPMENT = new ShipmentId("aras", "1234567890");
    private static final List<String> CHANNELS = RulesLoader.CHANNELS;
    private static final List<String> LOCALES = List.of("tr", "en");
    private static final Purchase COD = new Purchase(new BigDecimal("1249.90"), "TRY", new BigDecimal("1249.90"), Set.of("home"),
            Set.of(), null);

    private final MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), BRAND, c -> "Aras Kargo");
    private final Links links = new Links(BRAND);

    private static Order order(String locale, Purchase purchase) {
        return new Order("A-1", "TR-1001", "web", new Customer("Ayşe", "ayse@example.com", "+905321234567", locale),
                new Consent(true, true, true, true, Instant.EPOCH), List.of(SHIPMENT), Instant.EPOCH, purchase);
    }

    private static NotificationIntent intent(String kind, TrackingStatus status, Reason reason, String channel, List<String> offered,
                                             Integer percent, String code) {
        StatusChange change = new StatusChange(SHIPMENT, "A-1", null, status, reason, Instant.parse("2026-12-02T06:10:00Z"), "İstanbul",
                "scan", LocalDate.of(2026, 12, 4), "k1");
        return NotificationIntent.of(change, new MessageKind(kind), channel, "",
                new NotificationIntent.Details("r", "occ", offered, percent, code, null));
    }

    /** Every part of the message over each channel and locale (subject, text, HTML), as one string per channel. */
    private Map<String, String> rendered(String kind, TrackingStatus status, Reason reason, List<String> offered, Integer percent,
                                         String code, String locale, Purchase purchase, MessageComposer with) {
        Map<String, String> out = new HashMap<>();
        for (String channel : CHANNELS) {
            NotificationIntent intent = intent(kind, status, reason, channel, offered, percent, code);
            EmailForm form = with.compose(intent, order(locale, purchase), EmailForm::render, "x").content();
            String all = (form.subject() == null ? "" : form.subject()) + "\n" + form.text() + "\n" + (form.html() == null ? "" : form.html());
            assertThat(all).as("%s %s %s", kind, channel, locale).doesNotContain("{").doesNotContain("null").doesNotContain("true");
            out.put(channel, all);
        }
        return out;
    }

    private String id(String kind, String channel) {
        return intent(kind, TrackingStatus.DELIVERED, null, channel, List.of(), null, null).notificationId();
    }

    @Test
    void aDeliveredParcelOfAnOrderInSeveralTellsHowManyOfThemAreDelivered() {
        StatusChange change = new StatusChange(SHIPMENT, "A-1", null, TrackingStatus.DELIVERED, null, Instant.parse("2026-12-02T06:10:00Z"),
                "İstanbul", "scan", null, "k1");
        Map<String, List<String>> expected = Map.of(
                "tr", List.of("3 paketinden 2 tanesi teslim edildi", "3 paketinin hepsi teslim edildi"),
                "en", List.of("2 of your 3 parcels have been delivered", "All 3 parcels of your order have been delivered"));
        Map<String, List<String>> push = Map.of(
                "tr", List.of("siparişin 3 paketinden 2 tanesi teslim edildi", "siparişin 3 paketinin hepsi teslim edildi"),
                "en", List.of("2 of the 3 parcels of your order TR-1001 were delivered", "all 3 parcels of your order TR-1001 were delivered"));
        for (String locale : LOCALES) {
            for (int delivered : new int[] {2, 3}) {
                for (String channel : List.of("email", "push", "webpush")) {
                    NotificationIntent intent = NotificationIntent.of(change, MessageKind.DELIVERED, channel, "",
                            new NotificationIntent.Details("delivered", "occ", List.of(), null, null, null, null,
                                    new NotificationIntent.Parcels(delivered, 3)));
                    EmailForm form = composer.compose(intent, order(locale, Purchase.NONE), EmailForm::render, "x").content();
                    String line = (channel.equals("email") ? expected : push).get(locale).get(delivered == 3 ? 1 : 0);
                    assertThat(form.text()).as("%s %s %d", channel, locale, delivered).contains(line);
                    if (form.html() != null) {
                        assertThat(form.html()).contains(line);
                    }
                }
            }
            // one parcel: no summary
            NotificationIntent single = NotificationIntent.of(change, MessageKind.DELIVERED, "email", "",
                    new NotificationIntent.Details("delivered", "occ", List.of(), null, null, null));
            assertThat(composer.compose(single, order(locale, Purchase.NONE), EmailForm::render, "x").content().text())
                    .doesNotContain("paket").doesNotContain("parcels");
        }
    }

    @Test
    void codDeliveryDayGivesTheAmountInTheLocalesWayThePosInformationAndTheConfirmationLinkWhenOffered() {
        for (String locale : LOCALES) {
            Map<String, String> offered = rendered("cod_delivery_day", TrackingStatus.OUT_FOR_DELIVERY, null, List.of("cod_confirmation"),
                    null, null, locale, COD, composer);
            String amount = locale.equals("tr") ? "1.249,90 TL" : "TRY 1,249.90";
            String pos = MessageComposer.words(locale).getProperty("pos_info");
            offered.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).contains(amount));
            for (String channel : List.of("email", "whatsapp", "push", "webpush")) {
                assertThat(offered.get(channel)).as("%s %s", channel, locale).contains(pos);
            }
            for (String channel : List.of("email", "whatsapp")) {
                assertThat(offered.get(channel)).as("%s %s", channel, locale).contains(links.click(id("cod_delivery_day", channel), "odeme-teyit"));
            }
            assertThat(offered.get("email")).contains("href=\"" + links.click(id("cod_delivery_day", "email"), "odeme-teyit") + "\"");

            Map<String, String> notOffered = rendered("cod_delivery_day", TrackingStatus.OUT_FOR_DELIVERY, null, List.of(), null, null,
                    locale, COD, composer);
            notOffered.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).contains(amount).doesNotContain("/odeme-teyit"));
        }
        assertThat(rendered("cod_delivery_day", TrackingStatus.OUT_FOR_DELIVERY, null, List.of(), null, null, "tr", COD, composer).get("sms"))
                .startsWith("\nÖrnek Mağaza: Bugün teslimat, kapıda ödeme: 1.249,90 TL. Aras Kargo takip no: 1234567890.");
    }

    @Test
    void aBrandsOwnPosTextReplacesTheDefault() {
        Brand own = new Brand(BRAND.name(), BRAND.fromEmail(), BRAND.trackingBaseUrl(), BRAND.supportUrl(), "tr", BRAND.linkSecret(),
                "Kurye yalnızca nakit alır.");
        MessageComposer withOwn = new MessageComposer(TemplateCatalog.builtIn(), own, c -> "Aras Kargo");
        Map<String, String> texts = rendered("cod_delivery_day", TrackingStatus.OUT_FOR_DELIVERY, null, List.of(), null, null, "en", COD, withOwn);
        assertThat(texts.get("email")).contains("Kurye yalnızca nakit alır.").doesNotContain(MessageComposer.words("en").getProperty("pos_info"));
    }

    @Test
    void delayApologyGivesTheNewEtaTheCodeAndItsPercentAndTheSupportLinkOnlyWhenOffered() {
        for (String locale : LOCALES) {
            Map<String, String> texts = rendered("delay_apology", TrackingStatus.DELAYED, null, List.of("support"), 15, "OZUR15-K2M9",
                    locale, Purchase.NONE, composer);
            String percent = locale.equals("tr") ? "%15" : "15%";
            String eta = locale.equals("tr") ? "4 Aralık 2026" : "4 December 2026";
            texts.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).contains("OZUR15-K2M9").contains(percent).contains(eta));
            for (String channel : List.of("email", "whatsapp")) {
                assertThat(texts.get(channel)).as("%s %s", channel, locale).contains(BRAND.supportUrl());
            }
            Map<String, String> plain = rendered("delay_apology", TrackingStatus.DELAYED, null, List.of(), 15, "OZUR15-K2M9", locale,
                    Purchase.NONE, composer);
            plain.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).contains("OZUR15-K2M9")
                    .doesNotContain(BRAND.supportUrl()));
            // the pool ran dry: the apology goes without a code, and says nothing of one
            Map<String, String> noCode = rendered("delay_apology", TrackingStatus.DELAYED, null, List.of(), 15, null, locale, Purchase.NONE,
                    composer);
            noCode.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).doesNotContain(percent)
                    .doesNotContain("indirim").doesNotContain("code"));
        }
    }

    @Test
    void addressProblemOffersTheNewAddressFormAndTheConfirmationOnlyWhenOffered() {
        for (String locale : LOCALES) {
            Map<String, String> form = rendered("address_problem", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, List.of("new_address"),
                    null, null, locale, Purchase.NONE, composer);
            for (String channel : List.of("email", "whatsapp")) {
                assertThat(form.get(channel)).as("%s %s", channel, locale).contains(links.click(id("address_problem", channel), "adres"))
                        .doesNotContain("/adres-teyit");
            }
            assertThat(form.get("email")).contains("href=\"" + links.click(id("address_problem", "email"), "adres") + "\"");
            form.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).contains("Aras Kargo"));

            Map<String, String> both = rendered("address_problem", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM,
                    List.of("new_address", "address_confirmation"), null, null, locale, Purchase.NONE, composer);
            assertThat(both.get("email")).contains(links.click(id("address_problem", "email"), "adres-teyit"));
            Map<String, String> none = rendered("address_problem", TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, List.of(), null, null,
                    locale, Purchase.NONE, composer);
            none.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).doesNotContain("/adres"));
        }
    }

    @Test
    void vipSupportGivesTheSupportAndRescheduleLinksTheRuleOffers() {
        for (String locale : LOCALES) {
            Map<String, String> both = rendered("vip_support", TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, List.of("support", "reschedule"),
                    null, null, locale, Purchase.NONE, composer);
            for (String channel : List.of("email", "whatsapp")) {
                assertThat(both.get(channel)).as("%s %s", channel, locale).contains(BRAND.supportUrl())
                        .contains(links.click(id("vip_support", channel), "randevu"))
                        .contains(MessageComposer.words(locale).getProperty("reason.recipient_absent"));
            }
            assertThat(both.get("email")).contains("href=\"" + BRAND.supportUrl() + "\"");
            Map<String, String> supportOnly = rendered("vip_support", TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, List.of("support"),
                    null, null, locale, Purchase.NONE, composer);
            supportOnly.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).doesNotContain("/randevu"));
            assertThat(supportOnly.get("email")).contains(BRAND.supportUrl());
        }
    }

    @Test
    void deliveredShowsTheSurveyAndTheReturnLinkOnlyWhenTheRuleOffersThem() {
        for (String locale : LOCALES) {
            Map<String, String> both = rendered("delivered", TrackingStatus.DELIVERED, null, List.of("nps_survey", "return_exchange"), null, null,
                    locale, Purchase.NONE, composer);
            for (String channel : List.of("email", "whatsapp")) {
                assertThat(both.get(channel)).as("%s %s", channel, locale).contains(links.click(id("delivered", channel), "anket"))
                        .contains(links.click(id("delivered", channel), "iade"));
            }
            Map<String, String> surveyOnly = rendered("delivered", TrackingStatus.DELIVERED, null, List.of("nps_survey"), null, null, locale,
                    Purchase.NONE, composer);
            surveyOnly.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).doesNotContain("/iade"));
            Map<String, String> none = rendered("delivered", TrackingStatus.DELIVERED, null, List.of(), null, null, locale, Purchase.NONE, composer);
            none.forEach((channel, text) -> assertThat(text).as("%s %s", channel, locale).doesNotContain("/anket").doesNotContain("/iade")
                    .contains("TR-1001"));
        }
    }

    @Test
    void everyOfferedLinkOfTheBuiltInTemplatesIsShownOnlyUnderItsFlag() {
        // each kind of the default rules, with no link offered: none of the action links shows anywhere
        for (String kind : RulesLoader.defaults().kinds()) {
            for (String locale : LOCALES) {
                rendered(kind, TrackingStatus.FAILED_ATTEMPT, Reason.WEATHER, List.of(), 10, "KOD-1", locale, COD, composer)
                        .forEach((channel, text) -> {
                            for (String action : Links.ACTIONS) {
                                assertThat(text).as("%s %s %s", kind, channel, locale).doesNotContain(links.click(id(kind, channel), action));
                            }
                        });
            }
        }
    }

    @Test
    void theOfferedLinksAreTheRulesLinksAndAMessageNoRuleDecidedOffersWhatTheDefaultRulesOfferForItsKind() {
        assertThat(MessageComposer.OFFERED_LINKS.keySet()).containsExactlyInAnyOrderElementsOf(Action.LINKS);
        Map<String, List<String>> offeredByDefaults = new HashMap<>();
        for (Rule rule : RulesLoader.defaults().rules()) {
            List<String> offers = new ArrayList<>();
            rule.then().stream().filter(a -> a instanceof Action.Offer).forEach(a -> offers.addAll(((Action.Offer) a).links()));
            rule.then().stream().filter(a -> a instanceof Action.Send).forEach(a -> offeredByDefaults.put(((Action.Send) a).kind(), offers));
        }
        offeredByDefaults.forEach((kind, offers) -> assertThat(MessageComposer.DEFAULT_OFFERS.getOrDefault(kind, List.of())).as(kind)
                .containsExactlyInAnyOrderElementsOf(offers));
        assertThat(offeredByDefaults.keySet()).containsAll(MessageComposer.DEFAULT_OFFERS.keySet());
    }

    @Test
    void amountsAreWrittenAsEachLanguageWritesThem() {
        assertThat(MessageComposer.money(new BigDecimal("1249.90"), "TRY", "tr")).isEqualTo("1.249,90 TL");
        assertThat(MessageComposer.money(new BigDecimal("1249.90"), "TRY", "en")).isEqualTo("TRY 1,249.90");
        assertThat(MessageComposer.money(new BigDecimal("89.5"), "EUR", "tr")).isEqualTo("89,50 EUR");
        assertThat(MessageComposer.money(new BigDecimal("1234567"), "USD", "en")).isEqualTo("USD 1,234,567.00");
    }

    @Test
    void aPrepaidOrderAndAMessageWithoutDiscountHaveEmptyValuesNotHoles() {
        NotificationIntent shipped = NotificationIntent.of(new StatusChange(SHIPMENT, "A-1", null, TrackingStatus.IN_TRANSIT, null,
                Instant.EPOCH, null, null, null, "k"), MessageKind.SHIPPED, "email");
        Map<String, String> values = composer.values(shipped, order("tr", Purchase.NONE), "tr");
        assertThat(values.keySet()).isEqualTo(MessageComposer.VARIABLES);
        assertThat(values.get("cod_amount")).isEmpty();
        assertThat(values.get("discount_code")).isEmpty();
        assertThat(values.get("discount_percent")).isEmpty();
        assertThat(values.get("offers_reschedule")).isEmpty();
        assertThat(composer.values(shipped, order("tr", COD), "tr").get("cod_amount")).isEqualTo("1.249,90 TL");
    }

    @Test
    void operationsNoteShowsInEveryKindsEmailTextAndHtmlEscapedAndInPushAndWebPushButNotInSmsNorWhatsApp() {
        String note = "Kapıda bulamazsak <komşunuza> bırakırız.\nİyi günler, Ayşe & ekip";
        for (String locale : LOCALES) {
            for (String kind : RulesLoader.defaults().kinds()) {
                for (String channel : CHANNELS) {
                    NotificationIntent plain = intent(kind, TrackingStatus.DELAYED, null, channel, List.of(), 10, "OZUR-1");
                    NotificationIntent noted = plain.withDetails(plain.details().edited(note, List.of(), 10, "OZUR-1"));
                    EmailForm form = composer.compose(noted, order(locale, COD), EmailForm::render, "x").content();
                    EmailForm without = composer.compose(plain, order(locale, COD), EmailForm::render, "x").content();
                    String where = kind + " " + channel + " " + locale;
                    if (channel.equals("sms") || channel.equals("whatsapp")) {
                        assertThat(form.text()).as(where).isEqualTo(without.text());
                        continue;
                    }
                    assertThat(form.text()).as(where).contains(note).startsWith(without.text().substring(0, 10));
                    assertThat(without.text()).as(where).doesNotContain("komşunuza");
                    if (channel.equals("email")) {
                        assertThat(form.html()).as(where).contains("Kapıda bulamazsak &lt;komşunuza&gt; bırakırız.\nİyi günler, Ayşe &amp; ekip")
                                .doesNotContain("<komşunuza>");
                        assertThat(without.html()).as(where).doesNotContain("komşunuza").doesNotContain("pre-line");
                    }
                }
            }
        }
    }
}
