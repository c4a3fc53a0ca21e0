package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.DailyCaps;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.rules.RuleEngine;
import io.kargotakip.core.rules.RuleSettings;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Status change → the brand's rules (with the order, the shipment's history and the messages already decided) →
 * stored notification intents → outbound queue; the rules' alerts and tickets → operations. An intent that already
 * exists is not queued again once it is marked queued; one stored but never marked (a crash between the write and the
 * queueing) is queued on the retry, and the sender's claim keeps it from going out twice. A message the rules delay
 * (COD: 08:00 on the delivery day; the coalescing window) is stored held until then; one that needs operations'
 * approval (automation levels) is stored proposed; one past the customer's daily cap is not stored.
 */
public final class RuleEvaluation {

    private static final Logger LOG = Logger.getLogger(RuleEvaluation.class);

    /**
     * What the rules read besides the change: the order, the shipment's events, its messages so far; and the brand's
     * pool of single-use discount codes (null: none, an apology then carries its percent only).
     */
    public record Stores(OrderRepository orders, NotificationRepository notifications, EventLog events, DiscountCodes discountCodes,
                         DailyCaps dailyCaps) {
        public Stores(OrderRepository orders, NotificationRepository notifications, EventLog events) {
            this(orders, notifications, events, null, null);
        }
    }

    private final Supplier<RuleEngine> rules;
    private final OrderRepository orders;
    private final NotificationRepository notifications;
    private final EventLog events;
    private final DiscountCodes discountCodes;
    private final DailyCaps dailyCaps;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;
    private final RuleContext.BrandSettings brand;
    private final OperationsActions operations;

    /**
     * @param rules      the brand's rules in force ({@code RuleBook}: reloaded without a deploy)
     * @param brand      the brand's chain ({@code KARGO_FALLBACK_CHAIN}) and quiet hours, for rules that name none
     * @param operations where the rules' alerts and tickets go
     */
    public RuleEvaluation(Supplier<RuleEngine> rules, Stores stores, QueuePublisher outbound, Metrics metrics, Clock clock,
                          RuleContext.BrandSettings brand, OperationsActions operations) {
        this.rules = rules;
        this.orders = stores.orders();
        this.notifications = stores.notifications();
        this.events = stores.events();
        this.discountCodes = stores.discountCodes();
        this.dailyCaps = stores.dailyCaps();
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
        this.brand = brand;
        this.operations = operations;
    }

    /** @return the intents queued for sending now (a delayed one is stored held, not returned) */
    public List<NotificationIntent> process(Envelope.StatusChangeMessage message) {
        StatusChange change = message.change();
        Optional<Order> order = Optional.ofNullable(change.orderId()).flatMap(orders::find);
        if (order.isEmpty()) {
            metrics.count("ChangesWithoutOrder");
            LOG.infof("status %s of a shipment with no order: nobody to tell", change.status());
            return List.of();
        }
        Instant now = clock.instant();
        RuleContext context = new RuleContext(change,
                new RuleContext.Shipment(change.shipmentId(), change.estimatedDelivery(), events.history(change.shipmentId(), now)),
                RuleContext.OrderFacts.of(order.get(), null), notifications.ofShipment(change.shipmentId(), now), clock, brand);
        List<NotificationIntent> queued = new ArrayList<>();
        List<Runnable> toOperations = new ArrayList<>();
        RuleEngine engine = rules.get();
        RuleSettings.Frequency frequency = engine.rules().settings().frequency();
        for (Decision decision : engine.evaluate(context)) {
            for (Decision.Outcome outcome : decision.outcomes()) {
                if (outcome instanceof Decision.Send send) {
                    if (send.suppressedBy() != null) {
                        metrics.count("NotificationsSuppressedByRules");
                        LOG.infof("%s of rule %s suppressed by rule %s", send.kind(), decision.ruleId(), send.suppressedBy());
                        continue;
                    }
                    if (!admitted(send, frequency, change, order.get(), context, now)) {
                        continue;
                    }
                    decide(decision, send, change, order.get(), now, engine.rules().settings().automation()).ifPresent(queued::add);
                } else if (outcome instanceof Decision.Alert alert) {
                    toOperations.add(() -> raise(decision.occurrenceKey() + "/alert", now, () -> operations.alert(decision, alert, context)));
                } else if (outcome instanceof Decision.Ticket ticket) {
                    toOperations.add(() -> raise(decision.occurrenceKey() + "/ticket", now, () -> operations.ticket(decision, ticket, context)));
                }
            }
        }
        // one request for all the change's intents (several channels); marked queued only once they are on the queue
        outbound.publishAll(queued.stream().map(i -> new Envelope.OutboundMessage(message.traceId(), i.notificationId())).toList());
        for (NotificationIntent intent : queued) {
            notifications.markQueued(intent.notificationId());
            LOG.infof("notification %s (%s over %s) queued", intent.notificationId(), intent.kind().templateName(), intent.channel());
        }
        metrics.count("NotificationsDecided", queued.size());
        // after the customer's messages are on their way: a helpdesk that is down delays only its own retry
        toOperations.forEach(Runnable::run);
        return queued;
    }

