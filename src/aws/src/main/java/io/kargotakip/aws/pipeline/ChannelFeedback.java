package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.SuppressionList;
import io.kargotakip.core.channel.DeliveryUpdate;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Applies what providers tell of sent messages: each update joins its notification's delivery history (the same
 * update twice is kept once); a click or a read receipt marks it engaged (its fallbacks are then not sent); a
 * permanent bounce or a complaint suppresses the address on that channel from then on.
 */
public final class ChannelFeedback {

    private static final Logger LOG = Logger.getLogger(ChannelFeedback.class);

    private final NotificationRepository notifications;
    private final SuppressionList suppressions;
    private final Metrics metrics;
    private final Clock clock;

    public ChannelFeedback(NotificationRepository notifications, SuppressionList suppressions, Metrics metrics, Clock clock) {
        this.notifications = notifications;
        this.suppressions = suppressions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void apply(DeliveryUpdate update) {
        Instant at = update.at() == null ? clock.instant() : update.at();
        if (update.kind().suppresses()) {
            for (String address : update.recipients()) {
                suppressions.suppress(update.channel(), address, update.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (update.detail() == null ? "" : " (" + update.detail() + ")"), at);
            }
            metrics.count("AddressesSuppressed", update.recipients().size());
        }
        if (update.notificationId() == null || notifications.find(update.notificationId()).isEmpty()) {
            // a message sent before tagging, or by another system with the same configuration set
            metrics.count("DeliveryUpdatesUnmatched");
            return;
        }
        notifications.recordDelivery(update.notificationId(), update.kind().name(), at, update.detail());
        if (update.kind().engages()) {
            notifications.markEngaged(update.notificationId(), update.kind().name().toLowerCase(java.util.Locale.ROOT), at);
        }
        metrics.count("DeliveryUpdates");
        LOG.infof("notification %s: %s over %s", update.notificationId(), update.kind(), update.channel());
    }
}
