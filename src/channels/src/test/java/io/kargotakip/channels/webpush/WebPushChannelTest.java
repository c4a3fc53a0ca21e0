package io.kargotakip.channels.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.interaso.webpush.VapidKeys;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ChannelException.Reason;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.WebPushForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.webpush.WebPushSandbox;
import io.kargotakip.emulators.webpush.WebPushSandbox.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The web push channel against the local push service, which checks VAPID and decrypts as a browser would. */
class WebPushChannelTest {

    static final String SUBJECT = "mailto:bildirim@modax.example";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static WebPushSandbox sandbox;
    static VapidKeys keys;
    static String publicKey;

    @BeforeAll
    static void start() {
        sandbox = new WebPushSandbox();
        String[] pair = WebPushChannel.newKeyPair();
        publicKey = pair[0];
        keys = WebPushChannel.keys(pair[0], pair[1], "PUB", "PRIV");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void expectOurKey() {
        sandbox.expectVapidKey(publicKey);
    }

    static WebPushChannel channel() {
        return new WebPushChannel(HTTP, SUBJECT, keys, 3600);
    }

    static Map<String, String> values() {
        Map<String, String> values = new HashMap<>(Map.of("brand", "ModaX", "first_name", "Ayşe", "carrier", "Yurtiçi Kargo", "tracking_no",
                "123456789012", "eta", "3 Aralık 2026", "order_no", "MX-1001", "reason", "adreste kimse yoktu", "tracking_link",
                "https://takip.modax.example/t/abc"));
        values.put("note", ""); // no note from the approval queue
        values.putAll(Map.of("parcels_delivered", "", "parcels_total", "", "parcels_all", "")); // an order of one parcel
        return values;
    }

    static OutboundMessage<WebPushForm> message(String recipient, WebPushForm form) {
        return new OutboundMessage<>("n-1", recipient, form, "https://takip.modax.example/u/n-1.token");
    }

    static WebPushForm shipped() {
        return channel().render(new RenderContext("webpush", "tr", MessageKind.SHIPPED, values(), TemplateCatalog.builtIn()));
    }

    @Test
    void is_the_webpush_channel_to_browser_subscriptions() {
        assertThat(channel().id()).isEqualTo("webpush");
        assertThat(channel().contactKind()).isEqualTo(ContactKind.WEB_PUSH_SUBSCRIPTION);
    }

    @Test
    void the_push_service_decrypts_exactly_the_rendered_payload_and_the_vapid_check_passes() throws Exception {
        Subscription subscription = sandbox.newSubscription();
        WebPushForm form = shipped();

        DeliveryReceipt receipt = channel().send(message(subscription.json(), form));

        assertThat(sandbox.deliveredTo(subscription)).singleElement().satisfies(d -> {
            assertThat(d.payload()).isEqualTo(form.payload());
            assertThat(d.ttl()).isEqualTo(3600);
            assertThat(d.urgency()).isEqualTo("normal");
            assertThat(d.vapidKey()).isEqualTo(publicKey);
        });
        assertThat(receipt.providerMessageId()).as("the push message's Location").startsWith(sandbox.baseUrl() + "/m/");
        JsonNode payload = JSON.readTree(form.payload());
        assertThat(payload.get("title").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
        assertThat(payload.get("body").asText()).isEqualTo("Ayşe, siparişin Yurtiçi Kargo ile yolda. Tahmini teslim: 3 Aralık 2026.");
        assertThat(payload.get("kind").asText()).isEqualTo("shipped");
        assertThat(payload.get("url").asText()).isEqualTo("https://takip.modax.example/t/abc");
    }

    @Test
    void a_gone_or_unknown_subscription_is_contact_gone_without_the_endpoint_in_the_message() {
        Subscription expired = sandbox.newSubscription();
        sandbox.expire(expired);
        assertThatThrownBy(() -> channel().send(message(expired.json(), shipped()))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(Reason.CONTACT_GONE);
            assertThat(e.getMessage()).contains("410").doesNotContain(expired.id()).doesNotContain(expired.p256dh());
        });
        String unknown = sandbox.newSubscription().json().replaceAll("/push/[0-9a-f-]+", "/push/no-such-subscription");
        assertThatThrownBy(() -> channel().send(message(unknown, shipped()))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONTACT_GONE);
            assertThat(e.getMessage()).contains("404");
        });
        assertThat(sandbox.deliveredTo(expired)).isEmpty();
    }

    @Test
    void throttling_and_push_service_faults_are_retryable_and_the_next_try_goes_out() throws Exception {
        Subscription subscription = sandbox.newSubscription();
        for (int status : new int[]{429, 500, 503}) {
            sandbox.failNext(status);
            assertThatThrownBy(() -> channel().send(message(subscription.json(), shipped()))).as("HTTP " + status)
                    .isInstanceOfSatisfying(ChannelException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP " + status);
                    });
        }
        assertThat(sandbox.deliveredTo(subscription)).isEmpty();
        channel().send(message(subscription.json(), shipped()));
        assertThat(sandbox.deliveredTo(subscription)).hasSize(1);
    }

    @Test
    void another_vapid_key_than_the_subscriptions_is_a_configuration_failure() {
        String[] other = WebPushChannel.newKeyPair();
        WebPushChannel wrongKey = new WebPushChannel(HTTP, SUBJECT, WebPushChannel.keys(other[0], other[1], "PUB", "PRIV"), 60);
        Subscription subscription = sandbox.newSubscription();
        assertThatThrownBy(() -> wrongKey.send(message(subscription.json(), shipped()))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
            assertThat(e.getMessage()).contains("403").doesNotContain(other[0]).doesNotContain(other[1]);
        });
        sandbox.failNext(400);
        assertThatThrownBy(() -> channel().send(message(subscription.json(), shipped()))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(Reason.OTHER);
        });
        assertThat(sandbox.deliveredTo(subscription)).isEmpty();
    }

    @Test
    void a_malformed_subscription_is_refused_as_recipient_before_any_request() {
        Subscription good = sandbox.newSubscription();
        String shortKey = good.json().replace(good.p256dh(), good.p256dh().substring(0, 40));
        String longAuth = good.json().replace(good.auth(), good.auth() + "AAAA");
        String plainHttp = good.json().replace(sandbox.baseUrl(), "http://push.example.com");
        Map<String, String> cases = Map.of("not JSON", "https://fcm.googleapis.com/fcm/send/abc", "no endpoint", "{\"keys\":{}}",
                "short p256dh", shortKey, "long auth", longAuth, "http to another host", plainHttp, "empty", "");
        int before = sandbox.delivered().size();
        cases.forEach((what, json) -> assertThatThrownBy(() -> channel().send(message(json, shipped()))).as(what)
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo(Reason.RECIPIENT);
                    assertThat(e.getMessage()).startsWith("the web push subscription ");
                }));
        String offCurve = good.json().replace(good.p256dh(), java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(new byte[]{4}, 65)));
        assertThatThrownBy(() -> channel().send(message(offCurve, shipped()))).as("a point that is not on P-256")
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo(Reason.RECIPIENT);
                    assertThat(e.getMessage()).startsWith("the web push subscription's keys cannot be used");
                });
        assertThat(sandbox.delivered()).hasSize(before);
    }

    @Test
    void a_payload_over_one_record_is_refused_for_good() {
        String big = "{\"title\":\"x\",\"body\":\"" + "ş".repeat(WebPushChannel.MAX_PAYLOAD_BYTES / 2) + "\"}";
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(WebPushChannel.MAX_PAYLOAD_BYTES);
        Subscription subscription = sandbox.newSubscription();
        assertThatThrownBy(() -> channel().send(message(subscription.json(), new WebPushForm(big)))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("over the " + WebPushChannel.MAX_PAYLOAD_BYTES);
        });
        assertThat(sandbox.deliveredTo(subscription)).isEmpty();
    }

    @Test
    void an_unreachable_push_service_is_retryable() {
        Subscription subscription = sandbox.newSubscription();
        String down = subscription.json().replace(sandbox.baseUrl(), "http://127.0.0.1:" + Emulators.freePort());
        assertThatThrownBy(() -> channel().send(message(down, shipped()))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain(subscription.id());
        });
    }

    @Test
    void renders_every_kind_and_locale_well_under_the_record_limit() throws Exception {
        for (String locale : new String[]{"tr", "en"}) {
            for (MessageKind kind : MessageKind.builtIn()) {
                WebPushForm form = channel().render(new RenderContext("webpush", locale, kind, values(), TemplateCatalog.builtIn()));
                JsonNode payload = JSON.readTree(form.payload());
                assertThat(payload.get("title").asText()).as(locale + "/" + kind).startsWith("ModaX: ");
                assertThat(payload.get("body").asText()).as(locale + "/" + kind).isNotBlank().doesNotContain("{");
                assertThat(payload.get("kind").asText()).isEqualTo(kind.templateName());
                assertThat(payload.get("url").asText()).isEqualTo("https://takip.modax.example/t/abc");
                assertThat(form.bytes().length).isLessThan(1024);
                // with the longest note operations may add (500 characters of 4-byte emoji, the worst case), still one record
                Map<String, String> noted = values();
                noted.put("note", "😀".repeat(io.kargotakip.core.notification.ProposalEdit.NOTE_MAX));
                WebPushForm withNote = channel().render(new RenderContext("webpush", locale, kind, noted, TemplateCatalog.builtIn()));
                assertThat(JSON.readTree(withNote.payload()).get("body").asText()).endsWith("😀");
                assertThat(withNote.bytes().length).isLessThanOrEqualTo(WebPushChannel.MAX_PAYLOAD_BYTES);
            }
        }
    }

    @Test
    void malformed_keys_name_the_setting_and_never_the_value() {
        String[] pair = WebPushChannel.newKeyPair();
        String[] other = WebPushChannel.newKeyPair();
        assertThatThrownBy(() -> WebPushChannel.keys("not-a-key", pair[1], "KARGO_WEBPUSH_VAPID_PUBLIC_KEY", "KARGO_WEBPUSH_VAPID_PRIVATE_KEY"))
                .hasMessageStartingWith("KARGO_WEBPUSH_VAPID_PUBLIC_KEY ").hasMessageNotContaining(pair[1]);
        assertThatThrownBy(() -> WebPushChannel.keys(pair[0], pair[1].substring(4), "KARGO_WEBPUSH_VAPID_PUBLIC_KEY", "KARGO_WEBPUSH_VAPID_PRIVATE_KEY"))
                .hasMessageStartingWith("KARGO_WEBPUSH_VAPID_PRIVATE_KEY ");
        assertThatThrownBy(() -> WebPushChannel.keys(pair[0], other[1], "KARGO_WEBPUSH_VAPID_PUBLIC_KEY", "KARGO_WEBPUSH_VAPID_PRIVATE_KEY"))
                .hasMessageContaining("not one key pair").hasMessageNotContaining(other[1]).hasMessageNotContaining(pair[0]);
        assertThat(WebPushChannel.publicKey(WebPushChannel.keys(pair[0], pair[1], "a", "b"))).isEqualTo(pair[0]);
        assertThatThrownBy(() -> new WebPushChannel(HTTP, "bildirim@modax.example", keys, 60)).hasMessageContaining("mailto:");
    }

    @Test
    void the_masked_subscription_shows_only_the_push_service() {
        Subscription subscription = sandbox.newSubscription();
        assertThat(ContactKind.WEB_PUSH_SUBSCRIPTION.mask(subscription.json())).isEqualTo(sandbox.baseUrl() + "/…");
        assertThat(ContactKind.WEB_PUSH_SUBSCRIPTION.mask("garbage")).isEqualTo("***");
    }
}
