package io.kargotakip.emulators.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local push service (RFC 8030) standing in for the browsers' (FCM, Mozilla autopush, Apple): it hands out
 * subscriptions as a browser would ({@link #newSubscription()}: a P-256 key pair and a 16-byte auth secret of the
 * "browser", an endpoint on this server), and on {@code POST /push/<id>} does what a push service and the browser do
 * together: checks the VAPID authorization (RFC 8292: {@code vapid t=<ES256 JWT>, k=<public key>}, the JWT's
 * {@code aud} the endpoint's origin, {@code exp} in the future and at most 24 hours ahead, a {@code sub}), checks
 * {@code TTL} and {@code Content-Encoding: aes128gcm}, and decrypts the body per RFC 8291 (ECDH with the browser's
 * key, HKDF-SHA-256, AES-128-GCM records, RFC 8188) with the browser's private key. A delivery is recorded with its
 * endpoint, TTL, urgency and plain payload ({@link #delivered()}, {@code GET /store} as JSON) and answered
 * {@code 201} with a {@code Location}. Refusals are a push service's: 400 (no TTL, another encoding, a body that
 * does not decrypt), 401 (no or a bad VAPID token), 403 (a VAPID key other than the expected one), 404 (unknown
 * subscription), 410 ({@link #expire} was called), 413 (over 4096 bytes); {@link #failNext} answers one status.
 * The decryption is written here from the RFCs on purpose: it is the receiving side, which no sending library has.
 */
public final class WebPushSandbox implements AutoCloseable {

    /** RFC 8030 push services take at least 4096 bytes of payload; this one takes no more. */
    public static final int MAX_BODY = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODE = Base64.getUrlDecoder();

    /** A subscription as the browser holds it: {@link #json()} is what {@code PushSubscription.toJSON()} gives the page. */
    public record Subscription(String id, String endpoint, String p256dh, String auth) {

        public String json() {
            ObjectNode node = JSON.createObjectNode();
            node.put("endpoint", endpoint);
            node.putNull("expirationTime");
            node.putObject("keys").put("p256dh", p256dh).put("auth", auth);
            return node.toString();
        }
    }

    /** One push the "browser" received: the payload as its service worker would read it. */
    public record Delivery(String endpoint, int ttl, String urgency, String topic, String payload, String vapidKey, Instant at) {
    }

    private record Browser(Subscription subscription, KeyPair keys, byte[] auth) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private volatile String expectedKey;

    public WebPushSandbox() {
        this(Clock.systemUTC());
    }

    public WebPushSandbox(Clock clock) {
        this.clock = clock;
        try {
            server = io.kargotakip.emulators.LoopbackHttpServer.create(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webpush-sandbox");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/push/", this::push);
        server.createContext("/store", this::store);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh browser subscription (its key pair and auth secret stay here, to decrypt what is pushed to it). */
    public Subscription newSubscription() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            RANDOM.nextBytes(auth);
            String id = UUID.randomUUID().toString();
            Subscription subscription = new Subscription(id, baseUrl() + "/push/" + id,
                    B64URL.encodeToString(uncompressed((ECPublicKey) keys.getPublic())), B64URL.encodeToString(auth));
            browsers.put(id, new Browser(subscription, keys, auth));
            return subscription;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only pushes signed with this VAPID public key (base64url, uncompressed point) are taken; null: any valid one. */
    public void expectVapidKey(String publicKey) {
        this.expectedKey = publicKey;
    }

    /** The browser unsubscribed (or the push service dropped it): 410 Gone from now on. */
    public void expire(Subscription subscription) {
        expired.add(subscription.id());
    }

    /** The next push is answered with this status (429, 500, ...) and not delivered. */
    public void failNext(int status) {
        synchronized (failures) {
            failures.add(status);
        }
    }

    public List<Delivery> delivered() {
        return List.copyOf(delivered);
    }

    public List<Delivery> deliveredTo(Subscription subscription) {
        return delivered.stream().filter(d -> d.endpoint().equals(subscription.endpoint())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void store(HttpExchange exchange) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        for (Delivery d : delivered) {
            ObjectNode node = list.addObject();
            node.put("endpoint", d.endpoint());
            node.put("ttl", d.ttl());
            node.put("urgency", d.urgency());
            node.put("topic", d.topic());
            node.put("payload", d.payload());
            node.put("at", d.at().toString());
        }
        answer(exchange, 200, JSON.createObjectNode().set("deliveries", list).toString(), null);
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"POST only\"}", null);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            Browser browser = browsers.get(id);
            Integer failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                answer(exchange, failure, "{\"error\":\"told to fail\"}", null);
                return;
            }
            if (browser == null) {
                answer(exchange, 404, "{\"error\":\"no such subscription\"}", null);
                return;
            }
            if (expired.contains(id)) {
                answer(exchange, 410, "{\"error\":\"subscription expired\"}", null);
                return;
            }
            String vapidKey;
            try {
                vapidKey = vapid(exchange.getRequestHeaders().getFirst("Authorization"), browser.subscription().endpoint());
            } catch (IllegalArgumentException e) {
                answer(exchange, 401, error(e.getMessage()), null);
                return;
            }
            if (expectedKey != null && !expectedKey.equals(vapidKey)) {
                answer(exchange, 403, error("the VAPID key is not the subscription's application server key"), null);
                return;
            }
            String ttlHeader = exchange.getRequestHeaders().getFirst("TTL");
            int ttl;
            try {
                ttl = Integer.parseInt(ttlHeader == null ? "" : ttlHeader.strip());
            } catch (NumberFormatException e) {
                answer(exchange, 400, error("a TTL header is required (RFC 8030 5.2)"), null);
                return;
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, error("payload over " + MAX_BODY + " bytes"), null);
                return;
            }
            if (!"aes128gcm".equalsIgnoreCase(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")).strip())) {
                answer(exchange, 400, error("Content-Encoding must be aes128gcm (RFC 8291)"), null);
                return;
            }
            String payload;
            try {
                payload = new String(decrypt(body, browser), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                answer(exchange, 400, error("the body does not decrypt: " + e.getMessage()), null);
                return;
            }
            String urgency = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Urgency")).orElse("normal");
            delivered.add(new Delivery(browser.subscription().endpoint(), ttl, urgency, exchange.getRequestHeaders().getFirst("Topic"),
                    payload, vapidKey, clock.instant()));
            answer(exchange, 201, "", baseUrl() + "/m/" + UUID.randomUUID());
        }
    }

    /** Checks {@code vapid t=<jwt>, k=<key>} (RFC 8292 3) and answers the key; the exception's message is the refusal. */
    String vapid(String authorization, String endpoint) {
        if (authorization == null || !authorization.regionMatches(true, 0, "vapid ", 0, 6)) {
            throw new IllegalArgumentException("Authorization: vapid t=..., k=... is required (RFC 8292)");
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        if (token == null || key == null) {
            throw new IllegalArgumentException("the vapid authorization needs t and k");
        }
        String[] jwt = token.split("\\.");
        if (jwt.length != 3) {
            throw new IllegalArgumentException("t is not a JWT");
        }
        try {
            JsonNode header = JSON.readTree(B64URL_DECODE.decode(jwt[0]));
            if (!"ES256".equals(header.path("alg").asText())) {
                throw new IllegalArgumentException("the JWT must be ES256");
            }
            ECPublicKey publicKey = publicKey(B64URL_DECODE.decode(key));
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey);
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64URL_DECODE.decode(jwt[2]))) {
                throw new IllegalArgumentException("the JWT's signature does not verify with k");
            }
            JsonNode claims = JSON.readTree(B64URL_DECODE.decode(jwt[1]));
            URI uri = URI.create(endpoint);
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            if (!origin.equals(claims.path("aud").asText())) {
                throw new IllegalArgumentException("aud must be the push service's origin " + origin);
            }
            long exp = claims.path("exp").asLong(0);
            long now = clock.instant().getEpochSecond();
            if (exp <= now || exp > now + Duration.ofHours(24).toSeconds()) {
                throw new IllegalArgumentException("exp must be in the future and at most 24 hours ahead");
            }
            String sub = claims.path("sub").asText("");
            if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
                throw new IllegalArgumentException("sub must be a mailto: or https: contact");
            }
            return key;
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("unreadable VAPID token or key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * RFC 8291 3.4 and RFC 8188 2: the header (salt, record size, the sender's ephemeral public key as key id), the
     * input keying material from ECDH and the auth secret, then the content key and nonce, then each record.
     */
    static byte[] decrypt(byte[] body, Browser browser) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        if (body.length < 21) {
            throw new IllegalArgumentException("shorter than the aes128gcm header");
        }
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int idLength = in.get() & 0xff;
        if (idLength != 65 || in.remaining() < idLength) {
            throw new IllegalArgumentException("the key id must be the sender's 65-byte public key");
        }
        byte[] senderKey = new byte[idLength];
        in.get(senderKey);
        if (recordSize < 18) {
            throw new IllegalArgumentException("record size below 18");
        }
        byte[] uaPublic = uncompressed((ECPublicKey) browser.keys().getPublic());
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(browser.keys().getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[]{0}, uaPublic, senderKey);
        byte[] ikm = hkdf(browser.auth(), ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII), new byte[]{0}), 16);
        byte[] nonce = hkdf(salt, ikm, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII), new byte[]{0}), 12);
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        long sequence = 0;
        boolean last = false;
        while (in.hasRemaining()) {
            if (last) {
                throw new IllegalArgumentException("data after the last record");
            }
            byte[] record = new byte[Math.min(recordSize, in.remaining())];
            in.get(record);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, recordNonce(nonce, sequence++)));
            byte[] padded = cipher.doFinal(record);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || (padded[end] != 1 && padded[end] != 2)) {
                throw new IllegalArgumentException("no padding delimiter in a record");
            }
            last = padded[end] == 2;
            plain.write(padded, 0, end);
        }
        if (!last) {
            throw new IllegalArgumentException("the last record is not marked as last");
        }
        return plain.toByteArray();
    }

    /** The nonce of record {@code sequence}: the base nonce XOR the sequence number, big-endian in its last bytes. */
    private static byte[] recordNonce(byte[] base, long sequence) {
        byte[] nonce = base.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }

    /** HKDF-SHA-256 (RFC 5869) extract and expand, for outputs up to 32 bytes (one block). */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    /** A P-256 public key from its uncompressed point {@code 04 || x || y}. */
    static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    /** The uncompressed point of a P-256 public key. */
    static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, offset + 32 - length, length);
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void answer(HttpExchange exchange, int status, String body, String location) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** For tests: a key's uncompressed point, base64url. */
    public static String encode(ECPublicKey key) {
        return B64URL.encodeToString(uncompressed(key));
    }
}
