package io.kargotakip.aws.queue;

import io.kargotakip.core.notification.StatusChange;

/** Message bodies of the status-changes and outbound queues; each carries the trace id of the scan behind it. */
public final class Envelope {

    private Envelope() {
    }

    public record StatusChangeMessage(String traceId, StatusChange change) {
    }

    /** The outbound queue carries only the id: the stored notification is the truth. */
    public record OutboundMessage(String traceId, String notificationId) {
    }
}
