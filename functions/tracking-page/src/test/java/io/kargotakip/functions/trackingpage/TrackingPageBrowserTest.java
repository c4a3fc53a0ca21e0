package io.kargotakip.functions.trackingpage;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStackResource;
import io.kargotakip.testing.browser.Axe;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking page in a real headless Chromium on a phone's screen: what a customer sees of a delivered and of a
 * failed-attempt parcel, the language switch, the not-found page, each checked with axe-core for serious accessibility
 * violations, with a screenshot of each kept in {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
@TestProfile(TrackingPageResourceTest.Brand.class)
class TrackingPageBrowserTest {

    static final Path SHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/")
    URL base;

    private final Parcels parcels = new Parcels(KargoStackResource.stack());

    private static Page open(Chromium chromium, String url) {
        Page page = chromium.open("about:blank");
        page.phone();
        page.navigate(url);
        return page;
    }

    @Test
    void a_customer_sees_a_delivered_parcel_and_the_page_is_accessible() {
        Parcels.Parcel p = parcels.stored("tr",
                new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-28T18:30:00Z", "Ankara Aktarma Merkezi", LocalDate.parse("2026-12-01")),
                new Parcels.Scan(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-11-30T05:10:00Z", "KADIKÖY / İSTANBUL", LocalDate.parse("2026-11-30")),
                new Parcels.Scan(TrackingStatus.DELIVERED, null, "2026-11-30T11:42:00Z", "KADIKÖY / İSTANBUL", null));
        try (Chromium chromium = Chromium.launch()) {
            Page page = open(chromium, base + "t/" + p.token());
            assertThat(page.evaluate("document.querySelector('h1').textContent").asText()).isEqualTo("Teslim edildi");
            assertThat(page.evaluate("[...document.querySelectorAll('.timeline li')].map(li => li.dataset.status).join()").asText())
                    .isEqualTo("delivered,out_for_delivery,in_transit");
            assertThat(page.evaluate("document.querySelector('.timeline time').textContent").asText()).isEqualTo("30 Kasım 14:42");
            assertThat(page.evaluate("document.querySelector('.stages li[aria-current=step]').textContent").asText()).isEqualTo("Teslim edildi");
            assertThat(page.evaluate("getComputedStyle(document.querySelector('.button')).backgroundColor").asText())
                    .as("the brand's colour from the theme").isEqualTo("rgb(91, 42, 134)");
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).as("no sideways scroll on a phone").isTrue();
            page.screenshot(SHOTS.resolve("tracking-page-delivered.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();
        }
    }

    @Test
    void a_failed_attempt_says_why_and_the_switch_turns_the_page_english() {
        Parcels.Parcel p = parcels.stored("tr",
                new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "İZMİR", LocalDate.parse("2026-12-01")),
                new Parcels.Scan(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T09:15:00Z", "BORNOVA / İZMİR",
                        LocalDate.parse("2026-12-02")));
        try (Chromium chromium = Chromium.launch()) {
            Page page = open(chromium, base + "t/" + p.token());
            assertThat(page.evaluate("document.querySelector('h1').textContent").asText()).isEqualTo("Teslim edilemedi");
            assertThat(page.evaluate("document.querySelector('.status p:not(.order)').textContent").asText()).contains("adreste kimse bulunamadı");
            assertThat(page.evaluate("document.querySelector('#eta ~ .eta').textContent").asText()).isEqualTo("2 Aralık Çarşamba");
            page.screenshot(SHOTS.resolve("tracking-page-failed-attempt.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();

            int mark = page.mark();
            page.evaluate("document.querySelector('a.lang').click()");
            page.await(mark, "Page.loadEventFired", e -> true, Duration.ofSeconds(15));
            assertThat(page.evaluate("document.documentElement.lang").asText()).isEqualTo("en");
            assertThat(page.evaluate("document.querySelector('h1').textContent").asText()).isEqualTo("Delivery attempt failed");
            assertThat(page.evaluate("document.querySelector('#eta ~ .eta').textContent").asText()).isEqualTo("Wednesday 2 December");
            assertThat(page.evaluate("document.querySelector('a.lang').textContent").asText()).isEqualTo("Türkçe");
            page.screenshot(SHOTS.resolve("tracking-page-failed-attempt-en.png"));
        }
    }

    @Test
    void a_link_that_leads_nowhere_gets_a_friendly_accessible_page() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = open(chromium, base + "t/no-such-page-token-0000000000000000");
            assertThat(page.evaluate("document.getElementById('not-found').textContent").asText()).as("in the browser's language: headless Chromium asks for en-US")
                    .contains("This link is not valid or has expired");
            page.screenshot(SHOTS.resolve("tracking-page-not-found.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();
        }
    }

    /** Sets a field as typing does, so the page's script sees the change. */
    private static void type(Page page, String name, String value) {
        page.evaluate("(() => { const f = document.querySelector('[name=" + name + "]'); f.value = " + io.kargotakip.aws.Json.write(value)
                + "; f.dispatchEvent(new Event('change')); })()");
    }

    private static void submit(Page page, String selector) {
        int mark = page.mark();
        page.evaluate("document.querySelector(" + io.kargotakip.aws.Json.write(selector) + ").click()");
        page.await(mark, "Page.loadEventFired", e -> true, Duration.ofSeconds(15));
    }

    @Test
    void the_address_form_fills_its_lists_suggests_the_district_refuses_then_saves() {
        Parcels.Parcel p = parcels.stored("tr",
                new Parcels.Scan(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T09:15:00Z", "KADIKÖY / İSTANBUL", null));
        try (Chromium chromium = Chromium.launch()) {
            Page page = open(chromium, base + "t/" + p.token());
            submit(page, "a[data-action=adres]");
            assertThat(page.evaluate("document.querySelector('h1').textContent").asText()).isEqualTo("Teslimat adresi");
            type(page, "province", "İstanbul");
            page.awaitTrue("document.querySelectorAll('#districts option').length > 30");
            assertThat(page.evaluate("[...document.querySelectorAll('#districts option')].some(o => o.value === 'Kadıköy')").asBoolean()).isTrue();
            type(page, "district", "Kadıköy");
            page.awaitTrue("[...document.querySelectorAll('#neighbourhoods option')].some(o => o.value === 'Caferağa Mah')");
            type(page, "neighbourhood", "Caferağa Mah");
            assertThat(page.evaluate("document.querySelector('[name=postalCode]').value").asText()).as("the neighbourhood's postal code")
                    .isEqualTo("34710");
            type(page, "district", "Kadıkoyy");
            type(page, "line", "Moda Cad. No: 12 D: 5");
            submit(page, "#adres-form button[type=submit]");
            assertThat(page.evaluate("document.getElementById('form-message').textContent").asText()).isEqualTo("Lütfen işaretli alanları düzelt.");
            assertThat(page.evaluate("document.getElementById('f-district').getAttribute('aria-invalid')").asText()).isEqualTo("true");
            assertThat(page.evaluate("document.getElementById('e-district').textContent").asText()).isNotBlank();
            page.screenshot(SHOTS.resolve("tracking-page-address-suggestion.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();

            page.evaluate("document.querySelector('button[data-field=district][data-value=\"Kadıköy\"]').click()");
            assertThat(page.evaluate("document.querySelector('[name=district]').value").asText()).isEqualTo("Kadıköy");
            submit(page, "#adres-form button[type=submit]");
            assertThat(page.evaluate("location.pathname").asText()).isEqualTo("/t/" + p.token());
            assertThat(page.evaluate("document.getElementById('notes').textContent").asText()).contains("Yeni adresin kaydedildi")
                    .contains("Kadıköy").contains("beklemede");
        }
    }

    @Test
    void a_customer_rates_the_delivery_once() {
        Parcels.Parcel p = parcels.stored("tr",
                new Parcels.Scan(TrackingStatus.DELIVERED, null, "2026-12-01T09:15:00Z", "KADIKÖY / İSTANBUL", null));
        try (Chromium chromium = Chromium.launch()) {
            Page page = open(chromium, base + "t/" + p.token());
            submit(page, "a[data-action=anket]");
            assertThat(page.evaluate("document.querySelectorAll('input[name=score]').length").asInt()).isEqualTo(11);
            assertThat(Axe.seriousViolations(page)).isEmpty();
            page.evaluate("document.querySelector('input[name=score][value=\"9\"]').closest('label').click()");
            type(page, "comment", "Kurye çok nazikti");
            page.screenshot(SHOTS.resolve("tracking-page-survey.png"));
            submit(page, "#anket-form button[type=submit]");
            assertThat(page.evaluate("document.getElementById('notes').textContent").asText()).contains("Teşekkürler! Puanın: 9.");
            assertThat(page.evaluate("document.querySelector('a[data-action=anket]') !== null").asBoolean()).isTrue();
            submit(page, "a[data-action=anket]");
            assertThat(page.evaluate("document.querySelectorAll('input[name=score]').length").asInt()).as("one answer per shipment").isZero();
        }
    }
}
