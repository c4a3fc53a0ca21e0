package io.kargotakip.aws.queue;

import io.kargotakip.core.notification.StatusChange;

/** Message bodies of the status-changes and outbound queues; each carries the trace id of the scan behind it. */
public final class Envelope {

    private Envelope() {
    }

    public record StatusChangeMessage(String traceId, StatusChange change) {
    }

    /**
     * One call to a carrier's (or marketplace's) tracking API, queued by the poll scheduler for the poll workers.
     *
     * @param source    the tracking client to call: the carrier id, or the marketplace id for a parcel tracked through it
     * @param shipments the shipments the call is about, in the order of {@code keys}
     * @param keys      what the call asks by (a tracking number, the merchant's reference, a marketplace order number)
     * @param gapMillis the least time between two calls of this source ({@code 1000 / calls per second})
     */
    public record PollWorkMessage(String traceId, String source, java.util.List<String> shipments, java.util.List<String> keys,
                                  long gapMillis) {
    }

    /** The outbound queue carries only the id: the stored notification is the truth. */
    public record OutboundMessage(String traceId, String notificationId) {
    }
}
