package io.kargotakip.core.shipment;

import java.util.Locale;
import java.util.Objects;

/** A shipment is identified by its carrier and the carrier's tracking number. */
public record ShipmentId(String carrier, String trackingNumber) {

    public ShipmentId {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        carrier = carrier.trim().toLowerCase(Locale.ROOT);
        trackingNumber = trackingNumber.trim().toUpperCase(Locale.ROOT);
        if (carrier.isEmpty() || trackingNumber.isEmpty()) {
            throw new IllegalArgumentException("carrier and tracking number must not be blank");
        }
    }

    public static ShipmentId parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("shipment id must be carrier:trackingNumber");
        }
        return new ShipmentId(value.substring(0, colon), value.substring(colon + 1));
    }

    @Override
    public String toString() {
        return carrier + ":" + trackingNumber;
    }
}
