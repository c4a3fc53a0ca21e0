package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.Recorded;
import io.kargotakip.core.template.LinkPreviews;
import io.kargotakip.core.template.Links;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The customer's clicks and opens, from our own links: a tracked link ({@link Links#click}) records {@code CLICKED}
 * and engages the message, so the fallbacks of its chain are not sent (the {@link Dispatcher} reads the engagement),
 * then leads to the shipment's tracking page; the open pixel ({@link Links#openPixel}) records {@code OPENED}, which
 * engages nothing. Where a link leads is computed from the notification, never read from the request.
 */
public final class TrackedLinks {

    private static final Logger LOG = Logger.getLogger(TrackedLinks.class);

    private final Links links;
    private final NotificationRepository notifications;
    private final java.util.function.Function<io.kargotakip.core.shipment.ShipmentId, Optional<String>> pageTokens;
    private final LinkPreviews previews;
    private final Metrics metrics;
    private final Clock clock;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    /** @param pageTokens a shipment's tracking-page token, issued on first use ({@code ShipmentRepository.pageToken}) */
    public TrackedLinks(Links links, NotificationRepository notifications,
                        java.util.function.Function<io.kargotakip.core.shipment.ShipmentId, Optional<String>> pageTokens, LinkPreviews previews,
                        Metrics metrics, Clock clock) {
        this(links, notifications, pageTokens, previews, metrics, clock, io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /** @param analytics where a counted click or open is recorded */
    public TrackedLinks(Links links, NotificationRepository notifications,
                        java.util.function.Function<io.kargotakip.core.shipment.ShipmentId, Optional<String>> pageTokens, LinkPreviews previews,
                        Metrics metrics, Clock clock, io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.links = links;
        this.notifications = notifications;
        this.pageTokens = pageTokens;
        this.previews = previews;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether a request counts as the customer's: not a {@code HEAD}, not a link preview or crawler. */
    public boolean counts(String method, String userAgent) {
        return !"HEAD".equalsIgnoreCase(method) && !previews.isPreview(userAgent);
    }

    /**
     * A tracked link followed: where it leads (the tracking page, its {@code action} page, or for a question's action
     * the answer page {@link Links#answer}), recording the click when
     * {@code counted}. Empty for a token this brand did not sign, an action not of {@link Links#ACTIONS}, or a
     * notification (or its shipment) no longer stored.
     */
    public Optional<String> click(String token, String action, boolean counted) {
        if (action != null && !Links.ACTIONS.contains(action)) {
            return Optional.empty();
        }
        Optional<String> id = links.clickNotification(token);
        Optional<NotificationRepository.Stored> notification = id.flatMap(notifications::find);
        if (notification.isEmpty()) {
            metrics.count("LinkClicksUnknown");
            return Optional.empty();
        }
        var shipment = notification.get().intent().shipmentId();
        // a question's link (COD, address confirmation) leads to its answer page under the same token; the others to the
        // tracking page, by the shipment's random page token
        boolean question = action != null && io.kargotakip.core.notification.Question.ofAction(action).isPresent();
        Optional<String> page = question ? Optional.empty() : pageTokens.apply(shipment);
        if (!question && page.isEmpty()) {
            metrics.count("LinkClicksUnknown");
            return Optional.empty();
        }
        String target = question ? links.answer(token, action) : action == null ? links.page(page.get()) : links.pageAction(page.get(), action);
        if (!counted) {
            metrics.count("LinkClicksNotCounted");
            return Optional.of(target);
        }
        Instant now = clock.instant();
        Recorded recorded = notifications.recordInteraction(id.get(), Delivery.CLICKED, now);
        if (recorded != Recorded.UNKNOWN) {
            // the first click is kept as the engagement; a second changes nothing there
            notifications.markEngaged(id.get(), "clicked", now);
            analytics.message(notification.get().intent(), "clicked", now);
            metrics.count("LinkClicks");
            LOG.infof("notification %s: link clicked (%s)", id.get(), recorded);
        }
        return Optional.of(target);
    }

    /** The open pixel fetched: records {@code OPENED} when {@code counted} and the token is ours; whether it was. */
    public boolean open(String token, boolean counted) {
        Optional<String> id = links.openNotification(token);
        if (id.isEmpty() || !counted) {
            metrics.count(id.isEmpty() ? "EmailOpensUnknown" : "EmailOpensNotCounted");
            return false;
        }
        Recorded recorded = notifications.recordInteraction(id.get(), Delivery.OPENED, clock.instant());
        if (recorded == Recorded.UNKNOWN) {
            metrics.count("EmailOpensUnknown");
            return false;
        }
        if (analytics.enabled()) {
            notifications.find(id.get()).ifPresent(n -> analytics.message(n.intent(), "opened", clock.instant()));
        }
        metrics.count("EmailOpens");
        return true;
    }
}
