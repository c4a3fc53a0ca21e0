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
        for (NotificationIntent decided : rules.decide(change, order.get())) {
            NotificationIntent intent = opening(decided, change, order.get());
            List<String> fallbacks = holdFallbacks(intent, change, order.get());
            Optional<NotificationRepository.Existing> existing = notifications.createIfAbsent(intent, clock.instant(), fallbacks);
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
     * The rules' message over the first channel the customer can be reached on among those the chain prefers to it
     * (an app or a browser push they asked for on this order). A status change delivered twice must not open the
     * chain twice: when the customer has a preferred contact, a message already stored for this status over another
     * of the first step's channels is kept (a device registered between the two deliveries changes nothing).
     */
    /** The due time of a stand-in: only {@code bringForward} makes it due. */
    static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    private NotificationIntent opening(NotificationIntent decided, StatusChange change, Order order) {
        String channel = fallbacks.opening(decided.channel(), c -> reachable(order, c));
        if (fallbacks.preferred().isEmpty() || fallbacks.preferred().stream().noneMatch(c -> hasContact(order, c))) {
            return channel.equals(decided.channel()) ? decided : NotificationIntent.of(change, decided.kind(), channel);
        }
        List<String> choices = new ArrayList<>(fallbacks.preferred());
        choices.add(fallbacks.standIn());
        for (String other : choices) {
            if (!other.equals(channel) && notifications.find(NotificationIntent.idFor(change.shipmentId(), decided.kind(), other, change.occurrence())).isPresent()) {
                return NotificationIntent.of(change, decided.kind(), other);
            }
        }
        return NotificationIntent.of(change, decided.kind(), channel);
    }

    private static boolean reachable(Order order, String channel) {
        return order.consent().allows(channel) && hasContact(order, channel);
    }

    private static boolean hasContact(Order order, String channel) {
        return order.customer() != null && io.kargotakip.core.channel.ContactKind.ofChannel(channel)
                .map(kind -> order.customer().contact(kind) != null).orElse(false);
    }

    /**
     * The fallbacks of a message, stored before it (a crash in between leaves fallbacks whose first message the retry
     * then stores): each held until its wait after now has passed, knowing the messages before it in the chain (read,
     * they make it unnecessary) and the ones after it (brought forward when it cannot go).
     *
     * @return the fallbacks' ids, in the chain's order
     */
    private List<String> holdFallbacks(NotificationIntent first, StatusChange change, Order order) {
        Instant now = clock.instant();
        List<NotificationIntent> held = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        String standIn = fallbacks.standIn();
        if (standIn != null && !standIn.equals(first.channel()) && fallbacks.startsAt(first.channel()) && order.consent().allows(standIn)) {
            // the first step's own channel waits behind the preferred one: brought forward if that cannot go, else never due
            held.add(NotificationIntent.of(change, first.kind(), standIn));
            due.add(NEVER);
        }
        for (FallbackChain.Step step : fallbacks.fallbacksOf(first.channel())) {
            if (order.consent().allows(step.channel())) { // a fallback the customer did not allow is never sent: not stored either
                held.add(NotificationIntent.of(change, first.kind(), step.channel()));
                due.add(now.plus(step.after()));
            }
        }
        List<String> ids = new ArrayList<>(List.of(first.notificationId()));
        held.forEach(h -> ids.add(h.notificationId()));
        for (int i = 0; i < held.size(); i++) {
            if (notifications.createHeld(held.get(i), due.get(i), ids.subList(0, i + 1), ids.subList(i + 2, ids.size()), now).isEmpty()) {
                metrics.count("FallbacksScheduled");
            }
        }
        return ids.subList(1, ids.size());
    }
}
