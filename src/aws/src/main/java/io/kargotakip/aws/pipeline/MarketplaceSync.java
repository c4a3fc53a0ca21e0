package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.SyncCursors;
import io.kargotakip.aws.store.SyncCursors.Cursor;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.marketplace.OrderFeed;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The periodic marketplace order sync, run with the poller's schedule: each configured marketplace's
 * {@link OrderFeed} is read window by window ({@code [from, to]}, the next window starting a little before the
 * last one ended, so a change listed late is not missed) and page by page, and every page goes to the
 * raw-events queue as its webhook body would — the normalizer creates the orders nobody told us of, links
 * the ones we know, and drops what it has already seen. So a webhook the marketplace disabled, or an order
 * whose notification never came, is caught within one sync period.
 *
 * <p>Each feed runs at its API's pace ({@link OrderFeed.Limits}: a run every {@code every}, at most
 * {@code callsPerRun} pages); a window longer than a run can read is continued by the next run from the
 * page token saved after each page. A page too big for a queue message is asked again in smaller pages.
 */
public final class MarketplaceSync {

    private static final Logger LOG = Logger.getLogger(MarketplaceSync.class);

    /** How much of the last window the next one reads again. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);

    public record Summary(int feeds, int pages, int failures) {
    }

    private final List<OrderFeed> feeds;
    private final SyncCursors cursors;
    private final QueuePublisher rawEvents;
    private final Duration lookback;
    private final Metrics metrics;
    private final Clock clock;

    /** @param lookback how far back the first sync of a marketplace reads */
    public MarketplaceSync(List<OrderFeed> feeds, SyncCursors cursors, QueuePublisher rawEvents, Duration lookback, Metrics metrics,
                           Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.cursors = cursors;
        this.rawEvents = rawEvents;
        this.lookback = lookback;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Summary run() {
        int synced = 0;
        int pages = 0;
        int failures = 0;
        for (OrderFeed feed : feeds) {
            if (!feed.configured()) {
                continue;
            }
            try {
                int read = sync(feed);
                synced += read >= 0 ? 1 : 0;
                pages += Math.max(0, read);
            } catch (CarrierUnavailableException e) {
                failures++;
                metrics.count("SyncFailures");
                LOG.warnf("order sync of %s failed, resuming next run: %s", feed.marketplace(), e.getMessage());
            }
        }
        metrics.count("SyncPagesQueued", pages);
        return new Summary(synced, pages, failures);
    }

    /** @return the pages queued, or -1 when this feed's next run is not due yet */
    private int sync(OrderFeed feed) throws CarrierUnavailableException {
        String marketplace = feed.marketplace();
        OrderFeed.Limits limits = feed.limits();
        Instant now = clock.instant();
        Cursor cursor = cursors.read(marketplace).orElse(null);
        if (cursor != null && cursor.lastRun() != null && now.isBefore(cursor.lastRun().plus(limits.every()))) {
            return -1;
        }
        String traceId = UUID.randomUUID().toString();
        int queued = 0;
        int calls = 0;
        while (calls < limits.callsPerRun()) {
            if (cursor == null || cursor.done()) {
                Cursor next = nextWindow(cursor, limits, now);
                if (!next.to().isAfter(next.from()) || (cursor != null && !next.to().isAfter(cursor.to()))) {
                    break; // caught up to what the API can list yet
                }
                cursor = next;
            }
            int size = cursor.size() > 0 ? Math.min(cursor.size(), limits.pageSize()) : limits.pageSize();
            OrderFeed.Page page;
            try {
                calls++;
                page = feed.changed(cursor.from(), cursor.to(), cursor.token(), size);
            } catch (CarrierUnavailableException e) {
                // paced even when it fails; the next run asks the same page again
                cursors.save(marketplace, new Cursor(cursor.from(), cursor.to(), cursor.token(), size, now, false));
                throw e;
            }
            if (page.body().length > RawEvent.MAX_PAYLOAD_BYTES && size > 1) {
                // the window again from its start, in pages that fit a message
                cursor = new Cursor(cursor.from(), cursor.to(), null, Math.max(1, size / 2), now, false);
                metrics.count("SyncPagesSplit");
                continue;
            }
            if (page.body().length > RawEvent.MAX_PAYLOAD_BYTES) {
                metrics.count("SyncPagesTooLarge"); // one order bigger than a message: counted, and skipped
                LOG.errorf("order sync of %s: one order's answer is %d bytes, over a queue message; skipped", marketplace,
                        page.body().length);
            } else {
                rawEvents.publish(new RawEvent(marketplace, "poll", now, traceId, page.body(), page.contentType(), Map.of()));
                queued++;
            }
            // after the page is queued: a crash in between queues it again, which the normalizer drops
            cursor = new Cursor(cursor.from(), cursor.to(), page.next().orElse(null), size, now, page.next().isEmpty());
            cursors.save(marketplace, cursor);
        }
        return queued;
    }

    /**
     * The window after the last one: from a little before its end (or the look-back) to now, as far as the API
     * allows; it is a new window, its pages at the feed's size.
     */
    private Cursor nextWindow(Cursor last, OrderFeed.Limits limits, Instant now) {
        Instant from = last == null ? now.minus(lookback) : last.to().minus(OVERLAP);
        Instant latest = now.minus(limits.settle());
        Instant to = from.plus(limits.maxWindow()).isBefore(latest) ? from.plus(limits.maxWindow()) : latest;
        return new Cursor(from, to, null, limits.pageSize(), now, false);
    }
}
