package io.kargotakip.core.template;

import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MessageComposerTest {

    private static final String SECRET = "0123456789abcdef-link-secret";
    private static final Brand BRAND = new Brand("Örnek Mağaza", "bildirim@ornek.com.tr", "https://takip.ornek.com.tr",
            "https://takip.ornek.com.tr/destek", "tr", SECRET);
    private static final ShipmentId SHIPMENT = new ShipmentId("ups", "1Z999AA10123456784");
    private static final String EMAIL = "ayse.yilmaz@example.com";
    private static final String PHONE = "+905321234567";
    private static final String ORDER_ID = "SIP-2026-000123";
    private static final String ORDER_NO = "TR-884411";
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+");

    private static final Map<String, String> CARRIER_NAMES = Map.of("ups", "UPS", "aras", "Aras Kargo");
    private final MessageComposer composer = new MessageComposer(TemplateCatalog.builtIn(), BRAND, CARRIER_NAMES::get);

    private static Order order(Customer customer) {
        return new Order(ORDER_ID, ORDER_NO, "web", customer, new Consent(true, true, false, false, Instant.EPOCH),
                List.of(SHIPMENT), Instant.EPOCH);
    }

    private static Order order(String locale) {
        return order(new Customer("Ayşe", EMAIL, PHONE, locale));
    }

    private static StatusChange change(TrackingStatus status, Reason reason, LocalDate eta) {
        return new StatusChange(SHIPMENT, ORDER_ID, null, status, reason, Instant.parse("2026-12-01T11:02:00Z"),
                "İstanbul", "scan", eta, "k1");
    }

    private static NotificationIntent intent(MessageKind kind, Reason reason, LocalDate eta) {
        TrackingStatus status = java.util.Map.of(MessageKind.SHIPPED, TrackingStatus.IN_TRANSIT, MessageKind.OUT_FOR_DELIVERY,
                TrackingStatus.OUT_FOR_DELIVERY, MessageKind.DELIVERED, TrackingStatus.DELIVERED, MessageKind.FAILED_ATTEMPT,
                TrackingStatus.FAILED_ATTEMPT, MessageKind.DELAYED, TrackingStatus.DELAYED).get(kind);
        return NotificationIntent.of(change(status, reason, eta), kind, "email");
    }

    private static NotificationIntent shipped() {
        return intent(MessageKind.SHIPPED, null, LocalDate.of(2026, 12, 3));
    }

    private static Properties words(String locale) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(Objects.requireNonNull(MessageComposerTest.class.getClassLoader()
                .getResourceAsStream("templates/words_" + locale + ".properties")), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static List<String> urls(OutboundMessage<EmailForm> message) {
        List<String> urls = new ArrayList<>();
        for (String part : new String[]{message.content().subject(), message.content().text(), message.content().html()}) {
            Matcher m = URL.matcher(part);
            while (m.find()) {
                urls.add(m.group());
            }
        }
        return urls;
    }

    @Test
    void shippedInTurkishReadsAsTheBriefSays() {
        OutboundMessage<EmailForm> message = composer.compose(shipped(), order("tr"), EmailForm::render, EMAIL);

        String[] lines = message.content().text().split("\n");
        String trackingLink = new Links(BRAND).click(shipped().notificationId());
        assertThat(lines[0]).isEqualTo("Ayşe, siparişin kargoya verildi. Takip: " + trackingLink);
        assertThat(lines[1]).isEqualTo("Kargo: UPS | Tahmini teslim: 3 Aralık 2026");
        assertThat(trackingLink).startsWith("https://takip.ornek.com.tr/c/" + shipped().notificationId() + ".");
        assertThat(message.content().subject()).isEqualTo("Örnek Mağaza: siparişin kargoya verildi");
        assertThat(message.content().html()).contains("Kargo: UPS | Tahmini teslim: 3 Aralık 2026")
                .contains("Takip no: 1Z999AA10123456784").contains("href=\"" + trackingLink + "\"");
        assertThat(message.notificationId()).isEqualTo(shipped().notificationId());
        assertThat(message.recipient()).isEqualTo(EMAIL);
    }

    @Test
    void theDeclaredVariablesAreExactlyTheValuesEveryMessageGets() {
        composer.compose(shipped(), order("tr"), context -> {
            assertThat(context.values().keySet()).isEqualTo(MessageComposer.VARIABLES);
            return EmailForm.render(context);
        }, EMAIL);
    }

    @Test
    void aCustomerWithLocaleEnGetsEnglish() {
        OutboundMessage<EmailForm> message = composer.compose(shipped(), order("en"), EmailForm::render, EMAIL);

        String[] lines = message.content().text().split("\n");
        assertThat(lines[0]).isEqualTo("Ayşe, your order has shipped. Track it: " + new Links(BRAND).click(shipped().notificationId()));
        assertThat(lines[1]).isEqualTo("Carrier: UPS | Estimated delivery: 3 December 2026");
        assertThat(message.content().subject()).isEqualTo("Örnek Mağaza: your order has shipped");
    }

    private static Order shippedTo(String locale, String country) {
        return new Order(ORDER_ID, ORDER_NO, "web", new Customer("Jonas", EMAIL, null, locale), new Consent(true, false, false, false, Instant.EPOCH),
                List.of(SHIPMENT), Instant.EPOCH, io.kargotakip.core.order.Purchase.NONE, country);
    }

    @Test
    void aCustomerWithoutLocaleShippedToGermanyGetsEnglishFromATurkishBrand() {
        OutboundMessage<EmailForm> message = composer.compose(shipped(), shippedTo(null, "DE"), EmailForm::render, EMAIL);

        assertThat(message.content().subject()).isEqualTo("Örnek Mağaza: your order has shipped");
        assertThat(message.content().text()).startsWith("Jonas, your order has shipped.");
        assertThat(composer.compose(shipped(), shippedTo(null, "TR"), EmailForm::render, EMAIL).content().text())
                .as("Turkey's language").startsWith("Jonas, siparişin kargoya verildi.");
        assertThat(composer.compose(shipped(), shippedTo("tr", "DE"), EmailForm::render, EMAIL).content().text())
                .as("the customer's own locale wins over the country").startsWith("Jonas, siparişin kargoya verildi.");
    }

    @Test
    void aCustomerWithoutLocaleGetsTheBrandDefault() {
        assertThat(composer.compose(shipped(), order((String) null), EmailForm::render, EMAIL).content().text())
                .startsWith("Ayşe, siparişin kargoya verildi.");

        Brand english = new Brand("Shop", "n@shop.com", "https://t.shop.com", "https://t.shop.com/help", "en", SECRET);
        MessageComposer englishComposer = new MessageComposer(TemplateCatalog.builtIn(), english, CARRIER_NAMES::get);
        assertThat(englishComposer.compose(shipped(), order((String) null), EmailForm::render, EMAIL).content().text())
                .startsWith("Ayşe, your order has shipped.");
        // a customer's own locale still wins over the brand's
        assertThat(englishComposer.compose(shipped(), order("tr"), EmailForm::render, EMAIL).content().text())
                .startsWith("Ayşe, siparişin kargoya verildi.");
    }

    @ParameterizedTest
    @MethodSource("io.kargotakip.core.notification.MessageKind#builtIn")
    void everyMessageCarriesTheOptOutLinkAndNoUnresolvedPlaceholder(MessageKind kind) {
        for (String locale : new String[]{"tr", "en"}) {
            NotificationIntent intent = intent(kind, Reason.WEATHER, LocalDate.of(2026, 12, 3));
            OutboundMessage<EmailForm> message = composer.compose(intent, order(locale), EmailForm::render, EMAIL);
            String optOut = new Links(BRAND).optOut(intent.notificationId());

            assertThat(message.unsubscribeUrl()).isEqualTo(optOut);
            assertThat(message.content().text()).as("%s/%s text", locale, kind).contains(optOut).doesNotContain("{", "}");
            assertThat(message.content().html()).as("%s/%s html", locale, kind)
                    .contains("href=\"" + optOut + "\"").doesNotContain("{", "}");
            assertThat(message.content().subject()).as("%s/%s subject", locale, kind)
                    .startsWith("Örnek Mağaza: ").doesNotContain("{", "}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.kargotakip.core.notification.MessageKind#builtIn")
    void everyEmailEndsWithItsOpenPixelAndLinksToTheTrackingPageOnlyThroughClickLinks(MessageKind kind) {
        Links links = new Links(BRAND);
        for (String locale : new String[]{"tr", "en"}) {
            NotificationIntent intent = intent(kind, Reason.WEATHER, LocalDate.of(2026, 12, 3));
            OutboundMessage<EmailForm> message = composer.compose(intent, order(locale), EmailForm::render, EMAIL);
            String html = message.content().html();
            String pixel = "<img src=\"" + links.openPixel(intent.notificationId()) + "\" width=\"1\" height=\"1\" alt=\"\"";

            assertThat(html).as("%s/%s", locale, kind).contains(pixel);
            assertThat(html.indexOf(pixel)).as("after everything the customer sees").isGreaterThan(html.lastIndexOf("</table>"));
            assertThat(html.substring(html.indexOf(pixel)).strip()).startsWith(pixel).endsWith("</body>\n</html>");
            assertThat(message.content().text()).as("the text part has no pixel").doesNotContain("/o/");
            List<String> trackingPage = urls(message).stream().filter(u -> u.startsWith(BRAND.trackingBaseUrl())).toList();
            String click = links.click(intent.notificationId());
            assertThat(trackingPage).as("%s/%s: every link to the tracking domain is this message's click link, opt-out or pixel", locale, kind)
                    .isNotEmpty()
                    .allMatch(u -> u.equals(click) || Links.ACTIONS.stream().anyMatch(a -> u.equals(links.click(intent.notificationId(), a)))
                            || u.equals(links.optOut(intent.notificationId())) || u.equals(links.openPixel(intent.notificationId()))
                            || u.equals(BRAND.supportUrl()));
            assertThat(trackingPage).as("none goes to the tracking page directly").noneMatch(u -> u.contains("/t/"));
            assertThat(message.content().text()).as("%s/%s text", locale, kind).contains(BRAND.trackingBaseUrl() + "/c/");
        }
    }

    @Test
    void theButtonOfEachKindIsATrackedLinkToItsPageOfTheTrackingSite() {
        Links links = new Links(BRAND);
        Map<MessageKind, String> expected = Map.of(MessageKind.SHIPPED, "", MessageKind.DELAYED, "",
                MessageKind.OUT_FOR_DELIVERY, "/randevu", MessageKind.FAILED_ATTEMPT, "/adres", MessageKind.DELIVERED, "/anket");
        expected.forEach((kind, action) -> {
            NotificationIntent intent = intent(kind, null, null);
            String html = composer.compose(intent, order("tr"), EmailForm::render, EMAIL).content().html();
            assertThat(html).as(kind.templateName()).contains("href=\"" + links.click(intent.notificationId()) + action + "\"");
        });
        assertThat(links.click("n-1", "randevu")).isEqualTo(links.click("n-1") + "/randevu");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> links.click("n-1", "https://evil.example"));
    }

    @Test
    void htmlEscapesTheFirstNameWhileTheTextKeepsItLiteral() {
        Order hostile = order(new Customer("<script>alert(1)</script>", EMAIL, null, "tr"));

        OutboundMessage<EmailForm> message = composer.compose(shipped(), hostile, EmailForm::render, EMAIL);

        assertThat(message.content().html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;, siparişin kargoya verildi.")
                .doesNotContain("<script>");
        assertThat(message.content().text()).startsWith("<script>alert(1)</script>, siparişin kargoya verildi.");
    }

    @Test
    void failedAttemptInTurkishExplainsTheReason() {
        OutboundMessage<EmailForm> message = composer.compose(intent(MessageKind.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, null), order("tr"), EmailForm::render, EMAIL);

        assertThat(message.content().text()).startsWith("Teslim edilemedi. Nedeni: adres bilgisi eksik veya hatalı. ");
        assertThat(message.content().html()).contains("Nedeni: adres bilgisi eksik veya hatalı.");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasWordsInBothLocales(Reason reason) throws IOException {
        for (String locale : new String[]{"tr", "en"}) {
            String word = words(locale).getProperty("reason." + reason.wireName());
            assertThat(word).as("reason.%s in words_%s", reason.wireName(), locale).isNotBlank();

            String text = composer.compose(intent(MessageKind.FAILED_ATTEMPT, reason, null), order(locale), EmailForm::render, EMAIL).content().text();
            assertThat(text).contains(": " + word + ".");
        }
    }

    @Test
    void failedAttemptWithoutReasonSaysTheCarrierReportedAProblem() {
        assertThat(composer.compose(intent(MessageKind.FAILED_ATTEMPT, null, null), order("tr"), EmailForm::render, EMAIL).content().text())
                .startsWith("Teslim edilemedi. Nedeni: kargo firması bir sorun bildirdi.");
        assertThat(composer.compose(intent(MessageKind.FAILED_ATTEMPT, null, null), order("en"), EmailForm::render, EMAIL).content().text())
                .startsWith("Delivery failed. Reason: the carrier reported a problem.");
    }

    @Test
    void missingFirstNameAndEtaUseTheLocalesWords() {
        OutboundMessage<EmailForm> message = composer.compose(intent(MessageKind.SHIPPED, null, null),
                order(new Customer(null, EMAIL, null, "tr")), EmailForm::render, EMAIL);

        assertThat(message.content().text()).startsWith("Değerli müşterimiz, siparişin kargoya verildi.")
                .contains("Tahmini teslim: en kısa sürede");
    }

    @Test
    void deliveredShowsTheOrderNumberOrTheOrderIdWithoutOne() {
        NotificationIntent delivered = intent(MessageKind.DELIVERED, null, null);

        assertThat(composer.compose(delivered, order("tr"), EmailForm::render, EMAIL).content().text()).contains("Sipariş no: " + ORDER_NO + ".");
        Order noNumber = new Order(ORDER_ID, null, "web", new Customer("Ayşe", EMAIL, null, "tr"), Consent.none(),
                List.of(SHIPMENT), Instant.EPOCH);
        assertThat(composer.compose(delivered, noNumber, EmailForm::render, EMAIL).content().text()).contains("Sipariş no: " + ORDER_ID + ".");
    }

    @ParameterizedTest
    @MethodSource("io.kargotakip.core.notification.MessageKind#builtIn")
    void linksCarryNoEmailPhoneOrOrderNumber(MessageKind kind) {
        for (String locale : new String[]{"tr", "en"}) {
            OutboundMessage<EmailForm> message = composer.compose(intent(kind, Reason.CUSTOMS, LocalDate.of(2026, 12, 3)), order(locale), EmailForm::render, EMAIL);
            List<String> urls = urls(message);
            urls.add(message.unsubscribeUrl());

            assertThat(urls).hasSizeGreaterThanOrEqualTo(3);
            for (String url : urls) {
                assertThat(url).as(url)
                        .doesNotContain(EMAIL).doesNotContain("ayse.yilmaz").doesNotContain("example.com")
                        .doesNotContain(PHONE).doesNotContain(PHONE.substring(1)).doesNotContain("5321234567")
                        .doesNotContain(ORDER_ID).doesNotContain(ORDER_NO).doesNotContain("884411")
                        .doesNotContain(SHIPMENT.trackingNumber());
            }
        }
    }

    @Test
    void linksAreStableForTheSameShipmentAndSecret() {
        Links a = new Links(BRAND);
        Links b = new Links(new Brand("Other name", "x@y.z", BRAND.trackingBaseUrl(), null, "en", SECRET));

        // the tracking page is named by the shipment's random page token (stored with the shipment), nothing derived
        assertThat(a.page("Zx9k2LmQ")).isEqualTo(BRAND.trackingBaseUrl() + "/t/Zx9k2LmQ").isEqualTo(b.page("Zx9k2LmQ"));
        assertThat(a.pageAction("Zx9k2LmQ", "adres")).isEqualTo(a.page("Zx9k2LmQ") + "/adres");
        assertThat(a.optOut("n-1")).isEqualTo(b.optOut("n-1"));
        assertThat(composer.compose(shipped(), order("tr"), EmailForm::render, EMAIL).content().text())
                .isEqualTo(composer.compose(shipped(), order("tr"), EmailForm::render, EMAIL).content().text());
    }

    @Test
    void linksDifferForAnotherSecretOrShipment() {
        Links a = new Links(BRAND);
        Links other = new Links(new Brand(BRAND.name(), BRAND.fromEmail(), BRAND.trackingBaseUrl(), BRAND.supportUrl(),
                "tr", "another-secret-0123456789"));

        assertThat(other.click("n-1")).isNotEqualTo(a.click("n-1"));
        assertThat(other.optOut("n-1")).isNotEqualTo(a.optOut("n-1"));
        assertThat(a.optOut("n-2")).isNotEqualTo(a.optOut("n-1"));
        // the opt-out token is not the click token: one cannot be turned into the other
        assertThat(a.token("optout", "n-1")).isNotEqualTo(a.token("click", "n-1"));
    }

    @Test
    void tokensAreUrlSafe() {
        String token = new Links(BRAND).token("click", "n-1");

        assertThat(token).matches("[A-Za-z0-9_-]{24}");
    }

    @Test
    void aMessageOfVariantBUsesTheVariantsTemplatesAndAnUnknownVariantTheKindsOwn() {
        StatusChange change = change(TrackingStatus.DELIVERED, null, null);
        NotificationIntent b = NotificationIntent.of(change, MessageKind.DELIVERED, "email", "",
                new NotificationIntent.Details("delivered", "k", List.of("nps_survey"), null, null, "b"));
        NotificationIntent a = NotificationIntent.of(change, MessageKind.DELIVERED, "email", "",
                new NotificationIntent.Details("delivered", "k", List.of("nps_survey"), null, null, "a"));

        OutboundMessage<EmailForm> warm = composer.compose(b, order("tr"), EmailForm::render, EMAIL);
        assertThat(warm.content().subject()).isEqualTo("Ayşe, paketin sana ulaştı 💛");
        assertThat(warm.content().text()).startsWith("Merhaba Ayşe, paketin elinde! Güle güle kullan 💛 Nasıldı? 5 sn: ");
        assertThat(warm.content().html()).contains("Paketin sana ulaştı").contains("Nasıldı?");
        assertThat(composer.compose(b, order("en"), EmailForm::render, EMAIL).content().subject()).isEqualTo("Ayşe, your parcel is with you 💛");

        // a (the control) has no files of its own: the kind's templates, as a message without a variant
        OutboundMessage<EmailForm> control = composer.compose(a, order("tr"), EmailForm::render, EMAIL);
        assertThat(control.content().subject()).isEqualTo("Örnek Mağaza: siparişin teslim edildi");
        assertThat(control.content().text()).startsWith("Teslim edildi ✅ Sipariş no: " + ORDER_NO + ".");
        assertThat(warm.content().text().length()).as("b is the shorter text").isLessThan(control.content().text().length());
    }
}
