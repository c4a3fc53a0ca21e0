package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.store.AnswerLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The COD and address confirmation pages: the message's tracked link leads to the question, a GET records nothing, the
 * first posted answer of an occurrence stands, a declined delivery alerts operations once (the ops e-mail, on the SES
 * emulator), forged links and forged posts are refused alike, and a real browser answers by clicking.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
@TestProfile(AnswersResourceTest.OpsMail.class)
class AnswersResourceTest {

    static final String OPS = "operasyon+" + UUID.randomUUID().toString().substring(0, 8) + "@modax.example";

    /** Operations' alerts by e-mail to a mailbox of this class. */
    public static class OpsMail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("KARGO_OPS_EMAIL", OPS);
        }
    }

    private final KargoStack stack = KargoStackResource.stack();
    private final Links links = new Links(Brand.fromEnvironment(stack.environment()::get));
    private final NotificationRepository notifications = new NotificationRepository(stack.dynamo(), stack.tables().notifications(),
            Duration.ofDays(30));
    private final AnswerLog answers = new AnswerLog(stack.dynamo(), stack.tables().events(), Duration.ofDays(30));

    /** A COD delivery-day message sent by e-mail, its SMS fallback sent too: two links to one occurrence. */
    private record Sent(String orderId, String orderNo, ShipmentId shipment, NotificationIntent email, NotificationIntent sms, String occurrenceKey) {
        String token(Links links) {
            return tokenOf(links.click(email.notificationId()));
        }

        String smsToken(Links links) {
            return tokenOf(links.click(sms.notificationId()));
        }
    }

    static String tokenOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private Sent sent(String locale, String country, String kind, String offer) {
        String n = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String orderId = "COD-" + n;
        String orderNo = "7" + n.substring(0, 5);
        ShipmentId shipment = new ShipmentId("ups", "1Z999AA1" + n);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("""
                {"orderId":"%s","orderNo":"%s","source":"web",
                 "customer":{"firstName":"Deniz","email":"deniz.%s@example.com","phone":"+905321119900"%s},
                 "consent":{"email":true,"sms":true},"value":1249.90,"currency":"TRY","codAmount":1249.90%s,
                 "shipments":[{"carrier":"ups","trackingNumber":"%s"}]}""".formatted(orderId, orderNo, n,
                        locale == null ? "" : ",\"locale\":\"" + locale + "\"", country == null ? "" : ",\"shipTo\":{\"country\":\"" + country + "\"}",
                        shipment.trackingNumber()))
                .post("/orders").then().statusCode(201);
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.OUT_FOR_DELIVERY, null, Instant.now(), null, null, null, "k");
        String occurrence = shipment + "/cod_delivery_morning/out_for_delivery";
        NotificationIntent.Details details = new NotificationIntent.Details("cod_delivery_morning", occurrence, List.of(offer), null, null, null);
        NotificationIntent email = NotificationIntent.of(change, MessageKind.fromTemplateName(kind), "email", "", details);
        NotificationIntent sms = email.over("sms", "");
        Instant now = Instant.now();
        for (NotificationIntent intent : List.of(email, sms)) {
            notifications.createIfAbsent(intent, now);
            assertThat(notifications.claim(intent.notificationId(), now, Duration.ofMinutes(2))).isTrue();
            notifications.markSent(intent.notificationId(), "p-" + n, now);
        }
        return new Sent(orderId, orderNo, shipment, email, sms, occurrence);
    }

    private Sent cod() {
        return sent("tr", null, "cod_delivery_day", "cod_confirmation");
    }

    /** A post as the page's form makes it, from the page's own origin. */
    private RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("Origin", "https://takip.modax.example").header("Sec-Fetch-Site", "same-origin");
    }

    private Response post(String token, String action, String answer) {
        return form().formParam("form", links.answerFormToken(token)).formParam("answer", answer).post("/a/" + token + "/" + action);
    }

    private Optional<AnswerLog.Answer> recorded(Sent sent) {
        return answers.find(AnswerLog.key(sent.occurrenceKey(), "cod_confirmation"));
    }

    private List<JsonNode> opsMails(Sent sent) {
        return stack.mailsTo(OPS).stream().filter(m -> m.path("body").path("text").asText().contains("order " + sent.orderNo())).toList();
    }

    @Test
    void the_message_s_link_leads_to_the_question_in_the_customer_s_language_and_a_get_records_nothing() {
        Sent sent = cod();
        String token = sent.token(links);

        Response click = given().redirects().follow(false).header("User-Agent", TrackedLinksResourceTest.BROWSER)
                .get("/c/" + token + "/odeme-teyit");
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.header("Location")).isEqualTo("https://takip.modax.example/a/" + token + "/odeme-teyit");

        Response page = given().get("/a/" + token + "/odeme-teyit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.asString();
        assertThat(html).contains("<html lang=\"tr\"")
                .contains("Kapıda ödeyeceğiniz tutar: 1.249,90 TL. Teslimatı bugün bekliyor musunuz?")
                .contains("Kurye kart ve nakit kabul eder; kartla ödeme için POS cihazı yanında.")
                .contains("value=\"confirmed\"").contains("Evet, ödemeyi kapıda yapacağım")
                .contains("value=\"declined\"").contains("Hayır, teslimatı istemiyorum")
                .contains("name=\"form\" value=\"" + links.answerFormToken(token) + "\"")
                .doesNotContain("deniz.").doesNotContain("+90532");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'sha256-")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").doesNotContain("script-src");
        assertThat(String.join(",", page.headers().getValues("Cache-Control"))).contains("no-store");
        assertThat(recorded(sent)).as("a GET never answers").isEmpty();
    }

    @Test
    void a_confirmation_is_recorded_once_and_a_different_later_answer_is_told_the_first_stands() {
        Sent sent = cod();
        String token = sent.token(links);

        Response confirmed = post(token, "odeme-teyit", "confirmed");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.asString()).contains("Teşekkürler, yanıtınız kaydedildi.")
                .contains("Yanıtınız kaydedildi: Evet, ödemeyi kapıda yapacağım");
        AnswerLog.Answer answer = recorded(sent).orElseThrow();
        assertThat(answer.answer()).isEqualTo("confirmed");
        assertThat(answer.channel()).isEqualTo("email");
        assertThat(answer.notificationId()).isEqualTo(sent.email().notificationId());
        assertThat(answer.orderId()).isEqualTo(sent.orderId());

        assertThat(post(token, "odeme-teyit", "confirmed").asString()).as("the same again: the same thank-you")
                .contains("Teşekkürler, yanıtınız kaydedildi.");
        Response changed = post(sent.smsToken(links), "odeme-teyit", "declined");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.asString()).as("the SMS's link is the same occurrence: the first answer stands")
                .contains("Yanıtınız kaydedildi: Evet, ödemeyi kapıda yapacağım").doesNotContain("Teşekkürler");
        assertThat(recorded(sent).orElseThrow()).isEqualTo(answer);
        assertThat(opsMails(sent)).as("a confirmation alerts nobody").isEmpty();

        assertThat(given().get("/a/" + token + "/odeme-teyit").asString()).as("the page no longer asks")
                .contains("Yanıtınız kaydedildi: Evet, ödemeyi kapıda yapacağım").doesNotContain("<form");

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/answers?orderId=" + sent.orderId()).then().statusCode(200)
                .body("orderId", equalTo(sent.orderId())).body("answers", hasSize(1))
                .body("answers[0].question", equalTo("cod_confirmation")).body("answers[0].answer", equalTo("confirmed"))
                .body("answers[0].channel", equalTo("email")).body("answers[0].notificationId", equalTo(sent.email().notificationId()))
                .body("answers[0].occurrenceKey", equalTo(sent.occurrenceKey()));
        given().get("/answers?orderId=" + sent.orderId()).then().statusCode(401);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/answers?orderId=NO-SUCH-ORDER").then().statusCode(404);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).get("/answers").then().statusCode(400);
    }

    @Test
    void a_declined_delivery_alerts_operations_once_with_ids_and_the_order_number_and_no_contact() {
        Sent sent = cod();

        Response declined = post(sent.token(links), "odeme-teyit", "declined");
        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(declined.asString()).contains("Yanıtınız kaydedildi: Hayır, teslimatı istemiyorum");
        post(sent.token(links), "odeme-teyit", "declined").then().statusCode(200);
        post(sent.smsToken(links), "odeme-teyit", "declined").then().statusCode(200);

        List<JsonNode> mails = opsMails(sent);
        assertThat(mails).as("once per occurrence").hasSize(1);
        String text = mails.get(0).path("body").path("text").asText();
        assertThat(mails.get(0).path("subject").asText()).isEqualTo("[Kargo Takip] Kargo Takip: the customer does not want today's cash-on-delivery delivery");
        assertThat(text).contains("order " + sent.orderNo() + " (" + sent.orderId() + ")").contains("shipment " + sent.shipment())
                .contains("notification " + sent.email().notificationId()).contains("answer declined")
                .contains(sent.occurrenceKey() + "/answer/cod_confirmation")
                .doesNotContain("@example.com").doesNotContain("+90532").doesNotContain("Deniz");
        assertThat(recorded(sent).orElseThrow().answer()).isEqualTo("declined");
    }

    @Test
    void a_wrong_address_is_recorded_and_alerted_like_a_declined_delivery() {
        Sent sent = sent("tr", null, "address_problem", "address_confirmation");
        String token = sent.token(links);

        assertThat(given().get("/a/" + token + "/adres-teyit").asString()).contains("Adresiniz doğru mu?").contains("value=\"wrong_address\"")
                .doesNotContain("POS");
        post(token, "adres-teyit", "wrong_address").then().statusCode(200);

        assertThat(answers.find(AnswerLog.key(sent.occurrenceKey(), "address_confirmation")).orElseThrow().answer()).isEqualTo("wrong_address");
        assertThat(opsMails(sent)).hasSize(1);
        assertThat(opsMails(sent).get(0).path("subject").asText()).contains("the delivery address is wrong");
    }

    @Test
    void every_link_that_leads_nowhere_gets_the_same_not_found_page_and_nothing_is_saved() {
        Sent sent = cod();
        String id = sent.email().notificationId();
        String optOutToken = tokenOf(links.optOut(id));
        String unknown = tokenOf(links.click("n-0000000000000000000000000000dead"));

        String body = null;
        for (String path : List.of("/a/" + id + ".forged/odeme-teyit", "/a/" + optOutToken + "/odeme-teyit", "/a/" + unknown + "/odeme-teyit",
                "/a/" + sent.token(links) + "/randevu", "/a/" + sent.token(links) + "/nope", "/a/no-dot/odeme-teyit")) {
            Response get = given().get(path);
            assertThat(get.statusCode()).as(path).isEqualTo(404);
            assertThat(get.contentType()).as(path).startsWith("text/html");
            body = body == null ? get.asString() : body;
            assertThat(get.asString()).as("no hint whether a shipment exists: " + path).isEqualTo(body);
            Response post = form().formParam("form", links.answerFormToken(id + ".forged")).formParam("answer", "declined").post(path);
            assertThat(post.statusCode()).as(path).isEqualTo(404);
            assertThat(post.asString()).as(path).isEqualTo(body);
        }
        assertThat(body).contains("Bu bağlantı geçerli değil ya da süresi doldu.");
        assertThat(recorded(sent)).isEmpty();
        assertThat(opsMails(sent)).isEmpty();
    }

    @Test
    void a_post_without_the_page_s_token_or_from_another_site_is_refused_and_a_bad_form_is_a_400_in_the_customer_s_language() {
        Sent sent = cod();
        String token = sent.token(links);
        String path = "/a/" + token + "/odeme-teyit";

        form().formParam("answer", "declined").post(path).then().statusCode(403);
        form().formParam("form", links.answerFormToken(sent.smsToken(links))).formParam("answer", "declined").post(path)
                .then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .formParam("form", links.answerFormToken(token)).formParam("answer", "declined").post(path).then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .formParam("form", links.answerFormToken(token)).formParam("answer", "declined").post(path).then().statusCode(403);
        Response refused = given().contentType("application/x-www-form-urlencoded").header("Origin", "null")
                .formParam("form", links.answerFormToken(token)).formParam("answer", "declined").post(path);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("Bu yanıt bu sayfadan gönderilmedi.");

        Response maybe = post(token, "odeme-teyit", "maybe");
        assertThat(maybe.statusCode()).isEqualTo(400);
        assertThat(maybe.asString()).contains("Yanıtınız okunamadı.").doesNotContain("Exception").doesNotContain("io.kargotakip");
        given().contentType("application/json").header("Origin", "https://takip.modax.example").body("{\"answer\":\"declined\"}").post(path)
                .then().statusCode(400);
        assertThat(recorded(sent)).as("nothing saved").isEmpty();
        assertThat(opsMails(sent)).isEmpty();

        Sent english = sent(null, "DE", "cod_delivery_day", "cod_confirmation");
        Response englishBad = post(english.token(links), "odeme-teyit", "maybe");
        assertThat(englishBad.statusCode()).isEqualTo(400);
        assertThat(englishBad.asString()).contains("<html lang=\"en\"").contains("Your answer could not be read.");
        assertThat(given().get("/a/" + english.token(links) + "/odeme-teyit").asString())
                .contains("The amount to pay at the door: TRY 1,249.90. Are you expecting the delivery today?");
    }

    @Test
    void the_customer_confirms_by_clicking_in_a_real_browser() throws Exception {
        Sent sent = cod();
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open("http://127.0.0.1:" + RestAssured.port + "/a/" + sent.token(links) + "/odeme-teyit");
            ApprovalsResourceTest.awaitTrue(page, "document.querySelector('button[value=confirmed]') !== null");
            assertThat(page.evaluate("document.getElementById('question').textContent").asText())
                    .isEqualTo("Kapıda ödeyeceğiniz tutar: 1.249,90 TL. Teslimatı bugün bekliyor musunuz?");
            page.evaluate("document.querySelector('button[value=confirmed]').click()");
            awaitAfterNavigation(page, "document.getElementById('thanks') !== null");
            assertThat(page.evaluate("document.getElementById('answer').textContent").asText())
                    .isEqualTo("Yanıtınız kaydedildi: Evet, ödemeyi kapıda yapacağım");
        }
        assertThat(recorded(sent).orElseThrow().answer()).isEqualTo("confirmed");
        assertThat(opsMails(sent)).isEmpty();
    }

    /** As {@code ApprovalsResourceTest.awaitTrue}, across the form's navigation (a script may fail while the page is replaced). */
    static void awaitAfterNavigation(Page page, String expression) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(15);
        while (true) {
            try {
                if (page.evaluate(expression).asBoolean()) {
                    return;
                }
            } catch (RuntimeException navigating) {
                // the old document is gone, the new one not there yet
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("the page never had " + expression + ": " + page.evaluate("document.body.innerText").asText());
            }
            Thread.sleep(50);
        }
    }
}
