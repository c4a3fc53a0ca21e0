package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.emulators.LoopbackHttpServer;
import io.kargotakip.emulators.webpush.WebPushSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Web push in a real headless Chromium: the merchant's order page (served by a "shop" on {@code http://localhost:<port>})
 * includes {@code webpush.js} from the orders API on {@code http://127.0.0.1:<port>} — two origins, so every call is a
 * real CORS request — and registers the shop's copy of {@code kargo-sw.js}. Only the browser's push subscription is a
 * stand-in (see {@link #PUSH_MANAGER_SHIM}); permission, service worker, fetches, preflights and notifications are
 * Chromium's own.
 */
@QuarkusTest
@QuarkusTestResource(value = WebPushBrowserTest.WithShop.class, restrictToAnnotatedClass = true)
class WebPushBrowserTest {

    static final String CONSENT = "Kargonuzun durumunu bu tarayıcıya bildirim olarak gönderelim mi?";
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * NOT REAL, the one part of the page that is not: offline, Chromium's {@code pushManager.subscribe()} cannot reach
     * the browser vendor's push service (FCM for Chromium), so the page replaces {@code PushManager.prototype.subscribe}
     * and {@code getSubscription} (null until subscribed) with a subscription of the local {@link WebPushSandbox}: its
     * endpoint and keys, {@code toJSON()} and {@code unsubscribe()}. It records the options webpush.js subscribed with.
     */
    static final String PUSH_MANAGER_SHIM = """
            (function () {
              var sandbox = %s;
              var current = null;
              window.pushShim = { subscribed: [], unsubscribed: 0 };
              function base64url(buffer) {
                var bytes = new Uint8Array(buffer), text = '';
                for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
                return btoa(text).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
              }
              PushManager.prototype.getSubscription = function () { return Promise.resolve(current); };
              PushManager.prototype.subscribe = function (options) {
                window.pushShim.subscribed.push({ userVisibleOnly: options.userVisibleOnly,
                                                  applicationServerKey: base64url(options.applicationServerKey) });
                current = {
                  endpoint: sandbox.endpoint,
                  expirationTime: null,
                  toJSON: function () { return JSON.parse(JSON.stringify(sandbox)); },
                  unsubscribe: function () { current = null; window.pushShim.unsubscribed++; return Promise.resolve(true); }
                };
                return Promise.resolve(current);
              };
            })();""";

    /** The test stack with web push on, and the shop's site: its origin is the one allowed. */
    public static class WithShop extends KargoStackResource {
        static volatile Shop shop;
        static volatile String vapidPublicKey;

        @Override
        public Map<String, String> start() {
            Map<String, String> env = new HashMap<>(super.start());
            shop = new Shop();
            vapidPublicKey = newVapidPublicKey();
            env.put("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", vapidPublicKey);
            env.put("KARGO_WEBPUSH_ALLOWED_ORIGINS", shop.origin());
            return env;
        }

        @Override
        public void stop() {
            shop.close();
            super.stop();
        }
    }

    /**
     * The merchant's site, on a free loopback port: the pages a test puts, and {@code /kargo-sw.js} as the merchant
     * copies it. Reached as {@code http://localhost:<port>} it is the shop's allowed origin; as
     * {@code http://127.0.0.1:<port>} the same pages are another origin, one the orders API does not allow.
     */
    static final class Shop implements AutoCloseable {
        private record Resource(String type, byte[] body) {
        }

        private final HttpServer server;
        private final Map<String, Resource> resources = new ConcurrentHashMap<>();

        Shop() {
            try {
                server = LoopbackHttpServer.create(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::serve);
            server.start();
        }

        String origin() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        String otherOrigin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void put(String path, String type, String body) {
            resources.put(path, new Resource(type, body.getBytes(StandardCharsets.UTF_8)));
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                Resource resource = resources.get(exchange.getRequestURI().getPath());
                if (resource == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", resource.type());
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, resource.body().length);
                exchange.getResponseBody().write(resource.body());
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static WebPushSandbox sandbox;
    Chromium chromium;

    @BeforeAll
    static void start() {
        sandbox = new WebPushSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void launch() {
        // the merchant downloads the service worker from the orders API and puts it at the root of the shop's site
        // (here, not in @BeforeAll: the API is up only once the test instance is)
        String worker = given().get("/kargo-sw.js").then().statusCode(200).extract().asString();
        shop().put("/kargo-sw.js", "text/javascript; charset=utf-8", worker);
        chromium = Chromium.launch();
    }

    @AfterEach
    void close() {
        chromium.close();
    }

    static Shop shop() {
        return WithShop.shop;
    }

    /** The orders API as the page reaches it, on the other loopback name than the shop's. */
    static String api() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    static OrderRepository orders() {
        KargoStack stack = KargoStackResource.stack();
        return new OrderRepository(stack.dynamo(), stack.tables().orders());
    }

    static ConsentLedger ledger() {
        KargoStack stack = KargoStackResource.stack();
        return new ConsentLedger(stack.dynamo(), stack.tables().orders());
    }

    /** The shop's order page for an order: the push shim, then the script tag as the README gives it. */
    static String orderPage(String token, WebPushSandbox.Subscription subscription, String unsubscribeText) {
        return """
                <!doctype html>
                <html lang="tr"><head><meta charset="utf-8"><title>ModaX: siparişin</title>
                <script>%s</script>
                <script src="%s/webpush.js" data-api="%s" data-order-token="%s" data-consent-text="%s"%s></script>
                </head><body><h1>Siparişin yolda</h1><button id="bildirim">%s</button></body></html>
                """.formatted(PUSH_MANAGER_SHIM.formatted(subscription.json()), api(), api(), attribute(token), attribute(CONSENT),
                unsubscribeText == null ? "" : " data-unsubscribe-text=\"" + attribute(unsubscribeText) + "\"", CONSENT);
    }

    static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    /** An order imported through POST /orders, its token the one the answer hands the merchant, and its page on the shop. */
    record ShopOrder(String orderId, String email, String token, WebPushSandbox.Subscription subscription, String path) {
    }

    static ShopOrder shopOrder(String unsubscribeText) {
        String orderId = "WPB-" + UUID.randomUUID();
        String email = "elif." + orderId.substring(4, 12) + "@example.com";
        String token = given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("""
                        {"orderId":"%s","orderNo":"9001","source":"web",
                         "customer":{"firstName":"Elif","email":"%s","locale":"tr"},
                         "consent":{"email":true},
                         "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA1%s"}]}""".formatted(orderId, email,
                        UUID.randomUUID().toString().replaceAll("[^0-9]", "").concat("0000000000").substring(0, 10)))
                .post("/orders").then().statusCode(201).extract().path("webPushTokens.'" + orderId + "'");
        assertThat(token).as("the order's answer hands the page its token").isNotBlank();
        WebPushSandbox.Subscription subscription = sandbox.newSubscription();
        String path = "/siparis/" + orderId;
        shop().put(path, "text/html; charset=utf-8", orderPage(token, subscription, unsubscribeText));
        return new ShopOrder(orderId, email, token, subscription, path);
    }

    /** The customer allowed notifications for the shop and clicked: KargoWebPush.subscribe() resolved. */
    Page subscribed(ShopOrder order) {
        chromium.grantPermissions(shop().origin(), "notifications");
        Page page = chromium.open(shop().origin() + order.path());
        JsonNode subscription = page.evaluate("KargoWebPush.subscribe().then(function (s) { return s.toJSON(); })");
        assertThat(subscription.path("endpoint").asText()).isEqualTo(order.subscription().endpoint());
        return page;
    }

    @Test
    void a_customer_subscribes_on_the_shop_page_and_the_api_stores_her_subscription_and_consent() throws IOException {
        ShopOrder order = shopOrder(null);
        Page page = subscribed(order);

        assertThat(page.evaluate("Notification.permission").asText()).isEqualTo("granted");
        JsonNode subscribedWith = page.evaluate("window.pushShim.subscribed");
        assertThat(subscribedWith).as("one subscribe, with the orders API's VAPID key").hasSize(1);
        assertThat(subscribedWith.get(0).path("userVisibleOnly").asBoolean()).isTrue();
        assertThat(subscribedWith.get(0).path("applicationServerKey").asText()).isEqualTo(WithShop.vapidPublicKey);

        JsonNode stored = JSON.readTree(orders().find(order.orderId()).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION));
        assertThat(stored.path("endpoint").asText()).isEqualTo(order.subscription().endpoint());
        assertThat(stored.at("/keys/p256dh").asText()).isEqualTo(order.subscription().p256dh());
        assertThat(stored.at("/keys/auth").asText()).isEqualTo(order.subscription().auth());
        assertThat(orders().find(order.orderId()).orElseThrow().consent().allows("webpush")).isTrue();
        ConsentLedger.Entry grant = ledger().current(CustomerId.ofEmail(order.email())).get("webpush");
        assertThat(grant.granted()).isTrue();
        assertThat(grant.source()).isEqualTo(ConsentLedger.BROWSER_SUBSCRIPTION);
        assertThat(grant.text()).as("the text the page showed, Turkish letters intact").isEqualTo(CONSENT);

        JsonNode registration = page.evaluate("""
                navigator.serviceWorker.getRegistration().then(function (r) {
                  return { scope: r.scope, script: r.active && r.active.scriptURL };
                })""");
        assertThat(registration.path("scope").asText()).as("registered on the shop's origin, scope /").isEqualTo(shop().origin() + "/");
        assertThat(registration.path("script").asText()).isEqualTo(shop().origin() + "/kargo-sw.js");
    }

    @Test
    void the_service_worker_shows_the_push_kargo_takip_sends() {
        ShopOrder order = shopOrder(null);
        Page page = subscribed(order);

        page.send("ServiceWorker.enable", null);
        JsonNode registration = page.await("ServiceWorker.workerRegistrationUpdated", params -> shopRegistration(params) != null);
        String registrationId = shopRegistration(registration).path("registrationId").asText();
        Page worker = workerWhenShown();
        int mark = worker.mark();
        // the web push channel's payload (WebPushChannel: {"title","body","kind","url"}, url the tracked click link)
        String payload = JSON.createObjectNode().put("title", "ModaX: siparişin kargoya verildi")
                .put("body", "Elif, siparişin UPS ile yolda. Tahmini teslim: 3 Aralık.").put("kind", "shipped")
                .put("url", "https://takip.modax.example/c/n-42.sig").toString();
        page.send("ServiceWorker.deliverPushMessage", JSON.createObjectNode().put("origin", shop().origin())
                .put("registrationId", registrationId).put("data", payload));
        worker.await(mark, "Runtime.consoleAPICalled", params -> params.at("/args/0/value").asText().equals(SHOWN), DEADLINE);

        JsonNode notifications = page.evaluate("""
                navigator.serviceWorker.ready.then(function (r) { return r.getNotifications(); }).then(function (all) {
                  return all.map(function (n) { return { title: n.title, body: n.body, data: n.data }; });
                })""");
        assertThat(notifications).as("one notification shown").hasSize(1);
        assertThat(notifications.get(0).path("title").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
        assertThat(notifications.get(0).path("body").asText()).isEqualTo("Elif, siparişin UPS ile yolda. Tahmini teslim: 3 Aralık.");
        assertThat(notifications.get(0).at("/data/url").asText()).isEqualTo("https://takip.modax.example/c/n-42.sig");
    }

    /** The shop's live registration in a {@code workerRegistrationUpdated} event, or null. */
    static JsonNode shopRegistration(JsonNode params) {
        for (JsonNode registration : params.path("registrations")) {
            if (registration.path("scopeURL").asText().equals(shop().origin() + "/") && !registration.path("isDeleted").asBoolean()) {
                return registration;
            }
        }
        return null;
    }

    static final String SHOWN = "kargo-test: showNotification done";

    /**
     * The shop's service worker, attached, with its {@code showNotification} observed: it logs {@link #SHOWN} once the
     * worker's own call has resolved. Reading {@code getNotifications()} before that is no use: in this Chromium
     * (150, headless) a read while the push event's notification is still being shown leaves it out, and so does every
     * later read, until the next notification of the origin is shown.
     */
    Page workerWhenShown() {
        String url = shop().origin() + "/kargo-sw.js";
        for (JsonNode target : chromium.send("Target.getTargets", null).path("targetInfos")) {
            if (target.path("type").asText().equals("service_worker") && target.path("url").asText().equals(url)) {
                Page worker = chromium.attach(target.path("targetId").asText());
                worker.send("Runtime.enable", null);
                worker.evaluate("""
                        (function () {
                          var show = ServiceWorkerRegistration.prototype.showNotification;
                          ServiceWorkerRegistration.prototype.showNotification = function () {
                            return show.apply(this, arguments).then(function (done) { console.log('%s'); return done; });
                          };
                        })()""".formatted(SHOWN));
                return worker;
            }
        }
        throw new AssertionError("no service worker " + url + " among the browser's targets");
    }

    @Test
    void a_page_on_an_origin_not_allowed_cannot_subscribe_and_nothing_is_stored() {
        ShopOrder order = shopOrder(null);
        String other = shop().otherOrigin();
        chromium.grantPermissions(other, "notifications");
        Page page = chromium.open(other + order.path());
        int mark = page.mark();
        page.send("Network.enable", null);

        assertThatThrownBy(() -> page.evaluate("KargoWebPush.subscribe()")).isInstanceOf(Page.ScriptFailed.class)
                .hasMessageContaining("Failed to fetch");
        JsonNode keyRefused = page.await(mark, "Network.loadingFailed", params -> params.has("corsErrorStatus"), DEADLINE);
        assertThat(keyRefused.at("/corsErrorStatus/corsError").asText()).as("the key's answer (403) has no Access-Control-Allow-Origin")
                .isEqualTo("MissingAllowOriginHeader");
        assertThat(page.evaluate("window.pushShim.subscribed").size()).as("without the key the page never subscribes").isZero();

        // what webpush.js would post next: its preflight is refused, so the POST itself never leaves the browser
        int posted = page.mark();
        String post = """
                fetch('%s/webpush/subscriptions/%s', { method: 'POST', mode: 'cors', credentials: 'omit',
                  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(%s) })""".formatted(api(), order.token(),
                order.subscription().json().replaceFirst("}$", ",\"consentText\":\"" + CONSENT + "\"}"));
        assertThatThrownBy(() -> page.evaluate(post)).isInstanceOf(Page.ScriptFailed.class).hasMessageContaining("Failed to fetch");
        JsonNode preflightRefused = page.await(posted, "Network.loadingFailed", params -> params.has("corsErrorStatus"), DEADLINE);
        assertThat(preflightRefused.at("/corsErrorStatus/corsError").asText()).as("the preflight's 403 has no Access-Control-Allow-Origin")
                .isEqualTo("PreflightMissingAllowOriginHeader");

        assertThat(orders().find(order.orderId()).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(orders().find(order.orderId()).orElseThrow().consent().allows("webpush")).isFalse();
        assertThat(ledger().current(CustomerId.ofEmail(order.email()))).doesNotContainKey("webpush");
    }

    @Test
    void unsubscribe_ends_the_subscription_and_the_api_removes_the_contact_and_records_the_opt_out() {
        String stopped = "Bu tarayıcıya kargo bildirimi gönderilmeyecek.";
        ShopOrder order = shopOrder(stopped);
        Page page = subscribed(order);
        assertThat(orders().find(order.orderId()).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNotNull();

        assertThat(page.evaluate("KargoWebPush.unsubscribe()").asBoolean()).isTrue();
        assertThat(page.evaluate("window.pushShim.unsubscribed").asInt()).as("the browser's subscription ended too").isEqualTo(1);
        assertThat(page.evaluate("navigator.serviceWorker.ready.then(function (r) { return r.pushManager.getSubscription(); })").isNull())
                .isTrue();

        assertThat(orders().find(order.orderId()).orElseThrow().customer().contact(ContactKind.WEB_PUSH_SUBSCRIPTION)).isNull();
        assertThat(orders().find(order.orderId()).orElseThrow().customer().email()).isEqualTo(order.email());
        assertThat(orders().find(order.orderId()).orElseThrow().consent().allows("webpush")).isFalse();
        ConsentLedger.Entry optOut = ledger().current(CustomerId.ofEmail(order.email())).get("webpush");
        assertThat(optOut.granted()).isFalse();
        assertThat(optOut.source()).isEqualTo(ConsentLedger.BROWSER_SUBSCRIPTION);
        assertThat(optOut.text()).as("the page's data-unsubscribe-text").isEqualTo(stopped);
        assertThat(ledger().history(CustomerId.ofEmail(order.email()))).filteredOn(e -> e.channel().equals("webpush"))
                .extracting(ConsentLedger.Entry::granted).as("the grant stays in the ledger, the opt-out after it").containsExactly(true, false);
    }

    static String newVapidPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            byte[] x = key.getW().getAffineX().toByteArray();
            byte[] y = key.getW().getAffineY().toByteArray();
            System.arraycopy(x, Math.max(0, x.length - 32), point, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
            System.arraycopy(y, Math.max(0, y.length - 32), point, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
