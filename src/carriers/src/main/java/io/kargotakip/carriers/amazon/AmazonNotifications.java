package io.kargotakip.carriers.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.carriers.kit.CarrierJson;
import io.kargotakip.core.carrier.PayloadException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads SP-API notifications, which Amazon delivers to an SQS queue (or EventBridge) of the merchant's account, never
 * to HTTP ({@code schemas/notifications/OrderChangeNotification.json}): {@code {NotificationType, Payload:
 * {OrderChangeNotification: {AmazonOrderId, OrderChangeType, Summary: {FulfillmentType, OrderStatus, …}}},
 * NotificationMetadata}}. An EventBridge delivery wraps the same document in {@code detail}.
 *
 * <p>A notification is a hint, not the news: it names the order, and getOrder — what the order is now, with its
 * packages — is what reaches the normalizer. Only ORDER_CHANGE of a merchant-fulfilled (MFN) order is one we act on:
 * an Amazon-fulfilled order has no packages in the Orders API, and other notification types say nothing of parcels.
 */
public final class AmazonNotifications {

    static final String ORDER_CHANGE = "ORDER_CHANGE";
    /** Amazon's order ids are 3-7-7 digits. */
    private static final Pattern ORDER_ID = Pattern.compile("\\d{3}-\\d{7}-\\d{7}");

    private AmazonNotifications() {
    }

    /** The merchant-fulfilled order an ORDER_CHANGE notification is about; empty for any other notification. */
    public static Optional<String> orderId(byte[] notification) throws PayloadException {
        JsonNode root = CarrierJson.readObject(notification, "Amazon notification");
        JsonNode document = root.path("detail").isObject() ? root.get("detail") : root;
        String type = CarrierJson.text(document, "NotificationType");
        if (type == null) {
            type = CarrierJson.text(document, "notificationType");
        }
        if (type == null) {
            throw new PayloadException("Amazon notification has no NotificationType");
        }
        if (!ORDER_CHANGE.equals(type)) {
            return Optional.empty();
        }
        JsonNode change = document.path("Payload").path("OrderChangeNotification");
        String orderId = CarrierJson.text(change, "AmazonOrderId");
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new PayloadException("Amazon ORDER_CHANGE notification has no valid AmazonOrderId");
        }
        String fulfilment = CarrierJson.text(change.path("Summary"), "FulfillmentType");
        return "AFN".equals(fulfilment) ? Optional.empty() : Optional.of(orderId);
    }
}
