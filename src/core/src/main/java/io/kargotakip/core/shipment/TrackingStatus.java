package io.kargotakip.core.shipment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The canonical status dictionary every carrier code is mapped to.
 *
 * <p>{@link #phase()} orders the life of a shipment: a shipment never moves to an earlier phase,
 * and inside one phase only a newer event changes the status. {@code UNKNOWN} never changes a
 * shipment and never notifies.
 */
public enum TrackingStatus {
    LABEL_CREATED("label_created", 0),
    IN_TRANSIT("in_transit", 1),
    OUT_FOR_DELIVERY("out_for_delivery", 1),
    FAILED_ATTEMPT("failed_attempt", 1),
    DELAYED("delayed", 1),
    EXCEPTION("exception", 1),
    AVAILABLE_FOR_PICKUP("available_for_pickup", 1),
    DELIVERED("delivered", 2),
    RETURN_IN_TRANSIT("return_in_transit", 3),
    RETURNED_TO_SENDER("returned_to_sender", 4),
    UNKNOWN("unknown", -1);

    private final String wireName;
    private final int phase;

    TrackingStatus(String wireName, int phase) {
        this.wireName = wireName;
        this.phase = phase;
    }

    public String wireName() {
        return wireName;
    }

    public int phase() {
        return phase;
    }

    /**
     * Whether every event of this status is an occurrence of its own, even right after one of the same status: each
     * failed attempt is a new attempt (the second is what a VIP rule waits for). For the others a new occurrence
     * begins only when the shipment enters the status again (a delay after the parcel moved on is a new delay).
     */
    public boolean eachEventRecurs() {
        return this == FAILED_ATTEMPT;
    }

    /** Delivered and returned-to-sender end polling; a return can still follow a delivery. */
    public boolean isTerminal() {
        return this == DELIVERED || this == RETURNED_TO_SENDER;
    }

    public static Optional<TrackingStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
