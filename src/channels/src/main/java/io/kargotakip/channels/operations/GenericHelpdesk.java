package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ticket as a plain JSON POST to the merchant's own endpoint (an in-house support tool, an automation platform):
 * <pre>
 * POST {KARGO_HELPDESK_URL}
 * Content-Type: application/json
 * Idempotency-Key: {external_id}
 * X-Kargo-Signature: sha256={hex HMAC-SHA256 of the body with KARGO_HELPDESK_SECRET}   (when a secret is set)
 * Authorization: Bearer {KARGO_HELPDESK_TOKEN}                                          (when a token is set)
 *
 * {"external_id": "…", "subject": "…", "body": "…", "priority": "low|normal|high|urgent",
 *  "requester": {"name": "…", "email": "…"}, "tags": ["…"]}
 * </pre>
 * {@code requester} is left out when the request has neither, {@code name}/{@code email} when null. The endpoint
 * answers 2xx, with {@code {"id": …}} (or {@code {"ticket": {"id": …}}}) when it has an id of its own; without one the
 * ticket's id is its external id. The receiver checks the signature over the raw body it received, and may dedup by
 * {@code Idempotency-Key}: a retry after a lost answer carries the same one.
 */
final class GenericHelpdesk implements Helpdesk {

    static final String WHAT = "the helpdesk";
    static final String SIGNATURE_HEADER = "X-Kargo-Signature";

    private final OperationsHttp http;
    private final URI url;
    private final String token;
    private final String secret;

    GenericHelpdesk(OperationsHttp http, URI url, String token, String secret) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.secret = secret;
    }

    @Override
    public String open(TicketRequest ticket) throws OperationsException {
        byte[] body = body(ticket);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", ticket.externalId());
        if (secret != null) {
            headers.put(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(secret, body));
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        OperationsHttp.Answer answer = http.send(OperationsHttp.postJson(url, body, headers), WHAT, GenericHelpdesk::errorMessage);
        JsonNode json = answer.json();
        JsonNode id = json.path("id").isMissingNode() ? json.path("ticket").path("id") : json.path("id");
        return id.isValueNode() && !id.asText().isBlank() ? id.asText() : ticket.externalId();
    }

    static byte[] body(TicketRequest t) {
        ObjectNode root = OperationsHttp.JSON.createObjectNode();
        root.put("external_id", t.externalId());
        root.put("subject", t.subject());
        root.put("body", t.body());
        root.put("priority", t.priority());
        if (t.requesterName() != null || t.requesterEmail() != null) {
            ObjectNode r = root.putObject("requester");
            if (t.requesterName() != null) {
                r.put("name", t.requesterName());
            }
            if (t.requesterEmail() != null) {
                r.put("email", t.requesterEmail());
            }
        }
        t.tags().forEach(root.putArray("tags")::add);
        return OperationsHttp.write(root);
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code error} / {@code message} of a JSON answer, else its text. */
    static String errorMessage(OperationsHttp.Answer answer) {
        JsonNode json = answer.json();
        for (String field : new String[]{"message", "error", "detail", "description"}) {
            if (json.path(field).isTextual()) {
                return json.path(field).asText();
            }
        }
        return json.isEmpty() ? answer.body() : null;
    }
}
