package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.OrderFeed;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A marketplace's notification, taken as a hint a call confirms: the notification names an order, the feed's
 * single-order call says what it is now, and that answer goes to the raw-events queue as a poll's would. So a
 * notification Amazon sends twice, or late, costs one call and changes nothing the order did not change.
 * Amazon's SP-API notifications reach us on an SQS queue of the merchant's account, whose policy lets only
 * Amazon's notification service send: that is how a notification is authenticated (it carries no signature).
 */
public final class OrderNotices {

    private static final Logger LOG = Logger.getLogger(OrderNotices.class);

    public enum Outcome { CONFIRMED, IGNORED, REJECTED }

    private final Function<String, Optional<OrderFeed>> feeds;
    private final QueuePublisher rawEvents;
    private final Metrics metrics;
    private final Clock clock;

    public OrderNotices(Function<String, Optional<OrderFeed>> feeds, QueuePublisher rawEvents, Metrics metrics, Clock clock) {
        this.feeds = feeds;
        this.rawEvents = rawEvents;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the marketplace cannot answer now: the notification is retried by the queue
     */
    public Outcome process(String marketplace, byte[] notification) {
        Optional<OrderFeed> feed = feeds.apply(marketplace).filter(OrderFeed::configured);
        if (feed.isEmpty()) {
            // nothing to confirm it with: the sync reads the order once the feed is configured
            metrics.count("NoticesIgnored");
            LOG.warnf("%s notification ignored: its order API is not configured", marketplace);
            return Outcome.IGNORED;
        }
        Optional<String> order;
        try {
            order = feed.get().notifiedOrder(notification);
        } catch (PayloadException e) {
            metrics.count("NoticesRejected");
            LOG.warnf("%s notification rejected: %s", marketplace, e.getMessage());
            return Outcome.REJECTED;
        }
        if (order.isEmpty()) {
            metrics.count("NoticesIgnored");
            return Outcome.IGNORED;
        }
        OrderFeed.Page answer;
        try {
            answer = feed.get().order(order.get());
        } catch (CarrierUnavailableException e) {
            metrics.count("NoticeConfirmFailures");
            throw new IllegalStateException(marketplace + " order API unavailable, notification retried: " + e.getMessage(), e);
        }
        rawEvents.publish(new RawEvent(marketplace, "poll", clock.instant(), UUID.randomUUID().toString(), answer.body(),
                answer.contentType(), Map.of()));
        metrics.count("NoticesConfirmed");
        return Outcome.CONFIRMED;
    }
}
