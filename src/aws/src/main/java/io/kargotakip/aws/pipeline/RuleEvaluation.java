package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.DailyCaps;
import io.kargotakip.aws.store.DailyTally;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.rules.RuleEngine;
import io.kargotakip.core.rules.RuleSettings;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.TrackingStatus;
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
                         DailyCaps dailyCaps, ShipmentRepository shipments, DailyTally tally) {
        public Stores(OrderRepository orders, NotificationRepository notifications, EventLog events) {
            this(orders, notifications, events, null, null);
        }

        public Stores(OrderRepository orders, NotificationRepository notifications, EventLog events, DiscountCodes discountCodes,
                      DailyCaps dailyCaps) {
            this(orders, notifications, events, discountCodes, dailyCaps, null, null);
        }
    }

    /** The event key of a time rules' look: the shipment's state, no carrier event. */
    private static final String WAKE = "wake|";

    /** The statuses a day's exception report lists, besides every alert and ticket the rules raised. */
    private static final java.util.Set<TrackingStatus> EXCEPTIONS = java.util.EnumSet.of(TrackingStatus.FAILED_ATTEMPT,
            TrackingStatus.DELAYED, TrackingStatus.EXCEPTION, TrackingStatus.RETURN_IN_TRANSIT, TrackingStatus.RETURNED_TO_SENDER);

    private final Supplier<RuleEngine> rules;
    private final OrderRepository orders;
    private final NotificationRepository notifications;
    private final EventLog events;
    private final DiscountCodes discountCodes;
    private final DailyCaps dailyCaps;
    private final ShipmentRepository shipments;
    private final DailyTally tally;
    private final QueuePublisher outbound;
    private final Metrics metrics;
    private final Clock clock;
    private final RuleContext.BrandSettings brand;
    private final OperationsActions operations;
    private final io.kargotakip.core.analytics.ControlGroup controlGroup;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    /**
     * @param rules      the brand's rules in force ({@code RuleBook}: reloaded without a deploy)
     * @param brand      the brand's chain ({@code KARGO_FALLBACK_CHAIN}) and quiet hours, for rules that name none
     * @param operations where the rules' alerts and tickets go
     */
    public RuleEvaluation(Supplier<RuleEngine> rules, Stores stores, QueuePublisher outbound, Metrics metrics, Clock clock,
                          RuleContext.BrandSettings brand, OperationsActions operations) {
        this(rules, stores, outbound, metrics, clock, brand, operations, io.kargotakip.core.analytics.ControlGroup.OFF,
                io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /**
     * @param controlGroup the shipments that get no proactive message (their alerts and tickets still go to operations),
     *                     so the analytics measure what the messages prevent
     * @param analytics    where a message held out for the control group is recorded
     */
    public RuleEvaluation(Supplier<RuleEngine> rules, Stores stores, QueuePublisher outbound, Metrics metrics, Clock clock,
                          RuleContext.BrandSettings brand, OperationsActions operations,
                          io.kargotakip.core.analytics.ControlGroup controlGroup, io.kargotakip.aws.analytics.Analytics analytics) {
        this.controlGroup = controlGroup;
        this.analytics = analytics;
        this.rules = rules;
        this.orders = stores.orders();
        this.notifications = stores.notifications();
        this.events = stores.events();
        this.discountCodes = stores.discountCodes();
        this.dailyCaps = stores.dailyCaps();
        this.shipments = stores.shipments();
        this.tally = stores.tally();
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
        RuleEngine engine = rules.get();
        Outcome outcome = apply(engine.evaluate(context), engine, change, order.get(), context, now, message.traceId());
        if (EXCEPTIONS.contains(change.status())) {
            // the report lists the change itself, whatever the rules did with it
            outcome.exceptions.add(exceptionLine(change.status().wireName() + (change.reason() == null ? "" : " (" + change.reason().wireName() + ")")
                    + (change.status() == TrackingStatus.FAILED_ATTEMPT ? ", attempt " + context.attempt() : ""), change, order.get()));
        }
        if (engine.hasTimedRules() && shipments != null) {
            // the time rules' next look at this shipment, from the state this change leaves it in
            shipments.scheduleWake(change.shipmentId(), engine.nextWake(outcome.withDecided(context, clock, brand), true), change.occurredAt());
        }
        record(outcome, engine, now);
        return outcome.queued;
    }

    /**
     * The schedule's look at the time rules: every shipment whose wake-up has come (the {@code due-wakes} index, at most
     * {@code limit}), evaluated with its latest state as the change. Each occurrence of a time rule is looked at once:
     * an {@code action|<key>/due} record is begun before and completed after, so a run cut short looks again and a
     * finished one never does. A shipment that fails keeps its wake-up and is looked at on the next run.
     *
     * @return the shipments looked at
     */
    public int wake(int limit) {
        if (shipments == null) {
            return 0;
        }
        RuleEngine engine = rules.get();
        Instant now = clock.instant();
        List<ShipmentId> due = shipments.findWakes(now, limit);
        for (ShipmentId id : due) {
            try {
                wake(id, engine, now);
            } catch (RuntimeException e) {
                metrics.count("TimeRulesFailed");
                LOG.warnf("time rules of %s failed (%s); looked at again on the next run", id, e.getClass().getSimpleName());
            }
        }
        metrics.count("TimeRulesLooked", due.size());
        return due.size();
    }

    private void wake(ShipmentId id, RuleEngine engine, Instant now) {
        Optional<ShipmentState> state = shipments.find(id);
        Optional<Order> order = state.map(ShipmentState::orderId).flatMap(orders::find);
        if (state.isEmpty() || state.get().status() == null || order.isEmpty()) {
            shipments.scheduleWake(id, Optional.empty(), state.map(ShipmentState::lastEventAt).orElse(now));
            return;
        }
        ShipmentState s = state.get();
        StatusChange current = new StatusChange(id, s.orderId(), null, s.status(), s.reason(), s.lastEventAt(), s.location(), s.description(),
                s.estimatedDelivery(), WAKE + id, s.occurrence());
        RuleContext context = new RuleContext(current, new RuleContext.Shipment(id, s.estimatedDelivery(), events.history(id, now)),
                RuleContext.OrderFacts.of(order.get(), null), notifications.ofShipment(id, now), clock, brand);
        List<String> looked = new ArrayList<>();
        List<Decision> fired = engine.evaluateDue(context, key -> {
            boolean first = events.beginAction(key + "/due", now);
            if (first) {
                looked.add(key);
            }
            return first;
        });
        Outcome outcome = apply(fired, engine, current, order.get(), context, now, "wake-" + java.util.UUID.randomUUID());
        for (String key : looked) {
            events.completeAction(key + "/due", fired.stream().anyMatch(d -> d.occurrenceKey().equals(key)) ? "fired" : "conditions not met");
        }
        shipments.scheduleWake(id, engine.nextWake(outcome.withDecided(context, clock, brand), false), s.lastEventAt());
        record(outcome, engine, now);
        fired.forEach(d -> LOG.infof("time rule %s fired for %s", d.ruleId(), id));
    }

    /** What one evaluation stored anew and raised: what the day's tally counts, and the intents it queued. */
    private static final class Outcome {
        final List<NotificationIntent> queued = new ArrayList<>();
        final java.util.Map<String, Long> counts = new java.util.HashMap<>();
        final java.util.Set<String> exceptions = new java.util.HashSet<>();
        final List<RuleContext.SentMessage> decided = new ArrayList<>();

        private NotificationIntent.Parcels parcels;
        private boolean parcelsRead;

        void count(String measure) {
            counts.merge(measure, 1L, Long::sum);
        }

        /** The order's parcels, read once for all the change's messages. */
        NotificationIntent.Parcels parcels(Supplier<NotificationIntent.Parcels> read) {
            if (!parcelsRead) {
                parcels = read.get();
                parcelsRead = true;
            }
            return parcels;
        }

        /** A message stored anew: counted by kind and by the channel it opens on (a chain counts once). */
        void decided(NotificationIntent intent, String state, Decision.Send send, Instant now) {
            count("kind." + send.kind());
            count("channel." + intent.channel());
            count("messages");
            decided.add(new RuleContext.SentMessage(send.kind(), intent.channel(), state, null, send.occurrenceKey(), now));
        }

        /** The context with the messages decided just now among those sent, so a reminder after one is timed from now. */
        RuleContext withDecided(RuleContext c, Clock clock, RuleContext.BrandSettings brand) {
            if (decided.isEmpty()) {
                return c;
            }
            List<RuleContext.SentMessage> sent = new ArrayList<>(c.sent());
            sent.addAll(decided);
            return new RuleContext(c.change(), c.shipment(), c.order(), sent, clock, brand);
        }
    }

    /** The decisions carried out: messages stored and queued (or held, or proposed), then alerts and tickets. */
    private Outcome apply(List<Decision> decisions, RuleEngine engine, StatusChange change, Order order, RuleContext context, Instant now,
                          String traceId) {
        Outcome outcome = new Outcome();
        List<Runnable> toOperations = new ArrayList<>();
        RuleSettings.Frequency frequency = engine.rules().settings().frequency();
        for (Decision decision : decisions) {
            for (Decision.Outcome o : decision.outcomes()) {
                if (o instanceof Decision.Send send) {
                    if (send.suppressedBy() != null) {
                        metrics.count("NotificationsSuppressedByRules");
                        LOG.infof("%s of rule %s suppressed by rule %s", send.kind(), decision.ruleId(), send.suppressedBy());
                        continue;
                    }
                    if (controlGroup.holdsOut(change.shipmentId().carrier(), change.shipmentId().trackingNumber())) {
                        heldOut(send, change, now);
                        continue;
                    }
                    if (!admitted(send, frequency, change, order, context, now)) {
                        continue;
                    }
                    decide(decision, send, change, order, now, engine.rules().settings().automation(), outcome).ifPresent(outcome.queued::add);
                } else if (o instanceof Decision.Alert alert) {
                    // an exception's own line already lists a change of an exception status; a ticket is always listed
                    String line = EXCEPTIONS.contains(change.status()) && !change.eventKey().startsWith(WAKE) ? null
                            : exceptionLine(decision.ruleId(), change, order);
                    toOperations.add(() -> raise(decision.occurrenceKey() + "/alert", now, () -> operations.alert(decision, alert, context),
                            outcome, "alerts", line));
                } else if (o instanceof Decision.Ticket ticket) {
                    toOperations.add(() -> raise(decision.occurrenceKey() + "/ticket", now, () -> operations.ticket(decision, ticket, context),
                            outcome, "tickets", exceptionLine(decision.ruleId() + " (ticket)", change, order)));
                }
            }
        }
        // one request for all the change's intents (several channels); marked queued only once they are on the queue
        outbound.publishAll(outcome.queued.stream().map(i -> new Envelope.OutboundMessage(traceId, i.notificationId())).toList());
        for (NotificationIntent intent : outcome.queued) {
            notifications.markQueued(intent.notificationId());
            LOG.infof("notification %s (%s over %s) queued", intent.notificationId(), intent.kind().templateName(), intent.channel());
        }
        metrics.count("NotificationsDecided", outcome.queued.size());
        // after the customer's messages are on their way: a helpdesk that is down delays only its own retry
        toOperations.forEach(Runnable::run);
        return outcome;
    }

    /** One line of the day's exception report: ids, statuses and the order number, no personal data. */
    private static String exceptionLine(String what, StatusChange change, Order order) {
        return change.shipmentId() + " " + what + (what.startsWith(change.status().wireName()) ? "" : " (" + change.status().wireName() + ")")
                + (order.orderNo() == null ? "" : ", order " + order.orderNo());
    }

    /**
     * Adds what was stored anew to the day's tally, for operations' daily summary. A tally that cannot be written is a
     * lost count, not a lost message: it is logged, and the change goes on.
     */
    private void record(Outcome outcome, RuleEngine engine, Instant now) {
        if (tally == null) {
            return;
        }
        RuleSettings.Reports reports = engine.rules().settings().reports();
        java.time.LocalDate day = now.atZone(reports.zone()).toLocalDate();
        try {
            tally.add(day, outcome.counts, outcome.exceptions, day.plusDays(8).atStartOfDay(reports.zone()).toInstant());
        } catch (RuntimeException e) {
            metrics.count("TallyFailed");
            LOG.warnf("the day's tally was not written (%s)", e.getClass().getSimpleName());
        }
    }

    /**
     * An alert or a ticket once per occurrence, however often the change is replayed. A destination that fails throws:
     * the change comes back from the queue and the action is raised on the retry (the messages already queued stay single).
     */
    private void raise(String key, Instant now, Supplier<String> action, Outcome outcome, String measure, String exception) {
        if (!events.beginAction(key, now)) {
            metrics.count("OperationsActionsSuppressed");
            return;
        }
        String result = action.get();
        events.completeAction(key, result);
        metrics.count("OperationsActions");
        outcome.count(measure);
        if (exception != null) {
            outcome.exceptions.add(exception);
        }
    }

    /** The intent to queue now, empty when it is a duplicate or is held until the rule's time. */
    /** A message the rules decided for a shipment of the control group: not stored, not sent; recorded as held out. */
    private void heldOut(Decision.Send send, StatusChange change, Instant now) {
        metrics.count("NotificationsHeldOut");
        LOG.infof("%s not sent: the shipment is in the control group", send.kind());
        String first = send.chain().steps().isEmpty() ? "email" : send.chain().steps().get(0).channel();
        String shipment = io.kargotakip.aws.analytics.Analytics.key(change.shipmentId());
        analytics.write(analytics.record(io.kargotakip.core.analytics.AnalyticsRecord.Kind.MESSAGE, now).shipment(shipment)
                .message(io.kargotakip.core.analytics.AnalyticsRecord.messageKey(send.occurrenceKey() + "|" + send.kind()))
                .channel(first).intent(send.kind()).variant(send.variant()).state("held_out")
                .once(send.occurrenceKey(), send.kind(), "held_out"));
    }

    private Optional<NotificationIntent> decide(Decision decision, Decision.Send send, StatusChange change, Order order, Instant now,
                                                RuleSettings.Automation automation, Outcome outcome) {
        FallbackChain chain = send.chain();
        String first = chain.steps().isEmpty() ? "email" : chain.steps().get(0).channel();
        NotificationIntent.Details details = new NotificationIntent.Details(decision.ruleId(), send.occurrenceKey(), send.links(),
                send.discountPercent(), discountCode(send, now), send.variant(), null, outcome.parcels(() -> parcels(change, order)));
        NotificationIntent decided = NotificationIntent.of(change, MessageKind.fromTemplateName(send.kind()), first, send.distinct(), details);
        NotificationIntent intent = opening(decided, chain, send.distinct(), order);
        // only the rule's delay_until or the coalescing window holds a message back (the engine read the clock a moment after us)
        Instant start = send.delayedBecause() != null && send.due().isAfter(now) ? send.due() : now;
        if (automation.needsApproval(send.kind())) {
            // operations approve or reject it first; its fallbacks wait, held for ever, until then
            Fallbacks held = holdFallbacks(intent, chain, send.distinct(), order, NEVER);
            if (notifications.createProposed(intent, now, held.ids(), held.waits()).isEmpty()) {
                outcome.decided(intent, "PROPOSED", send, now);
                outcome.count("proposed");
                metrics.count("NotificationsProposed");
                LOG.infof("notification %s (%s) waits for approval (automation %s)", intent.notificationId(), send.kind(), automation.mode());
            }
            return Optional.empty();
        }
        List<String> fallbacks = holdFallbacks(intent, chain, send.distinct(), order, start).ids();
        if (start.isAfter(now)) {
            // delay_until or coalescing: held like a quiet-hours message, the schedule queues it then (or drops it, superseded)
            if (notifications.createHeld(intent, start, List.of(), fallbacks, now).isEmpty()) {
                outcome.decided(intent, "DEFERRED", send, now);
                metrics.count("NotificationsDelayedByRules");
                LOG.infof("notification %s (%s) held until %s by rule %s", intent.notificationId(), send.kind(), start, decision.ruleId());
            }
            return Optional.empty();
        }
        Optional<NotificationRepository.Existing> existing = notifications.createIfAbsent(intent, now, fallbacks);
        if (existing.isEmpty()) {
            outcome.decided(intent, "PENDING", send, now);
        }
        if (existing.isPresent() && (existing.get().queued() || existing.get().state() != NotificationRepository.State.PENDING)) {
            metrics.count("DuplicatesSuppressed");
            return Optional.empty();
        }
        return Optional.of(intent);
    }

    /**
     * Of an order sent in several parcels, how many are delivered now, for a delivered message's summary ("2 of your 3
     * parcels"): one read per parcel of the order, only then. This change's parcel counts as delivered whatever its
     * state's read says (the normalizer wrote it a moment ago).
     */
    private NotificationIntent.Parcels parcels(StatusChange change, Order order) {
        if (shipments == null || change.status() != TrackingStatus.DELIVERED || order.shipments().size() < 2) {
            return null;
        }
        int delivered = 0;
        for (ShipmentId parcel : order.shipments()) {
            boolean done = parcel.equals(change.shipmentId())
                    || shipments.find(parcel).map(s -> s.status() == TrackingStatus.DELIVERED).orElse(false);
            delivered += done ? 1 : 0;
        }
        return new NotificationIntent.Parcels(delivered, order.shipments().size());
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
