package io.kargotakip.core.channel;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebPushSubscriptionTest {

    static final String P256DH = Base64.getUrlEncoder().withoutPadding().encodeToString(point());
    static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

    static byte[] point() {
        byte[] p = new byte[65];
        p[0] = 4;
        p[1] = 7;
        return p;
    }

    @Test
    void takes_an_https_endpoint_with_a_65_byte_point_and_a_16_byte_secret_and_writes_the_browser_s_json() {
        WebPushSubscription s = new WebPushSubscription("https://fcm.googleapis.com/fcm/send/abc:def", P256DH, AUTH + "==");
        assertThat(s.json()).isEqualTo("{\"endpoint\":\"https://fcm.googleapis.com/fcm/send/abc:def\",\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"" + AUTH + "\"}}");
        assertThat(s.p256dhBytes()).hasSize(65);
        assertThat(s.authBytes()).hasSize(16);
        assertThat(WebPushSubscription.problem("http://127.0.0.1:4567/push/1", P256DH, AUTH)).as("the local push service").isEmpty();
    }

    @Test
    void names_what_is_wrong() {
        assertThat(WebPushSubscription.problem(null, P256DH, AUTH)).contains("endpoint is required");
        assertThat(WebPushSubscription.problem("http://push.example.com/1", P256DH, AUTH)).contains("endpoint must be an https URL");
        assertThat(WebPushSubscription.problem("https://push.example.com/\"x", P256DH, AUTH)).contains("endpoint is not a URL");
        assertThat(WebPushSubscription.problem("/push/1", P256DH, AUTH)).contains("endpoint must be an https URL");
        assertThat(WebPushSubscription.problem("https://push.example.com/1", AUTH, AUTH)).get().asString().startsWith("keys.p256dh");
        assertThat(WebPushSubscription.problem("https://push.example.com/1", P256DH, P256DH)).get().asString().startsWith("keys.auth");
        assertThat(WebPushSubscription.problem("https://push.example.com/1", P256DH, "not base64!")).get().asString().startsWith("keys.auth");
        assertThatThrownBy(() -> new WebPushSubscription("ftp://push.example.com/1", P256DH, AUTH)).hasMessageContaining("https");
    }
}
