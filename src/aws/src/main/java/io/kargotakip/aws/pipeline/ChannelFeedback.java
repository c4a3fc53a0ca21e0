package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.SuppressionList;
import io.kargotakip.core.channel.DeliveryUpdate;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies what providers tell of sent messages (SES's events, SNS's SMS delivery logs): each update joins its
 * notification's delivery history (the same update twice is kept once); a click or a read receipt marks it engaged
 * (its fallbacks are then not sent); a failure reported after the send (a bounce, a push the platform refused)
 * brings the chain's next message forward; a permanent bounce, a complaint or an SMS number that can never take one
 * suppresses the address on that channel from then on.
 */
public final class ChannelFeedback {

    private static final Logger LOG = Logger.getLogger(ChannelFeedback.class);

    private final NotificationRepository notifications;
    private final SuppressionList suppressions;
    private final Metrics metrics;
    private final Clock clock;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    public ChannelFeedback(NotificationRepository notifications, SuppressionList suppressions, Metrics metrics, Clock clock) {
        this(notifications, suppressions, metrics, clock, io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /** @param analytics where a message's delivery, open, read, click or failure is recorded */
    public ChannelFeedback(NotificationRepository notifications, SuppressionList suppressions, Metrics metrics, Clock clock,
                           io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.notifications = notifications;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void apply(DeliveryUpdate update) {
        Instant at = update.at() == null ? clock.instant() : update.at();
        if (update.kind().suppresses()) {
            for (String address : update.recipients()) {
                suppressions.suppress(update.channel(), address, update.kind().name().toLowerCase(Locale.ROOT)
                        + (update.detail() == null ? "" : " (" + update.detail() + ")"), at);
            }
            metrics.count("AddressesSuppressed", update.recipients().size());
        }
        Optional<NotificationRepository.Delivery> status = status(update.kind());
        if (status.isEmpty()) {
            metrics.count("DeliveryDelays"); // a delay SES keeps retrying through: nothing to record yet
            return;
        }
        String detail = switch (update.kind()) {
            case BOUNCED, SOFT_BOUNCED, COMPLAINED, REJECTED, FAILED ->
                    update.kind().name().toLowerCase(Locale.ROOT) + (update.detail() == null ? "" : " " + update.detail());
            default -> update.detail();
        };
        // SES carries our id back in a tag; SNS's SMS logs only its own message id, which the index finds
        String notificationId = update.notificationId() != null ? update.notificationId()
                : update.providerMessageId() == null ? null : notifications.findByProviderMessageId(update.providerMessageId()).orElse(null);
        NotificationRepository.Recorded recorded = notificationId == null ? NotificationRepository.Recorded.UNKNOWN
                : notifications.recordDelivery(notificationId, status.get(), at, detail);
        if (recorded == NotificationRepository.Recorded.UNKNOWN) {
            // a message sent before tagging, or by another system with the same configuration set or SNS account
            metrics.count("DeliveryUpdatesUnmatched");
            return;
        }
        if (status.get() == NotificationRepository.Delivery.FAILED && recorded != NotificationRepository.Recorded.DUPLICATE) {
            // it did not reach the customer after all (a bounce, a refused push): the chain's next message now, not hours later
            notifications.find(notificationId).map(NotificationRepository.Stored::fallbacks).filter(f -> !f.isEmpty())
                    .filter(f -> notifications.bringForward(f, clock.instant())).ifPresent(f -> metrics.count("FallbacksBroughtForward"));
        }
        if (update.kind().engages()) {
            notifications.markEngaged(notificationId, update.kind().name().toLowerCase(Locale.ROOT), at);
        }
        String state = state(update.kind());
        if (state != null && recorded != NotificationRepository.Recorded.DUPLICATE) {
            metrics.count(io.kargotakip.aws.analytics.Analytics.messageMetric(state), "Channel", update.channel(), 1);
        }
        if (analytics.enabled() && state != null && recorded != NotificationRepository.Recorded.DUPLICATE) {
            notifications.find(notificationId).ifPresent(n -> analytics.message(n.intent(), state, at));
        }
        metrics.count("DeliveryUpdates");
        LOG.infof("notification %s: %s over %s", notificationId, update.kind(), update.channel());
    }

    /** A provider's update as a message state of the analytics records; null for one that is not a state (accepted). */
    static String state(DeliveryUpdate.Kind kind) {
        return switch (kind) {
            case DELIVERED -> "delivered";
            case OPENED, READ -> "opened";
            case CLICKED -> "clicked";
            case BOUNCED, SOFT_BOUNCED, COMPLAINED, REJECTED, FAILED -> "failed";
            case ACCEPTED, DELAYED -> null;
        };
    }

    /** A provider's update as the delivery state the store keeps (every failure kind is FAILED, with its detail). */
    static Optional<NotificationRepository.Delivery> status(DeliveryUpdate.Kind kind) {
        return switch (kind) {
            case ACCEPTED -> Optional.of(NotificationRepository.Delivery.SENT);
            case DELIVERED -> Optional.of(NotificationRepository.Delivery.DELIVERED);
            case OPENED -> Optional.of(NotificationRepository.Delivery.OPENED);
            case READ -> Optional.of(NotificationRepository.Delivery.READ);
            case CLICKED -> Optional.of(NotificationRepository.Delivery.CLICKED);
            case BOUNCED, SOFT_BOUNCED, COMPLAINED, REJECTED, FAILED -> Optional.of(NotificationRepository.Delivery.FAILED);
            case DELAYED -> Optional.empty();
        };
    }
}
