package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-service pages over HTTP on the emulated tables: a new address checked against the address book (a typo gets
 * a suggestion and saves nothing; a valid one is saved pending and alerts operations by e-mail), a delivery day from
 * those offered, one survey answer after delivery with a low score alerted, the preference centre writing the consent
 * ledger, and every post refused without this page's form value, from another site, or past the rate limit.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
@TestProfile(TrackingPageResourceTest.Brand.class)
class SelfServicePagesTest {

    static final String OPS = TrackingPageResourceTest.OPS;

    private final KargoStack stack = KargoStackResource.stack();
    private final Parcels parcels = new Parcels(stack);
    private final Links links = new Links(Brand.fromEnvironment(stack.environment()::get));
    private final SelfServiceLog log = new SelfServiceLog(stack.dynamo(), stack.tables().shipments(), Duration.ofDays(180));

    private Parcels.Parcel onItsWay() {
        return parcels.stored("tr", new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "İZMİR", LocalDate.parse("2026-12-04")),
                new Parcels.Scan(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T09:15:00Z", "BORNOVA / İZMİR", null));
    }

    private Parcels.Parcel delivered() {
        return parcels.stored("tr", new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "İZMİR", null),
                new Parcels.Scan(TrackingStatus.DELIVERED, null, "2026-12-01T09:15:00Z", "BORNOVA / İZMİR", null));
    }

    /** The form's value as the page hands it out. */
    private static String formToken(String html) {
        Matcher m = Pattern.compile("name=\"form\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the form carries its anti-forgery value").isTrue();
        return m.group(1);
    }

    /** A post as the page's form makes it, from the page's own origin, with the value of the form just shown. */
    private RequestSpecification post(Parcels.Parcel p, String action) {
        String token = formToken(given().get("/t/" + p.token() + "/" + action).body().asString());
        return given().redirects().follow(false).header("Sec-Fetch-Site", "same-origin").header("X-Forwarded-For", "203.0.113.7")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("form", token);
    }

    @Test
    void an_address_with_a_typo_gets_a_suggestion_and_saves_nothing_a_valid_one_is_pending_and_told_to_operations() {
        Parcels.Parcel p = onItsWay();
        String form = given().get("/t/" + p.token() + "/adres").body().asString();
        assertThat(form).contains("<label for=\"f-province\">İl</label>").contains("<datalist id=\"provinces\">").contains("<option value=\"İstanbul\">");
        Response typo = post(p, "adres").formParam("province", "İstanbul").formParam("district", "Kadıkoyy").formParam("neighbourhood", "Caferağa")
                .formParam("postalCode", "34710").formParam("line", "Moda Cad. No: 12 D: 5").post("/t/" + p.token() + "/adres");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body().asString()).contains("aria-invalid=\"true\" aria-describedby=\"e-district\"")
                .contains("data-field=\"district\" data-value=\"Kadıköy\"").contains("Lütfen işaretli alanları düzelt.")
                .as("what she typed stays").contains("value=\"Moda Cad. No: 12 D: 5\"");
        assertThat(log.findAddress(p.id(), Instant.now())).as("nothing saved").isEmpty();

