package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.channels.whatsapp.WhatsAppWebhook;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET|POST /channels/whatsapp/webhook}, the callback URL of the merchant's WhatsApp app. GET is Meta's
 * verification handshake: {@code hub.mode=subscribe} with our verify token gets {@code hub.challenge} back as plain
 * text. POST carries statuses and customer messages, signed with the app secret ({@code X-Hub-Signature-256}): the
 * signature is checked on the raw bytes before anything is read or recorded. WhatsApp is a channel, not a carrier,
 * so this is not one of the {@code /webhooks/{source}} sources.
 */
@Path("/channels/whatsapp/webhook")
public class WhatsAppWebhookResource {

    public static final String VERIFY_TOKEN = "KARGO_WHATSAPP_VERIFY_TOKEN";
    public static final String APP_SECRET = "KARGO_WHATSAPP_APP_SECRET";
    /** Meta's challenge is a number; anything unlike a token is not echoed. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");

    @Inject
    WhatsAppFeedback feedback;

    @Inject
    Metrics metrics;

    @GET
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                           @QueryParam("hub.challenge") String challenge) {
        try {
            if (!"subscribe".equals(mode) || !WhatsAppWebhook.verifyTokenMatches(setting(VERIFY_TOKEN), token)) {
                metrics.count("WebhooksRejected");
                return ProblemMapper.problem(Problem.of(403, "Forbidden", "not a subscription with the configured verify token"));
            }
            if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
                return ProblemMapper.problem(Problem.of(400, "Bad Request", "hub.challenge is missing or malformed"));
            }
            return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
        } finally {
            metrics.flush();
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        String traceId = UUID.randomUUID().toString();
        LogContext.begin(traceId);
        try {
            if (!WhatsAppWebhook.signatureMatches(setting(APP_SECRET), body, signature)) {
                metrics.count("WebhooksRejected");
                return ProblemMapper.problem(Problem.of(401, "Unauthorized",
                        signature == null ? "missing X-Hub-Signature-256" : "wrong X-Hub-Signature-256"));
            }
            WhatsAppWebhook.Updates updates;
            try {
                updates = WhatsAppWebhook.parse(body);
            } catch (IllegalArgumentException e) {
                metrics.count("WebhooksRejected");
                return ProblemMapper.problem(Problem.of(400, "Unreadable payload", e.getMessage()));
            }
            // a store failure propagates: the problem mapper answers 503 and Meta delivers the notification again
            feedback.record(updates);
            metrics.count("WebhooksAccepted");
            return Response.ok(Map.of("status", "recorded", "traceId", traceId), MediaType.APPLICATION_JSON_TYPE).build();
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    /** Read per request (KARGO_SECRETS_JSON may change), never logged. */
    private static String setting(String key) {
        return KargoSettings.fromConfig().get(key).orElse(null);
    }
}
