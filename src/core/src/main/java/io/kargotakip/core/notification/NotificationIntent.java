package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.ShipmentId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A decision to tell a customer something over one channel. Its id is derived from what it says
 * (shipment, message kind, channel, and which occurrence of the status it tells of), so deciding the same thing
 * twice yields the same id and the customer gets it once.
 */
public record NotificationIntent(String notificationId, ShipmentId shipmentId, String orderId, MessageKind kind,
                                 String channel, StatusChange change) {

    public static NotificationIntent of(StatusChange change, MessageKind kind, String channel) {
        return new NotificationIntent(idFor(change.shipmentId(), kind, channel, change.occurrence()), change.shipmentId(), change.orderId(),
                kind, channel, change);
    }

    /** The id of the message of this kind over this channel about the first occurrence of its status. */
    public static String idFor(ShipmentId shipment, MessageKind kind, String channel) {
        return idFor(shipment, kind, channel, 1);
    }

    /**
     * A message's identity is the occurrence it tells of: the same occurrence replayed gives the same id (sent once),
     * the second failed attempt another. The first occurrence keeps the id messages had before occurrences counted.
     */
    public static String idFor(ShipmentId shipment, MessageKind kind, String channel, int occurrence) {
        String material = shipment + "|" + kind.templateName() + "|" + channel + (occurrence > 1 ? "|#" + occurrence : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "n-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
