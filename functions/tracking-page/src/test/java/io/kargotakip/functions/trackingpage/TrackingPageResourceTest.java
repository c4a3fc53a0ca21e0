package io.kargotakip.functions.trackingpage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking page over HTTP, on the emulated tables: a delivered and a failed-attempt parcel in words and times of the
 * customer's zone, the language from the customer, the browser and the switch, the brand's support, FAQ and offers
 * with counted links, the JSON API, the strict headers, the page's weight, and one not-found page for every token that
 * names nothing.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
@TestProfile(TrackingPageResourceTest.Brand.class)
class TrackingPageResourceTest {

    /** Operations' alerts by e-mail to a mailbox of this run (the self-service pages' test reads it). */
    static final String OPS = "operasyon+" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@modax.example";

    /** The demo merchant's page with support, FAQ, a product, a return page and its own site; one profile, one Quarkus start. */
    public static class Brand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("KARGO_OPS_EMAIL", OPS, "KARGO_PAGE_CONFIG", """
                    {"colors": {"primary": "#5b2a86"},
                     "support": {"whatsapp": "+905321112233", "phone": "+908501112233", "email": "destek@modax.example"},
                     "faq": [{"question": {"tr": "Kargom ne zaman gelir?", "en": "When will my parcel arrive?"},
                              "answer": {"tr": "Tahmini tarih bu sayfada.", "en": "The estimate is on this page."}}],
                     "upsell": [{"id": "ipek-sal", "title": {"tr": "İpek şal", "en": "Silk scarf"}, "url": "https://modax.example/p/ipek-sal",
                                 "price": "249,90 TL"}],
                     "returnUrl": "https://modax.example/iade", "api": {"allowedOrigins": ["https://www.modax.example"]}}
                    """);
        }
    }

    private final Parcels parcels = new Parcels(KargoStackResource.stack());

    private Parcels.Parcel delivered(String locale) {
        return parcels.stored(locale,
                new Parcels.Scan(TrackingStatus.LABEL_CREATED, null, "2026-11-28T10:00:00Z", "İSTANBUL", null),
                new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-28T18:30:00Z", "Ankara Aktarma Merkezi", LocalDate.parse("2026-12-01")),
                new Parcels.Scan(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-11-30T05:10:00Z", "KADIKÖY / İSTANBUL", LocalDate.parse("2026-11-30")),
                new Parcels.Scan(TrackingStatus.DELIVERED, null, "2026-11-30T11:42:00Z", "KADIKÖY / İSTANBUL", null));
    }

    private Parcels.Parcel failedAttempt(String locale) {
        return parcels.stored(locale,
                new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "İZMİR", LocalDate.parse("2026-12-01")),
                new Parcels.Scan(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T09:15:00Z", "BORNOVA / İZMİR",
                        LocalDate.parse("2026-12-02")));
    }

    @Test
    void a_delivered_parcel_shows_its_status_and_timeline_in_the_customers_words_and_zone() {
        Parcels.Parcel p = delivered("tr");
        Response page = given().get("/t/" + p.token());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body().asString();
        assertThat(html).contains("<html lang=\"tr\">").contains("<h1 id=\"status\">Teslim edildi</h1>").contains("Sipariş 7");
        // newest first, in Istanbul's time (UTC+3): 11:42Z is 14:42
        assertThat(html.indexOf("30 Kasım 14:42")).isPositive().isLessThan(html.indexOf("30 Kasım 08:10"));
        assertThat(html).contains("28 Kasım 13:00").contains("Ankara Aktarma Merkezi");
        assertThat(html).as("the carrier's own words may name who signed").doesNotContain("Ahmet");
        assertThat(html).contains(">UPS<").contains(p.id().trackingNumber()).contains("https://www.ups.com/track?");
        assertThat(html).contains("data-action=\"anket\"").doesNotContain("data-action=\"adres\"").contains("/t/" + p.token() + "/iade");
        assertThat(html).as("no estimate once delivered").doesNotContain("id=\"eta\"");
        assertThat(html).as("the customer's name, e-mail and phone are not on a page its link opens")
                .doesNotContain("Selin").doesNotContain("@example.com").doesNotContain("5321110000");
    }

    @Test
    void a_failed_attempt_says_why_and_offers_the_address_and_the_day_with_the_moved_estimate() {
        Parcels.Parcel p = failedAttempt("tr");
        String html = given().get("/t/" + p.token()).body().asString();
        assertThat(html).contains("<h1 id=\"status\">Teslim edilemedi</h1>").contains("adreste kimse bulunamadı")
                .contains("class=\"status attention\"");
        assertThat(html).contains("<time datetime=\"2026-12-02\">2 Aralık Çarşamba</time>")
                .contains("Tahmini teslimat değişti: 1 Aralık Salı → 2 Aralık Çarşamba");
        assertThat(html).contains("data-action=\"adres\"").contains("data-action=\"randevu\"").doesNotContain("data-action=\"anket\"")
                .doesNotContain("/iade");
        assertThat(html).as("the last place, on the sketch of Turkey").contains("Son görüldüğü yer: BORNOVA / İZMİR").contains("<svg id=\"sketch\"");
    }

    @Test
    void the_language_is_the_switchs_else_the_customers_else_the_browsers() {
        Parcels.Parcel english = delivered("en");
        assertThat(given().get("/t/" + english.token()).body().asString()).contains("<html lang=\"en\">").contains(">Delivered</h1>")
                .contains("30 November 14:42").contains("href=\"/t/" + english.token() + "?lang=tr\"");
        assertThat(given().queryParam("lang", "tr").get("/t/" + english.token()).body().asString()).contains(">Teslim edildi</h1>");
        Parcels.Parcel none = parcels.stored(null, new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "İZMİR", null));
        assertThat(given().header("Accept-Language", "en-GB,en;q=0.9,tr;q=0.5").get("/t/" + none.token()).body().asString())
                .contains(">On its way</h1>");
        assertThat(given().header("Accept-Language", "de-DE,tr;q=0.8").get("/t/" + none.token()).body().asString()).contains(">Yolda</h1>");
    }

    @Test
    void the_brands_support_faq_and_offers_are_on_the_page_and_their_clicks_are_counted_links() {
        Parcels.Parcel p = delivered("tr");
        String html = given().get("/t/" + p.token()).body().asString();
        assertThat(html).contains("Kargom ne zaman gelir?").contains("İpek şal").contains("249,90 TL").contains("data-support=\"whatsapp\"");
        assertThat(html).as("the contacts go through the page, which counts them").doesNotContain("wa.me").doesNotContain("905321112233");
        Response whatsapp = given().redirects().follow(false).get("/t/" + p.token() + "/git/destek-whatsapp");
        assertThat(whatsapp.statusCode()).isEqualTo(302);
        assertThat(whatsapp.header("Location")).isEqualTo("https://wa.me/905321112233");
        assertThat(given().redirects().follow(false).get("/t/" + p.token() + "/git/urun-ipek-sal").header("Location"))
                .isEqualTo("https://modax.example/p/ipek-sal");
        assertThat(given().redirects().follow(false).get("/t/" + p.token() + "/iade").header("Location")).isEqualTo("https://modax.example/iade");
        assertThat(given().redirects().follow(false).get("/t/" + p.token() + "/git/https:%2F%2Fevil.example").statusCode())
                .as("no open redirect").isEqualTo(404);
    }

    @Test
    void the_json_api_gives_the_same_data_for_the_merchants_site() throws Exception {
        Parcels.Parcel p = failedAttempt("tr");
        Response r = given().header("Accept-Language", "en").queryParam("lang", "en").get("/api/tracking/" + p.token());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(r.body().asString());
        assertThat(json.path("status").path("code").asText()).isEqualTo("failed_attempt");
        assertThat(json.path("status").path("headline").asText()).isEqualTo("Delivery attempt failed");
        assertThat(json.path("estimatedDelivery").path("date").asText()).isEqualTo("2026-12-02");
        assertThat(json.path("carrier").path("trackingNumber").asText()).isEqualTo(p.id().trackingNumber());
        assertThat(json.path("timeline")).hasSize(2);
        assertThat(json.path("timeline").get(0).path("at").asText()).isEqualTo("2026-12-01T09:15:00Z");
        assertThat(json.path("map").path("last").path("latitude").asDouble()).isBetween(38.0, 39.0);
        assertThat(r.body().asString()).doesNotContain("Selin").doesNotContain("@example.com");
        assertThat(given().header("Origin", "https://www.modax.example").get("/api/tracking/" + p.token()).header("Access-Control-Allow-Origin"))
                .as("the merchant's own site reads it from its pages").isEqualTo("https://www.modax.example");
        assertThat(given().header("Origin", "https://evil.example").get("/api/tracking/" + p.token()).header("Access-Control-Allow-Origin"))
                .as("no other site").isNull();
        Response missing = given().get("/api/tracking/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void every_token_that_names_nothing_gets_the_same_not_found_page() {
        Parcels.Parcel p = delivered("tr");
        parcels.shipments().revokePageToken(p.id());
        Response revoked = given().get("/t/" + p.token());
        Response unknown = given().get("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Response absurd = given().get("/t/" + "x".repeat(300));
        for (Response r : new Response[] {revoked, unknown, absurd}) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body().asString()).contains("id=\"not-found\"").contains("Bu bağlantı geçerli değil").doesNotContain("Teslim edildi");
        }
        assertThat(revoked.body().asString()).isEqualTo(unknown.body().asString());
        assertThat(given().header("Accept-Language", "en").get("/t/nothing").body().asString()).contains("This link is not valid");
    }

    @Test
    void the_page_is_strict_small_and_its_assets_are_cached_for_good() {
        Parcels.Parcel p = delivered("tr");
        Response page = given().get("/t/" + p.token());
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").contains("form-action 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Server-Timing")).as("the function's own time, for ./kargo bench").matches("page;dur=\\d+\\.\\d");
        assertThat(given().get("/t/nothing-here").header("Server-Timing")).as("a miss is timed alike").startsWith("page;dur=");
        String html = page.body().asString();
        assertThat(html).as("no inline script or style").doesNotContain("<style").doesNotContain("style=\"").doesNotContain("<script>");
        long bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Matcher assets = Pattern.compile("(?:href|src)=\"(/static/[^\"]+)\"").matcher(html);
        int found = 0;
        while (assets.find()) {
            Response asset = given().get(assets.group(1));
            assertThat(asset.statusCode()).isEqualTo(200);
            assertThat(asset.header("Cache-Control")).contains("immutable");
            bytes += asset.body().asByteArray().length;
            found++;
        }
        assertThat(found).as("theme, style and script").isEqualTo(3);
        assertThat(bytes).as("the page with its own assets, before any map tiles").isLessThan(100_000);
        assertThat(html).as("nothing from another site by default").doesNotContainPattern("(?:src|href)=\"https?://(?!www\\.ups\\.com)");
    }

    @Test
    void every_view_is_counted_on_the_shipment_and_the_day_but_not_a_link_preview() {
        Parcels.Parcel p = delivered("tr");
        var stack = KargoStackResource.stack();
        var events = new io.kargotakip.aws.store.PageEvents(stack.dynamo(), stack.tables().shipments(), java.time.Duration.ofDays(180),
                io.kargotakip.aws.observability.Metrics.forFunction("test"));
        long today = events.find(io.kargotakip.aws.store.PageEvents.day(java.time.Instant.now())).getOrDefault("view", 0L);
        given().header("User-Agent", "Mozilla/5.0 (iPhone)").get("/t/" + p.token()).then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (iPhone)").get("/t/" + p.token()).then().statusCode(200);
        given().header("User-Agent", "WhatsApp/2.23.20").get("/t/" + p.token()).then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (iPhone)").redirects().follow(false).get("/t/" + p.token() + "/git/destek-telefon");
        assertThat(events.views(p.id())).hasValueSatisfying(v -> assertThat(v.count()).isEqualTo(2));
        Map<String, Long> day = events.find(io.kargotakip.aws.store.PageEvents.day(java.time.Instant.now()));
        assertThat(day.get("view")).isGreaterThanOrEqualTo(today + 2);
        assertThat(day).containsKey("support_click");
    }

    @Test
    void the_customers_answer_to_a_messages_question_is_shown_on_her_page() {
        Parcels.Parcel p = failedAttempt("tr");
        var stack = KargoStackResource.stack();
        var change = new io.kargotakip.core.notification.StatusChange(p.id(), p.orderId(), null, TrackingStatus.OUT_FOR_DELIVERY, null,
                java.time.Instant.now(), null, null, null, "k");
        String occurrence = p.id() + "/cod_delivery_morning/day=2026-12-02";
        var details = new io.kargotakip.core.notification.NotificationIntent.Details("cod_delivery_morning", occurrence,
                java.util.List.of("cod_confirmation"), null, null, null);
        var intent = io.kargotakip.core.notification.NotificationIntent.of(change,
                io.kargotakip.core.notification.MessageKind.fromTemplateName("cod_delivery_day"), "email", "", details);
        new io.kargotakip.aws.store.NotificationRepository(stack.dynamo(), stack.tables().notifications(), java.time.Duration.ofDays(30))
                .createIfAbsent(intent, java.time.Instant.now());
        new io.kargotakip.aws.store.AnswerLog(stack.dynamo(), stack.tables().events(), java.time.Duration.ofDays(30)).record(
                new io.kargotakip.aws.store.AnswerLog.Answer(occurrence, "cod_confirmation", "confirmed", java.time.Instant.now(), "email",
                        intent.notificationId(), "cod_delivery_day", p.orderId(), p.id().toString()), java.time.Instant.now());
        assertThat(given().get("/t/" + p.token()).body().asString()).contains("Kapıda ödeme: teslimatı bugün beklediğini bildirdin.");
    }
}
