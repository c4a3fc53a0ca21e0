package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.carriers.manual.ManualStatuses;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import io.kargotakip.core.shipment.PollPolicy;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.StallRule;
import io.kargotakip.core.shipment.TrackingEvent;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The working half of the poller: one poll-work message is one call to a carrier's tracking API (one key,
 * or a batch where the API takes several). The answer goes to the raw-events queue — unless it is byte for
 * byte the answer queued last time (nothing new) — and each shipment's next poll is set by what we know of
 * it ({@link PollPolicy}: the delivery day sooner, not while pushes arrive). When the carrier has nothing new
 * and the parcel has not been scanned for the stall rule's business hours, a {@code delayed} event is queued
 * for it. A carrier that cannot answer now is asked again after {@link PollPolicy#retryAfterFailure}; the
 * message itself succeeds, so an outage is paced by the schedule, not by SQS redeliveries.
 */
public final class PollWorker {

    private static final Logger LOG = Logger.getLogger(PollWorker.class);

    /** Waits between two calls to one carrier; tests pass one that only records. */
    @FunctionalInterface
    public interface Pause {
        void sleep(long millis);
    }

    public record Outcome(boolean called, boolean queued, boolean unchanged, boolean failed, int stalled) {
    }

    private final ShipmentRepository shipments;
    private final Function<String, Optional<TrackingClient>> clients;
    private final QueuePublisher rawEvents;
    private final PollPolicy policy;
    private final StallRule stallRule;
    private final Metrics metrics;
    private final Clock clock;
    private final Pause pause;
    /** When this instance last called each source: successive messages of one batch keep the carrier's pace. */
    private final Map<String, Long> lastCallMillis = new HashMap<>();

    public PollWorker(ShipmentRepository shipments, Function<String, Optional<TrackingClient>> clients, QueuePublisher rawEvents,
                      PollPolicy policy, StallRule stallRule, Metrics metrics, Clock clock, Pause pause) {
        this.shipments = shipments;
        this.clients = clients;
        this.rawEvents = rawEvents;
        this.policy = policy;
        this.stallRule = stallRule;
        this.metrics = metrics;
        this.clock = clock;
        this.pause = pause;
    }

    public Outcome process(PollWorkMessage work) {
        List<ShipmentId> ids = work.shipments().stream().map(ShipmentId::parse).toList();
        Optional<TrackingClient> client = clients.apply(work.source());
        if (client.isEmpty()) {
            // configured when scheduled, gone now (a deploy in between): look again later
            ids.forEach(id -> shipments.schedulePoll(id, policy.afterAnswer(clock.instant())));
            return new Outcome(false, false, false, false, 0);
        }
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(work.keys()));
        if (keys.isEmpty()) {
            return new Outcome(false, false, false, false, 0);
        }
        pace(work.source(), work.gapMillis());
        List<TrackingClient.Answer> answers;
        try {
            answers = answers(client.get(), keys);
        } catch (CarrierUnavailableException e) {
            ids.forEach(id -> shipments.schedulePoll(id, policy.afterFailure(clock.instant())));
            metrics.count("PollFailures");
            LOG.warnf("poll of %d %s shipment(s) failed, retrying later: %s", ids.size(), work.source(), e.getMessage());
            return new Outcome(true, false, false, true, 0);
        }
        metrics.count("PollsMade");
        Instant now = clock.instant();
        String digest = digest(answers);
        Map<ShipmentId, ShipmentRepository.PollView> views = new HashMap<>();
        ids.forEach(id -> views.put(id, shipments.pollView(id)));
        // the carrier answers with the whole history: an answer equal to the last one queued has nothing new
        // (the digest is stored only once that answer is on the queue, so a crash in between re-queues it)
        boolean unchanged = views.values().stream().allMatch(v -> digest.equals(v.answerDigest()));
        if (!unchanged) {
            for (TrackingClient.Answer answer : answers) {
                if (answer.body().length > RawEvent.MAX_PAYLOAD_BYTES) {
                    metrics.count("PollAnswersTooLarge"); // one shipment's answer over a queue message: counted, not queued
                    LOG.errorf("a %s answer for one shipment is %d bytes, over a queue message; not queued", work.source(), answer.body().length);
                    continue;
                }
                rawEvents.publish(new RawEvent(work.source(), "poll", now, work.traceId(), answer.body(), answer.contentType(), Map.of()));
            }
        }
        List<TrackingEvent> stalls = new ArrayList<>();
        for (ShipmentId id : ids) {
            ShipmentRepository.PollView view = views.get(id);
            Instant next = policy.next(view.status(), view.estimatedDelivery(), view.lastPushAt(), now).orElse(policy.afterAnswer(now));
            if (unchanged) {
                shipments.schedulePoll(id, next);
                // nothing new from the carrier: is the parcel stuck?
                stallRule.check(id, view.status(), view.lastEventAt(), now).ifPresent(stalls::add);
            } else {
                shipments.schedulePoll(id, next, digest);
            }
        }
        if (!stalls.isEmpty()) {
            rawEvents.publish(new RawEvent(ManualStatuses.ID, "rule", now, work.traceId(), ManualStatuses.payload(stalls),
                    "application/json", Map.of()));
            metrics.count("StallsDetected", stalls.size());
        }
        metrics.count("PollAnswersUnchanged", unchanged ? 1 : 0);
        return new Outcome(true, !unchanged, unchanged, false, stalls.size());
    }

    private void pace(String source, long gapMillis) {
        Long last = lastCallMillis.get(source);
        long now = clock.millis();
        if (last != null && now - last < gapMillis) {
            pause.sleep(gapMillis - (now - last));
        }
        lastCallMillis.put(source, clock.millis());
    }

    /**
     * The carrier's answer for these keys, in as many calls as it takes for each answer to fit a queue message: a
     * batch whose answer is too big is asked again in halves.
     */
    private List<TrackingClient.Answer> answers(TrackingClient client, List<String> keys) throws CarrierUnavailableException {
        TrackingClient.Answer answer = client.ask(keys);
        if (answer.body().length <= RawEvent.MAX_PAYLOAD_BYTES || keys.size() == 1) {
            return List.of(answer);
        }
        metrics.count("PollAnswersSplit");
        List<TrackingClient.Answer> parts = new ArrayList<>(answers(client, keys.subList(0, keys.size() / 2)));
        parts.addAll(answers(client, keys.subList(keys.size() / 2, keys.size())));
        return parts;
    }

    /** A short digest of the answers' bytes: not reversible, and only compared with the last one. */
    static String digest(List<TrackingClient.Answer> answers) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            answers.forEach(a -> sha.update(a.body()));
            byte[] d = sha.digest();
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
