package io.kargotakip.aws.queue;

import java.time.Instant;

/**
 * A carrier or marketplace payload on its way to the normalizer, exactly as received.
 *
 * @param source     carrier or marketplace id, e.g. {@code ups}
 * @param via        {@code webhook} or {@code poll}
 * @param receivedAt when we got it
 * @param traceId    correlation id carried through every stage
 * @param body       the payload, UTF-8 text (carrier payloads are JSON or XML)
 */
public record RawEvent(String source, String via, Instant receivedAt, String traceId, String body) {
}
