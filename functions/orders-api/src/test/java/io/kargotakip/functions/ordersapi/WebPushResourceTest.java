package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.emulators.webpush.WebPushSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The browser's side of web push: the key, subscribing with the order's signed token, unsubscribing, CORS, the scripts. */
@QuarkusTest
@QuarkusTestResource(value = WebPushResourceTest.WithWebPush.class, restrictToAnnotatedClass = true)
class WebPushResourceTest {

    static final String SHOP = "https://www.modax.example";
    static final String CONSENT = "Kargonuzun durumunu bu tarayıcıya bildirim olarak gönderelim mi?";
    /** Any 65-byte uncompressed point will do for the orders API: it only hands the key out. */
    static final String PUBLIC_KEY;

    static {
        byte[] point = new byte[65];
        point[0] = 4;
        point[64] = 9;
        PUBLIC_KEY = Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    /** The test stack with web push on and the shop's origin allowed. */
    public static class WithWebPush extends KargoStackResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> env = new HashMap<>(super.start());
            env.put("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", PUBLIC_KEY);
            env.put("KARGO_WEBPUSH_ALLOWED_ORIGINS", "https://modax.example, " + SHOP + "/");
            return env;
        }
    }

    static WebPushSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new WebPushSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Links links() {
        return new Links(Brand.fromEnvironment(KargoStackResource.stack().environment()::get));
    }

    static OrderRepository orders() {
        KargoStack stack = KargoStackResource.stack();
        return new OrderRepository(stack.dynamo(), stack.tables().orders());
    }

    static ConsentLedger ledger() {
        KargoStack stack = KargoStackResource.stack();
        return new ConsentLedger(stack.dynamo(), stack.tables().orders());
    }

    /** Imports an order through POST /orders and answers the web push token the answer hands the merchant. */
    static String importOrder(String orderId, String email) {
        ExtractableResponse<?> answer = given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("""
                {"orderId":"%s","orderNo":"9001","source":"web",
                 "customer":{"firstName":"Elif","email":"%s","locale":"tr"},
                 "consent":{"email":true},
                 "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA1%s"}]}""".formatted(orderId, email,
                UUID.randomUUID().toString().replaceAll("[^0-9]", "").concat("0000000000").substring(0, 10)))
                .post("/orders").then().statusCode(201).extract();
        return answer.path("webPushTokens.'" + orderId + "'");
    }

    static String body(WebPushSandbox.Subscription s, String consentText) {
        String json = s.json();
        return json.substring(0, json.length() - 1) + (consentText == null ? "" : ",\"consentText\":\"" + consentText + "\"") + "}";
    }

    @Test
    void the_page_gets_the_vapid_public_key() {
        given().header("Origin", SHOP).get("/webpush/key").then().statusCode(200)
                .header("Access-Control-Allow-Origin", SHOP).body("publicKey", equalTo(PUBLIC_KEY));
    }

    @Test
    void the_order_answer_hands_a_token_and_the_browser_subscribes_with_it_then_unsubscribes() {
        String orderId = "WP-" + UUID.randomUUID();
        String token = importOrder(orderId, "elif@example.com");
        assertThat(token).isEqualTo(links().webPushToken(orderId));
        WebPushSandbox.Subscription subscription = sandbox.newSubscription();

        given().header("Origin", SHOP).contentType("application/json").body(body(subscription, CONSENT))
                .post("/webpush/subscriptions/" + token).then().statusCode(201)
                .header("Access-Control-Allow-Origin", SHOP).body("orderId", equalTo(orderId));

        String stored = orders().find(orderId).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION);
        assertThat(stored).isEqualTo("{\"endpoint\":\"" + subscription.endpoint() + "\",\"keys\":{\"p256dh\":\"" + subscription.p256dh()
                + "\",\"auth\":\"" + subscription.auth() + "\"}}");
        assertThat(orders().find(orderId).orElseThrow().consent().allows("webpush")).as("the rules will store its fallback").isTrue();
        assertThat(orders().find(orderId).orElseThrow().consent().allows("email")).as("the rest of the consent stays").isTrue();
        ConsentLedger.Entry grant = ledger().current(CustomerId.ofEmail("elif@example.com")).get("webpush");
        assertThat(grant.granted()).isTrue();
        assertThat(grant.source()).isEqualTo("browser-subscription");
        assertThat(grant.text()).isEqualTo(CONSENT);

        given().header("Origin", SHOP).contentType("application/json").body("{}").delete("/webpush/subscriptions/" + token)
                .then().statusCode(204).header("Access-Control-Allow-Origin", SHOP);
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(orders().find(orderId).orElseThrow().customer().email()).isEqualTo("elif@example.com");
        assertThat(orders().find(orderId).orElseThrow().consent().allows("webpush")).isFalse();
        ConsentLedger.Entry optOut = ledger().current(CustomerId.ofEmail("elif@example.com")).get("webpush");
        assertThat(optOut.granted()).isFalse();
        assertThat(optOut.source()).isEqualTo("browser-subscription");
    }

    @Test
    void a_forged_token_or_an_unknown_order_is_a_404_problem_and_stores_nothing() {
        String orderId = "WP-" + UUID.randomUUID();
        String token = importOrder(orderId, "can@example.com");
        String body = body(sandbox.newSubscription(), CONSENT);
        given().contentType("application/json").body(body).post("/webpush/subscriptions/" + orderId + ".forged")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().contentType("application/json").body(body).post("/webpush/subscriptions/" + orderId).then().statusCode(404);
        given().contentType("application/json").body(body).post("/webpush/subscriptions/" + links().webPushToken("NO-" + UUID.randomUUID()))
                .then().statusCode(404).body("title", equalTo("Unknown order"));
        given().contentType("application/json").body(body).post("/webpush/subscriptions/"
                + links().optOut("n-1").substring(links().optOut("n-1").lastIndexOf('/') + 1)).then().statusCode(404); // an opt-out link's token
        given().delete("/webpush/subscriptions/" + orderId + ".forged").then().statusCode(404);
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(token).isNotNull();
    }

    @Test
    void an_invalid_subscription_is_422_with_its_reason_and_unreadable_json_400() {
        String orderId = "WP-" + UUID.randomUUID();
        String token = importOrder(orderId, "deniz.wp@example.com");
        WebPushSandbox.Subscription s = sandbox.newSubscription();
        String path = "/webpush/subscriptions/" + token;

        given().contentType("application/json").body("{\"endpoint\":").post(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().contentType("application/json").body("[]").post(path).then().statusCode(400);
        given().contentType("application/json").body(body(s, CONSENT).replace(sandbox.baseUrl(), "http://push.example.com"))
                .post(path).then().statusCode(422).body("detail", equalTo("endpoint must be an https URL"));
        given().contentType("application/json").body(body(s, CONSENT).replace(s.p256dh(), s.p256dh().substring(2)))
                .post(path).then().statusCode(422).body("detail", startsWith("keys.p256dh must be"));
        given().contentType("application/json").body(body(s, CONSENT).replace(s.auth(), "AAAA"))
                .post(path).then().statusCode(422).body("detail", startsWith("keys.auth must be"));
        given().contentType("application/json").body(body(s, null)).post(path).then().statusCode(422)
                .body("detail", containsString("consentText"));
        given().contentType("application/json").body(body(s, "x".repeat(501))).post(path).then().statusCode(422)
                .body("detail", containsString("500"));
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(ledger().current(CustomerId.ofEmail("deniz.wp@example.com"))).doesNotContainKey("webpush");
    }

    @Test
    void cors_allows_only_the_configured_origins_and_answers_the_preflight() {
        String orderId = "WP-" + UUID.randomUUID();
        String token = importOrder(orderId, "mert@example.com");
        String path = "/webpush/subscriptions/" + token;

        io.restassured.http.Headers preflight = given().header("Origin", SHOP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options(path).then().statusCode(204)
                .header("Access-Control-Allow-Origin", SHOP).header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .extract().headers();
        assertThat(String.join(",", preflight.getValues("Access-Control-Allow-Methods"))).contains("POST").contains("DELETE");
        given().header("Origin", "https://modax.example").options("/webpush/key").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://modax.example");

        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").options(path)
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").contentType("application/json").body(body(sandbox.newSubscription(), CONSENT))
                .post(path).then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/webpush/key").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        assertThat(orders().find(orderId).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION))
                .as("another origin's post changes nothing").isNull();
    }

    @Test
    void the_scripts_are_served_as_javascript() {
        given().get("/webpush.js").then().statusCode(200).contentType(startsWith("text/javascript"))
                .body(containsString("KargoWebPush")).body(containsString("userVisibleOnly: true")).body(containsString("data-order-token"));
        given().get("/kargo-sw.js").then().statusCode(200).contentType(startsWith("text/javascript"))
                .body(containsString("showNotification")).body(containsString("openWindow"));
        given().get("/other.js").then().statusCode(404);
    }
}