        Response saved = post(p, "adres").formParam("province", "istanbul").formParam("district", "Kadıköy").formParam("neighbourhood", "Caferağa")
                .formParam("postalCode", "34710").formParam("line", "Moda Cad. No: 12 D: 5").post("/t/" + p.token() + "/adres");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.header("Location")).endsWith("/t/" + p.token() + "?lang=tr");
        assertThat(log.findAddress(p.id(), Instant.now())).hasValueSatisfying(c -> {
            assertThat(c.pending()).isTrue();
            assertThat(c.address().district()).isEqualTo("Kadıköy");
            assertThat(c.address().province()).isEqualTo("İstanbul");
        });
        String page = given().get("/t/" + p.token()).body().asString();
        assertThat(page).contains("Yeni adresin kaydedildi").contains("Kargo firması onaylayana kadar beklemede").contains("Teslimat ilçesi: Kadıköy, İstanbul");
        assertThat(stack.mailsTo(OPS)).anySatisfy(m -> assertThat(m.toString()).contains(p.id().toString()).contains("Kadıköy"));
    }

    @Test
    void the_address_forms_pick_lists_come_by_province_only() {
        Parcels.Parcel p = onItsWay();
        assertThat(given().queryParam("il", "izmir").get("/t/" + p.token() + "/adres/liste").jsonPath().getList("districts"))
                .contains("Bornova", "Karşıyaka").hasSizeGreaterThan(20);
        var istanbul = given().queryParam("il", "İstanbul").get("/t/" + p.token() + "/adres/liste").jsonPath();
        assertThat(istanbul.getList("neighbourhoods.'Kadıköy'.postalCode")).contains("34710");
        assertThat(istanbul.getList("neighbourhoods.'Kadıköy'.name")).contains("Caferağa Mah");
        assertThat(given().queryParam("il", "İstanbul").get("/t/not-a-token/adres/liste").statusCode()).isEqualTo(404);
    }

    @Test
    void a_delivery_day_is_one_of_those_offered() {
        Parcels.Parcel p = onItsWay();
        String form = given().get("/t/" + p.token() + "/randevu").body().asString();
        Matcher days = Pattern.compile("name=\"day\" value=\"(\\d{4}-\\d{2}-\\d{2})\"").matcher(form);
        assertThat(days.find()).isTrue();
        String first = days.group(1);
        assertThat(LocalDate.parse(first).getDayOfWeek()).isNotEqualTo(java.time.DayOfWeek.SUNDAY);
        Response sunday = post(p, "randevu").formParam("day", "2099-01-04").post("/t/" + p.token() + "/randevu");
        assertThat(sunday.statusCode()).isEqualTo(400);
        assertThat(sunday.body().asString()).contains("id=\"e-day\"");
        assertThat(log.findReschedule(p.id(), Instant.now())).isEmpty();
        assertThat(post(p, "randevu").formParam("day", first).post("/t/" + p.token() + "/randevu").statusCode()).isEqualTo(303);
        assertThat(log.findReschedule(p.id(), Instant.now())).hasValueSatisfying(r -> assertThat(r.day()).isEqualTo(LocalDate.parse(first)));
        assertThat(given().get("/t/" + p.token()).body().asString()).contains("Teslimat günü isteğin kaydedildi");
    }

    @Test
    void the_survey_takes_one_answer_after_delivery_and_a_low_score_alerts_operations() {
        Parcels.Parcel early = onItsWay();
        assertThat(given().get("/t/" + early.token() + "/anket").body().asString()).contains("Teslimat tamamlanınca değerlendirebilirsin.")
                .doesNotContain("name=\"score\"");
        Parcels.Parcel p = delivered();
        Response bad = post(p, "anket").formParam("score", "11").post("/t/" + p.token() + "/anket");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body().asString()).contains("id=\"e-score\"");
        Response low = post(p, "anket").formParam("score", "3").formParam("comment", "Kurye çok geç geldi").post("/t/" + p.token() + "/anket");
        assertThat(low.statusCode()).isEqualTo(303);
        assertThat(given().get("/t/" + p.token()).body().asString()).contains("Teşekkürler! Puanın: 3.");
        assertThat(given().get("/t/" + p.token() + "/anket").body().asString()).contains("Teşekkürler! Puanın: 3.").doesNotContain("name=\"score\"");
        assertThat(log.findNps(p.id(), Instant.now())).hasValueSatisfying(a -> assertThat(a.score()).isEqualTo(3));
        assertThat(stack.mailsTo(OPS)).anySatisfy(m -> assertThat(m.toString()).contains(p.id().toString()).contains("Kurye çok geç geldi"));
    }

    @Test
    void the_preference_centre_writes_the_consent_ledger_and_stops_everything_at_once() {
        Parcels.Parcel p = onItsWay();
        String form = given().get("/t/" + p.token() + "/tercihler").body().asString();
        assertThat(form).contains("name=\"channel\" value=\"email\" checked").contains("name=\"channel\" value=\"sms\" checked")
                .contains("name=\"channel\" value=\"whatsapp\">");
        String customer = CustomerId.of(parcels.orders().find(p.orderId()).orElseThrow().customer()).orElseThrow();
        ConsentLedger ledger = new ConsentLedger(stack.dynamo(), stack.tables().orders());
        Response some = post(p, "tercihler").formParam("channel", "sms").formParam("channel", "whatsapp").formParam("do", "save")
                .post("/t/" + p.token() + "/tercihler");
        assertThat(some.statusCode()).isEqualTo(200);
        assertThat(some.body().asString()).contains("Tercihlerin kaydedildi").contains("name=\"channel\" value=\"email\">");
        assertThat(ledger.current(customer)).satisfies(c -> {
            assertThat(c.get("email").granted()).isFalse();
            assertThat(c.get("whatsapp").granted()).isTrue();
            assertThat(c.get("email").source()).isEqualTo(ConsentLedger.TRACKING_PAGE);
        });
        assertThat(ledger.current(customer)).doesNotContainKey("sms"); // unchanged: nothing appended
        post(p, "tercihler").formParam("do", "stop_all").post("/t/" + p.token() + "/tercihler").then().statusCode(200);
        assertThat(ledger.current(customer).values()).allSatisfy(e -> assertThat(e.granted()).isFalse()).hasSize(3);
    }

    @Test
    void a_post_without_this_pages_form_value_or_from_another_site_saves_nothing() {
        Parcels.Parcel p = delivered();
        RequestSpecification base = given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("score", "9");
        assertThat(base.post("/t/" + p.token() + "/anket").statusCode()).as("no form value").isEqualTo(403);
        String other = links.pageFormToken(p.token(), "randevu", Instant.now().plusSeconds(600).getEpochSecond());
        assertThat(given().contentType("application/x-www-form-urlencoded").formParam("form", other).formParam("score", "9")
                .post("/t/" + p.token() + "/anket").statusCode()).as("another action's value").isEqualTo(403);
        String expired = links.pageFormToken(p.token(), "anket", Instant.now().minusSeconds(1).getEpochSecond());
        assertThat(given().contentType("application/x-www-form-urlencoded").formParam("form", expired).formParam("score", "9")
                .post("/t/" + p.token() + "/anket").statusCode()).as("an expired value").isEqualTo(403);
        Response cross = post(p, "anket").header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example").formParam("score", "9")
                .post("/t/" + p.token() + "/anket");
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(cross.body().asString()).contains("Bu form bu sayfadan gönderilmedi");
        assertThat(given().contentType("application/json").body("{\"score\": 9}").post("/t/" + p.token() + "/anket").statusCode()).isIn(400, 403);
        assertThat(log.findNps(p.id(), Instant.now())).as("nothing saved").isEmpty();
        assertThat(given().contentType("application/x-www-form-urlencoded").formParam("x", "1").post("/t/" + p.token() + "/iade").statusCode())
                .as("not a form of the page").isEqualTo(404);
    }

    @Test
    void posts_past_the_page_tokens_limit_are_refused_with_429() {
        Parcels.Parcel p = delivered();
        String token = formToken(given().get("/t/" + p.token() + "/anket").body().asString());
        int refused = 0;
        for (int i = 0; i < PageForms.PER_TOKEN + 2; i++) {
            int status = given().redirects().follow(false).header("X-Forwarded-For", "198.51.100." + i).contentType("application/x-www-form-urlencoded")
                    .formParam("form", token).formParam("score", "x").post("/t/" + p.token() + "/anket").statusCode();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(2);
    }
}