    /**
     * An alert or a ticket once per occurrence, however often the change is replayed. A destination that fails throws:
     * the change comes back from the queue and the action is raised on the retry (the messages already queued stay single).
     */
    private void raise(String key, Instant now, Supplier<String> action) {
        if (!events.beginAction(key, now)) {
            metrics.count("OperationsActionsSuppressed");
            return;
        }
        String result = action.get();
        events.completeAction(key, result);
        metrics.count("OperationsActions");
    }

    /** The intent to queue now, empty when it is a duplicate or is held until the rule's time. */
    private Optional<NotificationIntent> decide(Decision decision, Decision.Send send, StatusChange change, Order order, Instant now,
                                                RuleSettings.Automation automation) {
        FallbackChain chain = send.chain();
        String first = chain.steps().isEmpty() ? "email" : chain.steps().get(0).channel();
        NotificationIntent.Details details = new NotificationIntent.Details(decision.ruleId(), send.occurrenceKey(), send.links(),
                send.discountPercent(), discountCode(send, now), send.variant());
        NotificationIntent decided = NotificationIntent.of(change, MessageKind.fromTemplateName(send.kind()), first, send.distinct(), details);
        NotificationIntent intent = opening(decided, chain, send.distinct(), order);
        // only the rule's delay_until or the coalescing window holds a message back (the engine read the clock a moment after us)
        Instant start = send.delayedBecause() != null && send.due().isAfter(now) ? send.due() : now;
        if (automation.needsApproval(send.kind())) {
            // operations approve or reject it first; its fallbacks wait, held for ever, until then
            Fallbacks held = holdFallbacks(intent, chain, send.distinct(), order, NEVER);
            if (notifications.createProposed(intent, now, held.ids(), held.waits()).isEmpty()) {
                metrics.count("NotificationsProposed");
                LOG.infof("notification %s (%s) waits for approval (automation %s)", intent.notificationId(), send.kind(), automation.mode());
            }
            return Optional.empty();
        }
        List<String> fallbacks = holdFallbacks(intent, chain, send.distinct(), order, start).ids();
        if (start.isAfter(now)) {
            // delay_until or coalescing: held like a quiet-hours message, the schedule queues it then (or drops it, superseded)
            if (notifications.createHeld(intent, start, List.of(), fallbacks, now).isEmpty()) {
                metrics.count("NotificationsDelayedByRules");
                LOG.infof("notification %s (%s) held until %s by rule %s", intent.notificationId(), send.kind(), start, decision.ruleId());
            }
            return Optional.empty();
        }
        Optional<NotificationRepository.Existing> existing = notifications.createIfAbsent(intent, now, fallbacks);
        if (existing.isPresent() && (existing.get().queued() || existing.get().state() != NotificationRepository.State.PENDING)) {
            metrics.count("DuplicatesSuppressed");
            return Optional.empty();
        }
        return Optional.of(intent);
    }

