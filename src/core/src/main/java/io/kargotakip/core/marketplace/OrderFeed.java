package io.kargotakip.core.marketplace;

import io.kargotakip.core.carrier.CarrierUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A marketplace's order API read as a feed of what changed: the periodic sync that finds orders nobody pushed
 * to us (a webhook Trendyol disabled after failures, an Amazon order without a notification), and the one call
 * that confirms a notification's hint. Each marketplace package implements it on its CDI tracking client,
 * {@code @Named} by the marketplace id; the answers are pages its {@link MarketplaceAdapter} reads, so they
 * take the same path to the normalizer as a webhook body.
 */
public interface OrderFeed {

    /** The marketplace id, as its {@link MarketplaceAdapter} has it. */
    String marketplace();

    /** False while its credentials are not configured: it is then not synced. */
    boolean configured();

    /**
     * One page of the orders (or packages) changed in {@code [from, to]}.
     *
     * @param token the previous page's {@link Page#next}, or null for the first page
     * @param size  how many orders a page should hold, at most {@link Limits#pageSize()}
     */
    Page changed(Instant from, Instant to, String token, int size) throws CarrierUnavailableException;

    /** One order's current state (the answer a notification about it is confirmed by). */
    default Page order(String orderId) throws CarrierUnavailableException {
        throw new CarrierUnavailableException(marketplace() + " has no single-order call");
    }

    /**
     * The order a marketplace notification is about, when it is one this feed confirms by {@link #order} (Amazon's
     * SP-API ORDER_CHANGE for a merchant-fulfilled order); empty for any other notification.
     *
     * @throws io.kargotakip.core.carrier.PayloadException when it is not a notification of this marketplace
     */
    default Optional<String> notifiedOrder(byte[] notification) throws io.kargotakip.core.carrier.PayloadException {
        return Optional.empty();
    }

    /** How this feed is read: its API's windows, page sizes and pace. */
    Limits limits();

    /**
     * @param body        the answer as received, for the marketplace's adapter
     * @param contentType its content type
     * @param next        the next page's token; empty on the last page
     */
    record Page(byte[] body, String contentType, Optional<String> next) {
    }

    /**
     * @param pageSize    orders a page asks for (the API's maximum, or less to keep a page under the queue's size)
     * @param maxWindow   the longest {@code [from, to]} one query may span
     * @param settle      how far behind now the window must end (an API that lists a change only after a while)
     * @param every       how often a sync may run: the API's sustained rate divided by {@code callsPerRun}
     * @param callsPerRun the most pages one sync run may fetch (the API's burst)
     */
    record Limits(int pageSize, Duration maxWindow, Duration settle, Duration every, int callsPerRun) {
        public Limits {
            if (pageSize < 1 || callsPerRun < 1 || maxWindow.isNegative() || maxWindow.isZero()) {
                throw new IllegalArgumentException("a feed reads at least one order a page, one page a run, over some time");
            }
        }
    }
}
