package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.CarrierQuotas;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.ShipmentRepository.DuePoll;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.shipment.PollPolicy;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The scheduled half of the poller: finds the shipments due for a poll (by index, no scan), groups them by
 * whom to ask (carrier, or marketplace for parcels known only through one), cuts them into the carrier's
 * batches, and queues one poll-work message per call for the workers — at the carrier's rate:
 * <ul>
 *   <li>per second: a run's calls to one carrier are spread over time by SQS delivery delays
 *       ({@code i / rate} seconds for the i-th call), over at most {@code horizon} (≤ 15 min, SQS's longest
 *       delay), so concurrent workers still call at the carrier's pace; what does not fit stays due for the
 *       next run;</li>
 *   <li>per day: a carrier with a daily quota (DHL) spends from {@link CarrierQuotas}; what is over the
 *       quota waits for the next UTC day.</li>
 * </ul>
 * Queued shipments are leased (their next poll moved past the horizon), so the next run does not queue them
 * again; the worker then sets the next poll by what the carrier said. A carrier without credentials is not
 * called: its shipments look again after the poll interval, in case it gets configured.
 */
public final class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    public record Summary(int due, int calls, int queued, int skipped, int deferred) {
    }

    private final ShipmentRepository shipments;
    private final CarrierRegistry carriers;
    private final Function<String, CarrierSettings> settings;
    private final CarrierQuotas quotas;
    private final QueuePublisher pollWork;
    private final PollPolicy policy;
    private final Duration horizon;
    private final Metrics metrics;
    private final Clock clock;

    /** @param horizon how far ahead one run spreads its calls: the schedule's period, at most 15 minutes */
    public PollScheduler(ShipmentRepository shipments, CarrierRegistry carriers, Function<String, CarrierSettings> settings,
                         CarrierQuotas quotas, QueuePublisher pollWork, PollPolicy policy, Duration horizon, Metrics metrics,
                         Clock clock) {
        this.shipments = shipments;
        this.carriers = carriers;
        this.settings = settings;
        this.quotas = quotas;
        this.pollWork = pollWork;
        this.policy = policy;
        this.horizon = horizon.compareTo(Duration.ofSeconds(QueuePublisher.MAX_DELAY_SECONDS)) > 0
                ? Duration.ofSeconds(QueuePublisher.MAX_DELAY_SECONDS) : horizon;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Says once per carrier, at start-up, which carriers will be polled and what the others lack. */
    public void announce() {
        for (String id : carriers.ids()) {
            CarrierAdapter adapter = carriers.find(id).orElseThrow();
            CarrierProfile profile = adapter.profile();
            if (!profile.pollable()) {
                LOG.infof("carrier %s: not polled (%s)", id, profile.push().orElse("no tracking API"));
            } else if (profile.configured(settings.apply(id))) {
                CarrierProfile.RateLimit rate = profile.rateLimit().overriddenBy(settings.apply(id));
                LOG.infof("carrier %s: polled, %s keys a call, %.2f calls/s%s", id, profile.batchSize(), rate.perSecond(),
                        rate.perDay() > 0 ? ", " + rate.perDay() + " a day" : "");
            } else {
                LOG.warnf("carrier %s: not polled, credentials missing: %s", id, String.join(", ", profile.missing(settings.apply(id))));
            }
        }
    }

    public Summary run(int limit) {
        Instant now = clock.instant();
        List<DuePoll> due = shipments.findDue(now, limit);
        Map<String, List<DuePoll>> bySource = new LinkedHashMap<>();
        for (DuePoll poll : due) {
            DuePoll asked = whomToAsk(poll);
            bySource.computeIfAbsent(asked.via(), k -> new ArrayList<>()).add(asked);
        }
        List<QueuePublisher.Delayed> messages = new ArrayList<>();
        List<DuePoll> leased = new ArrayList<>();
        int skipped = 0;
        int deferred = 0;
        for (Map.Entry<String, List<DuePoll>> entry : bySource.entrySet()) {
            String source = entry.getKey();
            List<DuePoll> polls = entry.getValue();
            Optional<CarrierProfile> profile = carriers.find(source).map(CarrierAdapter::profile);
            CarrierSettings carrierSettings = settings.apply(source);
            if (profile.isEmpty() || !profile.get().configured(carrierSettings)) {
                polls.forEach(p -> shipments.schedulePoll(p.id(), policy.afterAnswer(now)));
                skipped += polls.size();
                continue;
            }
            CarrierProfile.RateLimit rate = profile.get().rateLimit().overriddenBy(carrierSettings);
            List<List<DuePoll>> calls = batches(polls, profile.get().batchSize());
            int fit = (int) Math.max(1, Math.floor(rate.perSecond() * horizon.toSeconds()));
            int wanted = Math.min(calls.size(), fit);
            int granted = rate.perDay() > 0 ? quotas.take(source, now.atZone(ZoneOffset.UTC).toLocalDate(), wanted, rate.perDay()) : wanted;
            long gapMillis = (long) Math.ceil(1000 / rate.perSecond());
            for (int i = 0; i < calls.size(); i++) {
                List<DuePoll> call = calls.get(i);
                if (i < granted) {
                    int delay = (int) Math.min(QueuePublisher.MAX_DELAY_SECONDS, Math.floor(i / rate.perSecond()));
                    messages.add(new QueuePublisher.Delayed(new PollWorkMessage(UUID.randomUUID().toString(), source,
                            call.stream().map(p -> p.id().toString()).toList(), call.stream().map(DuePoll::key).toList(), gapMillis), delay));
                    leased.addAll(call);
                } else if (granted < wanted) {
                    // the day's quota is spent: the next UTC day
                    call.forEach(p -> shipments.schedulePoll(p.id(), now.plus(CarrierQuotas.untilNextUtcDay(now))));
                    deferred += call.size();
                } else {
                    deferred += call.size(); // beyond this run's horizon: still due, the next run takes them first
                }
            }
        }
        pollWork.publishAll(messages);
        // after the queueing: a crash in between only queues them again
        Instant lease = now.plus(horizon).plus(policy.retryAfterFailure());
        leased.forEach(p -> shipments.schedulePoll(p.id(), lease));
        metrics.count("PollCallsQueued", messages.size());
        // poll lag: how long the most overdue shipment waited past its poll time (0 when the poller keeps up)
        metrics.gauge("PollLagSeconds", due.stream().map(DuePoll::dueAt).filter(java.util.Objects::nonNull)
                .mapToLong(at -> Math.max(0, java.time.Duration.between(at, now).toSeconds())).max().orElse(0));
        metrics.count("PollsDeferred", deferred);
        return new Summary(due.size(), messages.size(), leased.size(), skipped, deferred);
    }

    /**
     * A parcel tracked through a marketplace is asked at its own carrier, by its tracking number, when that
     * carrier can be polled (the better source); otherwise at the marketplace, by the marketplace's key.
     */
    private DuePoll whomToAsk(DuePoll poll) {
        if (poll.via().equals(poll.id().carrier())) {
            return poll;
        }
        boolean carrierPolled = carriers.find(poll.id().carrier()).map(a -> a.profile().configured(settings.apply(poll.id().carrier())))
                .orElse(false);
        return carrierPolled ? new DuePoll(poll.id(), poll.id().carrier(), poll.id().trackingNumber()) : poll;
    }

    /** Calls of at most {@code size} shipments (the worker asks a key shared by two parcels of one order once). */
    private static List<List<DuePoll>> batches(List<DuePoll> polls, int size) {
        List<List<DuePoll>> calls = new ArrayList<>();
        List<DuePoll> current = new ArrayList<>();
        for (DuePoll poll : polls) {
            if (current.size() == size) {
                calls.add(current);
                current = new ArrayList<>();
            }
            current.add(poll);
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }
}
