package io.kargotakip.core.shipment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One carrier scan, in canonical form.
 *
 * @param carrier        carrier id, e.g. {@code ups}
 * @param trackingNumber the carrier's tracking number
 * @param status         canonical status ({@link TrackingStatus#UNKNOWN} if the code is not mapped)
 * @param reason         why, for failures, delays and exceptions; otherwise null
 * @param occurredAt     when the scan happened, with the offset of the place it happened
 * @param location       human-readable place, may be null
 * @param carrierCode    the carrier's own code(s), e.g. {@code D/F4/011}
 * @param description    the carrier's own text
 * @param estimatedDelivery the carrier's expected delivery date as of this event, may be null
 * @param alternateNumber the shipment's other number at this carrier, may be null: where the shipment is keyed by
 *                        the merchant's reference (Yurtiçi cargoKey, Aras IntegrationCode, MNG referenceId), the
 *                        carrier's own tracking number (docId, KARGO TAKİP NO, shipmentId), so either finds it
 */
public record TrackingEvent(String carrier, String trackingNumber, TrackingStatus status, Reason reason,
                            OffsetDateTime occurredAt, String location, String carrierCode, String description,
                            LocalDate estimatedDelivery, String alternateNumber) {

    /** An event of a shipment that has one number at its carrier. */
    public TrackingEvent(String carrier, String trackingNumber, TrackingStatus status, Reason reason,
                         OffsetDateTime occurredAt, String location, String carrierCode, String description,
                         LocalDate estimatedDelivery) {
        this(carrier, trackingNumber, status, reason, occurredAt, location, carrierCode, description, estimatedDelivery, null);
    }

    public TrackingEvent {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(carrierCode, "carrierCode");
        alternateNumber = alternateNumber == null || alternateNumber.isBlank()
                || alternateNumber.trim().equalsIgnoreCase(trackingNumber.trim()) ? null : alternateNumber.trim();
    }

    public ShipmentId shipmentId() {
        return new ShipmentId(carrier, trackingNumber);
    }

    /**
     * The event's idempotency key: the same scan reported twice, or once pushed and once polled,
     * has the same key. It depends on the carrier's code and the instant, not on the payload shape.
     */
    public String idempotencyKey() {
        String material = shipmentId() + "|" + carrierCode + "|" + occurredAt.toInstant();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
