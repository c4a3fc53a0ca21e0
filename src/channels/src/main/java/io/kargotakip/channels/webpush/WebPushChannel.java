package io.kargotakip.channels.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ChannelException.Reason;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.WebPushForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.channel.RenderedMessage;
import io.kargotakip.core.channel.WebPushSubscription;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Web push (RFC 8030) to a browser's push subscription, the customer's {@link ContactKind#WEB_PUSH_SUBSCRIPTION}
 * contact ({@code PushSubscription.toJSON()}: {@code {"endpoint","keys":{"p256dh","auth"}}}, stored by the orders
 * API's {@code POST /webpush/subscriptions/{token}}). The payload {@code {"title","body","kind","url"}} is rendered
 * from {@code templates/webpush/<locale>/<kind>.subject} (title) and {@code .txt} (body), {@code url} the tracking
 * link; it is encrypted for the browser (RFC 8291, {@code aes128gcm}) and authorized with the merchant's VAPID key
 * (RFC 8292), both by {@code com.interaso:webpush}, and POSTed with the JDK's HTTP client, so the status handling is
 * ours: 2xx sent (the receipt is the {@code Location} of the push message); 404/410 the subscription is gone for
 * good ({@link Reason#CONTACT_GONE}: the sender removes it); 429 and 5xx retryable; 401/403 the VAPID key or token
 * was refused ({@link Reason#CONFIGURATION}); 400, 413 and the rest final. {@code Urgency} is always {@code normal}
 * (a delivery update is not worth waking a phone on low battery for, RFC 8030 5.3) and {@code TTL} is configured.
 * The endpoint URL identifies a browser: messages name only the push service's host.
 */
public final class WebPushChannel implements Channel<WebPushForm> {

    public static final String ID = "webpush";
    public static final int DEFAULT_TTL_SECONDS = 86_400;
    /**
     * The largest payload one RFC 8291 record carries when the body is kept to the 4096 bytes every push service
     * must take: 4096 less the header (86), the GCM tag (16) and the padding delimiter (1).
     */
    public static final int MAX_PAYLOAD_BYTES = 4096 - 86 - 16 - 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final WebPush webPush;
    private final int ttlSeconds;

    /**
     * @param subject    the VAPID contact ({@code mailto:} or {@code https:}), RFC 8292 2.1
     * @param ttlSeconds how long the push service keeps a message for a browser that is offline
     */
    public WebPushChannel(HttpClient http, String subject, VapidKeys keys, int ttlSeconds) {
        if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
            throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URI");
        }
        if (ttlSeconds < 0) {
            throw new IllegalArgumentException("the TTL must not be negative");
        }
        this.http = http;
        this.webPush = new WebPush(subject, keys);
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContactKind contactKind() {
        return ContactKind.WEB_PUSH_SUBSCRIPTION;
    }

    @Override
    public WebPushForm render(RenderContext context) {
        RenderedMessage parts = context.parts();
        if (parts.subject() == null || parts.subject().isBlank()) {
            throw new IllegalStateException("webpush template " + context.locale() + "/" + context.kind().templateName() + " has no .subject (the title)");
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("title", parts.subject().strip());
        payload.put("body", parts.text().strip());
        payload.put("kind", context.kind().templateName());
        String link = context.value("tracking_link");
        if (link != null && !link.isBlank()) {
            payload.put("url", link);
        }
        return new WebPushForm(payload.toString());
    }

    @Override
    public DeliveryReceipt send(OutboundMessage<WebPushForm> message) throws ChannelException {
        WebPushSubscription subscription = subscription(message.recipient());
        URI endpoint = URI.create(subscription.endpoint());
        byte[] payload = message.content().bytes();
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ChannelException("the web push payload is " + payload.length + " bytes, over the " + MAX_PAYLOAD_BYTES
                    + " one encrypted record holds", false, null);
        }
        String host = endpoint.getHost();
        byte[] body;
        Map<String, String> headers;
        try {
            body = webPush.getBody(payload, subscription.p256dhBytes(), subscription.authBytes());
            headers = webPush.getHeaders(subscription.endpoint(), ttlSeconds, null, WebPush.Urgency.Normal);
        } catch (Exception e) {
            // a p256dh that decodes but is no point on P-256: the browser's subscription is broken. Exception, not
            // RuntimeException: the library is Kotlin and throws the JDK's checked crypto exceptions undeclared
            throw new ChannelException("the web push subscription's keys cannot be used (" + e.getClass().getSimpleName() + ")",
                    false, Reason.RECIPIENT, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new ChannelException("the push service " + host + " is unreachable (" + e.getClass().getSimpleName() + ")", true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while pushing to " + host, true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new DeliveryReceipt(response.headers().firstValue("Location").orElse("webpush:" + message.notificationId()));
        }
        String answered = "the push service " + host + " answered HTTP " + status;
        if (status == 404 || status == 410) {
            throw new ChannelException(answered + ": the subscription is gone (the browser unsubscribed or it expired)", false,
                    Reason.CONTACT_GONE, null);
        }
        if (status == 429 || status >= 500) {
            throw new ChannelException(answered, true, null);
        }
        if (status == 401 || status == 403) {
            throw new ChannelException(answered + ": the VAPID key or token was refused (KARGO_WEBPUSH_VAPID_* must be the key pair "
                    + "the subscriptions were made with)", false, Reason.CONFIGURATION, null);
        }
        throw new ChannelException(answered + (status == 413 ? " (payload too large)" : ""), false, null);
    }

    /** A browser subscription read from its JSON; anything unusable is a final RECIPIENT failure naming the problem. */
    static WebPushSubscription subscription(String json) throws ChannelException {
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw refused("is not JSON {\"endpoint\",\"keys\":{\"p256dh\",\"auth\"}}");
        }
        String endpoint = text(node.get("endpoint"));
        String p256dh = text(node.at("/keys/p256dh"));
        String auth = text(node.at("/keys/auth"));
        java.util.Optional<String> why = WebPushSubscription.problem(endpoint, p256dh, auth);
        if (why.isPresent()) {
            throw refused(why.get());
        }
        return new WebPushSubscription(endpoint, p256dh, auth);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static ChannelException refused(String why) {
        return new ChannelException("the web push subscription " + why, false, Reason.RECIPIENT, null);
    }

    private static byte[] decoded(String value) {
        try {
            return value == null ? null : Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The VAPID key pair of the settings: the public key an uncompressed P-256 point and the private key the raw
     * 32-byte scalar, both base64url, as {@code web-push generate-vapid-keys} and {@code ./kargo vapid-keys} print them.
     *
     * @throws IllegalArgumentException naming the setting (never its value) when a key is malformed or they do not match
     */
    public static VapidKeys keys(String publicKey, String privateKey, String publicSetting, String privateSetting) {
        byte[] pub = decoded(publicKey == null ? null : publicKey.strip());
        if (pub == null || pub.length != 65 || pub[0] != 4) {
            throw new IllegalArgumentException(publicSetting + " must be the base64url of a 65-byte uncompressed P-256 point");
        }
        byte[] priv = decoded(privateKey == null ? null : privateKey.strip());
        if (priv == null || priv.length != 32) {
            throw new IllegalArgumentException(privateSetting + " must be the base64url of a 32-byte P-256 private key");
        }
        try {
            return VapidKeys.fromUncompressedBytes(publicKey.strip().replace("=", ""), privateKey.strip().replace("=", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(publicSetting + " and " + privateSetting + " are not one key pair");
        }
    }

    /** A fresh VAPID key pair as the two settings' values: public (uncompressed point), private (32-byte scalar). */
    public static String[] newKeyPair() {
        VapidKeys keys = VapidKeys.generate();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return new String[]{encoder.encodeToString(keys.getApplicationServerKey()), encoder.encodeToString(scalar(keys.getPrivateKey()))};
    }

    /** The VAPID public key the page subscribes with ({@code applicationServerKey}), base64url. */
    public static String publicKey(VapidKeys keys) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
    }

    private static byte[] scalar(ECPrivateKey key) {
        byte[] bytes = key.getS().toByteArray();
        byte[] out = new byte[32];
        int start = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, start, out, 32 - (bytes.length - start), bytes.length - start);
        return out;
    }
}