    /**
     * The daily cap: a message the customer would get beyond the day's cap (in their zone) is not sent, unless its
     * status is exempt (a failed attempt needs them now). A chain counts once; a replay is the same message.
     */
    private boolean admitted(Decision.Send send, RuleSettings.Frequency frequency, StatusChange change, Order order, RuleContext context,
                             Instant now) {
        if (frequency.dailyCap() == null || dailyCaps == null || frequency.capExempt().contains(change.status())) {
            return true;
        }
        Optional<String> customer = order.customer() == null ? Optional.empty() : io.kargotakip.core.order.CustomerId.of(order.customer());
        if (customer.isEmpty()) {
            return true;
        }
        java.time.LocalDate day = (send.due().isAfter(now) ? send.due() : now).atZone(context.order().zone()).toLocalDate();
        if (dailyCaps.admit(customer.get(), day, send.occurrenceKey() + "|" + send.kind(), frequency.dailyCap(),
                day.plusDays(2).atStartOfDay(context.order().zone()).toInstant())) {
            return true;
        }
        metrics.count("DailyCapReached");
        LOG.infof("%s not sent: the customer's %d messages of %s are reached", send.kind(), frequency.dailyCap(), day);
        return false;
    }

    /**
     * The apology's single-use code: drawn once per occurrence (a replay gets the same code back, never a second one),
     * so every channel of the chain carries the same code. A dry pool is operations' to refill: the message still goes.
     */
    private String discountCode(Decision.Send send, Instant now) {
        if (send.discountPercent() == null || discountCodes == null) {
            return null;
        }
        Optional<String> code = discountCodes.draw(send.discountPercent(), send.occurrenceKey(), now);
        if (code.isEmpty()) {
            metrics.count("DiscountPoolDry");
            LOG.errorf("operations alert: the %d%% discount-code pool is empty; %s goes without a code", send.discountPercent(), send.kind());
        }
        return code.orElse(null);
    }

    /** The due time of a stand-in: only {@code bringForward} makes it due. */
    static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    /**
     * The rules' message over the first channel the customer can be reached on among those the chain prefers to it
     * (an app or a browser push they asked for on this order). A status change delivered twice must not open the
     * chain twice: when the customer has a preferred contact, a message already stored for this occurrence over another
     * of the first step's channels is kept (a device registered between the two deliveries changes nothing).
     */
    private NotificationIntent opening(NotificationIntent decided, FallbackChain chain, String distinct, Order order) {
        String channel = chain.opening(decided.channel(), c -> reachable(order, c));
        if (chain.preferred().isEmpty() || chain.preferred().stream().noneMatch(c -> hasContact(order, c))) {
            return channel.equals(decided.channel()) ? decided : decided.over(channel, distinct);
        }
        List<String> choices = new ArrayList<>(chain.preferred());
        choices.add(chain.standIn());
        for (String other : choices) {
            if (!other.equals(channel) && notifications.find(NotificationIntent.idFor(decided.shipmentId(), decided.kind(), other, distinct)).isPresent()) {
                return decided.over(other, distinct);
            }
        }
        return decided.over(channel, distinct);
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
     * then stores): each held until its wait after {@code start} has passed, knowing the messages before it in the chain
     * (read, they make it unnecessary) and the ones after it (brought forward when it cannot go).
     *
     * @return the fallbacks' ids, in the chain's order, with each one's wait after the first message (-1: a stand-in)
     */
    private Fallbacks holdFallbacks(NotificationIntent first, FallbackChain chain, String distinct, Order order, Instant start) {
        Instant now = clock.instant();
        List<NotificationIntent> held = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        String standIn = chain.standIn();
        if (standIn != null && !standIn.equals(first.channel()) && chain.startsAt(first.channel()) && order.consent().allows(standIn)) {
            // the first step's own channel waits behind the preferred one: brought forward if that cannot go, else never due
            held.add(first.over(standIn, distinct));
            due.add(NEVER);
            waits.add(-1L);
        }
        for (FallbackChain.Step step : chain.fallbacksOf(first.channel())) {
            if (order.consent().allows(step.channel())) { // a fallback the customer did not allow is never sent: not stored either
                held.add(first.over(step.channel(), distinct));
                due.add(start.equals(NEVER) ? NEVER : start.plus(step.after()));
                waits.add(step.after().toMillis());
            }
        }
        List<String> ids = new ArrayList<>(List.of(first.notificationId()));
        held.forEach(h -> ids.add(h.notificationId()));
        for (int i = 0; i < held.size(); i++) {
            if (notifications.createHeld(held.get(i), due.get(i), ids.subList(0, i + 1), ids.subList(i + 2, ids.size()), now).isEmpty()) {
                metrics.count("FallbacksScheduled");
            }
        }
        return new Fallbacks(ids.subList(1, ids.size()), waits);
    }

    private record Fallbacks(List<String> ids, List<Long> waits) {
    }
}
