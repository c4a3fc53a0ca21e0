package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.template.MessageComposer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one stored notification: claims it (so it goes out once), checks consent for the channel and the
 * customer's contact of the kind the channel needs, lets the channel render its form, hands it to the channel
 * and records the outcome. It knows channels only through the core seam: a new channel needs no change here.
 */
public final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /**
     * How long a claim holds: longer than the sender's timeout (a live send ends by then) and shorter than
     * the outbound queue's visibility timeout, so the retry of a crashed send finds the claim free.
     */
    public static final Duration DEFAULT_SEND_LEASE = Duration.ofMinutes(2);

    /** {@code DEFERRED}: held by quiet hours; {@link HeldNotifications} queues it again when its time comes. */
    public enum Outcome { SENT, ALREADY_HANDLED, SUPPRESSED, FAILED, DEFERRED, THROTTLED, RETRYING }

    /**
     * Send attempts whose retryable failure (throttling, a 5xx) goes back to the queue after a growing, jittered wait;
     * after these the queue's own redelivery takes over, so a provider down for good ends in the dead-letter queue.
     */
    static final int BACKED_OFF_ATTEMPTS = 5;
    /** The first retry's wait; each later one doubles it, up to SQS's longest delay (15 minutes). */
    static final Duration FIRST_RETRY_WAIT = Duration.ofSeconds(30);

    /** Counted when a channel's send rate is used up and a message goes back to the queue for a moment. */
    public static final String THROTTLED_METRIC = "ChannelThrottled";

    /** Counted when a provider refuses a message for the merchant's set-up there (an alarm watches it). */
    public static final String CONFIGURATION_ERRORS_METRIC = "ChannelConfigurationErrors";

    /** A retryable channel failure: the message goes back to the queue. */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final NotificationRepository notifications;
    private final OrderRepository orders;
    private final Map<String, Channel<?>> channels;
    private final MessageComposer composer;
    private final Metrics metrics;
    private final Clock clock;
    private final Duration sendLease;
    private final Function<ShipmentId, Optional<ShipmentState>> shipments;
    private final QuietHours quietHours;
    private final Suppressed suppressed;
    private final io.kargotakip.aws.analytics.Analytics analytics;
    private final Preferences preferences;
    private final io.kargotakip.core.channel.ChannelFees fees;
    private final SendRates rates;
    private final Requeue requeue;
    private final Conversations conversations;

    /** Whether the customer wrote to us on the channel recently enough that a free-form message may go. */
    @FunctionalInterface
    public interface Conversations {
        boolean open(String channel, String address, java.time.Instant now);

        Conversations NONE = (channel, address, now) -> false;

        static Conversations of(io.kargotakip.aws.store.ServiceWindows windows) {
            return windows::isOpen;
        }
    }

    /**
     * Why a channel must not write to an address again, as the notification's outcome ("the e-mail address is
     * suppressed: bounced", "opted out of whatsapp by reply"), if so.
     */
    @FunctionalInterface
    public interface Suppressed {
        Optional<String> reason(String channel, String address);

        Suppressed NONE = (channel, address) -> Optional.empty();

        /** The first reason either gives. */
        default Suppressed or(Suppressed other) {
            return (channel, address) -> reason(channel, address).or(() -> other.reason(channel, address));
        }

        /** Who stopped a channel by replying on it (WhatsApp's STOP). */
        static Suppressed optedOut(io.kargotakip.aws.store.OptOutList optOuts) {
            return (channel, address) -> optOuts.isOptedOut(channel, address) ? Optional.of("opted out of " + channel + " by reply")
                    : Optional.empty();
        }
    }

    /**
     * The customer's current choice for a channel as the consent ledger holds it, if it holds one: it wins over the
     * order's own consent, so an opt-out made anywhere (link, reply, preference API) stops the next send.
     */
    @FunctionalInterface
    public interface Preferences {
        Optional<Boolean> granted(io.kargotakip.core.order.Customer customer, String channel);

        Preferences NONE = (customer, channel) -> Optional.empty();

        static Preferences of(io.kargotakip.aws.store.ConsentLedger ledger) {
            return (customer, channel) -> io.kargotakip.core.order.CustomerId.of(customer).flatMap(id -> ledger.granted(id, channel));
        }
    }

    /**
     * A channel's send-rate budget shared by every sender instance ({@link ChannelRates}): empty when this message may
     * go now, else how long until the budget refills.
     */
    @FunctionalInterface
    public interface SendRates {
        Optional<Duration> take(String channel, java.time.Instant now);

        SendRates NONE = (channel, now) -> Optional.empty();
    }

    /** How a throttled message goes back to the queue for a moment. */
    @FunctionalInterface
    public interface Requeue {
        void later(Envelope.OutboundMessage message, Duration delay);

        /** Without a queue to send to: the retryable-failure path (the queue's visibility timeout, which counts a receive). */
        Requeue RETRY_LATER = (message, delay) -> {
            throw new RetryLater("notification " + message.notificationId() + ": the channel's send rate is used up", null);
        };

        /**
         * Back onto the outbound queue as a new message delayed whole seconds (SQS's unit), plus up to a second of jitter
         * so a burst spreads: the delivery at hand then ends normally, so no receive count (and no dead-letter queue)
         * is spent on waiting.
         */
        static Requeue onto(io.kargotakip.aws.queue.QueuePublisher outbound) {
            return (message, delay) -> {
                long seconds = Math.max(1, (delay.toMillis() + 999) / 1000) + java.util.concurrent.ThreadLocalRandom.current().nextInt(2);
                outbound.publish(new io.kargotakip.aws.queue.QueuePublisher.Delayed(message,
                        (int) Math.min(seconds, io.kargotakip.aws.queue.QueuePublisher.MAX_DELAY_SECONDS)));
            };
        }
    }

    /** Without the shipments' current state: nothing is ever superseded (tests of the send itself). */
    public Dispatcher(NotificationRepository notifications, OrderRepository orders, Map<String, ? extends Channel<?>> channels,
                      MessageComposer composer, Metrics metrics, Clock clock) {
        this(notifications, orders, id -> Optional.empty(), channels, composer, metrics, clock, DEFAULT_SEND_LEASE);
    }

    /** @param shipments the shipments' current state, to hold back a message the shipment has moved past */
    public Dispatcher(NotificationRepository notifications, OrderRepository orders, Function<ShipmentId, Optional<ShipmentState>> shipments,
                      Map<String, ? extends Channel<?>> channels, MessageComposer composer, Metrics metrics, Clock clock, Duration sendLease) {
        this(notifications, orders, shipments, channels, composer, metrics, clock, sendLease, Policies.NONE);
    }

    /**
     * What the sender decides around each send besides consent: when not to disturb, whom not to write to again, the
     * consent ledger's word, what a message costs, how fast a channel may go, whose service window is open.
     *
     * @param quietHours    when a customer is not disturbed, and on which channels
     * @param suppressed    addresses not to write to again (bounces, complaints, opt-out replies)
     * @param preferences   the consent ledger's word on a channel, which wins over the order's consent
     * @param fees          what each sent message costs, recorded with it
     * @param rates         each channel's send-rate budget
     * @param requeue       where a message goes when its channel's budget is used up
     * @param conversations whose service window is open (a free-form WhatsApp text may go instead of the template)
     */
    public record Policies(QuietHours quietHours, Suppressed suppressed, Preferences preferences, io.kargotakip.core.channel.ChannelFees fees,
                           SendRates rates, Requeue requeue, Conversations conversations) {

        /** No quiet hours, nobody suppressed, no ledger, the built-in fees, no rate limit, no service window. */
        public static final Policies NONE = new Policies(QuietHours.NONE, Suppressed.NONE, Preferences.NONE,
                io.kargotakip.core.channel.ChannelFees.builtIn(), SendRates.NONE, Requeue.RETRY_LATER, Conversations.NONE);

        public Policies withQuietHours(QuietHours quietHours) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }

        public Policies withSuppressed(Suppressed suppressed) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }

        public Policies withPreferences(Preferences preferences) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }

        public Policies withFees(io.kargotakip.core.channel.ChannelFees fees) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }

        public Policies withRates(SendRates rates, Requeue requeue) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }

        public Policies withConversations(Conversations conversations) {
            return new Policies(quietHours, suppressed, preferences, fees, rates, requeue, conversations);
        }
    }

    public Dispatcher(NotificationRepository notifications, OrderRepository orders, Function<ShipmentId, Optional<ShipmentState>> shipments,
                      Map<String, ? extends Channel<?>> channels, MessageComposer composer, Metrics metrics, Clock clock, Duration sendLease,
                      Policies policies) {
        this(notifications, orders, shipments, channels, composer, metrics, clock, sendLease, policies,
                io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /** @param analytics where each message sent, failed or suppressed is recorded, after the store has it */
    public Dispatcher(NotificationRepository notifications, OrderRepository orders, Function<ShipmentId, Optional<ShipmentState>> shipments,
                      Map<String, ? extends Channel<?>> channels, MessageComposer composer, Metrics metrics, Clock clock, Duration sendLease,
                      Policies policies, io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.conversations = policies.conversations();
        this.fees = policies.fees();
        this.rates = policies.rates();
        this.requeue = policies.requeue();
        this.preferences = policies.preferences();
        this.quietHours = policies.quietHours();
        this.suppressed = policies.suppressed();
        channels.forEach((id, channel) -> {
            if (!id.equals(channel.id())) {
                throw new IllegalArgumentException("channel " + channel.id() + " registered as " + id);
            }
        });
        this.sendLease = sendLease;
        this.shipments = shipments;
        this.notifications = notifications;
        this.orders = orders;
        this.channels = Map.copyOf(channels);
        this.composer = composer;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Outcome process(Envelope.OutboundMessage message) {
        String id = message.notificationId();
        // the claim returns the notification: no read before it
        NotificationRepository.Claim claim = notifications.claimAndRead(id, clock.instant(), sendLease);
        if (claim instanceof NotificationRepository.Claim.Refused refused) {
            if (!refused.exists()) {
                throw new IllegalArgumentException("notification " + id + " does not exist");
            }
            metrics.count("DuplicatesSuppressed");
            return Outcome.ALREADY_HANDLED;
        }
        NotificationRepository.Stored stored = ((NotificationRepository.Claim.Taken) claim).notification();
        NotificationIntent intent = stored.intent();
        Channel<?> channel = channels.get(intent.channel());
        Prepared<?> outbound;
        try {
            Optional<Order> order = Optional.ofNullable(intent.orderId()).flatMap(orders::find);
            String recipient = channel == null || order.isEmpty() || order.get().customer() == null ? null
                    : order.get().customer().contact(channel.contactKind());
            Optional<String> read = stored.chain().isEmpty() ? Optional.empty() : notifications.engagement(stored.chain());
            String why = read.isPresent() ? "fallback not needed: the customer " + read.get()
                    : superseded(intent) ? "superseded: the shipment has moved past " + intent.change().status().wireName()
                    : order.isEmpty() ? "order not found"
                    : channel == null ? "channel " + intent.channel() + " is not enabled"
                    : !allowed(order.get(), channel.id()) ? "no consent for " + channel.id()
                    : recipient == null ? "no " + channel.contactKind().description() + " for " + channel.id()
                    : suppressed.reason(channel.id(), recipient).orElse(null);
            if (why != null) {
                notifications.markSuppressed(id, why);
                recordState(intent, "suppressed");
                metrics.count("NotificationsSuppressed");
                LOG.infof("notification %s suppressed: %s", id, why);
                if (read.isEmpty() && !why.startsWith("superseded")) {
                    fallThrough(stored); // this channel cannot reach the customer: the next one now, not hours later
                }
                return Outcome.SUPPRESSED;
            }
            Optional<java.time.Instant> hold = quietHours.holdUntil(channel.id(), intent.change() == null ? null : intent.change().status(),
                    clock.instant(), null);
            if (hold.isPresent()) {
                notifications.markDeferred(id, hold.get(), "quiet hours until " + hold.get());
                metrics.count("NotificationsDeferred");
                LOG.infof("notification %s held by quiet hours until %s", id, hold.get());
                return Outcome.DEFERRED;
            }
            Optional<Duration> throttled = rates.take(channel.id(), clock.instant());
            if (throttled.isPresent()) {
                // not a failure: the provider's account limit is reached for this second; the message waits a moment
                notifications.release(id, "send rate of " + channel.id() + " used up");
                metrics.count(THROTTLED_METRIC);
                try {
                    requeue.later(message, throttled.get());
                } catch (RetryLater e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the queue did not take it: this delivery fails instead and comes back after the visibility timeout
                    throw new RetryLater("notification " + id + ": could not queue it again: " + e.getMessage(), e);
                }
                LOG.infof("notification %s waits for the send rate of %s", id, channel.id());
                return Outcome.THROTTLED;
            }
            outbound = prepare(channel, intent, order.get(), recipient);
        } catch (RetryLater e) {
            throw e; // released already
        } catch (RuntimeException e) {
            // nothing went out: give the claim back, or the retry would find it taken and drop it
            notifications.release(id, e.getMessage());
            throw e;
        }
        try {
            DeliveryReceipt receipt = outbound.send();
            OutboundMessage<?> sent = outbound.message();
            notifications.markSent(id, receipt.providerMessageId(), clock.instant(), channel.contactKind().mask(sent.recipient()),
                    sent.content().preview(), sent.content().parts(), fees.fee(channel.id(), sent.content(), sent.recipient()).orElse(null));
            recordState(intent, "sent");
            metrics.count("NotificationsSent");
            LOG.infof("notification %s sent over %s", id, intent.channel());
            return Outcome.SENT;
        } catch (ChannelException e) {
            if (e.retryable()) {
                notifications.release(id, e.getMessage());
                metrics.count("SendRetries");
                if (stored.attempts() <= BACKED_OFF_ATTEMPTS) {
                    try {
                        requeue.later(message, retryWait(stored.attempts(), java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
                        LOG.infof("notification %s: %s; retried after a wait (attempt %d)", id, e.getMessage(), stored.attempts());
                        return Outcome.RETRYING;
                    } catch (RuntimeException notQueued) {
                        // no queue to wait on (or it refused): the queue's redelivery below
                    }
                }
                throw new RetryLater("notification " + id + ": " + e.getMessage(), e);
            }
            notifications.markFailed(id, e.getMessage(), e.reason().name());
            recordState(intent, "failed");
            metrics.count("SendFailures");
            if (e.reason() == ChannelException.Reason.CONTACT_GONE && intent.orderId() != null
                    && orders.removeContact(intent.orderId(), channel.contactKind(), outbound.message().recipient())) {
                // the next message of this channel finds no contact and falls through at once, without a send
                metrics.count("ContactsRemoved");
                LOG.infof("notification %s: the %s is gone, removed from order %s", id, channel.contactKind().description(), intent.orderId());
            }
            fallThrough(stored);
            if (e.reason() == ChannelException.Reason.CONFIGURATION) {
                // the merchant's set-up at the provider (a template paused, a token expired): every message of the kind fails
                metrics.count(CONFIGURATION_ERRORS_METRIC);
                LOG.errorf("operations alert: channel %s needs attention: %s (notification %s)", intent.channel(), e.getMessage(), id);
            } else {
                LOG.warnf("notification %s failed for good (%s): %s", id, e.reason(), e.getMessage());
            }
            return Outcome.FAILED;
        }
    }

    /** A message's state for the analytics records and the dashboard's count of it by channel. */
    private void recordState(NotificationIntent intent, String state) {
        analytics.message(intent, state, clock.instant());
        metrics.count(io.kargotakip.aws.analytics.Analytics.messageMetric(state), "Channel", intent.channel(), 1);
    }

    /**
     * The wait before attempt {@code attempt + 1}: {@link #FIRST_RETRY_WAIT} doubled per attempt, plus up to half again
     * at random ({@code jitter} in [0, 1)) so the messages a provider's outage held back do not all come back at once;
     * at most 15 minutes.
     */
    static Duration retryWait(int attempt, double jitter) {
        long base = FIRST_RETRY_WAIT.toMillis() << Math.min(Math.max(attempt - 1, 0), 10);
        long wait = base + (long) (base * 0.5 * jitter);
        return Duration.ofMillis(Math.min(wait, Duration.ofMinutes(15).toMillis()));
    }

    /**
     * A message that arrives after the shipment moved on (its send was retried after a crash while a later
     * status went out) would reach the customer out of order, "out for delivery" after "delivered": it is
     * held back instead.
     */
    private boolean superseded(NotificationIntent intent) {
        StatusChange change = intent.change();
        if (change == null || change.occurredAt() == null) {
            return false;
        }
        return shipments.apply(intent.shipmentId()).filter(now -> movedPast(now, change)).isPresent();
    }

    /**
     * Whether the shipment is past what the change told: a later status, or a later occurrence of the same status (a
     * second failed attempt supersedes the first's message: it has its own).
     */
    public static boolean movedPast(ShipmentState now, StatusChange change) {
        return change != null && change.occurredAt() != null
                && (now.status() != change.status() || now.occurrence() > change.occurrence())
                && now.lastEventAt() != null && now.lastEventAt().isAfter(change.occurredAt());
    }

    private boolean allowed(Order order, String channel) {
        return preferences.granted(order.customer(), channel).orElseGet(() -> order.consent().allows(channel));
    }

    private void fallThrough(NotificationRepository.Stored stored) {
        if (!stored.fallbacks().isEmpty() && notifications.bringForward(stored.fallbacks(), clock.instant())) {
            metrics.count("FallbacksBroughtForward");
        }
    }

    /** A message rendered by its channel, ready for that channel (keeps the two of one form together). */
    private record Prepared<F extends MessageForm>(Channel<F> channel, OutboundMessage<F> message) {
        DeliveryReceipt send() throws ChannelException {
            return channel.send(message);
        }
    }

    private <F extends MessageForm> Prepared<F> prepare(Channel<F> channel, NotificationIntent intent, Order order, String recipient) {
        return new Prepared<>(channel, composer.compose(intent, order, channel, recipient, conversations.open(channel.id(), recipient, clock.instant())));
    }
}
