package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.NotificationRules;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Status change → the merchant's rules → stored notification intents → outbound queue. An intent
 * that already exists is not queued again once it is marked queued; one stored but never marked (a
 * crash between the write and the queueing) is queued on the retry, and the sender's claim keeps it
 * from going out twice.
 */
public final class RuleEvaluation {

    private static final Logger LOG = Logger.getLogger(RuleEvaluation.class);

    private final NotificationRules rules;
    private final OrderRepository orders;
    private final NotificationRepository notifications;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;
    private final FallbackChain fallbacks;

    public RuleEvaluation(NotificationRules rules, OrderRepository orders, NotificationRepository notifications,
                          QueuePublisher outbound, Metrics metrics, Clock clock) {
        this(rules, orders, notifications, outbound, metrics, clock, FallbackChain.NONE);
    }

    /**
     * @param fallbacks where a message goes next when it is not read: each fallback the customer consented to is stored
     *                  held until its time ({@link HeldNotifications} queues it then; the sender drops it if the chain was
     *                  read meanwhile)
     */
    public RuleEvaluation(NotificationRules rules, OrderRepository orders, NotificationRepository notifications,
                          QueuePublisher outbound, Metrics metrics, Clock clock, FallbackChain fallbacks) {
        this.fallbacks = fallbacks;
        this.rules = rules;
        this.orders = orders;
        this.notifications = notifications;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return the intents queued for sending */
    public List<NotificationIntent> process(Envelope.StatusChangeMessage message) {
        StatusChange change = message.change();
        Optional<Order> order = Optional.ofNullable(change.orderId()).flatMap(orders::find);
        if (order.isEmpty()) {
            metrics.count("ChangesWithoutOrder");
            LOG.infof("status %s of a shipment with no order: nobody to tell", change.status());
            return List.of();
        }
        List<NotificationIntent> queued = new ArrayList<>();
        for (NotificationIntent intent : rules.decide(change, order.get())) {
            holdFallbacks(intent, change, order.get());
            Optional<NotificationRepository.Existing> existing = notifications.createIfAbsent(intent, clock.instant());
            if (existing.isPresent() && (existing.get().queued() || existing.get().state() != NotificationRepository.State.PENDING)) {
                metrics.count("DuplicatesSuppressed");
                continue;
            }
            queued.add(intent);
        }
        // one request for all the change's intents (several channels); marked queued only once they are on the queue
        outbound.publishAll(queued.stream().map(i -> new Envelope.OutboundMessage(message.traceId(), i.notificationId())).toList());
        for (NotificationIntent intent : queued) {
            notifications.markQueued(intent.notificationId());
            LOG.infof("notification %s (%s over %s) queued", intent.notificationId(), intent.kind().templateName(), intent.channel());
        }
        metrics.count("NotificationsDecided", queued.size());
        return queued;
    }

    /**
     * The fallbacks of a message, stored before it (a crash in between leaves fallbacks whose first message the retry
     * then stores): each held until its wait after now has passed, knowing the messages before it in the chain.
     */
    private void holdFallbacks(NotificationIntent first, StatusChange change, Order order) {
        List<String> chain = new ArrayList<>(List.of(first.notificationId()));
        Instant now = clock.instant();
        for (FallbackChain.Step step : fallbacks.fallbacksOf(first.channel())) {
            if (!order.consent().allows(step.channel())) {
                continue; // a fallback the customer did not allow is never sent: not stored either
            }
            NotificationIntent fallback = NotificationIntent.of(change, first.kind(), step.channel());
            if (notifications.createHeld(fallback, now.plus(step.after()), chain, now).isEmpty()) {
                metrics.count("FallbacksScheduled");
            }
            chain.add(fallback.notificationId());
        }
    }
}
