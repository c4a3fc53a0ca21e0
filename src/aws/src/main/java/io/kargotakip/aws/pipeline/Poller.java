package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.shipment.ShipmentId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Finds shipments due for a poll, asks their carrier, queues the raw answers for the normalizer
 * and schedules the next poll. Calls to one carrier are spaced to its rate limit.
 */
public final class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    public record Summary(int due, int polled, int failed, int skipped) {
    }

    /** Answers per SendMessageBatch (the SQS maximum). */
    private static final int BATCH = 10;

    private final ShipmentRepository shipments;
    private final Function<String, Optional<TrackingClient>> clients;
    private final Function<String, Integer> maxCallsPerSecond;
    private final QueuePublisher rawEvents;
    private final PollPolicy policy;
    private final Metrics metrics;
    private final Clock clock;

    public Poller(ShipmentRepository shipments, Function<String, Optional<TrackingClient>> clients,
                  Function<String, Integer> maxCallsPerSecond, QueuePublisher rawEvents, PollPolicy policy,
                  Metrics metrics, Clock clock) {
        this.shipments = shipments;
        this.clients = clients;
        this.maxCallsPerSecond = maxCallsPerSecond;
        this.rawEvents = rawEvents;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Summary run(int limit) {
        List<ShipmentId> due = shipments.findDue(clock.instant(), limit);
        Map<String, Long> lastCallNanos = new HashMap<>();
        int polled = 0;
        int failed = 0;
        int skipped = 0;
        // answers are queued ten to a request, then their next polls set: a crash in between only polls again
        List<RawEvent> answers = new ArrayList<>();
        List<ShipmentId> answered = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        int unchanged = 0;
        for (ShipmentId id : due) {
            Optional<TrackingClient> client = clients.apply(id.carrier());
            if (client.isEmpty()) {
                // push-only or not configured: look again later in case it gets configured
                shipments.schedulePoll(id, policy.afterAnswer(clock.instant()));
                skipped++;
                continue;
            }
            pace(id.carrier(), lastCallNanos);
            try {
                byte[] body = client.get().fetch(id.trackingNumber());
                String digest = digest(body);
                polled++;
                // the carrier answers with the whole history: an answer equal to the last one queued has nothing new
                // (the digest is stored only once that answer is on the queue, so a crash in between re-queues it)
                if (shipments.answerDigest(id).filter(digest::equals).isPresent()) {
                    shipments.schedulePoll(id, policy.afterAnswer(clock.instant()));
                    unchanged++;
                    continue;
                }
                String traceId = UUID.randomUUID().toString();
                answers.add(new RawEvent(id.carrier(), "poll", clock.instant(), traceId, body, null, Map.of()));
                answered.add(id);
                digests.add(digest);
                if (answers.size() == BATCH) {
                    queue(answers, answered, digests);
                }
            } catch (CarrierUnavailableException e) {
                shipments.schedulePoll(id, policy.afterFailure(clock.instant()));
                failed++;
                LOG.warnf("poll of a %s shipment failed, retrying later: %s", id.carrier(), e.getMessage());
            }
        }
        queue(answers, answered, digests);
        metrics.count("PollAnswersUnchanged", unchanged);
        metrics.count("PollsMade", polled);
        metrics.count("PollFailures", failed);
        return new Summary(due.size(), polled, failed, skipped);
    }

    private void queue(List<RawEvent> answers, List<ShipmentId> answered, List<String> digests) {
        if (answers.isEmpty()) {
            return;
        }
        rawEvents.publishAll(answers);
        for (int i = 0; i < answered.size(); i++) {
            shipments.schedulePoll(answered.get(i), policy.afterAnswer(clock.instant()), digests.get(i));
        }
        answers.clear();
        answered.clear();
        digests.clear();
    }

    /** A short digest of the answer's bytes: not reversible, and only compared with the last one. */
    static String digest(byte[] body) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pace(String carrier, Map<String, Long> lastCallNanos) {
        int perSecond = Math.max(1, maxCallsPerSecond.apply(carrier));
        long gap = 1_000_000_000L / perSecond;
        Long last = lastCallNanos.get(carrier);
        long now = System.nanoTime();
        if (last != null && now - last < gap) {
            try {
                Thread.sleep((gap - (now - last)) / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastCallNanos.put(carrier, System.nanoTime());
    }
}
