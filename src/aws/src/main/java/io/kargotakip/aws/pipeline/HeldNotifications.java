package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.NotificationRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The scheduled half of quiet hours: notifications the sender held ({@code DEFERRED} until a time) go back on the
 * outbound queue once their time has come, found by the due index (no scan). SQS delays stop at 15 minutes, and a
 * quiet night is ten hours, so the wait is in the table, not the queue. A notification queued twice (a sweep before
 * the sender took the first) is claimed once: the second is already handled.
 */
public final class HeldNotifications {

    private final NotificationRepository notifications;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;

    public HeldNotifications(NotificationRepository notifications, QueuePublisher outbound, Metrics metrics, Clock clock) {
        this.notifications = notifications;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return how many held notifications were queued again, at most {@code limit} */
    public int release(int limit) {
        List<String> due = notifications.findDue(clock.instant(), limit);
        String traceId = UUID.randomUUID().toString();
        outbound.publishAll(due.stream().map(id -> new Envelope.OutboundMessage(traceId, id)).toList());
        metrics.count("HeldNotificationsReleased", due.size());
        return due.size();
    }
}
