package io.kargotakip.carriers.kit;

import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one carrier code means: a canonical status and, for failures, delays and exceptions, why.
 * Built only through {@link #of}, so a mapping that breaks the status dictionary's rules cannot exist.
 */
public record StatusMapping(TrackingStatus status, Reason reason) {

    /** The statuses that carry a reason; every other status carries none. */
    public static final Set<TrackingStatus> WITH_REASON =
            EnumSet.of(TrackingStatus.FAILED_ATTEMPT, TrackingStatus.DELAYED, TrackingStatus.EXCEPTION);

    /** A code the carrier sends that tells nothing new: the shipment keeps its status. */
    public static final StatusMapping UNKNOWN = new StatusMapping(TrackingStatus.UNKNOWN, null);

    public StatusMapping {
        Objects.requireNonNull(status, "status");
        if (WITH_REASON.contains(status) && reason == null) {
            throw new IllegalArgumentException(status + " needs a reason (use 'other' when the carrier gives none)");
        }
        if (!WITH_REASON.contains(status) && reason != null) {
            throw new IllegalArgumentException(status + " takes no reason");
        }
    }

    public static StatusMapping of(TrackingStatus status, Reason reason) {
        return new StatusMapping(status, reason);
    }
}
