package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.ShipmentId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A decision to tell a customer something over one channel. Its id is derived from what it says
 * (shipment, message kind, channel), so deciding the same thing twice yields the same id and the
 * customer gets it once.
 */
public record NotificationIntent(String notificationId, ShipmentId shipmentId, String orderId, MessageKind kind,
                                 String channel, StatusChange change) {

    public static NotificationIntent of(StatusChange change, MessageKind kind, String channel) {
        return new NotificationIntent(idFor(change.shipmentId(), kind, channel), change.shipmentId(), change.orderId(),
                kind, channel, change);
    }

    public static String idFor(ShipmentId shipment, MessageKind kind, String channel) {
        String material = shipment + "|" + kind.templateName() + "|" + channel;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "n-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
