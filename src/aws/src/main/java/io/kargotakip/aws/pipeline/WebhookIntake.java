package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.carrier.PushAcknowledgement;
import io.kargotakip.core.webhook.WebhookAuth;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accepts a pushed payload: authenticates it with the source's scheme, checks its size and that
 * the source's adapter can read it, and only then queues it. Nothing unverified reaches a queue.
 */
public final class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    /** SQS takes 256 KiB; leave room for the envelope. */
    /** The payload goes into the SQS message as base64 (4/3 of its size), which must stay under SQS's 256 KiB. */
    public static final int MAX_BODY_BYTES = 180 * 1024;

    public sealed interface Result {
        /** @param acknowledgement what the sender expects back, when not our default 202 JSON */
        record Accepted(String messageId, Optional<PushAcknowledgement> acknowledgement) implements Result {
        }

        /** An RFC 9457 problem: status, title and a detail that never echoes secrets or payloads. */
        record Rejected(int status, String title, String detail) implements Result {
        }
    }

    private final CarrierRegistry carriers;
    private final Function<String, Optional<WebhookAuth>> authFor;
    private final QueuePublisher rawEvents;
    private final Metrics metrics;
    private final Clock clock;

    public WebhookIntake(CarrierRegistry carriers, Function<String, Optional<WebhookAuth>> authFor, QueuePublisher rawEvents,
                         Metrics metrics, Clock clock) {
        this.carriers = carriers;
        this.authFor = authFor;
        this.rawEvents = rawEvents;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Result receive(String source, Map<String, String> lowerCaseHeaders, byte[] body, String traceId) {
        return receive(source, lowerCaseHeaders, body, traceId, null);
    }

    /**
     * @param pushPath the webhook path after {@code /webhooks/<source>/}, or null: given to the adapter as
     *                 {@link CarrierAdapter#PUSH_PATH} (Hepsiburada names the event only in its path)
     */
    public Result receive(String source, Map<String, String> lowerCaseHeaders, byte[] body, String traceId, String pushPath) {
        Optional<CarrierAdapter> adapter = carriers.find(source);
        Optional<WebhookAuth> auth = adapter.isPresent() ? authFor.apply(source) : Optional.empty();
        if (adapter.isEmpty() || auth.isEmpty()) {
            return reject(404, "Unknown webhook source", "no webhook source '" + printable(source) + "' is configured", source);
        }
        byte[] bytes = body == null ? new byte[0] : body;
        String why = auth.get() instanceof WebhookAuth.BodyCredentials inBody
                ? inBody.rejectReason(adapter.get().pushCredentials(bytes))
                : auth.get().rejectReason(lowerCaseHeaders, bytes, clock.instant());
        if (why != null) {
            return reject(401, "Unauthorized", why, source);
        }
        if (body == null || body.length == 0) {
            return reject(400, "Empty body", "the webhook body is empty", source);
        }
        if (body.length > MAX_BODY_BYTES) {
            return reject(413, "Payload too large", "the body is " + body.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted", source);
        }
        // the bytes as they came: the adapter, not a UTF-8 decoding here, says what the payload's encoding is
        Map<String, String> kept = new java.util.TreeMap<>();
        for (String name : adapter.get().payloadHeaders()) {
            String value = lowerCaseHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
            if (value != null) {
                kept.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        }
        // never taken from the caller: only the path it called
        kept.remove(CarrierAdapter.PUSH_PATH);
        if (pushPath != null && !pushPath.isBlank()) {
            kept.put(CarrierAdapter.PUSH_PATH, pushPath.length() > 200 ? pushPath.substring(0, 200) : pushPath);
        }
        try {
            adapter.get().parse(body, lowerCaseHeaders.get("content-type"), kept);
        } catch (PayloadException e) {
            return reject(400, "Unreadable payload", e.getMessage(), source);
        }
        byte[] queued = body;
        String contentType = lowerCaseHeaders.get("content-type");
        if (auth.get() instanceof WebhookAuth.BodyCredentials) {
            queued = adapter.get().withoutCredentials(body);
            if (queued != body) {
                contentType = "application/json";
            }
        }
        String messageId = rawEvents.publish(new RawEvent(source, "webhook", clock.instant(), traceId, queued, contentType, kept));
        metrics.count("WebhooksAccepted");
        LOG.infof("webhook from %s accepted (%d bytes)", source, body.length);
        return new Result.Accepted(messageId, adapter.get().pushAcknowledgement());
    }

    private Result reject(int status, String title, String detail, String source) {
        metrics.count("WebhooksRejected");
        LOG.warnf("webhook from %s rejected: %d %s", printable(source), status, title);
        return new Result.Rejected(status, title, detail);
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
