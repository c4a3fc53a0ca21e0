package io.kargotakip.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Meta's WhatsApp webhook says ({@code object: whatsapp_business_account}, {@code entry[].changes[]} of field
 * {@code messages}): the delivery statuses of our messages ({@code statuses[]}, keyed by the wamid the send returned)
 * and the customers' messages to us ({@code messages[]}), of which a STOP, İPTAL or DUR is an opt-out. Also the two
 * checks of the webhook: the verification handshake's token and the {@code X-Hub-Signature-256} of each
 * notification, both compared in constant time.
 */
public final class WhatsAppWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The replies that stop WhatsApp messages, compared without case and without the dot of Turkish İ. */
    private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "IPTAL", "DUR");

    private WhatsAppWebhook() {
    }

    public enum Status { SENT, DELIVERED, READ, FAILED }

    /**
     * One status of one of our messages.
     *
     * @param errorCode  Meta's error code of a failed message, else null
     * @param errorTitle its title (Meta's words, no personal data), else null
     */
    public record StatusUpdate(String wamid, Status status, Instant at, String recipientId, Integer errorCode, String errorTitle) {
    }

    /** A customer's message: who (their WhatsApp id), when, its type and its text (a button's title for a button reply). */
    public record InboundMessage(String wamid, String from, Instant at, String type, String text) {

        public boolean isOptOut() {
            return WhatsAppWebhook.isOptOut(text);
        }

        @Override
        public String toString() {
            return "InboundMessage[" + wamid + ", " + type + "]"; // the number and the text are personal data
        }
    }

    public record Updates(List<StatusUpdate> statuses, List<InboundMessage> messages) {
        public Updates {
            statuses = List.copyOf(statuses);
            messages = List.copyOf(messages);
        }
    }

    /**
     * Reads a notification body. A status this version does not know, or a change of another field, is skipped.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    public static Updates parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> messages = new ArrayList<>();
        if (!"whatsapp_business_account".equals(root.path("object").asText())) {
            return new Updates(statuses, messages);
        }
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(change.path("field").asText())) {
                    continue;
                }
                JsonNode value = change.path("value");
                for (JsonNode s : value.path("statuses")) {
                    Status status = status(s.path("status").asText());
                    String wamid = s.path("id").asText("");
                    if (status == null || wamid.isEmpty()) {
                        continue;
                    }
                    JsonNode error = s.path("errors").path(0);
                    statuses.add(new StatusUpdate(wamid, status, time(s.path("timestamp")), text(s.path("recipient_id")),
                            error.has("code") ? error.path("code").asInt() : null, text(error.path("title"))));
                }
                for (JsonNode m : value.path("messages")) {
                    String type = m.path("type").asText("");
                    String text = switch (type) {
                        case "text" -> text(m.path("text").path("body"));
                        case "button" -> text(m.path("button").path("text"));
                        case "interactive" -> text(m.path("interactive").path("button_reply").path("title"));
                        default -> null;
                    };
                    messages.add(new InboundMessage(text(m.path("id")), text(m.path("from")), time(m.path("timestamp")), type, text));
                }
            }
        }
        return new Updates(statuses, messages);
    }

    private static Status status(String name) {
        for (Status s : Status.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Instant time(JsonNode epochSeconds) {
        try {
            return epochSeconds.isMissingNode() ? null : Instant.ofEpochSecond(Long.parseLong(epochSeconds.asText().trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * STOP, İPTAL or DUR, in any case, with or without the dot of İ (iptal, IPTAL, İptal, ıptal), spaces and a full stop
     * or exclamation mark around it: nothing else, so "durum nedir?" is not an opt-out.
     */
    public static boolean isOptOut(String text) {
        if (text == null) {
            return false;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replace("\u0307", "").replace('ı', 'i')
                .toUpperCase(Locale.ROOT).strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
        return OPT_OUT_WORDS.contains(folded);
    }

    /** A WhatsApp id ({@code 905321234567}) as the E.164 number orders hold ({@code +905321234567}). */
    public static String e164(String waId) {
        String digits = waId == null ? "" : waId.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("not a WhatsApp id");
        }
        return "+" + digits;
    }

    /**
     * Whether {@code header} ({@code sha256=<hex>}) is the HMAC-SHA256 of the raw body under the app secret, compared
     * in constant time. Computed over the bytes as received, before any parsing.
     */
    public static boolean signatureMatches(String appSecret, byte[] body, String header) {
        if (appSecret == null || appSecret.isEmpty() || header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(appSecret, body == null ? new byte[0] : body), given);
    }

    /** The signature Meta would send for this body: {@code sha256=<lower-case hex>}. */
    public static String signature(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The handshake's {@code hub.verify_token} against ours: digests compared, so neither content nor length leaks. */
    public static boolean verifyTokenMatches(String configured, String given) {
        if (configured == null || configured.isEmpty() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(configured), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
