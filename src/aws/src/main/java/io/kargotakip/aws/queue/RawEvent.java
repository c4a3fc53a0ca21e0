package io.kargotakip.aws.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A carrier or marketplace payload on its way to the normalizer, exactly as received: its bytes (in the
 * SQS message as base64, so a Turkish SOAP service's windows-1254 or ISO-8859-9 answer arrives unchanged),
 * its content type and the headers its adapter asks for ({@code CarrierAdapter.payloadHeaders()}).
 *
 * @param source      carrier or marketplace id, e.g. {@code ups}
 * @param via         {@code webhook} or {@code poll}
 * @param receivedAt  when we got it
 * @param traceId     correlation id carried through every stage
 * @param payload     the payload's bytes
 * @param contentType its {@code Content-Type}, or null when unknown
 * @param headers     the headers the adapter needs, names in lower case; empty for most carriers
 */
public record RawEvent(String source, String via, Instant receivedAt, String traceId, byte[] payload, String contentType,
                       Map<String, String> headers) {

    /**
     * The largest payload one raw event carries: an SQS message holds 256 KiB, the payload travels as base64
     * (4/3 of its size) inside the envelope, so 180 KiB leaves room; a bigger answer is asked for in parts.
     */
    public static final int MAX_PAYLOAD_BYTES = 180 * 1024;

    public RawEvent {
        payload = payload == null ? new byte[0] : payload;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A JSON payload given as text (tests, fixtures). */
    public static RawEvent json(String source, String via, Instant receivedAt, String traceId, String body) {
        return new RawEvent(source, via, receivedAt, traceId, body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    }
}
