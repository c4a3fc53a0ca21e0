package io.kargotakip.core.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Optional;

/**
 * A browser's push subscription as {@code PushSubscription.toJSON()} gives it: the push service's endpoint and the
 * browser's keys, {@code p256dh} (its P-256 public key, RFC 8291) and {@code auth} (16 random bytes). Kept as the
 * customer's {@link ContactKind#WEB_PUSH_SUBSCRIPTION} contact in the form {@link #json()} writes.
 */
public record WebPushSubscription(String endpoint, String p256dh, String auth) {

    /**
     * What is wrong with these parts, if anything: the endpoint an absolute https URL (plain http only to this machine,
     * for the local push service), {@code p256dh} the base64url of a 65-byte uncompressed P-256 point, {@code auth}
     * the base64url of 16 bytes.
     */
    public static Optional<String> problem(String endpoint, String p256dh, String auth) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.of("endpoint is required");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Optional.of("endpoint is not a URL");
        }
        boolean local = "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || local)) {
            return Optional.of("endpoint must be an https URL");
        }
        if (!isPublicKey(p256dh)) {
            return Optional.of("keys.p256dh must be the base64url of a 65-byte uncompressed P-256 point");
        }
        byte[] secret = decoded(auth);
        if (secret == null || secret.length != 16) {
            return Optional.of("keys.auth must be the base64url of 16 bytes");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException with the {@link #problem} */
    public WebPushSubscription {
        Optional<String> why = problem(endpoint, p256dh, auth);
        if (why.isPresent()) {
            throw new IllegalArgumentException(why.get());
        }
        p256dh = p256dh.replace("=", "");
        auth = auth.replace("=", "");
    }

    /** Whether the text is the base64url of an uncompressed P-256 point (a p256dh, or a VAPID public key). */
    public static boolean isPublicKey(String base64url) {
        byte[] key = decoded(base64url);
        return key != null && key.length == 65 && key[0] == 4;
    }

    public byte[] p256dhBytes() {
        return decoded(p256dh);
    }

    public byte[] authBytes() {
        return decoded(auth);
    }

    /**
     * {@code {"endpoint":...,"keys":{"p256dh":...,"auth":...}}}. Written by hand, safely: a valid URI holds no quote or
     * backslash and base64url has neither.
     */
    public String json() {
        return "{\"endpoint\":\"" + endpoint + "\",\"keys\":{\"p256dh\":\"" + p256dh + "\",\"auth\":\"" + auth + "\"}}";
    }

    /** Browsers give base64url without padding; some tools pad it. Null when it is not base64url. */
    private static byte[] decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
