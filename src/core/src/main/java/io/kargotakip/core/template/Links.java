package io.kargotakip.core.template;

import io.kargotakip.core.shipment.ShipmentId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Links in messages. They carry an opaque token (an HMAC of the shipment id) and never an e-mail,
 * phone or order number, so a forwarded or logged URL gives nothing away.
 */
public final class Links {

    private final Brand brand;

    public Links(Brand brand) {
        this.brand = brand;
    }

    public String token(ShipmentId shipment) {
        return sign("shipment:" + shipment);
    }

    public String token(String purpose, String subject) {
        return sign(purpose + ":" + subject);
    }

    public String tracking(ShipmentId shipment) {
        return brand.trackingBaseUrl() + "/t/" + token(shipment);
    }

    public String action(ShipmentId shipment, String action) {
        return tracking(shipment) + "/" + action;
    }

    public String optOut(String notificationId) {
        return brand.trackingBaseUrl() + "/u/" + notificationId + "." + token("optout", notificationId);
    }

    /**
     * The notification an opt-out link's token ({@code <notificationId>.<signature>}, the last path segment of
     * {@link #optOut}) was made for, if this brand's secret signed it; empty for anything else.
     */
    public java.util.Optional<String> optOutNotification(String token) {
        return signedSubject("optout", token);
    }

    /**
     * The token the merchant's page gives the web-push script, {@code <orderId>.<signature>}: with it the browser may
     * subscribe (and unsubscribe) for that order's messages, without the orders API's key, which a page cannot hold.
     */
    public String webPushToken(String orderId) {
        return orderId + "." + token("webpush", orderId);
    }

    /** The order a web-push token ({@link #webPushToken}) was made for, if this brand's secret signed it. */
    public java.util.Optional<String> webPushOrder(String token) {
        return signedSubject("webpush", token);
    }

    /** The subject of {@code <subject>.<signature>} when the signature is this secret's for the purpose (constant-time check). */
    private java.util.Optional<String> signedSubject(String purpose, String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return java.util.Optional.empty();
        }
        String subject = token.substring(0, dot);
        byte[] expected = token(purpose, subject).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return java.security.MessageDigest.isEqual(expected, given) ? java.util.Optional.of(subject) : java.util.Optional.empty();
    }

    private String sign(String material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(brand.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(material.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
