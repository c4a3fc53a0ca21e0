package io.kargotakip.channels.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import io.kargotakip.emulators.webpush.WebPushSandbox;
import io.kargotakip.emulators.webpush.WebPushSandbox.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local push service's own checks, with requests made by the sending library and then spoilt: what it refuses
 * is what a real push service refuses, so the channel's tests mean something.
 */
class WebPushSandboxTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static WebPushSandbox sandbox;
    static VapidKeys keys;
    static WebPush webPush;

    @BeforeAll
    static void start() {
        sandbox = new WebPushSandbox();
        String[] pair = WebPushChannel.newKeyPair();
        keys = WebPushChannel.keys(pair[0], pair[1], "a", "b");
        webPush = new WebPush("mailto:ops@modax.example", keys);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A push as the library makes it, with some headers replaced (null removes one) and the body given. */
    static int post(Subscription s, byte[] body, Map<String, String> replaced) throws Exception {
        Map<String, String> headers = new HashMap<>(webPush.getHeaders(s.endpoint(), 60, null, WebPush.Urgency.High));
        headers.putAll(replaced);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.endpoint())).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (v != null) {
                request.header(k, v);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static byte[] body(Subscription s, String text) {
        return webPush.getBody(text.getBytes(StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(s.p256dh()), Base64.getUrlDecoder().decode(s.auth()));
    }

    /** A VAPID token with these claims, signed with our key. */
    static String token(String claims) throws Exception {
        String signing = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivateKey());
        signer.update(signing.getBytes(StandardCharsets.US_ASCII));
        return signing + "." + B64.encodeToString(signer.sign());
    }

    static String vapid(String token) {
        return "vapid t=" + token + ", k=" + WebPushChannel.publicKey(keys);
    }

    @Test
    void a_well_made_push_is_decrypted_and_recorded_also_over_http() throws Exception {
        Subscription s = sandbox.newSubscription();
        assertThat(post(s, body(s, "{\"title\":\"merhaba\"}"), Map.of("Topic", "kargo-1"))).isEqualTo(201);
        assertThat(sandbox.deliveredTo(s)).singleElement().satisfies(d -> {
            assertThat(d.payload()).isEqualTo("{\"title\":\"merhaba\"}");
            assertThat(d.urgency()).isEqualTo("high");
            assertThat(d.topic()).isEqualTo("kargo-1");
            assertThat(d.ttl()).isEqualTo(60);
        });
        JsonNode store = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(store.get("deliveries").findValuesAsText("payload")).contains("{\"title\":\"merhaba\"}");
    }

    @Test
    void a_wrong_vapid_signature_or_claim_is_refused() throws Exception {
        Subscription s = sandbox.newSubscription();
        byte[] body = body(s, "{}");
        String good = webPush.getHeaders(s.endpoint(), 60, null, WebPush.Urgency.Normal).get("Authorization");
        String t = good.substring("vapid t=".length(), good.indexOf(','));
        String[] parts = t.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + B64.encodeToString(signature);
        long now = Instant.now().getEpochSecond();
        String origin = sandbox.baseUrl();

        assertThat(post(s, body, Map.of("Authorization", vapid(tampered)))).as("signature").isEqualTo(401);
        String[] other = WebPushChannel.newKeyPair();
        assertThat(post(s, body, Map.of("Authorization", "vapid t=" + t + ", k=" + other[0]))).as("k is not the signer").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", vapid(token("{\"aud\":\"https://push.example.com\",\"exp\":" + (now + 600)
                + ",\"sub\":\"mailto:a@b.example\"}"))))).as("aud").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", vapid(token("{\"aud\":\"" + origin + "\",\"exp\":" + (now + 25 * 3600)
                + ",\"sub\":\"mailto:a@b.example\"}"))))).as("exp over 24 h").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", vapid(token("{\"aud\":\"" + origin + "\",\"exp\":" + (now - 1)
                + ",\"sub\":\"mailto:a@b.example\"}"))))).as("expired").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", vapid(token("{\"aud\":\"" + origin + "\",\"exp\":" + (now + 600) + "}")))))
                .as("no sub").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", "WebPush " + t))).as("the old scheme").isEqualTo(401);
        assertThat(post(s, body, Map.of("Authorization", vapid(token("{\"aud\":\"" + origin + "\",\"exp\":" + (now + 600)
                + ",\"sub\":\"mailto:a@b.example\"}"))))).as("the same claims, well signed").isEqualTo(201);
        assertThat(sandbox.deliveredTo(s)).hasSize(1);
    }

    @Test
    void an_expected_key_refuses_others_with_403() throws Exception {
        Subscription s = sandbox.newSubscription();
        sandbox.expectVapidKey(WebPushChannel.newKeyPair()[0]);
        try {
            assertThat(post(s, body(s, "{}"), Map.of())).isEqualTo(403);
        } finally {
            sandbox.expectVapidKey(null);
        }
        assertThat(post(s, body(s, "{}"), Map.of())).isEqualTo(201);
    }

    @Test
    void no_ttl_another_encoding_a_spoilt_body_or_one_too_big_are_refused() throws Exception {
        Subscription s = sandbox.newSubscription();
        assertThat(post(s, body(s, "{}"), new HashMap<>(java.util.Collections.singletonMap("TTL", null)))).as("no TTL").isEqualTo(400);
        assertThat(post(s, body(s, "{}"), Map.of("Content-Encoding", "aesgcm"))).as("the old draft's encoding").isEqualTo(400);
        byte[] spoilt = body(s, "{\"title\":\"x\"}");
        spoilt[spoilt.length - 3] ^= 1;
        assertThat(post(s, spoilt, Map.of())).as("GCM tag").isEqualTo(400);
        Subscription other = sandbox.newSubscription();
        assertThat(post(s, body(other, "{}"), Map.of())).as("encrypted for another browser").isEqualTo(400);
        assertThat(post(s, new byte[WebPushSandbox.MAX_BODY + 1], Map.of())).isEqualTo(413);
        assertThat(sandbox.deliveredTo(s)).isEmpty();
    }
}
