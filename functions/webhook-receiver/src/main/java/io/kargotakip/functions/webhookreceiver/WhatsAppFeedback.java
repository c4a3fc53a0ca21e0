package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.OptOutList;
import io.kargotakip.aws.store.ServiceWindows;
import io.kargotakip.channels.whatsapp.WhatsAppChannel;
import io.kargotakip.channels.whatsapp.WhatsAppWebhook;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.order.CustomerId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Records what a verified WhatsApp notification says: each status on the notification whose wamid it names (once,
 * never backwards), each STOP/İPTAL/DUR reply as an opt-out of that WhatsApp number. A status of a message we do not
 * know (sent by another system on the same number, or so fresh the index has not caught up) is counted and dropped:
 * Meta would otherwise retry it for days. Other customer messages are counted only.
 */
final class WhatsAppFeedback {

    private static final Logger LOG = Logger.getLogger(WhatsAppFeedback.class);
    static final String OPT_OUT_SOURCE = "whatsapp-reply";

    private final NotificationRepository notifications;
    private final OptOutList optOuts;
    private final Metrics metrics;
    private final Clock clock;
    private final ConsentLedger ledger;
    private final ServiceWindows windows;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    WhatsAppFeedback(NotificationRepository notifications, OptOutList optOuts, Metrics metrics, Clock clock) {
        this(notifications, optOuts, metrics, clock, null);
    }

    /** @param ledger where a reply's opt-out is also recorded, for a customer it knows by the phone; null: nowhere */
    WhatsAppFeedback(NotificationRepository notifications, OptOutList optOuts, Metrics metrics, Clock clock, ConsentLedger ledger) {
        this(notifications, optOuts, metrics, clock, ledger, null);
    }

    /** @param windows where each customer message opens the service window; null: nowhere */
    WhatsAppFeedback(NotificationRepository notifications, OptOutList optOuts, Metrics metrics, Clock clock, ConsentLedger ledger,
                     ServiceWindows windows) {
        this(notifications, optOuts, metrics, clock, ledger, windows, io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /** @param analytics where a message's delivery, read receipt or failure is recorded */
    WhatsAppFeedback(NotificationRepository notifications, OptOutList optOuts, Metrics metrics, Clock clock, ConsentLedger ledger,
                     ServiceWindows windows, io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.windows = windows;
        this.ledger = ledger;
        this.notifications = notifications;
        this.optOuts = optOuts;
        this.metrics = metrics;
        this.clock = clock;
    }

    void record(WhatsAppWebhook.Updates updates) {
        for (WhatsAppWebhook.StatusUpdate status : updates.statuses()) {
            record(status);
        }
        for (WhatsAppWebhook.InboundMessage message : updates.messages()) {
            metrics.count("WhatsAppMessagesReceived");
            if (windows != null && message.from() != null) {
                // any message the customer sends opens WhatsApp's 24-hour window for free-form replies
                windows.opened(WhatsAppChannel.ID, WhatsAppWebhook.e164(message.from()), message.at() == null ? clock.instant() : message.at());
            }
            if (message.isOptOut() && message.from() != null) {
                String key = OptOutList.key(WhatsAppChannel.ID, WhatsAppWebhook.e164(message.from()));
                Instant at = message.at() == null ? clock.instant() : message.at();
                optOuts.record(WhatsAppChannel.ID, WhatsAppWebhook.e164(message.from()), OPT_OUT_SOURCE, at);
                inLedger(WhatsAppWebhook.e164(message.from()), message.text(), at);
                metrics.count("WhatsAppOptOuts");
                // the key is a hash: the number itself never reaches the log
                LOG.infof("WhatsApp opt-out recorded (%s)", key);
            }
        }
    }

    /**
     * The ledger knows a customer by the phone only when the customer gave no e-mail ({@code CustomerId}); for the
     * others the opt-out list alone stops the number, checked before every WhatsApp send.
     */
    private void inLedger(String phone, String reply, Instant at) {
        if (ledger == null) {
            return;
        }
        String id = CustomerId.ofPhone(phone);
        if (!ledger.history(id).isEmpty()) {
            ledger.append(id, new ConsentLedger.Entry(WhatsAppChannel.ID, false, at, ConsentLedger.REPLY,
                    "WhatsApp reply " + reply.strip()));
        }
    }

    private void record(WhatsAppWebhook.StatusUpdate status) {
        var notification = notifications.findByProviderMessageId(status.wamid());
        if (notification.isEmpty()) {
            metrics.count("WhatsAppStatusesUnmatched");
            LOG.infof("WhatsApp status %s of an unknown message %s: dropped", status.status(), status.wamid());
            return;
        }
        String detail = status.errorCode() == null ? null
                : status.errorCode() + (status.errorTitle() == null ? "" : " " + status.errorTitle());
        Instant at = status.at() == null ? clock.instant() : status.at();
        NotificationRepository.Recorded recorded = notifications.recordDelivery(notification.get(), Delivery.valueOf(status.status().name()), at, detail);
        metrics.count(recorded == NotificationRepository.Recorded.DUPLICATE ? "WhatsAppStatusesRepeated" : "WhatsAppStatusesRecorded");
        if (status.status() == WhatsAppWebhook.Status.READ) {
            notifications.markEngaged(notification.get(), "read", at); // the fallbacks of its chain are not needed
        }
        // a read receipt is WhatsApp's open; "sent" is already recorded by the sender
        String state = switch (status.status()) {
            case DELIVERED -> "delivered";
            case READ -> "opened";
            case FAILED -> "failed";
            case SENT -> null;
        };
        if (state != null && recorded != NotificationRepository.Recorded.DUPLICATE && analytics.enabled()) {
            notifications.find(notification.get()).ifPresent(n -> analytics.message(n.intent(), state, at));
            metrics.count(io.kargotakip.aws.analytics.Analytics.messageMetric(state), "Channel", WhatsAppChannel.ID, 1);
        }
        if (status.status() == WhatsAppWebhook.Status.FAILED && status.errorCode() != null
                && WhatsAppChannel.reasonOf(status.errorCode()) == ChannelException.Reason.CONFIGURATION
                && recorded != NotificationRepository.Recorded.DUPLICATE) {
            metrics.count(Dispatcher.CONFIGURATION_ERRORS_METRIC);
            LOG.errorf("operations alert: channel whatsapp needs attention: message %s failed with code %s (notification %s)",
                    status.wamid(), detail, notification.get());
        }
    }
}
